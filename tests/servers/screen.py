"""A real (virtual) X screen with a window manager, for what offscreen cannot show.

A global hotkey, the keyboard focus moving between applications, a paste into another
program's window: these need a real X server and a window manager. ``real_screen``
(session scope) starts ``Xvfb`` on a free display number and ``openbox`` on it, with a
configuration whose ``<keyboard>`` section is empty (openbox's default one binds Alt+Space
and other keys, which would take a hotkey before the app could grab it).
``target_window`` (per test) starts ``tests/servers/target_app.py`` on that screen: a
separate program with one text box that writes its text to a file on every change, to
focus, type or paste into, and read back.

Nothing here touches the pytest process's own ``DISPLAY`` or ``QT_QPA_PLATFORM``: the rest
of the suite runs offscreen in the same process. Everything on the real screen is a separate
process, started with ``RealScreen.env``. Keys go in through XTEST (``xdotool key`` without
``--window``), so they reach grabs and the focused window as a person's keys would.

Each run uses its own display number and stops its own Xvfb, openbox, clipboard owners and
target programs by process id; they also get SIGTERM should pytest die (``setpriv``).

Programs missing: the tests are skipped (``tests/servers/screen-setup`` installs them); with
``CI`` set they fail instead.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import os
import re
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.servers.daemons import START_TIMEOUT, log_text, start, stop, wait_until

PROGRAMS = ("Xvfb", "openbox", "xdotool", "xclip", "xprop")
# What Qt's xcb platform plugin loads; Qt names only libxcb-cursor0 when one is missing.
LIBRARIES = ("xcb-cursor", "xcb-icccm", "xcb-image", "xcb-keysyms", "xcb-randr",
             "xcb-render-util", "xcb-shape", "xcb-xinerama", "xcb-xkb", "xkbcommon-x11",
             "xcb-xfixes")
SETUP_HINT = "run tests/servers/screen-setup"
SCREEN = "1600x1000x24"
DISPLAY_NUMBERS = range(90, 600)
SOCKET_DIR = Path("/tmp/.X11-unix")
COMMAND_TIMEOUT = 10.0
CLIPBOARD_TIMEOUT = 5.0
TARGET_APP = Path(__file__).with_name("target_app.py")
DEFAULT_TITLE = "#48213 Parcel never arrived – Helpdesk"

# openbox without key bindings (an empty <keyboard>), one desktop, new windows focused, and
# a click into a window focuses and raises it.
OPENBOX_CONFIG = """<?xml version="1.0" encoding="UTF-8"?>
<openbox_config xmlns="http://openbox.org/3.4/rc">
  <focus>
    <focusNew>yes</focusNew>
    <followMouse>no</followMouse>
  </focus>
  <placement><policy>Smart</policy></placement>
  <desktops><number>1</number></desktops>
  <keyboard></keyboard>
  <mouse>
    <context name="Client">
      <mousebind button="Left" action="Press">
        <action name="Focus"/><action name="Raise"/>
      </mousebind>
    </context>
    <context name="Titlebar">
      <mousebind button="Left" action="Press">
        <action name="Focus"/><action name="Raise"/>
      </mousebind>
    </context>
  </mouse>
</openbox_config>
"""

# Binds the characters in argv[1] that the keyboard map lacks to free keycodes, both cases of
# a letter on one key (through libX11, which every X program here loads anyway).
KEYMAP_SCRIPT = """
import ctypes, sys
x = ctypes.CDLL("libX11.so.6")
x.XOpenDisplay.restype = ctypes.c_void_p
x.XOpenDisplay.argtypes = [ctypes.c_char_p]
x.XDisplayKeycodes.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
x.XGetKeyboardMapping.restype = ctypes.POINTER(ctypes.c_ulong)
x.XGetKeyboardMapping.argtypes = [ctypes.c_void_p, ctypes.c_ubyte, ctypes.c_int, ctypes.c_void_p]
x.XChangeKeyboardMapping.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int,
                                     ctypes.POINTER(ctypes.c_ulong), ctypes.c_int]
