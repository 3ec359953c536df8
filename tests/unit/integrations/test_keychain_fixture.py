"""The ``keychain`` fixture: a real gnome-keyring on a private D-Bus, reached through keyring."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import keyring
import pytest
import secretstorage
from jeepney.bus_messages import message_bus
from keyring.backends.SecretService import Keyring as SecretServiceKeyring
from keyring.errors import PasswordDeleteError

from tests.servers.keychain import RealKeychain

pytestmark = pytest.mark.keychain

REPOSITORY = Path(__file__).resolve().parents[3]


def unique_service() -> str:
    """A service name no other test uses: the keychain lives for the whole session."""
    return f"checkback-test-{uuid.uuid4().hex}"


def stored_in_gnome_keyring(service: str, username: str) -> str | None:
    """The secret for ``service``/``username`` read straight from the default collection."""
    connection = secretstorage.dbus_init()
    try:
        collection = secretstorage.get_default_collection(connection)
        query = {"service": service, "username": username}
        secrets = [item.get_secret().decode() for item in collection.search_items(query)]
    finally:
        connection.close()
    return secrets[0] if secrets else None


def test_set_get_and_delete_through_keyring(system_keyring: object) -> None:
    """keyring's module functions store, read back and delete a password."""
    service = unique_service()
    keyring.set_password(service, "agent@example.com", "s3cret-token")
    assert keyring.get_password(service, "agent@example.com") == "s3cret-token"
    keyring.set_password(service, "agent@example.com", "second-token")
    assert keyring.get_password(service, "agent@example.com") == "second-token"
    keyring.delete_password(service, "agent@example.com")
    assert keyring.get_password(service, "agent@example.com") is None
    with pytest.raises(PasswordDeleteError):
        keyring.delete_password(service, "agent@example.com")


def test_the_password_is_really_in_gnome_keyring(system_keyring: object) -> None:
    """What keyring stored is there for a fresh backend and in the collection itself."""
    service = unique_service()
    keyring.set_password(service, "agent", "pässwörd ✓")
    assert SecretServiceKeyring().get_password(service, "agent") == "pässwörd ✓"
    assert stored_in_gnome_keyring(service, "agent") == "pässwörd ✓"
    keyring.delete_password(service, "agent")
    assert SecretServiceKeyring().get_password(service, "agent") is None
    assert stored_in_gnome_keyring(service, "agent") is None


def test_system_keyring_is_the_keychain_backend(keychain: RealKeychain,
                                                system_keyring: object) -> None:
    """While ``system_keyring`` is active, keyring's backend is the keychain's."""
    assert keyring.get_keyring() is keychain.backend is system_keyring
    assert os.environ["DBUS_SESSION_BUS_ADDRESS"] == keychain.bus_address
    assert keychain.environment == {"DBUS_SESSION_BUS_ADDRESS": keychain.bus_address}


def test_the_secret_service_is_gnome_keyring(keychain: RealKeychain) -> None:
    """The owner of org.freedesktop.secrets on the private bus is our gnome-keyring-daemon."""
    connection = secretstorage.dbus_init()
    try:
        reply = connection.send_and_get_reply(
            message_bus.GetConnectionUnixProcessID("org.freedesktop.secrets"))
    finally:
        connection.close()
    assert reply.body[0] == keychain.daemon_pid
    assert Path(f"/proc/{keychain.daemon_pid}/comm").read_text().startswith("gnome-keyring")


def test_a_fresh_process_detects_secret_service(keychain: RealKeychain,
                                                tmp_path: Path) -> None:
    """With the keychain's environment, keyring's auto-detection picks SecretService."""
    env = {**os.environ, **keychain.environment, "XDG_CONFIG_HOME": str(tmp_path)}
    env.pop("PYTHON_KEYRING_BACKEND", None)
    code = "import keyring; print(type(keyring.get_keyring()).__module__)"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, timeout=60, check=True)
    assert result.stdout.strip() == "keyring.backends.SecretService"


def run_fixture_test_without_programs(tmp_path: Path, ci: bool) -> subprocess.CompletedProcess:
    """Run one keychain test in a fresh pytest whose PATH holds none of the programs."""
    env = {**os.environ, "PATH": str(tmp_path)}
    env.pop("CI", None)
    if ci:
        env["CI"] = "1"
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "keychain",
               f"{__file__}::test_set_get_and_delete_through_keyring"]
    return subprocess.run(command, cwd=REPOSITORY, env=env, capture_output=True, text=True,
                          timeout=120)


def test_without_the_programs_the_tests_are_skipped(tmp_path: Path) -> None:
    """No dbus-daemon or gnome-keyring on PATH: skipped, with the setup script named."""
    result = run_fixture_test_without_programs(tmp_path, ci=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 skipped" in result.stdout
    assert "run tests/servers/keychain-setup" in result.stdout


def test_without_the_programs_ci_fails(tmp_path: Path) -> None:
    """The same on CI: an error, not a skip, so a broken CI machine is noticed."""
    result = run_fixture_test_without_programs(tmp_path, ci=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 error" in result.stdout and "skipped" not in result.stdout
    assert "gnome-keyring-daemon not installed" in result.stdout
