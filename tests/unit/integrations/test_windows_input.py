"""The Windows layer of the picker from any window, on a stand-in user32 that records what
would be asked of Windows (what is sent, in which order)."""

from __future__ import annotations

import ctypes
from ctypes import wintypes

import pytest

from checkback.integrations.desktop_input import Chord, HotkeyError, TargetWindow
from checkback.integrations.windows_input import (
    ERROR_HOTKEY_ALREADY_REGISTERED,
    HOTKEY_ID,
    INPUT,
    KEYEVENTF_KEYUP,
    MOD_ALT,
    MOD_CONTROL,
    MOD_NOREPEAT,
    MOD_SHIFT,
    VK_CONTROL,
    VK_SPACE,
    VK_V,
    WM_HOTKEY,
    WindowsInput,
    virtual_key,
)


class User32:
    """Records calls; RegisterHotKey fails while ``taken``."""

    def __init__(self, taken: bool = False) -> None:
        self.calls: list[tuple[object, ...]] = []
        self.taken = taken
        self.sent: list[tuple[int, int]] = []

    def RegisterHotKey(self, window, ident, modifiers, key):  # noqa: N802
        self.calls.append(("RegisterHotKey", window, ident, modifiers, key))
        return 0 if self.taken else 1

    def UnregisterHotKey(self, window, ident):  # noqa: N802
        self.calls.append(("UnregisterHotKey", window, ident))
        return 1

    def GetForegroundWindow(self):  # noqa: N802
        return 0x1234

    def GetWindowTextW(self, handle, buffer, size):  # noqa: N802
        buffer.value = "#48213 Parcel never arrived – Zendesk – Edge"
        return len(buffer.value)

    def SetForegroundWindow(self, handle):  # noqa: N802
        self.calls.append(("SetForegroundWindow", handle))
        return 1

    def SendInput(self, count, inputs, size):  # noqa: N802
        assert size == ctypes.sizeof(INPUT)
        self.sent = [(inputs[n].union.ki.wVk, inputs[n].union.ki.dwFlags) for n in range(count)]
        return count


def test_the_hotkey_is_registered_without_repeats_and_replaced_on_change() -> None:
    user32 = User32()
    layer = WindowsInput(user32, lambda: 0)

    layer.grab(Chord.parse("Alt+Space"))
    layer.grab(Chord.parse("Ctrl+Shift+P"))
    layer.close()

    assert user32.calls == [
        ("RegisterHotKey", None, HOTKEY_ID, MOD_NOREPEAT | MOD_ALT, VK_SPACE),
        ("UnregisterHotKey", None, HOTKEY_ID),
        ("RegisterHotKey", None, HOTKEY_ID, MOD_NOREPEAT | MOD_CONTROL | MOD_SHIFT, ord("P")),
        ("UnregisterHotKey", None, HOTKEY_ID)]


def test_a_hotkey_another_program_holds_is_said_in_words() -> None:
    layer = WindowsInput(User32(taken=True), lambda: ERROR_HOTKEY_ALREADY_REGISTERED)

    with pytest.raises(HotkeyError) as caught:
        layer.grab(Chord.parse("Alt+Space"))

    assert "Alt+Space is taken by another program" in caught.value.message


def test_only_our_wm_hotkey_counts_as_a_press() -> None:
    layer = WindowsInput(User32(), lambda: 0)
    ours = wintypes.MSG(None, WM_HOTKEY, HOTKEY_ID, 0, 0, wintypes.POINT(0, 0))
    other = wintypes.MSG(None, WM_HOTKEY, 7, 0, 0, wintypes.POINT(0, 0))
    paint = wintypes.MSG(None, 0x000F, HOTKEY_ID, 0, 0, wintypes.POINT(0, 0))

    handled = [layer.native_event(ctypes.addressof(msg)) for msg in (ours, other, paint, ours)]

    assert handled == [True, False, False, True]
    assert layer.presses() == 2 and layer.presses() == 0


def test_focus_goes_back_to_the_window_and_ctrl_v_is_sent_in_order() -> None:
    user32 = User32()
    layer = WindowsInput(user32, lambda: 0)

    target = layer.focused()
    layer.focus(target)
    layer.paste()

    assert target == TargetWindow(0x1234, "#48213 Parcel never arrived – Zendesk – Edge")
    assert user32.calls == [("SetForegroundWindow", 0x1234)]
    assert user32.sent == [(VK_CONTROL, 0), (VK_V, 0), (VK_V, KEYEVENTF_KEYUP),
                           (VK_CONTROL, KEYEVENTF_KEYUP)]


def test_virtual_keys_of_chord_keys() -> None:
    assert (virtual_key("space"), virtual_key("p"), virtual_key("F8")) == (0x20, 0x50, 0x77)
    with pytest.raises(HotkeyError):
        virtual_key("ü")