x.XFree.argtypes = x.XCloseDisplay.argtypes = [ctypes.c_void_p]
x.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]

def keysym(char):
    code = ord(char)
    return code if 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xFF else 0x1000000 + code

display = x.XOpenDisplay(None) or sys.exit("cannot open the display")
low, high, per = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
x.XDisplayKeycodes(display, ctypes.byref(low), ctypes.byref(high))
count = high.value - low.value + 1
table = x.XGetKeyboardMapping(display, low.value, count, ctypes.byref(per))
rows = [table[i * per.value:(i + 1) * per.value] for i in range(count)]
x.XFree(table)
bound = {sym for row in rows for sym in row}
free = [low.value + i for i, row in enumerate(rows) if not any(row)]
for char in sys.argv[1]:
    lower, upper = char.lower(), char.upper()
    pair = [keysym(lower), keysym(upper)] if len(lower) == len(upper) == 1 else [keysym(char)] * 2
    if keysym(char) in bound:
        continue
    if not free:
        sys.exit(f"no free key left for {char!r}")
    syms = (ctypes.c_ulong * per.value)(*(pair * per.value)[:per.value])
    x.XChangeKeyboardMapping(display, free.pop(), per.value, syms, 1)
    bound.update(pair)
x.XSync(display, 0)
x.XCloseDisplay(display)
"""

SCREENSHOT_SCRIPT = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication([sys.argv[0]])
sys.exit(0 if app.primaryScreen().grabWindow(0).save(sys.argv[1]) else 1)
"""


def missing_parts() -> list[str]:
    """The programs and xcb libraries the real screen needs that are not installed."""
    programs = [name for name in PROGRAMS if shutil.which(name) is None]
    libraries = [f"lib{name}" for name in LIBRARIES if ctypes.util.find_library(name) is None]
    return programs + libraries


def require_programs() -> None:
    """Skip (or, with CI set, fail) when the real screen's programs are not installed."""
    missing = missing_parts()
    if not missing:
        return
    message = f"{', '.join(missing)} not installed: {SETUP_HINT}"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)






def display_taken(number: int) -> bool:
    """Whether an X server has (or had, and left its lock behind) display ``number``."""
    return (SOCKET_DIR / f"X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists()


def read_line(fd: int, timeout: float) -> str | None:
    """One line from a pipe; None when the writer closed it or nothing came in time."""
    deadline = time.monotonic() + timeout
    data = b""
    while not data.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            return None
        chunk = os.read(fd, 64)
        if not chunk:
            return None
        data += chunk
    return data.decode().strip()


def start_xvfb(root: Path, env: dict[str, str],
               processes: list[subprocess.Popen[bytes]]) -> str:
    """Start Xvfb on the first free display number; return ":N" once it accepts clients.

    ``-displayfd`` makes Xvfb write the number back once it listens, so a run that loses
    a race for the same number to another run sees its Xvfb exit and tries the next one.
    """
    log = root / "Xvfb.log"
    tries = 0
    for number in DISPLAY_NUMBERS:
        if display_taken(number):
            continue
        tries += 1
        if tries > 5:
            break
        read_fd, write_fd = os.pipe()
        try:
            command = ["Xvfb", f":{number}", "-screen", "0", SCREEN, "-nolisten", "tcp",
                       "-noreset", "-displayfd", str(write_fd)]
            try:
                process = start(command, log, env, pass_fds=(write_fd,))
            finally:
                os.close(write_fd)
            answer = read_line(read_fd, START_TIMEOUT)
        finally:
            os.close(read_fd)
        if answer == str(number):
            processes.append(process)
            return f":{number}"
        running = process.poll() is None
        stop([process])
        if running:
            raise RuntimeError(f"screen: Xvfb :{number} did not answer within "
                               f"{START_TIMEOUT:.0f} s; its output: {log_text(log)}")
    raise RuntimeError(f"screen: Xvfb did not start on any free display; "
                       f"its output: {log_text(log)}")


def answers(display: str, command: list[str], needle: str = "") -> bool:
    """Whether ``command`` run on ``display`` succeeds (and prints ``needle``)."""
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=3,
                                env={**os.environ, "DISPLAY": display})
    except subprocess.TimeoutExpired:
        return False
    return result.returncode == 0 and needle in result.stdout


