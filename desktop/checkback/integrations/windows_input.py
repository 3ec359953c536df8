"""The global picker's platform layer on Windows, through user32: the hotkey is registered
with ``RegisterHotKey`` (the key then reaches Checkback alone, and one another program holds
is refused), its ``WM_HOTKEY`` arrives in the thread's message queue, which Qt's event loop
hands to a native event filter (``native_event``); the window with the keyboard is the
foreground window, given back with ``SetForegroundWindow``; the paste is ``SendInput``.

``user32`` can be given, so what is sent, and in which order, is tested anywhere.
"""

from __future__ import annotations

import ctypes
from ctypes import wintypes
from typing import Any

from checkback.integrations.desktop_input import Chord, HotkeyError, TargetWindow

HOTKEY_ID = 0xC0DE
WM_HOTKEY = 0x0312
ERROR_HOTKEY_ALREADY_REGISTERED = 1409
MOD_ALT, MOD_CONTROL, MOD_SHIFT, MOD_WIN, MOD_NOREPEAT = 0x1, 0x2, 0x4, 0x8, 0x4000
_MODIFIERS = {"alt": MOD_ALT, "ctrl": MOD_CONTROL, "shift": MOD_SHIFT, "meta": MOD_WIN}
VK_CONTROL, VK_SPACE, VK_V = 0x11, 0x20, 0x56
_NAMED_KEYS = {"space": VK_SPACE, "Return": 0x0D, "Tab": 0x09, "Escape": 0x1B,
               "Insert": 0x2D}
INPUT_KEYBOARD, KEYEVENTF_KEYUP = 1, 0x2
MAX_TITLE = 512


class KEYBDINPUT(ctypes.Structure):  # noqa: N801 - the name Windows gives it
    _fields_ = [("wVk", wintypes.WORD), ("wScan", wintypes.WORD),
                ("dwFlags", wintypes.DWORD), ("time", wintypes.DWORD),
                ("dwExtraInfo", ctypes.c_size_t)]


class _INPUTUNION(ctypes.Union):  # noqa: N801
    # The largest member (MOUSEINPUT) sets the size SendInput checks.
    _fields_ = [("ki", KEYBDINPUT), ("padding", ctypes.c_byte * 32)]


class INPUT(ctypes.Structure):  # noqa: N801
    _fields_ = [("type", wintypes.DWORD), ("union", _INPUTUNION)]


class WindowsInput:
    """The hotkey, focus and paste on Windows."""

    def __init__(self, user32: Any = None, last_error: Any = None) -> None:
        self._user32 = user32 if user32 is not None else ctypes.WinDLL(  # type: ignore[attr-defined]
            "user32", use_last_error=True)
        self._last_error = last_error or ctypes.get_last_error  # type: ignore[attr-defined]
        self._registered = False
        self._presses = 0

    def grab(self, chord: Chord) -> None:
        """Register ``chord`` (releasing any chord registered before)."""
        self.release()
        modifiers = MOD_NOREPEAT
        for modifier in chord.modifiers:
            modifiers |= _MODIFIERS[modifier]
        if not self._user32.RegisterHotKey(None, HOTKEY_ID, modifiers, virtual_key(chord.key)):
            code = self._last_error()
            raise HotkeyError(
                f"{chord.label} is taken by another program. Choose another in Settings, or "
                "free it there." if code == ERROR_HOTKEY_ALREADY_REGISTERED else
                f"Windows did not let Checkback take {chord.label} (error {code}). Choose "
                "another in Settings.")
        self._registered = True

    def release(self) -> None:
        """Unregister the chord."""
        if self._registered:
            self._user32.UnregisterHotKey(None, HOTKEY_ID)
        self._registered = False

    def fileno(self) -> int | None:
        """None: presses come as native events (``native_event``)."""
        return None

    def native_event(self, message: int) -> bool:
        """Count a ``WM_HOTKEY`` for our chord, given the address of a ``MSG``; True when
        it was ours (then no one else needs it)."""
        msg = wintypes.MSG.from_address(message)
        if msg.message == WM_HOTKEY and msg.wParam == HOTKEY_ID:
            self._presses += 1
            return True
        return False

    def presses(self) -> int:
        """Presses counted since the last call."""
        count, self._presses = self._presses, 0
        return count

    def focused(self) -> TargetWindow | None:
        """The foreground window and its title."""
        handle = int(self._user32.GetForegroundWindow() or 0)
        if not handle:
            return None
        title = ctypes.create_unicode_buffer(MAX_TITLE)
        self._user32.GetWindowTextW(handle, title, MAX_TITLE)
        return TargetWindow(handle, title.value)

    def focus(self, window: TargetWindow) -> None:
        """Bring ``window`` to the foreground (allowed: Checkback has it now)."""
        self._user32.SetForegroundWindow(window.handle)

    def paste(self) -> None:
        """Ctrl+V, as if typed, in one SendInput call."""
        keys = ((VK_CONTROL, 0), (VK_V, 0), (VK_V, KEYEVENTF_KEYUP),
                (VK_CONTROL, KEYEVENTF_KEYUP))
        inputs = (INPUT * len(keys))(*(INPUT(INPUT_KEYBOARD, _INPUTUNION(
            ki=KEYBDINPUT(key, 0, flags, 0, 0))) for key, flags in keys))
        self._user32.SendInput(len(keys), inputs, ctypes.sizeof(INPUT))

    def close(self) -> None:
        """Unregister."""
        self.release()


def virtual_key(key: str) -> int:
    """The virtual-key code of a key as a chord names it ("space", "p", "F8").

    Raises:
        HotkeyError: there is no such key.
    """
    if key in _NAMED_KEYS:
        return _NAMED_KEYS[key]
    if len(key) == 1 and key.isascii() and key.isalnum():
        return ord(key.upper())
    if key[:1] in "Ff" and key[1:].isdigit() and 1 <= int(key[1:]) <= 24:
        return 0x70 + int(key[1:]) - 1
    raise HotkeyError(f"Windows has no “{key}” key for a hotkey: choose another chord.")
