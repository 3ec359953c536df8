"""The macOS layer of the picker from any window, on stand-ins for Carbon, ApplicationServices,
CoreFoundation and the Objective-C runtime that record what would be asked of macOS (what
is sent, in which order). Nothing here runs on a real Mac."""

from __future__ import annotations

import select
import sys

import pytest

from checkback.integrations import desktop_input as desktop_input_module
from checkback.integrations import mac_input
from checkback.integrations.desktop_input import Chord, HotkeyError, TargetWindow
from checkback.integrations.mac_input import (
    ACCESSIBILITY_NEEDED,
    HOTKEY_ID,
    HOTKEY_SIGNATURE,
    MacInput,
    key_code,
)

# Apple's values, as its headers give them (Events.h, CarbonEvents.h, CGEventTypes.h,
# NSRunningApplication.h), written out so a wrong constant in the layer fails here.
CMD_KEY, SHIFT_KEY, OPTION_KEY, CONTROL_KEY = 0x100, 0x200, 0x800, 0x1000
KEYBOARD_CLASS, HOTKEY_PRESSED, EXCLUSIVE = 0x6B657962, 5, 1  # 'keyb'
EVENT_HOTKEY_EXISTS_ERR = -9878
KEY_V, COMMAND_FLAG, HID_EVENT_TAP = 0x09, 0x00100000, 0
IGNORING_OTHER_APPS = 2

APP_TARGET = 0xA77
HANDLER_REF, HOTKEY_REFS = 0x4A, (0x51, 0x52, 0x53)
PROMPT_KEY, TRUE = 0xAB, 0x7E  # kAXTrustedCheckOptionPrompt, kCFBooleanTrue
KEY_CALLBACKS, VALUE_CALLBACKS = 0xCB1, 0xCB2
HELPDESK_PID = 4242
HELPDESK_TITLE = "#48213 Parcel never arrived – Zendesk – Safari"
STRING_TYPE = 7
APP_ELEMENT, WINDOW_ELEMENT, TITLE_STRING = 0xE1, 0xE2, 0xE3


