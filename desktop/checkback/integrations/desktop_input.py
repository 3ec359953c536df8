"""The OS layer behind the global picker: a system-wide hotkey, the window that had the
keyboard, and the paste keystroke sent to it. One small interface, one module per platform:
``x11_input`` (Linux with X11), ``windows_input`` (Windows), ``mac_input`` (macOS).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import Protocol

MODIFIERS = ("ctrl", "alt", "shift", "meta")
_MODIFIER_WORDS = {"ctrl": "ctrl", "control": "ctrl", "alt": "alt", "option": "alt",
                   "shift": "shift", "meta": "meta", "super": "meta", "win": "meta",
                   "cmd": "meta", "command": "meta"}
_KEY_WORDS = {"space": "space", "spacebar": "space", "enter": "Return", "return": "Return",
              "tab": "Tab", "esc": "Escape", "escape": "Escape", "insert": "Insert"}
DEFAULT_CHORD = "Alt+Space"
_MAC_NAMES = {"alt": "Option", "meta": "Cmd"}


class HotkeyError(Exception):
    """The hotkey could not be set: ``message`` says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Chord:
    """A key with its modifiers, as typed in Settings: "Alt+Space", "Ctrl+Shift+P"."""

    modifiers: frozenset[str]
    key: str  # an X keysym name: "space", "p", "F8"

    @classmethod
    def parse(cls, text: str) -> Chord:
        """Read a chord written as words joined by "+".

        Raises:
            HotkeyError: it names no key, several keys, or no modifier before a letter.
        """
        words = [word.strip() for word in text.replace(" ", "").split("+") if word.strip()]
        modifiers = frozenset(_MODIFIER_WORDS[w.lower()] for w in words
                              if w.lower() in _MODIFIER_WORDS)
        keys = [w for w in words if w.lower() not in _MODIFIER_WORDS]
        if len(keys) != 1:
            raise HotkeyError(f"“{text}” is not a key chord: write it as Alt+Space or "
                              "Ctrl+Shift+P.")
        key = _KEY_WORDS.get(keys[0].lower(), keys[0] if len(keys[0]) > 1 else keys[0].lower())
        if not modifiers and not key.upper().startswith("F"):
            raise HotkeyError(f"“{text}” has no Ctrl, Alt or Shift: it would take that key "
                              "from every program. Add a modifier.")
        return cls(modifiers, key)

    @property
    def label(self) -> str:
        """The chord as Settings shows it (Option and Cmd on macOS: "Option+Space")."""
        mac = _MAC_NAMES if sys.platform == "darwin" else {}
        names = [mac.get(name, name.capitalize()) for name in MODIFIERS
                 if name in self.modifiers]
        key = self.key.capitalize() if len(self.key) > 1 else self.key.upper()
        return "+".join([*names, key])


@dataclass(frozen=True)
class TargetWindow:
    """The window that had the keyboard when the hotkey was pressed."""

    handle: int
    title: str


class DesktopInput(Protocol):
    """What the global picker needs from the platform."""

    def grab(self, chord: Chord) -> None:
        """Take ``chord`` system-wide (releasing any chord taken before).

        Raises:
            HotkeyError: another program holds it, or the platform cannot take it.
        """

    def release(self) -> None:
        """Give the chord back."""

    def fileno(self) -> int | None:
        """A descriptor that becomes readable when a press may be waiting, or None."""

    def native_event(self, message: int) -> bool:
        """Look at a native event the app received (its address); True when it was a press
        of the chord (platforms whose presses come as native events: Windows)."""

    def presses(self) -> int:
        """How many presses of the chord arrived since the last call (never waits)."""

    def focused(self) -> TargetWindow | None:
        """The window that has the keyboard now, if the platform says."""

    def focus(self, window: TargetWindow) -> None:
        """Give ``window`` the keyboard back."""

    def paste(self) -> None:
        """Send the paste keystroke (Ctrl+V) to whichever window has the keyboard."""

    def close(self) -> None:
        """Release the chord and the connection to the platform."""


def desktop_input(qt_platform: str) -> tuple[DesktopInput | None, str]:
    """This platform's layer, or None with the reason in words (and what to do instead); a
    layer may come with words too, on what it cannot do (on macOS without the Accessibility
    permission, Enter only copies). ``qt_platform`` is Qt's platform plugin: without a real
    screen there is nothing to take (and tests running offscreen never take the desktop's
    keys)."""
    if qt_platform in ("offscreen", "minimal"):
        return None, "No screen to take a hotkey on; the picker opens inside Checkback."
    if sys.platform.startswith("linux"):
        wayland = os.environ.get("XDG_SESSION_TYPE", "").lower() == "wayland"
        if wayland or (os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("DISPLAY")):
            return None, WAYLAND
        if not os.environ.get("DISPLAY"):
            return None, "No screen to take a hotkey on; the picker opens inside Checkback."
        from checkback.integrations.x11_input import X11Input

        try:
            return X11Input(), ""
        except HotkeyError as error:
            return None, error.message
    if sys.platform == "win32":
        from checkback.integrations.windows_input import WindowsInput

        return WindowsInput(), ""
    if sys.platform == "darwin":
        from checkback.integrations.mac_input import MacInput

        try:
            mac = MacInput()
        except HotkeyError as error:
            return None, error.message
        return mac, mac.paste_problem
    return None, (f"A hotkey from any window is not available on {sys.platform} yet: "
                  f"{PICK_COMMAND_HINT}")


PICK_COMMAND_HINT = ("bind `checkback --pick` to a key in your desktop's keyboard settings; "
                     "it opens the picker over any window.")
WAYLAND = ("On Wayland no program may take a key from other windows. Bind "
           "`checkback --pick` to a key in your desktop's keyboard settings instead: it opens "
           "the picker over any window.")
