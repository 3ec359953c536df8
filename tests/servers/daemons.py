"""Starting and stopping the test servers' own programs (a keychain daemon, an X server, a
window manager): each in its own session, its output in a log file, stopped by pid."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

START_TIMEOUT = 15.0
STOP_TIMEOUT = 5.0


def start(command: list[str], log: Path, env: dict[str, str],
          stdin: int | None = subprocess.DEVNULL,
          pass_fds: tuple[int, ...] = ()) -> subprocess.Popen[bytes]:
    """Start a program in its own session, output to ``log``; it gets SIGTERM if pytest dies."""
    if shutil.which("setpriv"):
        command = ["setpriv", "--pdeathsig", "TERM", "--", *command]
    with log.open("ab") as out:
        return subprocess.Popen(command, stdin=stdin, stdout=out, stderr=subprocess.STDOUT,
                                env=env, start_new_session=True, pass_fds=pass_fds)


def stop(processes: list[subprocess.Popen[bytes]]) -> None:
    """Stop the processes, last started first: SIGTERM, then SIGKILL, and reap them."""
    for process in reversed(processes):
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process.stdin is not None:
            process.stdin.close()


def log_text(log: Path) -> str:
    """A program's output so far, for an error message."""
    try:
        return log.read_text(encoding="utf-8", errors="replace").strip() or "(none)"
    except OSError:
        return "(none)"


def wait_until(ready: Callable[[], bool], what: str, process: subprocess.Popen[bytes],
               log: Path, timeout: float = START_TIMEOUT) -> None:
    """Poll ``ready`` until true; raise with the program's output if it exits or times out."""
    deadline = time.monotonic() + timeout
    while not ready():
        if process.poll() is not None or time.monotonic() > deadline:
            state = f"exited with {process.returncode}" if process.poll() is not None \
                else f"not ready after {timeout:.0f} s"
            raise RuntimeError(f"{what} {state}; its output: {log_text(log)}")
        time.sleep(0.02)