class Mac:
    """Stands in for the frameworks: records calls in ``calls``; the hotkey is refused with
    ``refusal`` when set; ``trusted`` is the Accessibility permission."""

    kAXTrustedCheckOptionPrompt = PROMPT_KEY  # noqa: N815 - the names macOS gives them
    kCFBooleanTrue = TRUE  # noqa: N815
    kCFTypeDictionaryKeyCallBacks = KEY_CALLBACKS  # noqa: N815
    kCFTypeDictionaryValueCallBacks = VALUE_CALLBACKS  # noqa: N815

    def __init__(self, trusted: bool = True, refusal: int = 0) -> None:
        self.calls: list[tuple[object, ...]] = []
        self.trusted, self.refusal = trusted, refusal
        self.handler = None
        self._hotkeys = iter(HOTKEY_REFS)
        self._strings: dict[int, str] = {TITLE_STRING: HELPDESK_TITLE}
        self._events = iter(range(0xEE0, 0xEFF))

    def called(self, *names: str) -> list[tuple[object, ...]]:
        """The calls to ``names``, in order."""
        return [call for call in self.calls if call[0] in names]

    # Carbon
    def GetApplicationEventTarget(self):  # noqa: N802
        return APP_TARGET

    def InstallEventHandler(self, target, handler, count, spec, data, out):  # noqa: N802
        self.handler = handler
        heard = spec._obj
        self.calls.append(("InstallEventHandler", target, count,
                           (heard.eventClass, heard.eventKind), data))
        out._obj.value = HANDLER_REF
        return 0

    def RemoveEventHandler(self, ref):  # noqa: N802
        self.calls.append(("RemoveEventHandler", ref.value))
        return 0

    def RegisterEventHotKey(self, code, modifiers, ident, target, options, out):  # noqa: N802
        self.calls.append(("RegisterEventHotKey", code, modifiers,
                           (ident.signature, ident.id), target, options))
        if self.refusal:
            return self.refusal
        out._obj.value = next(self._hotkeys)
        return 0

    def UnregisterEventHotKey(self, ref):  # noqa: N802
        self.calls.append(("UnregisterEventHotKey", ref.value))
        return 0

    # ApplicationServices
    def AXIsProcessTrustedWithOptions(self, options):  # noqa: N802
        self.calls.append(("AXIsProcessTrustedWithOptions", options))
        return self.trusted

    def AXUIElementCreateApplication(self, pid):  # noqa: N802
        self.calls.append(("AXUIElementCreateApplication", pid))
        return APP_ELEMENT

    def AXUIElementCopyAttributeValue(self, element, name, out):  # noqa: N802
        attribute = self._strings[name]
        self.calls.append(("AXUIElementCopyAttributeValue", element, attribute))
        found = {(APP_ELEMENT, "AXFocusedWindow"): WINDOW_ELEMENT,
                 (WINDOW_ELEMENT, "AXTitle"): TITLE_STRING}.get((element, attribute))
        if found is None:
            return -25212  # kAXErrorNoValue
        out._obj.value = found
        return 0

    def CGEventCreateKeyboardEvent(self, source, key, down):  # noqa: N802
        event = next(self._events)
        self.calls.append(("CGEventCreateKeyboardEvent", source, key, down, event))
        return event

    def CGEventSetFlags(self, event, flags):  # noqa: N802
        self.calls.append(("CGEventSetFlags", event, flags))

    def CGEventPost(self, tap, event):  # noqa: N802
        self.calls.append(("CGEventPost", tap, event))

    # CoreFoundation
    def CFRelease(self, ref):  # noqa: N802
        self.calls.append(("CFRelease", ref))

    def CFGetTypeID(self, ref):  # noqa: N802
        return STRING_TYPE if ref in self._strings else 1

    def CFStringGetTypeID(self):  # noqa: N802
        return STRING_TYPE

    def CFStringCreateWithCString(self, allocator, text, encoding):  # noqa: N802
        ref = 0xC50 + len(self._strings)
        self._strings[ref] = text.decode()
        return ref

    def CFStringGetLength(self, ref):  # noqa: N802
        return len(self._strings[ref])

    def CFStringGetMaximumSizeForEncoding(self, length, encoding):  # noqa: N802
        return 3 * length

    def CFStringGetCString(self, ref, buffer, size, encoding):  # noqa: N802
        buffer.value = self._strings[ref].encode()
        return 1

    def CFDictionaryCreate(self, allocator, keys, values, count, key_calls, value_calls):  # noqa: N802
        self.calls.append(("CFDictionaryCreate", dict(zip(keys[:count], values[:count],
                                                          strict=True)),
                           key_calls, value_calls))
        return 0xD1C7

    # The Objective-C runtime: classes and selectors come back as their names.
    def objc_getClass(self, name):  # noqa: N802
        return name.decode()

    def sel_registerName(self, name):  # noqa: N802
        return name.decode()

    def msg_id(self, receiver, selector):
        return {("NSWorkspace", "sharedWorkspace"): "workspace",
                ("workspace", "frontmostApplication"): "Safari"}[(receiver, selector)]

    def msg_int(self, receiver, selector):
        assert (receiver, selector) == ("Safari", "processIdentifier")
        return HELPDESK_PID

    def msg_id_int(self, receiver, selector, number):
        self.calls.append(("send", receiver, selector, number))
        return "Safari"

    def msg_bool_uint(self, receiver, selector, number):
        self.calls.append(("send", receiver, selector, number))
        return True


