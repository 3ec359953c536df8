"""The global picker's platform layer on macOS, through ctypes (no PyObjC): the hotkey is
registered with Carbon's ``RegisterEventHotKey`` (exclusively, so one another program holds
exclusively is refused) and heard by an event handler on the application target, which Qt's
Cocoa event loop dispatches to; the handler counts the press and wakes the picker through a
socket pair (``fileno``). The window with the keyboard is the frontmost application's
focused window, read through the Accessibility API; it is given back by activating that
application, and the paste is a Cmd+V posted as two Quartz keyboard events.

Reading other windows and posting keys need the Accessibility permission. Without it the
hotkey still works, but ``focused`` names no window, so Enter only copies, and
``paste_problem`` says what to do.

The frameworks can be given, so what is asked of macOS, and in which order, is tested
anywhere; only ``load_frameworks`` opens the real ones, and only on macOS.
"""

from __future__ import annotations

import contextlib
import ctypes
import socket
import sys
from ctypes import (
    c_bool,
    c_char_p,
    c_int32,
    c_long,
    c_uint8,
    c_uint16,
    c_uint32,
    c_uint64,
    c_ulong,
    c_void_p,
)
from types import SimpleNamespace
from typing import Any

from checkback.integrations.desktop_input import Chord, HotkeyError, TargetWindow

ACCESSIBILITY_NEEDED = (
    "Checkback needs the Accessibility permission to paste: System Settings → Privacy & "
    "Security → Accessibility, turn on Checkback, then restart it. Until then Enter copies "
    "only.")
ACCESSIBILITY_PANE = "x-apple.systempreferences:com.apple.preference.security?Privacy_Accessibility"

HOTKEY_SIGNATURE = int.from_bytes(b"Cbck", "big")  # an OSType: four letters of our own
HOTKEY_ID = 1
K_EVENT_CLASS_KEYBOARD = int.from_bytes(b"keyb", "big")
K_EVENT_HOTKEY_PRESSED = 5
K_EVENT_HOTKEY_EXCLUSIVE = 1 << 0
EVENT_HOTKEY_EXISTS_ERR = -9878
CMD_KEY, SHIFT_KEY, OPTION_KEY, CONTROL_KEY = 1 << 8, 1 << 9, 1 << 11, 1 << 12
_MODIFIERS = {"ctrl": CONTROL_KEY, "alt": OPTION_KEY, "shift": SHIFT_KEY, "meta": CMD_KEY}
K_VK_V = 0x09
K_CG_HID_EVENT_TAP = 0
K_CG_EVENT_FLAG_MASK_COMMAND = 0x00100000
K_CF_STRING_ENCODING_UTF8 = 0x08000100
NS_APPLICATION_ACTIVATE_IGNORING_OTHER_APPS = 1 << 1

# Virtual key codes name positions on the ANSI keyboard: a letter's code is its index here.
_ANSI_KEYS = "asdfhgzxcv_bqweryt123465_97_80_ou_ip_lj_k____nm"
_NAMED_KEYS = {"space": 0x31, "Return": 0x24, "Tab": 0x30, "Escape": 0x35, "Insert": 0x72}
_FUNCTION_KEYS = (0x7A, 0x78, 0x63, 0x76, 0x60, 0x61, 0x62, 0x64, 0x65, 0x6D, 0x67, 0x6F,
                  0x69, 0x6B, 0x71, 0x6A, 0x40, 0x4F, 0x50, 0x5A)  # F1 … F20

_FRAMEWORK = "/System/Library/Frameworks/{0}.framework/{0}"
_OBJC = "/usr/lib/libobjc.A.dylib"


class EventHotKeyID(ctypes.Structure):
    """Carbon's name for one hotkey: a signature and a number."""

    _fields_ = [("signature", c_uint32), ("id", c_uint32)]


class EventTypeSpec(ctypes.Structure):
    """Which Carbon events a handler hears: a class and a kind."""

    _fields_ = [("eventClass", c_uint32), ("eventKind", c_uint32)]


# OSStatus handler(EventHandlerCallRef, EventRef, void *userData)
HOTKEY_HANDLER = ctypes.CFUNCTYPE(c_int32, c_void_p, c_void_p, c_void_p)


