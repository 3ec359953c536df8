"""Checkback itself running on the real (virtual) screen, for the tests that need one."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers.screen import RealScreen

START_S = 60


def wait_for(condition, what: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@pytest.fixture(scope="package")
def running_app(real_screen: RealScreen, tmp_path_factory) -> Iterator[Path]:
    """Checkback running on the screen, with a team phrase to paste; its data folder."""
    root = tmp_path_factory.mktemp("picker")
    pack = root / "pack" / "snippets"
    pack.mkdir(parents=True)
    (pack / "tracking.yaml").write_text(
        "snippets:\n  - title: Tracking link\n"
        "    text: \"Here is your tracking link, {agent_name}.\"\n", encoding="utf-8")
    data = root / "data"
    data.mkdir()
    (data / "settings.ini").write_text(
        f"[agent]\nname=Sam Lee\n\n[content]\nteam_folders={root / 'pack'}\n", encoding="utf-8")
    app = subprocess.Popen([sys.executable, "-m", "checkback", "--data-dir", str(data)],
                           env=real_screen.env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    log = data / "checkback.log"
    try:
        wait_for(lambda: log.exists() and "Alt+Space taken" in log.read_text(),
                 "the app to take its hotkey", START_S)
        yield data
    finally:
        app.terminate()
        app.wait(10)


