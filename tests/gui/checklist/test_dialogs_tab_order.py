"""Tab goes through the customer's fields in the order the forms show them."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from checkback.ui.checklist.dialogs import NewConversationDialog
from checkback.ui.log.dialogs import QuickLogDialog


def tab_walk(qtbot, dialog, steps: int) -> list[str]:
    dialog.show()
    dialog.activateWindow()
    dialog.ticket.setFocus()
    seen = [dialog.focusWidget().accessibleName()]
    for _ in range(steps):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        seen.append(dialog.focusWidget().accessibleName())
    return seen


def test_new_conversation_tabs_ticket_name_channel_contact_issue(qtbot) -> None:
    dialog = NewConversationDialog(["Delivery"], [])
    qtbot.addWidget(dialog)

    assert tab_walk(qtbot, dialog, 4) == ["Ticket", "Customer's name", "Channel", "Contact",
                                          "Issue category"]


def test_quick_log_tabs_ticket_name_channel_contact_issue(qtbot) -> None:
    dialog = QuickLogDialog(["Delivery"], dt.date(2026, 12, 2))
    qtbot.addWidget(dialog)

    assert tab_walk(qtbot, dialog, 5) == ["Ticket", "Customer's name", "Channel", "Contact",
                                          "Issue category", "What was wrong"]


def test_settings_open_with_the_cursor_in_the_agents_name(qtbot, session) -> None:
    from checkback.settings import AGENT_NAME, SUGGEST_BREATHER
    from checkback.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(session.settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    assert dialog.focusWidget() is dialog.agent_name

    qtbot.keyClicks(dialog.focusWidget(), "Sam Lee")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Space)
    dialog.accept()

    assert session.settings.get(AGENT_NAME) == "Sam Lee"
    assert session.settings.get(SUGGEST_BREATHER) is True