@pytest.fixture
def on_mac(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on macOS: chords are named the Mac's way."""
    monkeypatch.setattr(sys, "platform", "darwin")


@pytest.fixture
def layer():
    """The layer on a trusted stand-in; closed after the test."""
    made = MacInput(Mac())
    yield made
    made.close()


def test_the_hotkey_is_registered_on_the_application_target_and_replaced_on_change(
        layer) -> None:
    mac = layer._mac

    layer.grab(Chord.parse("Alt+Space"))
    layer.grab(Chord.parse("Ctrl+Shift+P"))
    layer.grab(Chord.parse("Cmd+Option+F8"))
    layer.close()

    hotkey = (HOTKEY_SIGNATURE, HOTKEY_ID)
    assert mac.called("InstallEventHandler", "RegisterEventHotKey", "UnregisterEventHotKey",
                      "RemoveEventHandler") == [
        ("InstallEventHandler", APP_TARGET, 1,
         (KEYBOARD_CLASS, HOTKEY_PRESSED), None),
        ("RegisterEventHotKey", 0x31, OPTION_KEY, hotkey, APP_TARGET,
         EXCLUSIVE),
        ("UnregisterEventHotKey", HOTKEY_REFS[0]),
        ("RegisterEventHotKey", 0x23, CONTROL_KEY | SHIFT_KEY, hotkey, APP_TARGET,
         EXCLUSIVE),
        ("UnregisterEventHotKey", HOTKEY_REFS[1]),
        ("RegisterEventHotKey", 0x64, CMD_KEY | OPTION_KEY, hotkey, APP_TARGET,
         EXCLUSIVE),
        ("UnregisterEventHotKey", HOTKEY_REFS[2]),
        ("RemoveEventHandler", HANDLER_REF)]


def test_a_press_is_counted_and_wakes_the_picker_once_read(layer) -> None:
    layer.grab(Chord.parse("Alt+Space"))
    descriptor = layer.fileno()
    assert select.select([descriptor], [], [], 0)[0] == []

    handled = [layer._mac.handler(None, None, None) for _ in range(2)]  # as Carbon calls it

    assert handled == [0, 0]  # noErr: the press was ours
    assert select.select([descriptor], [], [], 0)[0] == [descriptor]
    assert layer.presses() == 2 and layer.presses() == 0
    assert select.select([descriptor], [], [], 0)[0] == []
    assert layer.native_event(0x1234) is False


def test_a_hotkey_another_program_holds_is_said_in_words(on_mac) -> None:
    layer = MacInput(Mac(refusal=EVENT_HOTKEY_EXISTS_ERR))

    with pytest.raises(HotkeyError) as caught:
        layer.grab(Chord.parse("Alt+Space"))
    layer.close()

    assert caught.value.message == ("Option+Space is taken by another program. Choose "
                                    "another in Settings, or free it there.")
    assert layer._mac.called("UnregisterEventHotKey") == []  # nothing was held


def test_an_option_only_key_macos_refuses_says_what_to_add(on_mac) -> None:
    layer = MacInput(Mac(refusal=-9868))

    with pytest.raises(HotkeyError) as option_only:
        layer.grab(Chord.parse("Alt+Space"))
    with pytest.raises(HotkeyError) as with_control:
        layer.grab(Chord.parse("Ctrl+Alt+Space"))
    layer.close()

    assert "did not let Checkback take Option+Space (error -9868)" in option_only.value.message
    assert "Choose another in Settings" in option_only.value.message
    assert "add Ctrl or Cmd" in option_only.value.message
    assert "Ctrl+Option+Space (error -9868)" in with_control.value.message
    assert "add Ctrl or Cmd" not in with_control.value.message


def test_a_key_macos_has_none_of_is_refused_before_carbon_is_asked(layer) -> None:
    with pytest.raises(HotkeyError) as caught:
        layer.grab(Chord.parse("Ctrl+ü"))

    assert "macOS has no “ü” key" in caught.value.message
    assert layer._mac.called("InstallEventHandler", "RegisterEventHotKey") == []


def test_the_accessibility_permission_is_asked_for_with_the_prompt(layer) -> None:
    assert layer._mac.called("CFDictionaryCreate", "AXIsProcessTrustedWithOptions",
                             "CFRelease")[:3] == [
        ("CFDictionaryCreate", {PROMPT_KEY: TRUE}, KEY_CALLBACKS, VALUE_CALLBACKS),
        ("AXIsProcessTrustedWithOptions", 0xD1C7),
        ("CFRelease", 0xD1C7)]
    assert layer.paste_problem == ""


def test_without_the_accessibility_permission_enter_only_copies() -> None:
    mac = Mac(trusted=False)
    layer = MacInput(mac)

    layer.grab(Chord.parse("Alt+Space"))  # the hotkey works all the same
    target = layer.focused()
    layer.close()

    assert layer.paste_problem == ACCESSIBILITY_NEEDED
    assert "System Settings → Privacy & Security → Accessibility" in ACCESSIBILITY_NEEDED
    assert "Until then Enter copies only." in ACCESSIBILITY_NEEDED
    assert target is None  # the picker has no window to paste into: it copies
    assert mac.called("AXUIElementCreateApplication", "CGEventPost") == []


def test_desktop_input_gives_the_mac_layer_with_its_note(monkeypatch, on_mac) -> None:
    monkeypatch.setattr(mac_input, "load_frameworks", lambda: Mac(trusted=False))

    layer, note = desktop_input_module.desktop_input("cocoa")

    assert isinstance(layer, MacInput) and note == ACCESSIBILITY_NEEDED
    layer.close()
    monkeypatch.setattr(mac_input, "load_frameworks", lambda: Mac())
    trusted, nothing = desktop_input_module.desktop_input("cocoa")
    assert isinstance(trusted, MacInput) and nothing == ""
    trusted.close()


def test_the_focused_window_is_the_frontmost_apps_and_every_copy_is_released(layer) -> None:
    mac = layer._mac

    target = layer.focused()

    assert target == TargetWindow(HELPDESK_PID, HELPDESK_TITLE)
    assert mac.called("AXUIElementCreateApplication", "AXUIElementCopyAttributeValue",
                      "CFRelease")[-6:] == [
        ("AXUIElementCreateApplication", HELPDESK_PID),
        ("AXUIElementCopyAttributeValue", APP_ELEMENT, "AXFocusedWindow"),
        ("AXUIElementCopyAttributeValue", WINDOW_ELEMENT, "AXTitle"),
        ("CFRelease", TITLE_STRING), ("CFRelease", WINDOW_ELEMENT), ("CFRelease", APP_ELEMENT)]


def test_focus_activates_the_app_again_and_cmd_v_goes_down_then_up(layer) -> None:
    mac = layer._mac
    mac.calls.clear()  # what the layer asked when made is another test's

    layer.focus(TargetWindow(HELPDESK_PID, HELPDESK_TITLE))
    layer.paste()

    down, up = 0xEE0, 0xEE1
    assert mac.called("send", "CGEventCreateKeyboardEvent", "CGEventSetFlags", "CGEventPost",
                      "CFRelease") == [
        ("send", "NSRunningApplication", "runningApplicationWithProcessIdentifier:",
         HELPDESK_PID),
        ("send", "Safari", "activateWithOptions:", IGNORING_OTHER_APPS),
        ("CGEventCreateKeyboardEvent", None, KEY_V, True, down),
        ("CGEventSetFlags", down, COMMAND_FLAG),
        ("CGEventPost", HID_EVENT_TAP, down),
        ("CFRelease", down),
        ("CGEventCreateKeyboardEvent", None, KEY_V, False, up),
        ("CGEventSetFlags", up, COMMAND_FLAG),
        ("CGEventPost", HID_EVENT_TAP, up),
        ("CFRelease", up)]


def test_key_codes_of_chord_keys() -> None:
    codes = [key_code(key) for key in ("space", "p", "v", "a", "n", "m", "1", "0", "F1",
                                       "F8", "F20", "Return", "Escape")]

    assert codes == [0x31, 0x23, 0x09, 0x00, 0x2D, 0x2E, 0x12, 0x1D, 0x7A, 0x64, 0x5A, 0x24,
                     0x35]
    for missing in ("_", "ü", "F21", ","):
        with pytest.raises(HotkeyError):
            key_code(missing)


def test_chords_are_named_the_macs_way_on_macos(on_mac) -> None:
    assert Chord.parse("Alt+Space").label == "Option+Space"
    assert Chord.parse("Ctrl+Cmd+Shift+P").label == "Ctrl+Shift+Cmd+P"
    assert Chord.parse(Chord.parse("Option+Space").label) == Chord.parse("Alt+Space")


@pytest.mark.skipif(sys.platform == "darwin", reason="checks the other platforms")
def test_off_macos_the_layer_opens_no_library_and_says_so() -> None:
    with pytest.raises(HotkeyError) as caught:
        MacInput()

    assert caught.value.message == "The macOS hotkey layer runs only on macOS."
