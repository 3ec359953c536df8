"""The step guidance's policies: the best match for the conversation open, the others a
link each, and every link reached and opened from the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.checklist.conftest import CTRL, start_with_ctrl_n


def choose_category(qtbot, window, category: str) -> None:
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL)  # Edit details
    dialog = window.conversation_actions.edit_dialog
    dialog.category.setCurrentIndex(dialog.category.findData(category))
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)


def test_the_best_policy_is_open_and_the_others_are_links(qtbot, agent_window):
    window, panel = agent_window, agent_window.checklist
    start_with_ctrl_n(qtbot, window, "301", "Cara")
    choose_category(qtbot, window, "Returns and refunds")
    text = panel.guide.toPlainText()
    assert text.count("Can do") == 1  # one policy open, not every one of the category
    also = text[text.index("Also in Returns and refunds"):]
    assert " · " in also  # the others, named and linked
    assert panel.guide.toHtml().count("policy:") >= 3


def test_a_policy_link_opens_from_the_keyboard(qtbot, agent_window):
    window, panel = agent_window, agent_window.checklist
    start_with_ctrl_n(qtbot, window, "302", "Dev")
    choose_category(qtbot, window, "Returns and refunds")
    window.show_checklist()
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)  # steps -> guidance
    assert window.focusWidget() is panel.guide
    qtbot.keyClick(panel.guide, Qt.Key.Key_Tab)  # the first link: the best policy
    best = panel.guide.textCursor().selectedText()
    qtbot.keyClick(panel.guide, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.policy_panel
    assert window.policy_panel.reader.policy.policy.title == best
