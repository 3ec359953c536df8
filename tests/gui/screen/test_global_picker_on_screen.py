"""From another program's window on a real (virtual) X screen: the hotkey opens the picker,
Enter pastes the filled phrase into that window, the clipboard gets its text back, Esc
pastes nothing, and a hotkey another program holds is reported."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from checkback.integrations.desktop_input import Chord, HotkeyError
from checkback.integrations.x11_input import X11Input
from tests.gui.screen.conftest import wait_for
from tests.servers.screen import RealScreen, TargetWindow

pytestmark = pytest.mark.screen
PICKER = "Checkback: paste a phrase"
PHRASE = "Here is your tracking link, Sam Lee."


def picker_window(screen: RealScreen) -> int | None:
    return screen.find_window(PICKER)


def test_the_hotkey_from_another_window_pastes_the_filled_phrase_there(
        real_screen: RealScreen, target_window: TargetWindow, running_app: Path) -> None:
    real_screen.set_clipboard("the agent's own clipboard")
    target_window.activate()
    real_screen.type_text("Hello Dana. ")

    real_screen.key("alt+space")
    wait_for(lambda: bool(picker_window(real_screen))
             and real_screen.active_window() == picker_window(real_screen),
             "the picker to have the keyboard")
    real_screen.type_text("tracking")
    real_screen.key("Return")

    assert target_window.wait_for_text(f"Hello Dana. {PHRASE}") == f"Hello Dana. {PHRASE}"
    assert real_screen.active_window() == target_window.window_id
    wait_for(lambda: real_screen.clipboard() == "the agent's own clipboard",
             "the clipboard to be given back", 3)


def test_esc_gives_the_keyboard_back_and_pastes_nothing(
        real_screen: RealScreen, target_window: TargetWindow, running_app: Path) -> None:
    target_window.activate()
    real_screen.type_text("Draft")

    real_screen.key("alt+space")
    wait_for(lambda: real_screen.active_window() == picker_window(real_screen),
             "the picker to have the keyboard")
    real_screen.type_text("tracking")
    real_screen.key("Escape")

    wait_for(lambda: real_screen.active_window() == target_window.window_id,
             "the keyboard to go back")
    time.sleep(0.4)
    assert target_window.text() == "Draft"


def test_a_hotkey_another_program_holds_is_reported(real_screen: RealScreen) -> None:
    holder, second = X11Input(real_screen.display), X11Input(real_screen.display)
    try:
        holder.grab(Chord.parse("Ctrl+Alt+F7"))
        with pytest.raises(HotkeyError) as caught:
            second.grab(Chord.parse("Ctrl+Alt+F7"))
        assert "Ctrl+Alt+F7 is taken by another program" in caught.value.message
        holder.release()
        second.grab(Chord.parse("Ctrl+Alt+F7"))  # free again: taken
    finally:
        holder.close()
        second.close()
