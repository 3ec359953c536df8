"""The resolution log on its own (with the follow-up queue beside it where a test reads
both), or the whole window for what the window does; and the quick log form, filled in."""

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from checkback.paths import shipped_content_dir
from checkback.settings import TIME_ZONE, Settings
from checkback.ui.follow_ups.panel import FollowUpPanel
from checkback.ui.log.actions import LogActions
from checkback.ui.log.panel import LogPanel
from checkback.ui.main_window import MainWindow
from checkback.ui.session import Session
from tests.gui.follow_ups.conftest import MONDAY_10, Clock

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def desk(session: Session) -> Session:
    """The test's Session in Berlin, at 10:00 on Monday 23 November 2026 by a clock that
    runs on. Nothing is indexed (the log needs no content): a test that resolves a
    conversation asks for ``shipped`` too, the same Session with the shipped playbooks."""
    session.settings.set(TIME_ZONE, "Europe/Berlin")
    session.clock = Clock(MONDAY_10)
    return session


@pytest.fixture
def log(show, desk: Session) -> LogPanel:
    """The resolution log, shown, without the main window."""
    return show(LogPanel(desk))


@pytest.fixture
def follow_ups(qtbot, desk: Session) -> FollowUpPanel:
    """The follow-up queue on the log's Session (not shown): it reads again whatever the
    log changes."""
    panel = FollowUpPanel(desk)
    qtbot.addWidget(panel)
    return panel


@pytest.fixture
def agent(open_window, data_dir: Path) -> MainWindow:
    """The main window on the shipped content, in Berlin, on the test's clock: for what the
    window itself does with the log (its shortcuts, tabs and menus)."""
    Settings(data_dir).set(TIME_ZONE, "Europe/Berlin")
    return open_window(shipped_content_dir(), clock=Clock(MONDAY_10))


def quick_log(qtbot, log: LogPanel, ticket="7001", name="Ines Moreau", **fields) -> None:
    """Store one record through Quick log, opened with the panel's button."""
    qtbot.mouseClick(log.quick_button, Qt.MouseButton.LeftButton)
    _fill_quick_log(qtbot, log.record_actions, ticket, name, **fields)


def quick_log_by_key(qtbot, window: MainWindow, ticket="7001", name="Ines Moreau",
                     **fields) -> None:
    """Store one record through Quick log, opened with the window's Ctrl+Shift+N."""
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL | SHIFT)
    _fill_quick_log(qtbot, window.log.record_actions, ticket, name, **fields)


def _fill_quick_log(qtbot, actions: LogActions, ticket: str, name: str, *, kind="refund",
                    outcome="accepted_reluctantly", problem="Charged twice",
                    contact="ines@x.example", category="Billing",
                    did="Refunded the second charge") -> None:
    """Fill in the open Quick log form; save without an outcome (refused), then with one."""
    dialog = actions.quick_dialog
    assert dialog.isVisible() and dialog.focusWidget() is dialog.ticket
    qtbot.keyClicks(dialog.ticket, ticket)
    qtbot.keyClicks(dialog.name, name)
    dialog.channel.setCurrentIndex(dialog.channel.findData("chat"))
    qtbot.keyClicks(dialog.contact, contact)
    dialog.category.setCurrentText(category)
    dialog.problem.setText(problem)
    dialog.resolution.setPlainText(did)
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    dialog.arrives.setDate(dt.date(2026, 11, 26))
    dialog.accept()
    assert dialog.isVisible() and "outcome" in dialog.error.text()  # required, as always
    dialog.outcome.setCurrentIndex(dialog.outcome.findData(outcome))
    dialog.accept()
    assert not dialog.isVisible()


def shown(log: LogPanel) -> list[str]:
    """The customers of the records the log shows, in its order."""
    model = log.model
    return [model.index(row, 2).data() for row in range(model.rowCount())]