def start_openbox(root: Path, env: dict[str, str], display: str,
                  processes: list[subprocess.Popen[bytes]]) -> None:
    """Start openbox without key bindings; return once it runs as the window manager."""
    config = root / "openbox-rc.xml"
    config.write_text(OPENBOX_CONFIG, encoding="utf-8")
    log = root / "openbox.log"
    process = start(["openbox", "--config-file", str(config), "--sm-disable"], log, env)
    processes.append(process)
    check = ["xprop", "-root", "-notype", "_NET_SUPPORTING_WM_CHECK"]
    wait_until(lambda: answers(display, check, "window id"), "openbox", process, log)


def extended_regex(text: str) -> str:
    """``text`` as a POSIX extended regular expression that matches exactly it (for xdotool)."""
    return "^" + re.sub(r"([.\[\]()*+?{}|^$\\])", r"\\\1", text) + "$"


@dataclass
class RealScreen:
    """Xvfb and openbox, running; the helpers drive them as a person at the keyboard would.

    ``display``: ":N"; ``env``: the environment for a program on this screen (a new dict on
    every read: the pytest process's environment now, with DISPLAY and QT_QPA_PLATFORM=xcb);
    ``root``: the folder with the programs' logs; ``start_seconds``: Xvfb plus openbox.
    """

    display: str
    root: Path
    start_seconds: float
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list, repr=False)
    clipboard_owners: list[subprocess.Popen[bytes]] = field(default_factory=list, repr=False)
    targets: list[TargetWindow] = field(default_factory=list, repr=False)
    bound_characters: set[str] = field(default_factory=set, repr=False)

    @property
    def env(self) -> dict[str, str]:
        """Variables for a program on this screen: DISPLAY set, Qt on xcb, no Wayland."""
        env = {**os.environ, "DISPLAY": self.display, "QT_QPA_PLATFORM": "xcb"}
        env.pop("WAYLAND_DISPLAY", None)
        if "XDG_RUNTIME_DIR" not in env:
            runtime = self.root / "runtime"
            runtime.mkdir(mode=0o700, exist_ok=True)
            env["XDG_RUNTIME_DIR"] = str(runtime)
        return env

    @property
    def pids(self) -> list[int]:
        """The processes this screen runs now: Xvfb, openbox, clipboard owners, targets."""
        running = [*self.processes, *self.clipboard_owners,
                   *(target.process for target in self.targets)]
        return [process.pid for process in running if process.poll() is None]

    def run(self, command: list[str], input_text: str | None = None,
            timeout: float = COMMAND_TIMEOUT) -> str:
        """Run ``command`` on this screen; its output. Raises with stderr if it fails."""
        try:
            result = subprocess.run(command, input=input_text, capture_output=True, text=True,
                                    env=self.env, timeout=timeout)
        except subprocess.TimeoutExpired as error:
            raise RuntimeError(f"screen: {command} took over {timeout:.0f} s") from error
        if result.returncode != 0:
            raise RuntimeError(f"screen: {command} exited with {result.returncode}: "
                               f"{result.stderr.strip()}")
        return result.stdout

    def xdotool(self, *args: str) -> str:
        """Run ``xdotool`` with ``args`` on this screen; its output, stripped."""
        return self.run(["xdotool", *args]).strip()

    def active_window(self) -> int:
        """The window the window manager has made active (_NET_ACTIVE_WINDOW); 0 if none."""
        try:
            return int(self.xdotool("getactivewindow") or 0)
        except RuntimeError:
            return 0

    def focused_window(self) -> int:
        """The window that has the X keyboard focus (XGetInputFocus)."""
        return int(self.xdotool("getwindowfocus", "-f"))

    def activate(self, window_id: int) -> None:
        """Ask the window manager to activate the window; return once it is active."""
        self.xdotool("windowactivate", "--sync", str(window_id))

    def key(self, *chords: str) -> None:
        """Press key chords, one after another, e.g. "alt+space", "Return", "ctrl+v"."""
        self.xdotool("key", "--", *chords)

    def type_text(self, text: str) -> None:
        """Type ``text`` into whatever has the keyboard focus; "\n" is Return.

        Characters the keyboard map lacks ("ß", "–", "✓") are bound to free keys first, for
        the rest of the session: ``xdotool type`` alone maps each of them onto a spare key
        just for the moment, and a Qt program, reading the map after the change, often loses
        them (and gets "ä" for "Ä"). ``xdotool type`` also drops "\n".
        """
        self._bind_characters(text)
        for number, line in enumerate(text.split("\n")):
            if number:
                self.key("Return")
            if line:
                self.xdotool("type", "--delay", "5", "--", line)

    def _bind_characters(self, text: str) -> None:
        """Give every non-ASCII character in ``text`` a key of its own (lower and upper case
        on one key), unless it has one already."""
        wanted = {char for char in text if not char.isascii()}
        if wanted - self.bound_characters:
            self.run([sys.executable, "-c", KEYMAP_SCRIPT, "".join(sorted(wanted))])
            self.bound_characters |= wanted

    def clipboard(self) -> str:
        """The CLIPBOARD's text, as another program would paste it ("" when nobody owns it)."""
        command = ["xclip", "-selection", "clipboard", "-o", "-t", "UTF8_STRING"]
        try:
            result = subprocess.run(command, capture_output=True, env=self.env,
                                    timeout=CLIPBOARD_TIMEOUT)
        except subprocess.TimeoutExpired as error:
            raise RuntimeError("screen: the clipboard's owner did not answer within "
                               f"{CLIPBOARD_TIMEOUT:.0f} s") from error
        return result.stdout.decode("utf-8") if result.returncode == 0 else ""

    def set_clipboard(self, text: str) -> None:
        """Put ``text`` on the CLIPBOARD as another program would; return once it is there.

        The owner is an ``xclip`` in the foreground (``-quiet``), so its pid is known: it
        exits when another program takes the clipboard, and is stopped at the end otherwise.
        """
        self.clipboard_owners = [p for p in self.clipboard_owners if p.poll() is None]
        command = ["xclip", "-quiet", "-selection", "clipboard", "-i"]
        with (self.root / "xclip.log").open("ab") as log:
            owner = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                     stderr=log, env=self.env, start_new_session=True)
        self.clipboard_owners.append(owner)
        assert owner.stdin is not None
        owner.stdin.write(text.encode("utf-8"))
        owner.stdin.close()
        deadline = time.monotonic() + CLIPBOARD_TIMEOUT
        while self.clipboard() != text:
            if owner.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"screen: xclip did not take the clipboard "
                                   f"({log_text(self.root / 'xclip.log')})")
            time.sleep(0.01)

    def screenshot(self, path: Path) -> Path:
        """Save the whole screen as a PNG (through Qt on this screen; no ImageMagick)."""
        self.run([sys.executable, "-c", SCREENSHOT_SCRIPT, str(path)], timeout=30)
        return path

    def find_window(self, title: str, pid: int | None = None) -> int | None:
        """A mapped window titled exactly ``title`` (of process ``pid``), or None."""
        criteria = ["--pid", str(pid)] if pid is not None else []
        command = ["xdotool", "search", "--all", "--onlyvisible", *criteria,
                   "--name", extended_regex(title)]
        result = subprocess.run(command, capture_output=True, text=True, env=self.env,
                                timeout=COMMAND_TIMEOUT)
        found = result.stdout.split()
        return int(found[0]) if result.returncode == 0 and found else None

    def start_target(self, text_file: Path, title: str = DEFAULT_TITLE) -> TargetWindow:
        """Start the stand-in program (a window with a text box writing to ``text_file``),
        wait until its window is mapped, activate it; stopped with ``close()`` or at the end.
        """
        began = time.monotonic()
        log = text_file.with_name(text_file.name + ".log")
        command = [sys.executable, str(TARGET_APP), str(text_file), "--title", title]
        process = start(command, log, self.env)
        target = TargetWindow(self, process, 0, title, text_file, log, 0.0)
        self.targets.append(target)
        try:
            window: list[int] = []

            def mapped() -> bool:
                found = self.find_window(title, process.pid)
                window.extend([found] if found else [])
                return bool(window)

            wait_until(mapped, f"the window {title!r}", process, log)
            target.window_id = window[0]
            self.activate(target.window_id)
        except BaseException:
            target.close()
            raise
        target.start_seconds = time.monotonic() - began
        return target

    def close(self) -> None:
        """Stop the targets, the clipboard owners, openbox and Xvfb, and reap them all."""
        for target in self.targets:
            target.close()
        stop(self.clipboard_owners)
        stop(self.processes)


