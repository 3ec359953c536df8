"""The agent Sam Lee in Berlin working hours, on a clock the test moves: the follow-up queue
on its own, or the whole window for what the window does (reminders, the tab's count, the
checklist a follow-up leads back to); and the ways to resolve a conversation for it."""

import datetime as dt
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt

from checkback.core.conversation import Conversation, Customer
from checkback.core.follow_ups import DELIVERY_KINDS, plan_follow_up
from checkback.core.resolutions import Outcome, ResolutionForm, ResolutionKind
from checkback.paths import shipped_content_dir
from checkback.settings import AGENT_NAME, COMPANY, TIME_ZONE, Settings, follow_up_rules
from checkback.storage.conversations import resolve_conversation, start_conversation
from checkback.storage.guidance import load_playbooks
from checkback.ui.follow_ups.panel import FollowUpPanel
from checkback.ui.main_window import MainWindow
from checkback.ui.session import Change, Session

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY_10 = dt.datetime(2026, 11, 23, 10, tzinfo=BERLIN)
PROBLEM, RESOLUTION = "Parcel arrived late", "Credited the shipping cost"
CUSTOMER_WORDS = "the parcel that arrived late"


class Clock:
    """The app's clock in a test: set to any time, then running on in real time."""

    def __init__(self, start: dt.datetime) -> None:
        self.set(start)

    def set(self, moment: dt.datetime) -> None:
        """Jump to ``moment``; the clock runs on from there."""
        self._start, self._began = moment, time.monotonic()

    def __call__(self) -> dt.datetime:
        return self._start + dt.timedelta(seconds=time.monotonic() - self._began)


@pytest.fixture
def clock() -> Clock:
    """The test's clock, at 10:00 on Monday 23 November 2026 in Berlin."""
    return Clock(MONDAY_10)


@pytest.fixture
def desk(shipped: Session, clock: Clock) -> Session:
    """The shipped Session of Sam Lee at Fernway Outfitters, in Berlin, on ``clock``."""
    settings = shipped.settings
    settings.set(AGENT_NAME, "Sam Lee")
    settings.set(COMPANY, "Fernway Outfitters")
    settings.set(TIME_ZONE, "Europe/Berlin")
    shipped.clock = clock
    return shipped


@pytest.fixture
def panel(show, desk: Session) -> FollowUpPanel:
    """The agent's follow-up queue, shown, without the main window."""
    return show(FollowUpPanel(desk))


@pytest.fixture
def agent(open_window, data_dir: Path, clock: Clock) -> MainWindow:
    """The agent's main window on the shipped content and ``clock``, for what the window
    itself does with follow-ups."""
    settings = Settings(data_dir)
    settings.set(AGENT_NAME, "Sam Lee")
    settings.set(COMPANY, "Fernway Outfitters")
    settings.set(TIME_ZONE, "Europe/Berlin")
    window = open_window(shipped_content_dir())
    window.checklist.clock = clock
    return window


def resolve(qtbot, window, *, channel="phone", contact="dana@example.com", kind="credit",
            arrives: dt.date | None = None, ticket="4411", name="Dana Reyes"):
    """Start a conversation, then resolve it through the window's forms."""
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    start = window.conversation_actions.new_dialog
    qtbot.keyClicks(start.ticket, ticket)
    start.name.insert(name)  # as pasted: the test keyboard types only ASCII
    start.channel.setCurrentIndex(start.channel.findData(channel))
    qtbot.keyClicks(start.contact, contact)
    qtbot.keyClick(start.name, Qt.Key.Key_Return)
    window.conversation_actions.resolve()
    dialog = window.conversation_actions.resolve_dialog
    dialog.problem.setText(PROBLEM)
    dialog.customer_words.setText(CUSTOMER_WORDS)
    qtbot.keyClicks(dialog.resolution, RESOLUTION)
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    if arrives is None:
        dialog.mark_received.setChecked(True)
    else:
        dialog.arrives.setDate(arrives)
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("satisfied"))
    qtbot.keyClick(dialog.problem, Qt.Key.Key_Return)
    assert not dialog.isVisible()


def resolved(session: Session, *, channel="phone", contact="dana@example.com", kind="credit",
             arrives: dt.date | None = None, ticket="4411", name="Dana Reyes") -> int:
    """Store what ``resolve`` does, without the window: a conversation on the default
    playbook, started and resolved (satisfied) now, with its follow-up planned; returns the
    record's id. Written through the Session, which announces it to the panels."""
    playbook = load_playbooks(session.reader)[0]
    now = session.now()
    customer = Customer(ticket=ticket, name=name, channel=channel, contact=contact)
    conversation = Conversation.start(customer, playbook.slug, playbook.name, playbook.steps,
                                      now)
    session.write(Change.CONVERSATIONS, lambda conn: start_conversation(conn, conversation))
    form = ResolutionForm(PROBLEM, RESOLUTION, ResolutionKind(kind), Outcome.SATISFIED,
                          arrives if ResolutionKind(kind) in DELIVERY_KINDS else None)
    plan = plan_follow_up(form.kind, channel, contact, now, follow_up_rules(session.settings),
                          form.arrives_on)
    return session.write(Change.CONVERSATIONS | Change.RESOLUTIONS | Change.FOLLOW_UPS,
                         lambda conn: resolve_conversation(conn, conversation, form, now, plan))


def choose(button, label: str) -> None:
    """Pick ``label`` from a button's menu."""
    next(a for a in button.menu().actions() if a.text() == label).trigger()


def queue_text(panel: FollowUpPanel) -> list[str]:
    """The queue's rows as the agent reads them: group headings and follow-ups."""
    model = panel.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]
