"""Light or dark as the system is: Windows 10's style has no dark colours, Fusion does."""

from PySide6.QtCore import Qt

from checkback.ui.theme import style_for_scheme

DARK, LIGHT = Qt.ColorScheme.Dark, Qt.ColorScheme.Light


def test_a_dark_windows_10_gets_a_style_that_shows_dark():
    assert style_for_scheme("win32", lambda: "windowsvista", DARK) == "Fusion"
    assert style_for_scheme("win32", lambda: "windowsvista", LIGHT) is None


def test_styles_that_follow_the_scheme_are_kept():
    assert style_for_scheme("win32", lambda: "windows11", DARK) is None
    assert style_for_scheme("darwin", lambda: "macos", DARK) is None
    assert style_for_scheme("linux", lambda: "fusion", DARK) is None


def test_the_style_is_asked_for_only_on_a_dark_windows():
    def refuse() -> str:
        raise AssertionError("the style was asked for")

    assert style_for_scheme("linux", refuse, DARK) is None
    assert style_for_scheme("win32", refuse, LIGHT) is None