class MacInput:
    """The hotkey, focus and paste on macOS."""

    def __init__(self, frameworks: Any = None) -> None:
        self._mac = frameworks if frameworks is not None else load_frameworks()
        self._waker, self._wake = socket.socketpair()
        self._waker.setblocking(False)
        self._wake.setblocking(False)
        self._presses = 0
        self._handler = HOTKEY_HANDLER(self._pressed)  # kept: Carbon holds only its address
        self._handler_ref = c_void_p()
        self._hotkey_ref = c_void_p()
        self._names = {name: self._mac.CFStringCreateWithCString(
            None, name.encode(), K_CF_STRING_ENCODING_UTF8)
            for name in ("AXFocusedWindow", "AXTitle")}
        self.paste_problem = "" if self._trusted() else ACCESSIBILITY_NEEDED

    def grab(self, chord: Chord) -> None:
        """Register ``chord`` (releasing any chord registered before)."""
        self.release()
        code = key_code(chord.key)
        modifiers = 0
        for modifier in chord.modifiers:
            modifiers |= _MODIFIERS[modifier]
        target = self._mac.GetApplicationEventTarget()
        if not self._handler_ref.value:
            heard = EventTypeSpec(K_EVENT_CLASS_KEYBOARD, K_EVENT_HOTKEY_PRESSED)
            status = self._mac.InstallEventHandler(target, self._handler, 1, ctypes.byref(heard),
                                                   None, ctypes.byref(self._handler_ref))
            if status:
                raise HotkeyError(_refusal(chord, status))
        status = self._mac.RegisterEventHotKey(
            code, modifiers, EventHotKeyID(HOTKEY_SIGNATURE, HOTKEY_ID), target,
            K_EVENT_HOTKEY_EXCLUSIVE, ctypes.byref(self._hotkey_ref))
        if status:
            self._hotkey_ref = c_void_p()
            raise HotkeyError(_refusal(chord, status))

    def release(self) -> None:
        """Unregister the chord."""
        if self._hotkey_ref.value:
            self._mac.UnregisterEventHotKey(self._hotkey_ref)
        self._hotkey_ref = c_void_p()

    def fileno(self) -> int | None:
        """The socket the handler writes to on a press: readable when one is waiting."""
        return self._waker.fileno()

    def native_event(self, message: int) -> bool:
        """Never a press: Carbon hands presses to the handler, which wakes ``fileno``."""
        return False

    def presses(self) -> int:
        """Presses counted since the last call."""
        with contextlib.suppress(BlockingIOError):
            while self._waker.recv(64):
                pass
        count, self._presses = self._presses, 0
        return count

    def focused(self) -> TargetWindow | None:
        """The frontmost application (its process id) and its focused window's title; None
        without the Accessibility permission (then nothing could be pasted into it)."""
        if self.paste_problem:
            return None
        mac = self._mac
        workspace = self._send(mac.msg_id, "NSWorkspace", "sharedWorkspace")
        front = mac.msg_id(workspace, mac.sel_registerName(b"frontmostApplication"))
        pid = int(mac.msg_int(front, mac.sel_registerName(b"processIdentifier"))) if front else 0
        return TargetWindow(pid, self._title(pid)) if pid > 0 else None

    def focus(self, window: TargetWindow) -> None:
        """Activate the application ``window`` belongs to (allowed: Checkback is active)."""
        application = self._send(self._mac.msg_id_int, "NSRunningApplication",
                                  "runningApplicationWithProcessIdentifier:", window.handle)
        if application:
            self._mac.msg_bool_uint(application, self._mac.sel_registerName(
                b"activateWithOptions:"), NS_APPLICATION_ACTIVATE_IGNORING_OTHER_APPS)

    def paste(self) -> None:
        """Cmd+V, as if typed: V down and up with the Command flag."""
        mac = self._mac
        for down in (True, False):
            event = mac.CGEventCreateKeyboardEvent(None, K_VK_V, down)
            if not event:
                continue
            mac.CGEventSetFlags(event, K_CG_EVENT_FLAG_MASK_COMMAND)
            mac.CGEventPost(K_CG_HID_EVENT_TAP, event)
            mac.CFRelease(event)

    def close(self) -> None:
        """Unregister, remove the handler and let go of what was made."""
        self.release()
        if self._handler_ref.value:
            self._mac.RemoveEventHandler(self._handler_ref)
            self._handler_ref = c_void_p()
        for name in self._names.values():
            self._mac.CFRelease(name)
        self._names = {}
        self._waker.close()
        self._wake.close()

    def _pressed(self, call: int | None, event: int | None, data: int | None) -> int:
        """Carbon's callback for a press: count it, wake the picker, report it handled."""
        self._presses += 1
        with contextlib.suppress(OSError):  # full: a press is already waiting to be read
            self._wake.send(b"\0")
        return 0

    def _trusted(self) -> bool:
        """Whether macOS lets Checkback read windows and post keys; asks the system to offer
        the agent the setting when not."""
        mac = self._mac
        keys = (c_void_p * 1)(mac.kAXTrustedCheckOptionPrompt)
        values = (c_void_p * 1)(mac.kCFBooleanTrue)
        options = mac.CFDictionaryCreate(None, keys, values, 1,
                                         mac.kCFTypeDictionaryKeyCallBacks,
                                         mac.kCFTypeDictionaryValueCallBacks)
        try:
            return bool(mac.AXIsProcessTrustedWithOptions(options))
        finally:
            mac.CFRelease(options)

    def _title(self, pid: int) -> str:
        """The title of the focused window of application ``pid``, or ""."""
        mac = self._mac
        application = mac.AXUIElementCreateApplication(pid)
        if not application:
            return ""
        window = self._copied(application, "AXFocusedWindow")
        title = self._copied(window, "AXTitle") if window else 0
        text = self._text(title) if title else ""
        for made in (title, window, application):
            if made:
                mac.CFRelease(made)
        return text

    def _copied(self, element: int, attribute: str) -> int:
        value = c_void_p()
        failed = self._mac.AXUIElementCopyAttributeValue(element, self._names[attribute],
                                                         ctypes.byref(value))
        return 0 if failed else int(value.value or 0)

    def _text(self, string: int) -> str:
        mac = self._mac
        if mac.CFGetTypeID(string) != mac.CFStringGetTypeID():
            return ""
        size = mac.CFStringGetMaximumSizeForEncoding(mac.CFStringGetLength(string),
                                                     K_CF_STRING_ENCODING_UTF8) + 1
        buffer = ctypes.create_string_buffer(size)
        if not mac.CFStringGetCString(string, buffer, size, K_CF_STRING_ENCODING_UTF8):
            return ""
        return buffer.value.decode("utf-8", "replace")

    def _send(self, send: Any, class_name: str, selector: str, *arguments: int) -> Any:
        """Send a class a message, ``[class_name selector arguments]``: the object it
        answers with (None for nil)."""
        mac = self._mac
        return send(mac.objc_getClass(class_name.encode()),
                    mac.sel_registerName(selector.encode()), *arguments)


