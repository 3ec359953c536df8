"""A real Secret Service keychain for tests: gnome-keyring on a private D-Bus session bus.

Nothing starts until a test asks for ``keychain`` (session-scoped) or ``system_keyring``
(per test). Then a private ``dbus-daemon`` with its own configuration and runtime directory
and an unlocked ``gnome-keyring-daemon`` (secrets component only) are started, with a
private HOME and XDG directories, so the user's own keyring is never touched.
``DBUS_SESSION_BUS_ADDRESS`` is set in ``os.environ`` while it runs (it is all that keyring,
SecretStorage and Jeepney read to find the bus); at the end of the session both daemons
are stopped and ``os.environ`` is restored.

No keyring backend class may be defined here: keyring registers every subclass it sees,
which turns its auto-detection into a chained backend.

Programs missing: the tests are skipped (``tests/servers/keychain-setup`` installs them);
with ``CI`` set they fail instead.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.servers.daemons import start, stop, wait_until

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend
    from keyring.backends.SecretService import Keyring as SecretServiceKeyring

PROGRAMS = ("dbus-daemon", "dbus-send", "gnome-keyring-daemon")
SECRETS_NAME = "org.freedesktop.secrets"
KEYRING_PASSWORD = b"checkback-test-keyring"

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@dataclass
class RealKeychain:
    """A running gnome-keyring on a private bus, as the tests see it.

    ``backend``: a working ``keyring.backends.SecretService.Keyring``;
    ``environment``: the variables set in ``os.environ`` while it runs;
    ``daemon_pid``: the gnome-keyring-daemon process; ``bus_address``: the private bus;
    ``start_seconds``: how long it took to bring both daemons up.
    """

    backend: SecretServiceKeyring
    environment: dict[str, str]
    daemon_pid: int
    bus_address: str
    start_seconds: float


def missing_programs() -> list[str]:
    """The programs the keychain needs that are not on PATH."""
    return [name for name in PROGRAMS if shutil.which(name) is None]


def require_programs() -> None:
    """Skip (or, with CI set, fail) when the keychain's programs are not installed."""
    missing = missing_programs()
    if not missing:
        return
    message = f"{', '.join(missing)} not installed: run tests/servers/keychain-setup"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def private_directories(root: Path) -> dict[str, str]:
    """Make HOME, the XDG directories (runtime: mode 700) and the ``login`` alias in ``root``.

    Without ``keyrings/default`` naming ``login``, keyring asks the daemon to create a
    collection, which needs a GUI prompt and fails as locked.
    """
    folders = {name: root / name.lower() for name in
               ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR")}
    for folder in folders.values():
        folder.mkdir(mode=0o700)
    folders["XDG_RUNTIME_DIR"].chmod(0o700)
    keyrings = folders["XDG_DATA_HOME"] / "keyrings"
    keyrings.mkdir(mode=0o700)
    (keyrings / "default").write_text("login", encoding="utf-8")
    return {name: str(folder) for name, folder in folders.items()}



def name_has_owner(bus_address: str, name: str) -> bool:
    """Whether ``name`` has an owner on the bus (False also while the bus is not up yet)."""
    command = ["dbus-send", f"--bus={bus_address}", "--print-reply", "--reply-timeout=1000",
               "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
               "org.freedesktop.DBus.NameHasOwner", f"string:{name}"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=3)
    except subprocess.TimeoutExpired:
        return False
    return result.returncode == 0 and "boolean true" in result.stdout



def start_bus(root: Path, env: dict[str, str],
              processes: list[subprocess.Popen[bytes]]) -> str:
    """Start the private dbus-daemon; return its address once it answers."""
    socket = Path(env["XDG_RUNTIME_DIR"]) / "bus"
    config = root / "bus.conf"
    config.write_text(BUS_CONFIG.format(socket=socket), encoding="utf-8")
    log = root / "dbus-daemon.log"
    process = start(["dbus-daemon", "--nofork", f"--config-file={config}"], log, env)
    processes.append(process)
    address = f"unix:path={socket}"
    wait_until(lambda: name_has_owner(address, "org.freedesktop.DBus"), "dbus-daemon",
               process, log)
    return address


def start_keyring_daemon(root: Path, env: dict[str, str],
                         processes: list[subprocess.Popen[bytes]]) -> int:
    """Start gnome-keyring-daemon, unlocked with a password on stdin; wait for its bus name."""
    log = root / "gnome-keyring-daemon.log"
    command = ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"]
    process = start(command, log, env, stdin=subprocess.PIPE)
    processes.append(process)
    assert process.stdin is not None
    process.stdin.write(KEYRING_PASSWORD)
    process.stdin.close()
    address = env["DBUS_SESSION_BUS_ADDRESS"]
    wait_until(lambda: name_has_owner(address, SECRETS_NAME), "gnome-keyring-daemon",
               process, log)
    return process.pid



@contextlib.contextmanager
def environment_set(values: dict[str, str]) -> Iterator[None]:
    """Set ``values`` in ``os.environ``, then put back exactly what was there (or nothing)."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextlib.contextmanager
def running_keychain() -> Iterator[RealKeychain]:
    """Bring up the private bus and gnome-keyring, yield them, and always tear them down."""
    from keyring.backends.SecretService import Keyring

    began = time.monotonic()
    root = Path(tempfile.mkdtemp(prefix="checkback-keychain-"))
    processes: list[subprocess.Popen[bytes]] = []
    try:
        env = {**os.environ, **private_directories(root)}
        env["DBUS_SESSION_BUS_ADDRESS"] = start_bus(root, env, processes)
        pid = start_keyring_daemon(root, env, processes)
        exported = {"DBUS_SESSION_BUS_ADDRESS": env["DBUS_SESSION_BUS_ADDRESS"]}
        with environment_set(exported):
            yield RealKeychain(Keyring(), exported, pid, exported["DBUS_SESSION_BUS_ADDRESS"],
                               time.monotonic() - began)
    finally:
        stop(processes)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def keychain() -> Iterator[RealKeychain]:
    """A real gnome-keyring on a private D-Bus for the whole session, started on first use."""
    require_programs()
    with running_keychain() as chain:
        yield chain


@pytest.fixture
def system_keyring(keychain: RealKeychain) -> Iterator[KeyringBackend]:
    """Make the real gnome-keyring keyring's backend for one test, then put back the previous.

    Code under test that calls ``keyring.get_password`` / ``set_password`` reaches it.
    """
    import keyring

    previous = keyring.get_keyring()
    keyring.set_keyring(keychain.backend)
    try:
        yield keychain.backend
    finally:
        keyring.set_keyring(previous)
