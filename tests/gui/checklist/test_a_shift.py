"""A conversation of a shift, scripted from the keyboard: a new conversation, its five
steps, four phrases, a resolve with a replacement, then the follow-up copied and done.
Nothing is typed twice and nothing needs correcting: every key the agent presses is
recorded, and no text is entered twice, no Backspace is pressed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from checkback.ui.widgets.placeholder_form import PlaceholderForm
from tests.gui.checklist.conftest import CTRL
from tests.gui.conftest import stored

NAME, CONTACT = "Dana Reyes", "dana@example.com"


class Keyboard:
    """The agent's hands: keys and texts, recorded."""

    def __init__(self, qtbot) -> None:
        self._qtbot = qtbot
        self.texts: list[str] = []
        self.keys: list[Qt.Key] = []

    def type(self, widget, text: str) -> None:
        self.texts.append(text)
        self._qtbot.keyClicks(widget, text)

    def press(self, widget, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
        self.keys.append(key)
        self._qtbot.keyClick(widget, key, modifiers)


def test_a_conversation_of_a_shift_needs_nothing_typed_twice(qtbot, agent_window, data_dir):
    window, panel, keys = agent_window, agent_window.checklist, Keyboard(qtbot)

    keys.press(window, Qt.Key.Key_N, CTRL)
    start = window.conversation_actions.new_dialog
    for field, text in ((start.ticket, "4411"), (start.name, NAME), (start.contact, CONTACT)):
        keys.type(field, text)
        keys.press(field, Qt.Key.Key_Tab)
    keys.press(start.focusWidget(), Qt.Key.Key_Return)
    assert panel.conversation.customer.contact == CONTACT

    steps = panel.step_list
    for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5):
        keys.press(steps, key)
    assert "5/5" in panel.switcher.currentText()

    copied = []
    keys.press(window, Qt.Key.Key_L, CTRL)  # the steps
    for _step in range(4):  # a phrase from each of four steps, filled for Dana
        keys.press(window.focusWidget(), Qt.Key.Key_Up)
        keys.press(window.focusWidget(), Qt.Key.Key_Return)  # to the step's phrases
        keys.press(window.focusWidget(), Qt.Key.Key_Return)  # copies the first, filled
        asked = QApplication.activeModalWidget()  # a question only the agent can answer
        if isinstance(asked, PlaceholderForm):
            keys.type(asked.focusWidget(), f"answer {len(copied)}")
            keys.press(asked.focusWidget(), Qt.Key.Key_Return)
        copied.append(QApplication.clipboard().text())
        keys.press(window.focusWidget(), Qt.Key.Key_Escape)  # back to the steps
    assert all("{" not in text for text in copied) and len(set(copied)) >= 2

    keys.press(window, Qt.Key.Key_Return, CTRL)  # Resolve
    form = window.conversation_actions.resolve_dialog
    for field, text in ((form.problem, "Parcel lost in transit"),
                        (form.customer_words, "the parcel that never arrived"),
                        (form.resolution, "Sent a replacement by express")):
        keys.type(field, text)
        keys.press(field, Qt.Key.Key_Tab)
    keys.type(form.kind, "Replacement")  # a combo box finds an item as it is typed
    keys.press(form.kind, Qt.Key.Key_Tab)
    keys.press(form.outcome, Qt.Key.Key_Down)
    assert "e-mail" in form.follow_up.text()  # when and how the follow-up will happen
    keys.press(form.outcome, Qt.Key.Key_Return)
    assert not form.isVisible()
    assert stored(data_dir, "SELECT kind, customer_name, contact, problem, customer_words,"
                  " resolution FROM resolutions") == [
        ("replacement", NAME, CONTACT, "Parcel lost in transit",
         "the parcel that never arrived", "Sent a replacement by express")]

    keys.press(window, Qt.Key.Key_U, CTRL)  # Follow-ups
    queue = window.follow_ups
    keys.press(queue.queue, Qt.Key.Key_Down)
    assert queue.current is not None and queue.current.who.startswith(NAME)
    assert window.tabs.currentWidget() is queue
    queue.contact.copy_button.click()  # Alt+C on a screen (offscreen Qt has no mnemonics)
    message = QApplication.clipboard().text()
    assert message.startswith(f"Hello {NAME}") and "the parcel that never arrived" in message
    next(a for a in queue.done_button.menu().actions() if a.text() == "Satisfied").trigger()
    assert stored(data_dir, "SELECT status, result FROM follow_ups") == [("done", "satisfied")]

    assert len(keys.texts) == len(set(keys.texts)) and NAME in keys.texts
    assert Qt.Key.Key_Backspace not in keys.keys and Qt.Key.Key_Delete not in keys.keys