def key_code(key: str) -> int:
    """The virtual key code of a key as a chord names it ("space", "p", "F8").

    Raises:
        HotkeyError: there is no such key.
    """
    if key in _NAMED_KEYS:
        return _NAMED_KEYS[key]
    if len(key) == 1 and key != "_" and key.lower() in _ANSI_KEYS:
        return _ANSI_KEYS.index(key.lower())
    if key[:1] in "Ff" and key[1:].isdigit() and 1 <= int(key[1:]) <= len(_FUNCTION_KEYS):
        return _FUNCTION_KEYS[int(key[1:]) - 1]
    raise HotkeyError(f"macOS has no “{key}” key for a hotkey: choose another chord.")


def _refusal(chord: Chord, status: int) -> str:
    """Why macOS refused ``chord``, in words, with what to do."""
    if status == EVENT_HOTKEY_EXISTS_ERR:
        return (f"{chord.label} is taken by another program. Choose another in Settings, or "
                "free it there.")
    words = (f"macOS did not let Checkback take {chord.label} (error {status}). Choose "
             "another in Settings.")
    if "alt" in chord.modifiers and chord.modifiers <= {"alt", "shift"}:
        words += (" macOS 15 refuses keys whose only modifiers are Option and Shift: add Ctrl "
                  "or Cmd.")
    return words


def load_frameworks() -> SimpleNamespace:
    """Carbon, ApplicationServices, CoreFoundation and the Objective-C runtime, each function
    with the argument and result types macOS gives it.

    Raises:
        HotkeyError: this is not macOS, or a framework could not be opened.
    """
    if sys.platform != "darwin":
        raise HotkeyError("The macOS hotkey layer runs only on macOS.")
    try:
        return _frameworks()
    except (OSError, AttributeError, ValueError) as failure:
        raise HotkeyError(f"Checkback could not open macOS's keyboard services ({failure}); "
                          "the picker opens inside Checkback.") from None


