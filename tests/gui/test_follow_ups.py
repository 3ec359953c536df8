"""The follow-up queue and its reminders, driven as an agent would."""

import datetime as dt
import sqlite3
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

from checkback.core.follow_ups import Group
from checkback.paths import shipped_content_dir
from checkback.settings import AGENT_NAME, COMPANY, TIME_ZONE, Settings, follow_up_rules
from checkback.storage.database import database_path

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY_10 = dt.datetime(2026, 11, 23, 10, tzinfo=BERLIN)


class Clock:
    """The app's clock in a test: set to any time, then running on in real time."""

    def __init__(self, start: dt.datetime) -> None:
        self.set(start)

    def set(self, moment: dt.datetime) -> None:
        self._start, self._began = moment, time.monotonic()

    def __call__(self) -> dt.datetime:
        return self._start + dt.timedelta(seconds=time.monotonic() - self._began)


@pytest.fixture
def clock() -> Clock:
    return Clock(MONDAY_10)


@pytest.fixture
def agent(open_window, data_dir: Path, clock: Clock):
    settings = Settings(data_dir)
    settings.set(AGENT_NAME, "Sam Lee")
    settings.set(COMPANY, "Fernway Outfitters")
    settings.set(TIME_ZONE, "Europe/Berlin")
    window = open_window(shipped_content_dir())
    window.checklist.clock = clock
    return window


def stored(data_dir: Path, sql: str, *params):
    conn = sqlite3.connect(database_path(data_dir))
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def resolve(qtbot, window, *, channel="phone", contact="dana@example.com", kind="credit",
            arrives: dt.date | None = None, ticket="4411", name="Dana Reyes"):
    """Start a conversation, then resolve it through the forms."""
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    start = window.conversation_actions.new_dialog
    qtbot.keyClicks(start.ticket, ticket)
    qtbot.keyClicks(start.name, name)
    start.channel.setCurrentIndex(start.channel.findData(channel))
    qtbot.keyClicks(start.contact, contact)
    qtbot.keyClick(start.name, Qt.Key.Key_Return)
    window.conversation_actions.resolve()
    dialog = window.conversation_actions.resolve_dialog
    dialog.problem.setText("Parcel arrived late")
    qtbot.keyClicks(dialog.resolution, "Credited the shipping cost")
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    if arrives is None:
        dialog.mark_received.setChecked(True)
    else:
        dialog.arrives.setDate(arrives)
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("satisfied"))
    qtbot.keyClick(dialog.problem, Qt.Key.Key_Return)
    assert not dialog.isVisible()


def choose(button, label: str) -> None:
    """Pick ``label`` from a button's menu."""
    next(a for a in button.menu().actions() if a.text() == label).trigger()


def queue_text(window) -> list[str]:
    model = window.follow_ups.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_resolve_remind_open_copy_and_mark_done(qtbot, agent, clock, data_dir):
    window, panel = agent, agent.follow_ups
    assert panel.pages.currentIndex() == 1  # the empty state says what will appear
    resolve(qtbot, window, channel="phone", contact="dana@example.com", kind="credit")

    # A day later, in working hours, by e-mail since the customer phoned.
    assert queue_text(window) == ["Upcoming · 1",
                                  "Dana Reyes (#4411)\ne-mail · due tomorrow 10:01"]
    assert stored(data_dir, "SELECT due_at, channels FROM follow_ups") == [
        ("2026-11-24T09:01:00.000000+00:00", "email")]
    assert window.tabs.tabText(window.tabs.indexOf(panel)) == "Follow-&ups"

    # The clock moves on to just before it is due; the reminder fires by itself.
    clock.set(dt.datetime(2026, 11, 24, 10, 0, 59, 500_000, tzinfo=BERLIN))
    window.reminders.rearm()
    with qtbot.waitSignal(window.reminders.fell_due, timeout=5000) as fired:
        pass
    assert [item.customer_name for item in fired.args[0]] == ["Dana Reyes"]
    assert window.banner.isVisible()  # no tray here, so the window shows it
    assert "Follow up with Dana Reyes (#4411)" in window.banner.text.text()
    assert window.tabs.tabText(window.tabs.indexOf(panel)) == "Follow-&ups (1)"

    qtbot.mouseClick(window.banner.open_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is panel and not window.banner.isVisible()
    assert panel.current.customer_name == "Dana Reyes"
    assert "Overdue · 1" in queue_text(window)
    assert "by e-mail" in panel.summary.text().lower()

    qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    assert copied.startswith("Hello Dana Reyes,")
    assert "about parcel arrived late" in copied and "Sam Lee" in copied
    assert "{" not in copied

    choose(panel.done_button, "Satisfied")
    assert panel.model.total == 0 and panel.pages.currentIndex() == 1
    assert window.tabs.tabText(window.tabs.indexOf(panel)) == "Follow-&ups"
    assert stored(data_dir, "SELECT status, result FROM follow_ups") == [("done", "satisfied")]
    assert stored(data_dir, "SELECT follow_up FROM resolutions") == [("satisfied",)]
