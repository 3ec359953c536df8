"""The global picker's platform layer on X11, through python-xlib: the hotkey is a passive
grab on the root window (so the key reaches Checkback alone, and a grab another program
holds is reported), the window with the keyboard is read and given back through the
window manager (EWMH), and the paste keystroke is sent with the XTEST extension.

All of it is local socket traffic to the X server: quick enough for the GUI thread.
"""

from __future__ import annotations

from Xlib import XK, X, Xatom, display, error
from Xlib.ext import xtest
from Xlib.protocol import event

from checkback.integrations.desktop_input import Chord, HotkeyError, TargetWindow

_MASKS = {"ctrl": X.ControlMask, "alt": X.Mod1Mask, "shift": X.ShiftMask, "meta": X.Mod4Mask}
# A grab matches its modifiers exactly: the same chord with Caps Lock or Num Lock on is
# another grab.
_LOCKS = (0, X.LockMask, X.Mod2Mask, X.LockMask | X.Mod2Mask)


class X11Input:
    """The hotkey, focus and paste on an X11 screen (``screen`` names it, as DISPLAY does;
    None: DISPLAY's)."""

    def __init__(self, screen: str | None = None) -> None:
        try:
            self._display = display.Display(screen)
        except (error.DisplayError, error.ConnectionClosedError, OSError) as failure:
            raise HotkeyError(f"Checkback could not reach the X screen ({failure}).") from None
        self._root = self._display.screen().root
        self._grabbed: list[tuple[int, int]] = []
        self._keycode = 0
        self._atoms = {name: self._display.intern_atom(name) for name in
                       ("_NET_ACTIVE_WINDOW", "_NET_WM_NAME", "UTF8_STRING")}

    def grab(self, chord: Chord) -> None:
        """Grab ``chord`` on the root window, with and without Caps and Num Lock."""
        self.release()
        keycode = self._keycode_of(chord.key)
        mask = 0
        for modifier in chord.modifiers:
            mask |= _MASKS[modifier]
        catch = error.CatchError(error.BadAccess)
        for lock in _LOCKS:
            self._root.grab_key(keycode, mask | lock, True, X.GrabModeAsync, X.GrabModeAsync,
                                onerror=catch)
        self._display.sync()
        if catch.get_error() is not None:
            for lock in _LOCKS:
                self._root.ungrab_key(keycode, mask | lock)
            self._display.sync()
            raise HotkeyError(f"{chord.label} is taken by another program (often the "
                              "window manager's own shortcut). Choose another in Settings, "
                              "or free it there.")
        self._keycode = keycode
        self._grabbed = [(keycode, mask | lock) for lock in _LOCKS]

    def release(self) -> None:
        """Ungrab the chord."""
        for keycode, modifiers in self._grabbed:
            self._root.ungrab_key(keycode, modifiers)
        if self._grabbed:
            self._display.sync()
        self._grabbed = []

    def fileno(self) -> int | None:
        """The X connection's socket: readable when events are waiting."""
        return int(self._display.fileno())

    def native_event(self, message: int) -> bool:
        """Never a press: on X11 they come through the connection's own socket."""
        return False

    def presses(self) -> int:
        """Presses of the grabbed key among the events waiting."""
        count = 0
        while self._display.pending_events():
            happened = self._display.next_event()
            if happened.type == X.KeyPress and happened.detail == self._keycode:
                count += 1
        return count

    def focused(self) -> TargetWindow | None:
        """The active window, as the window manager names it."""
        active = self._root.get_full_property(self._atoms["_NET_ACTIVE_WINDOW"],
                                              X.AnyPropertyType)
        handle = int(active.value[0]) if active is not None and len(active.value) else 0
        if not handle:
            focus = self._display.get_input_focus().focus
            handle = focus.id if hasattr(focus, "id") else 0
        return TargetWindow(handle, self._title(handle)) if handle else None

    def focus(self, window: TargetWindow) -> None:
        """Ask the window manager to activate ``window`` (as a pager or taskbar would)."""
        target = self._display.create_resource_object("window", window.handle)
        message = event.ClientMessage(
            window=target, client_type=self._atoms["_NET_ACTIVE_WINDOW"],
            data=(32, [2, X.CurrentTime, 0, 0, 0]))
        mask = X.SubstructureRedirectMask | X.SubstructureNotifyMask
        self._root.send_event(message, event_mask=mask)
        self._display.sync()

    def paste(self) -> None:
        """Ctrl+V, as if typed."""
        control = self._keycode_of("Control_L")
        letter = self._keycode_of("v")
        for kind, keycode in ((X.KeyPress, control), (X.KeyPress, letter),
                              (X.KeyRelease, letter), (X.KeyRelease, control)):
            xtest.fake_input(self._display, kind, keycode)
        self._display.sync()

    def close(self) -> None:
        """Ungrab and disconnect."""
        self.release()
        self._display.close()

    def _keycode_of(self, name: str) -> int:
        keysym = XK.string_to_keysym(name)
        keycode = self._display.keysym_to_keycode(keysym) if keysym else 0
        if not keycode:
            raise HotkeyError(f"This keyboard has no “{name}” key: choose another chord.")
        return int(keycode)

    def _title(self, handle: int) -> str:
        window = self._display.create_resource_object("window", handle)
        try:
            name = window.get_full_property(self._atoms["_NET_WM_NAME"],
                                            self._atoms["UTF8_STRING"])
            if name is not None:
                value = name.value
                return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(
                    value)
            legacy = window.get_full_property(Xatom.WM_NAME, X.AnyPropertyType)
        except error.XError:
            return ""
        if legacy is None:
            return ""
        value = legacy.value
        return value.decode("latin-1") if isinstance(value, bytes) else str(value)
