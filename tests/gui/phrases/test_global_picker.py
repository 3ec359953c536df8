"""The picker from any window, on a fake platform layer that records what would reach the
desktop (the real X11 layer is tested on a virtual screen in tests/gui/screen)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from checkback.core.conversation import Conversation, Customer
from checkback.core.playbooks import Step
from checkback.integrations.desktop_input import Chord, HotkeyError, TargetWindow
from checkback.settings import AGENT_NAME, PASTE_INTO_WINDOW, PICKER_HOTKEY
from checkback.ui.phrases.global_picker import GlobalPicker, ticket_in_title
from checkback.ui.phrases.words import PhraseWords

HELPDESK = TargetWindow(4242, "#48213 Parcel never arrived – Zendesk - Browser")
T0 = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)
PRESS_ADDRESS = 0xC0FFEE  # what the fake counts as the chord's native message


class FakeDesktop:
    """Records, in order, what the picker asks of the platform."""

    def __init__(self, focused: TargetWindow | None = HELPDESK, taken: bool = False) -> None:
        self.calls: list[tuple[str, object]] = []
        self._focused, self._taken = focused, taken
        self._pressed = 0

    def grab(self, chord: Chord) -> None:
        if self._taken:
            raise HotkeyError(f"{chord.label} is taken by another program.")
        self.calls.append(("grab", chord.label))

    def release(self) -> None:
        self.calls.append(("release", None))

    def fileno(self) -> int | None:
        return None

    def native_event(self, message: int) -> bool:
        self._pressed += message == PRESS_ADDRESS
        return message == PRESS_ADDRESS

    def presses(self) -> int:
        count, self._pressed = self._pressed, 0
        return count

    def focused(self) -> TargetWindow | None:
        return self._focused

    def focus(self, window: TargetWindow) -> None:
        self.calls.append(("focus", window.handle))

    def paste(self) -> None:
        self.calls.append(("paste", QGuiApplication.clipboard().text()))

    def close(self) -> None:
        self.calls.append(("close", None))


def conversation(name: str, ticket: str) -> Conversation:
    return Conversation.start(Customer(ticket=ticket, name=name), "five", "Five",
                              (Step("plan", "Plan"),), T0)


@pytest.fixture
def open_ones() -> list[Conversation]:
    return [conversation("Priya Nair", "50001"), conversation("Dana Whitfield", "48213")]


@pytest.fixture
def make_picker(qtbot, shipped, open_ones):
    shipped.settings.set(AGENT_NAME, "Sam Lee")

    def make(desktop: FakeDesktop | None = None, active: Conversation | None = None):
        def values(chosen: Conversation | None) -> dict[str, str]:
            return {"customer_name": chosen.customer.name if chosen else "",
                    "ticket": chosen.customer.ticket if chosen else "", "issue": "",
                    "agent_name": "Sam Lee", "company": "Fernway Outfitters"}

        picker = GlobalPicker(shipped, PhraseWords(), lambda: open_ones,
                              lambda: active if active is not None else open_ones[0],
                              values, desktop if desktop is not None else FakeDesktop())
        qtbot.addWidget(picker.window)
        return picker
    return make


def pick(qtbot, picker, words: str) -> None:
    qtbot.keyClicks(picker.window.search.search_box, words)
    qtbot.keyClick(picker.window.search.search_box, Qt.Key.Key_Return)


def test_the_ticket_on_screen_picks_whose_phrase_it_is_and_enter_pastes_it_there(
        qtbot, make_picker) -> None:
    desktop = FakeDesktop()
    picker = make_picker(desktop)
    QGuiApplication.clipboard().setText("what the agent had copied")

    picker.open_over_focused()

    assert picker.window.isVisible()
    assert picker.window.header.text().startswith("For #48213 · Dana Whitfield")
    pick(qtbot, picker, "right person")
    assert not picker.window.isVisible()
    qtbot.waitUntil(lambda: any(call[0] == "paste" for call in desktop.calls), timeout=2000)
    assert desktop.calls[0] == ("focus", 4242)
    assert desktop.calls[1] == ("paste", "You've come to the right person, Dana Whitfield. "
                                         "I'll stay with this until it's sorted.")
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "what the agent had copied",
                    timeout=2000)


def test_esc_gives_the_keyboard_back_and_pastes_nothing(qtbot, make_picker) -> None:
    desktop = FakeDesktop()
    picker = make_picker(desktop)
    picker.open_over_focused()

    qtbot.keyClick(picker.window.search.search_box, Qt.Key.Key_Escape)

    assert not picker.window.isVisible()
    assert desktop.calls == [("focus", 4242)]


def test_ctrl_tab_goes_through_the_conversations_and_no_customer(qtbot, make_picker,
                                                                open_ones) -> None:
    picker = make_picker(FakeDesktop(TargetWindow(1, "Inbox – Mail")))
    picker.open_over_focused()
    assert "Priya Nair" in picker.window.header.text()  # the checklist's conversation

    qtbot.keyClick(picker.window.search.search_box, Qt.Key.Key_Tab,
                   Qt.KeyboardModifier.ControlModifier)
    assert "Dana Whitfield" in picker.window.header.text()
    qtbot.keyClick(picker.window.search.search_box, Qt.Key.Key_Tab,
                   Qt.KeyboardModifier.ControlModifier)
    assert "no customer" in picker.window.header.text()
    picker.cancel()

    picker.open_over_focused()  # the choice sticks until changed
    assert "no customer" in picker.window.header.text()


def test_with_no_customer_the_form_asks_for_the_name_never_a_gap(qtbot, make_picker) -> None:
    desktop = FakeDesktop(TargetWindow(1, "Inbox – Mail"))
    picker = make_picker(desktop)
    picker.open_over_focused()
    picker.for_nobody = True

    pick(qtbot, picker, "right person")

    form = picker.copier.form
    assert form is not None and form.isVisible()
    assert desktop.calls == []  # nothing pasted while the form asks


def test_a_ticket_on_screen_without_a_conversation_is_offered_one(qtbot, make_picker) -> None:
    picker = make_picker(FakeDesktop(TargetWindow(9, "#777 Wrong size – Freshdesk")))
    asked: list[Customer] = []
    picker.new_conversation_requested.connect(asked.append)
    picker.open_over_focused()
    assert "Ticket #777 on screen has no conversation: Ctrl+N" in picker.window.header.text()

    qtbot.keyClick(picker.window.search.search_box, Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier)

    assert [customer.ticket for customer in asked] == ["777"]


def test_copy_only_copies_and_leaves_the_focus_alone(qtbot, shipped, make_picker) -> None:
    shipped.settings.set(PASTE_INTO_WINDOW, False)
    desktop = FakeDesktop()
    picker = make_picker(desktop)
    picker.open_over_focused()

    pick(qtbot, picker, "right person")

    assert desktop.calls == []
    assert QGuiApplication.clipboard().text().endswith("until it's sorted.")


def test_a_pasted_phrase_counts_as_used(qtbot, shipped, make_picker) -> None:
    picker = make_picker(FakeDesktop())
    picker.open_over_focused()

    pick(qtbot, picker, "right person")

    count = shipped.reader.execute(
        "SELECT use_count FROM snippet_usage WHERE key LIKE '%right person'").fetchone()
    assert count == (1,)


def test_a_taken_hotkey_is_said_in_words(make_picker, shipped) -> None:
    picker = make_picker(FakeDesktop(taken=True))

    assert "Alt+Space is taken by another program" in picker.take_hotkey()
    shipped.settings.set(PICKER_HOTKEY, "Ctrl+Alt+P")
    free = make_picker(FakeDesktop())
    assert free.take_hotkey() == "" and free.desktop.calls == [("grab", "Ctrl+Alt+P")]


@pytest.mark.parametrize(("typed", "label"), [
    ("Alt+Space", "Alt+Space"), ("ctrl + shift + p", "Ctrl+Shift+P"),
    ("Option+Space", "Alt+Space"), ("Cmd+Alt+F8", "Alt+Meta+F8"), ("F9", "F9")])
def test_chords_are_read_as_typed(typed, label) -> None:
    assert Chord.parse(typed).label == label


@pytest.mark.parametrize("typed", ["", "Alt", "p", "Ctrl+A+B"])
def test_a_chord_that_is_no_chord_is_refused_in_words(typed) -> None:
    with pytest.raises(HotkeyError) as caught:
        Chord.parse(typed)
    assert "Alt+Space" in caught.value.message or "modifier" in caught.value.message


def test_the_ticket_in_a_window_title() -> None:
    assert ticket_in_title("#48213 Parcel never arrived – Zendesk") == "48213"
    assert ticket_in_title("Ticket # 7: Late – Request Tracker") == "7"
    assert ticket_in_title("Inbox (3) – Mail") == ""


def test_settings_set_the_picker_key_and_refuse_one_that_is_no_chord(qtbot, shipped) -> None:
    from checkback.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(shipped.settings)
    qtbot.addWidget(dialog)
    dialog.picker.hotkey.setText("p")
    dialog.accept()
    assert "Add a modifier" in dialog.error.text() and shipped.settings.get(
        PICKER_HOTKEY) == "Alt+Space"

    dialog.picker.hotkey.setText("ctrl+shift+space")
    dialog.picker.paste.setChecked(False)
    dialog.accept()

    assert shipped.settings.get(PICKER_HOTKEY) == "Ctrl+Shift+Space"
    assert shipped.settings.get(PASTE_INTO_WINDOW) is False


def test_a_press_among_the_native_events_opens_the_picker(qtbot, make_picker) -> None:
    desktop = FakeDesktop()
    picker = make_picker(desktop)
    assert picker.take_hotkey() == ""

    handled = [picker._messages.nativeEventFilter(b"windows_generic_MSG", address)[0]
               for address in (0x1, PRESS_ADDRESS)]

    assert handled == [False, True]
    qtbot.waitUntil(picker.window.isVisible, timeout=2000)
    assert "Dana Whitfield" in picker.window.header.text()
