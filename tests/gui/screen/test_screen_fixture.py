"""The real screen's fixtures do what the hotkey, focus and paste tests rely on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.servers.screen import RealScreen, TargetWindow

pytestmark = pytest.mark.screen


def test_the_target_window_has_the_keyboard_focus(real_screen: RealScreen,
                                                   target_window: TargetWindow) -> None:
    assert real_screen.active_window() == target_window.window_id
    assert real_screen.focused_window() == target_window.window_id
    assert target_window.text() == ""


def test_typed_text_arrives_in_the_target(real_screen: RealScreen,
                                          target_window: TargetWindow) -> None:
    real_screen.type_text("hello")

    assert target_window.wait_for_text("hello") == "hello"


def test_text_beyond_ascii_and_newlines_arrive_as_typed(real_screen: RealScreen,
                                                        target_window: TargetWindow) -> None:
    text = "Grüße – ✓ ÄÖÜ 100 €\nZeile\u00a02\tTab"

    real_screen.type_text(text)

    assert target_window.wait_for_text(text) == text


def test_a_key_chord_arrives_in_the_target(real_screen: RealScreen,
                                           target_window: TargetWindow) -> None:
    real_screen.type_text("ab")
    target_window.wait_for_text("ab")

    real_screen.key("BackSpace", "Return", "shift+c")

    assert target_window.wait_for_text("a\nC") == "a\nC"


def test_ctrl_v_pastes_the_clipboard_into_the_target(real_screen: RealScreen,
                                                     target_window: TargetWindow) -> None:
    real_screen.set_clipboard("x1")

    real_screen.key("ctrl+v")

    assert target_window.wait_for_text("x1") == "x1"


def test_the_clipboard_reads_back_what_was_set(real_screen: RealScreen) -> None:
    real_screen.set_clipboard("abc")
    assert real_screen.clipboard() == "abc"

    real_screen.set_clipboard("Grüße – ✓")
    assert real_screen.clipboard() == "Grüße – ✓"


def test_what_the_target_copies_is_on_the_clipboard(real_screen: RealScreen,
                                                    target_window: TargetWindow) -> None:
    real_screen.type_text("copied")
    target_window.wait_for_text("copied")

    real_screen.key("ctrl+a", "ctrl+c")

    assert real_screen.clipboard() == "copied"


def test_focus_moves_to_a_second_program_and_back(real_screen: RealScreen,
                                                  target_window: TargetWindow,
                                                  tmp_path: Path) -> None:
    with real_screen.start_target(tmp_path / "other.txt",
                                  title="#48214 Wrong size (needs a return) – Helpdesk") as other:
        assert other.window_id != target_window.window_id
        assert real_screen.active_window() == other.window_id
        real_screen.type_text("second")
        assert other.wait_for_text("second") == "second"

        real_screen.activate(target_window.window_id)

        assert real_screen.active_window() == target_window.window_id
        real_screen.type_text("first")
        assert target_window.wait_for_text("first") == "first"
        assert other.text() == "second"


def test_the_pytest_process_itself_stays_offscreen(real_screen: RealScreen) -> None:
    assert os.environ["QT_QPA_PLATFORM"] == "offscreen"
    assert os.environ.get("DISPLAY") != real_screen.display
    assert real_screen.env["DISPLAY"] == real_screen.display
    assert real_screen.env["QT_QPA_PLATFORM"] == "xcb"


def test_a_screenshot_shows_the_whole_screen(real_screen: RealScreen,
                                             target_window: TargetWindow,
                                             tmp_path: Path) -> None:
    path = real_screen.screenshot(tmp_path / "screen.png")

    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(path.read_bytes()[16:20]), int.from_bytes(
        path.read_bytes()[20:24])
    assert (width, height) == (1600, 1000)