def _frameworks() -> SimpleNamespace:
    carbon, services, core = (ctypes.CDLL(_FRAMEWORK.format(name)) for name in
                              ("Carbon", "ApplicationServices", "CoreFoundation"))
    ctypes.CDLL(_FRAMEWORK.format("AppKit"))  # NSWorkspace and NSRunningApplication
    objc = ctypes.CDLL(_OBJC)
    out = ctypes.POINTER(c_void_p)
    send = ctypes.cast(objc.objc_msgSend, c_void_p).value or 0  # found, or getattr raised

    def message(result: Any, *arguments: Any) -> Any:
        # objc_msgSend takes each method's own types: one prototype per kind of message.
        return ctypes.CFUNCTYPE(result, c_void_p, c_void_p, *arguments)(send)

    return SimpleNamespace(
        GetApplicationEventTarget=_typed(carbon, "GetApplicationEventTarget", c_void_p),
        InstallEventHandler=_typed(carbon, "InstallEventHandler", c_int32, c_void_p,
                                   HOTKEY_HANDLER, c_ulong, ctypes.POINTER(EventTypeSpec),
                                   c_void_p, out),
        RemoveEventHandler=_typed(carbon, "RemoveEventHandler", c_int32, c_void_p),
        RegisterEventHotKey=_typed(carbon, "RegisterEventHotKey", c_int32, c_uint32, c_uint32,
                                   EventHotKeyID, c_void_p, c_uint32, out),
        UnregisterEventHotKey=_typed(carbon, "UnregisterEventHotKey", c_int32, c_void_p),
        AXIsProcessTrustedWithOptions=_typed(services, "AXIsProcessTrustedWithOptions",
                                             c_uint8, c_void_p),
        AXUIElementCreateApplication=_typed(services, "AXUIElementCreateApplication",
                                            c_void_p, c_int32),
        AXUIElementCopyAttributeValue=_typed(services, "AXUIElementCopyAttributeValue",
                                             c_int32, c_void_p, c_void_p, out),
        CGEventCreateKeyboardEvent=_typed(services, "CGEventCreateKeyboardEvent", c_void_p,
                                          c_void_p, c_uint16, c_bool),
        CGEventSetFlags=_typed(services, "CGEventSetFlags", None, c_void_p, c_uint64),
        CGEventPost=_typed(services, "CGEventPost", None, c_uint32, c_void_p),
        CFRelease=_typed(core, "CFRelease", None, c_void_p),
        CFGetTypeID=_typed(core, "CFGetTypeID", c_ulong, c_void_p),
        CFStringGetTypeID=_typed(core, "CFStringGetTypeID", c_ulong),
        CFStringCreateWithCString=_typed(core, "CFStringCreateWithCString", c_void_p,
                                         c_void_p, c_char_p, c_uint32),
        CFStringGetLength=_typed(core, "CFStringGetLength", c_long, c_void_p),
        CFStringGetMaximumSizeForEncoding=_typed(core, "CFStringGetMaximumSizeForEncoding",
                                                 c_long, c_long, c_uint32),
        CFStringGetCString=_typed(core, "CFStringGetCString", c_uint8, c_void_p,
                                  c_char_p, c_long, c_uint32),
        CFDictionaryCreate=_typed(core, "CFDictionaryCreate", c_void_p, c_void_p, out, out,
                                  c_long, c_void_p, c_void_p),
        kAXTrustedCheckOptionPrompt=c_void_p.in_dll(services,
                                                    "kAXTrustedCheckOptionPrompt").value,
        kCFBooleanTrue=c_void_p.in_dll(core, "kCFBooleanTrue").value,
        kCFTypeDictionaryKeyCallBacks=ctypes.addressof(
            ctypes.c_char.in_dll(core, "kCFTypeDictionaryKeyCallBacks")),
        kCFTypeDictionaryValueCallBacks=ctypes.addressof(
            ctypes.c_char.in_dll(core, "kCFTypeDictionaryValueCallBacks")),
        objc_getClass=_typed(objc, "objc_getClass", c_void_p, c_char_p),
        sel_registerName=_typed(objc, "sel_registerName", c_void_p, c_char_p),
        msg_id=message(c_void_p),
        msg_int=message(c_int32),
        msg_id_int=message(c_void_p, c_int32),
        msg_bool_uint=message(c_bool, c_ulong),
    )


def _typed(library: ctypes.CDLL, name: str, result: Any, *arguments: Any) -> Any:
    function = getattr(library, name)
    function.restype, function.argtypes = result, list(arguments)
    return function
