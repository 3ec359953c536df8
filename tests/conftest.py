"""Shared fixtures. Every test runs offscreen and in a temporary data directory."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.pop("CHECKBACK_DATA_DIR", None)

import pytest  # noqa: E402

# Fixtures that start real servers: Request Tracker, a keychain, the Zendesk and Freshdesk
# APIs, a virtual X screen.
pytest_plugins = ["tests.servers.rt", "tests.servers.keychain", "tests.servers.helpdesk_fakes",
                  "tests.servers.screen"]


def policy_text(title: str, body: str = "Body text.", **fields: object) -> str:
    """The text of a policy file with ``title`` and any extra front-matter ``fields``."""
    lines = [f"title: {title}"]
    fields.setdefault("category", "General")
    for key, value in fields.items():
        if isinstance(value, list | tuple):
            lines.append(f"{key}:")
            lines += [f"  - {item}" for item in value]
        else:
            lines.append(f"{key}: {value}")
    return "---\n" + "\n".join(lines) + "\n---\n" + textwrap.dedent(body).strip() + "\n"


def write_policy(folder: Path, name: str, title: str, body: str = "Body text.",
                 **fields: object) -> Path:
    """Write a policy file ``name`` into ``folder`` and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(policy_text(title, body, **fields), encoding="utf-8")
    return path


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh, empty data directory for the database, settings and log."""
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A small content pack with three good policies in ``policies/``."""
    root = tmp_path / "pack"
    folder = root / "policies"
    write_policy(folder, "refunds.md", "Refunds", "Money goes back to the original card.",
                 category="Returns and refunds", tags="[money back, card]",
                 can=["Refund up to 100 EUR"], with_approval=["Refund over 100 EUR"],
                 cannot=["Refund in cash"], reviewed="2026-10-01", owner="Returns lead")
    write_policy(folder, "late-delivery.md", "Late delivery",
                 "Check tracking first. A refund of shipping costs is possible.",
                 category="Delivery", tags="[courier, tracking]", can=["Reship after 5 days"])
    write_policy(folder, "privacy.md", "Privacy of customer data",
                 "Never read card numbers aloud.", category="Privacy", tags="[gdpr]")
    return root


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make ``folder`` (and what is in it) read-only for Checkback, for real, then writable.

    chmod is enough for an ordinary user; root writes through it, so as root a tmpfs with a
    copy of the folder's files is mounted over it, read-only, for the duration.
    """
    if os.geteuid() != 0:
        modes = {path: path.stat().st_mode for path in [folder, *folder.rglob("*")]}
        for path in modes:
            path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            for path, mode in modes.items():
                path.chmod(mode)
        return
    saved = Path(tempfile.mkdtemp()) / "saved"
    shutil.copytree(folder, saved)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(folder)], check=True)
    try:
        shutil.copytree(saved, folder, dirs_exist_ok=True)
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@contextlib.contextmanager
def read_only_file(path: Path) -> Iterator[None]:
    """Make one file read-only for real (chmod; as root, a read-only bind mount over it),
    then writable again. Connections opened meanwhile stay read-only, as they would."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    subprocess.run(["mount", "--bind", str(path), str(path)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(path)], check=True)
        yield
    finally:
        subprocess.run(["umount", "--lazy", str(path)], check=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 16 MiB tmpfs to fill up for real (root only: mounting needs it)."""
    if os.geteuid() != 0:
        pytest.skip("filling a real disk needs a tmpfs, which only root can mount here")
    folder = tmp_path / "small-disk"
    folder.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(folder)], check=True)
    yield folder
    subprocess.run(["umount", "--lazy", str(folder)], check=True)


def fill_up(folder: Path) -> Path:
    """Write a file into ``folder`` until its disk is full; returns the file."""
    filler = folder / "filler"
    with filler.open("wb") as out:
        try:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        except OSError:
            pass
    return filler