@dataclass
class TargetWindow:
    """The stand-in program's window on the real screen, as a test sees it.

    ``window_id``: its X window; ``title``; ``text_file``: where it writes its text;
    ``start_seconds``: from starting the program until its window was active.
    """

    screen: RealScreen = field(repr=False)
    process: subprocess.Popen[bytes] = field(repr=False)
    window_id: int
    title: str
    text_file: Path
    log: Path = field(repr=False)
    start_seconds: float

    def text(self) -> str:
        """The text in its box now ("" before its first write)."""
        try:
            return self.text_file.read_text(encoding="utf-8")
        except FileNotFoundError:
            return ""

    def wait_for_text(self, expected: str, timeout: float = 5.0) -> str:
        """Wait until the box holds exactly ``expected``; the text it holds then."""
        deadline = time.monotonic() + timeout
        while (text := self.text()) != expected and time.monotonic() < deadline:
            time.sleep(0.01)
        return text

    def activate(self) -> None:
        """Make this window the active one."""
        self.screen.activate(self.window_id)

    def close(self) -> None:
        """Stop the program (idempotent)."""
        stop([self.process])

    def __enter__(self) -> TargetWindow:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


@contextlib.contextmanager
def running_screen(root: Path) -> Iterator[RealScreen]:
    """Bring up Xvfb and openbox, yield them, and always tear everything down."""
    began = time.monotonic()
    processes: list[subprocess.Popen[bytes]] = []
    screen: RealScreen | None = None
    try:
        env = {**os.environ}
        display = start_xvfb(root, env, processes)
        env["DISPLAY"] = display
        geometry = ["xdotool", "getdisplaygeometry"]
        wait_until(lambda: answers(display, geometry), "Xvfb", processes[0], root / "Xvfb.log")
        for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
            env[name] = str(root / name.lower())
        start_openbox(root, env, display, processes)
        screen = RealScreen(display, root, time.monotonic() - began, processes)
        yield screen
    finally:
        if screen is not None:
            screen.close()
        stop(processes)


@pytest.fixture(scope="session")
def real_screen(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RealScreen]:
    """Xvfb with openbox (no key bindings) for the whole session, started on first use."""
    require_programs()
    with running_screen(tmp_path_factory.mktemp("screen")) as screen:
        yield screen


@pytest.fixture
def target_window(real_screen: RealScreen, tmp_path: Path) -> Iterator[TargetWindow]:
    """Another program's window on the real screen, active, with an empty text box."""
    with real_screen.start_target(tmp_path / "target.txt") as target:
        yield target
