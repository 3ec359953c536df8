"""Start-up time and memory of the app and of the bare window, each in a fresh process."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

BARE = [sys.executable, str(Path(__file__).with_name("bare_window.py"))]
MEMORY_METHOD = ("RSS: each process runs without quitting for {seconds:.0f} s from spawn "
                 "(long enough to show, build and finish the app's first index pass); "
                 "peak = the kernel's high-water mark VmHWM from /proc/PID/status at the end; "
                 "settled = mean VmRSS sampled every 50 ms over the last 0.5 s; "
                 "median of {runs} runs, bare and app interleaved")


def environment() -> dict[str, str]:
    """The environment of every spawned process: offscreen Qt, no data directory override,
    and compiled modules kept (as an installed or frozen app has them)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("CHECKBACK_DATA_DIR", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def app_command(data_dir: Path) -> list[str]:
    """The app as the agent starts it (the ``checkback`` command the package installs), on
    ``data_dir``."""
    script = Path(sys.executable).with_name("checkback")
    start = [str(script)] if script.exists() else [sys.executable, "-m", "checkback"]
    return [*start, "--data-dir", str(data_dir)]


def timed_start(command: list[str]) -> dict[str, float]:
    """Milliseconds from just before spawning ``command`` to each "<mark> <ns>" it prints."""
    started = time.time_ns()
    process = subprocess.Popen(command, env=environment(), stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    out, _ = process.communicate(timeout=120)
    if process.returncode != 0:
        raise RuntimeError(f"{command} exited with {process.returncode}")
    marks = {}
    for line in out.splitlines():
        mark, _, ns = line.partition(" ")
        if mark in ("shown", "ready", "usable"):
            marks[mark] = (int(ns) - started) / 1e6
    return marks


@dataclass
class StartUp:
    """Median milliseconds from spawn: the bare window's first paint; the app's frame
    painted, its first key (typed at that paint) painted in the results ("usable"), the
    rest built ("ready"); and "usable" on a new data folder (a cold start)."""

    bare: float
    shown: float
    usable: float
    ready: float
    cold_usable: float


def start_up(data_dir: Path, runs: int, scratch: Path) -> StartUp:
    """Time ``runs`` starts each of the bare window, the app on ``data_dir`` and the app on
    a new data folder in ``scratch``, interleaved, after a warm-up."""
    app = [*app_command(data_dir), "--exit-when-shown"]
    timed_start(BARE), timed_start(app)  # warm the disk cache; not counted
    bare, shown, usable, ready, cold = [], [], [], [], []
    for run in range(runs):
        bare.append(timed_start(BARE)["shown"])
        marks = timed_start(app)
        shown.append(marks["shown"])
        usable.append(marks["usable"])
        ready.append(marks["ready"])
        new_folder = scratch / f"cold-{data_dir.name}-{run}"
        cold.append(timed_start([*app_command(new_folder), "--exit-when-shown"])["usable"])
    median = statistics.median
    return StartUp(median(bare), median(shown), median(usable), median(ready), median(cold))


def _vm_kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


def resident_mb(command: list[str], seconds: float) -> tuple[float, float]:
    """Peak and settled resident set (MB) of ``command`` over its first ``seconds``."""
    process = subprocess.Popen(command, env=environment(), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    watched = psutil.Process(process.pid)
    started = time.monotonic()
    last: list[int] = []
    try:
        while (elapsed := time.monotonic() - started) < seconds:
            if elapsed >= seconds - 0.5:
                last.append(watched.memory_info().rss)
            time.sleep(0.05)
        if process.poll() is not None:
            raise RuntimeError(f"{command} ended early with {process.returncode}")
        peak = _vm_kib(process.pid, "VmHWM") * 1024
    finally:
        process.terminate()
        process.wait()
    return peak / 2**20, statistics.mean(last) / 2**20


@dataclass
class Memory:
    """Median peak and settled RSS in MB."""

    bare_peak: float
    app_peak: float
    bare_settled: float
    app_settled: float


def memory(data_dir: Path, runs: int, seconds: float) -> Memory:
    """RSS of the bare window and the app, interleaved (see MEMORY_METHOD)."""
    bare, app = [], []
    for _ in range(runs):
        bare.append(resident_mb([*BARE, "--stay"], seconds))
        app.append(resident_mb(app_command(data_dir), seconds))

    def median(values: list[tuple[float, float]], which: int) -> float:
        return statistics.median(value[which] for value in values)

    return Memory(median(bare, 0), median(app, 0), median(bare, 1), median(app, 1))
