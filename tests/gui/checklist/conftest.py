"""The checklist panel on its own, on a Session with the shipped content (it needs the
playbooks), and the ways to start a conversation on it or on the window."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from checkback.core.conversation import Conversation
from checkback.paths import shipped_content_dir
from checkback.settings import AGENT_NAME, COMPANY, Settings
from checkback.ui.checklist.actions import ConversationActions
from checkback.ui.checklist.panel import ChecklistPanel
from checkback.ui.main_window import MainWindow
from checkback.ui.session import Session

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def agent(shipped: Session) -> Session:
    """The shipped Session, for the agent Sam Lee of Fernway Outfitters (as phrases fill)."""
    shipped.settings.set(AGENT_NAME, "Sam Lee")
    shipped.settings.set(COMPANY, "Fernway Outfitters")
    return shipped


@pytest.fixture
def agent_window(open_window, data_dir: Path) -> MainWindow:
    """The agent's main window on the shipped content, for what the window itself does."""
    settings = Settings(data_dir)
    settings.set(AGENT_NAME, "Sam Lee")
    settings.set(COMPANY, "Fernway Outfitters")
    return open_window(shipped_content_dir())


@pytest.fixture
def checklist(show, agent: Session) -> ChecklistPanel:
    """The agent's checklist panel, shown, without the main window."""
    return show(ChecklistPanel(agent))


@pytest.fixture
def actions(checklist: ChecklistPanel) -> ConversationActions:
    """The conversation forms over ``checklist``, as the window's menu opens them."""
    return ConversationActions(checklist)


@pytest.fixture
def statuses(checklist: ChecklistPanel) -> list[str]:
    """Every status message ``checklist`` emitted (and its forms), in order."""
    seen: list[str] = []
    checklist.status_changed.connect(seen.append)
    return seen


def start_conversation(qtbot, actions: ConversationActions, ticket: str = "",
                       name: str = "Dana Reyes") -> Conversation:
    """Start a conversation from the panel's New form, typing ``ticket`` and ``name``."""
    actions.new_conversation()
    return _fill_new_form(qtbot, actions, ticket, name)


def start_with_ctrl_n(qtbot, window: MainWindow, ticket: str = "",
                      name: str = "Dana Reyes") -> Conversation:
    """Start a conversation from the window's Ctrl+N, typing ``ticket`` and ``name``."""
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    return _fill_new_form(qtbot, window.conversation_actions, ticket, name)


def _fill_new_form(qtbot, actions: ConversationActions, ticket: str,
                   name: str) -> Conversation:
    dialog = actions.new_dialog
    assert dialog.isVisible() and dialog.focusWidget() is dialog.ticket
    qtbot.keyClicks(dialog.ticket, ticket)
    qtbot.keyClick(dialog.ticket, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.name
    qtbot.keyClicks(dialog.name, name)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    return actions.panel.conversation



def summarise(dialog, problem: str = "Parcel lost in transit",
              did: str = "Sent a replacement by express") -> None:
    """Say in the resolve form what was wrong and what was done (both are required)."""
    dialog.problem.setText(problem)
    dialog.resolution.setPlainText(did)
