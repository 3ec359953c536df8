"""Benchmarks of the policy reference, each figure against a baseline from the same run.

    uv run python -m tests.bench.run [--sizes 1000,10000,50000] [--quick]

- start-up: process start to the window's first paint (and to the built window), against
  a bare PySide6 window measured the same way;
- search: key press in the search box to the result list updated, against the bare
  FTS5 ranking query for the same text on the same database;
- memory: peak resident set over the first seconds, against the bare window.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from tests.bench.content import install_pack, write_pack

os.environ["QT_QPA_PLATFORM"] = "offscreen"
ENV = dict(os.environ)
BARE = [sys.executable, str(Path(__file__).with_name("bare_window.py"))]
TYPED = ["refund", "late deliv", "exchange size", "warranty claim", "angry cust", "the", "a",
         "r", "follow up survey", "privacy data"]


def app_command(data_dir: Path) -> list[str]:
    """The app as the agent starts it, on ``data_dir``."""
    return [sys.executable, "-m", "checkback", "--data-dir", str(data_dir)]


def timed_start(command: list[str]) -> dict[str, float]:
    """Milliseconds from spawning ``command`` to each "<event> <ns>" line it prints."""
    started = time.time_ns()
    out = subprocess.run(command, env=ENV, capture_output=True, text=True, check=True).stdout
    marks = dict(line.split() for line in out.splitlines()
                 if line.startswith(("shown ", "ready ")))
    return {event: (int(ns) - started) / 1e6 for event, ns in marks.items()}


def start_up(data_dir: Path, runs: int) -> dict[str, float]:
    """Median start-up of the app and the bare window, interleaved."""
    bare, shown, ready = [], [], []
    for _ in range(runs):
        bare.append(timed_start(BARE)["shown"])
        app = timed_start([*app_command(data_dir), "--exit-when-shown"])
        shown.append(app["shown"])
        ready.append(app["ready"])
    return {"bare": statistics.median(bare), "shown": statistics.median(shown),
            "ready": statistics.median(ready)}


def peak_rss_mb(command: list[str], seconds: float = 3.0) -> float:
    """Peak resident set of ``command`` over its first ``seconds``, sampled every 50 ms."""
    process = subprocess.Popen(command, env=ENV, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    peak = 0
    watched = psutil.Process(process.pid)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        peak = max(peak, watched.memory_info().rss)
        time.sleep(0.05)
    process.terminate()
    process.wait()
    return peak / 2**20


def memory(data_dir: Path, runs: int) -> dict[str, float]:
    """Median peak RSS of the app and the bare window."""
    bare = [peak_rss_mb([*BARE, "--stay"]) for _ in range(runs)]
    app = [peak_rss_mb(app_command(data_dir)) for _ in range(runs)]
    return {"bare": statistics.median(bare), "app": statistics.median(app)}


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of ``values`` lie."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def search(data_dir: Path, rounds: int) -> dict[str, float]:
    """Key press to list updated in the real panel, and the bare query, in milliseconds."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from checkback.storage.database import database_path, open_reader
    from checkback.storage.policy_search import SEARCH_SQL, fts_query
    from checkback.ui.policy_panel import PolicyPanel

    app = QApplication.instance() or QApplication([])
    conn = open_reader(database_path(data_dir))
    panel = PolicyPanel(conn)
    panel.resize(440, 700)
    panel.show()
    app.processEvents()
    keystroke, bare = [], []
    for _ in range(rounds):
        for text in TYPED:
            panel.search_box.clear()
            for end in range(1, len(text) + 1):
                started = time.perf_counter()
                QTest.keyClick(panel.search_box, text[end - 1])
                keystroke.append(time.perf_counter() - started)
                query = fts_query(text[:end])
                started = time.perf_counter()
                if query is not None:
                    conn.execute(SEARCH_SQL, (query, 50, 0)).fetchall()
                bare.append(time.perf_counter() - started)
    conn.close()
    return {f"{name} {label}": 1000 * percentile(values, share)
            for name, values in (("app", keystroke), ("bare", bare))
            for label, share in (("p50", 0.5), ("p99", 0.99))}


def main() -> None:
    """Run every benchmark for every size and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--quick", action="store_true", help="1,000 policies, fewer runs")
    args = parser.parse_args()
    sizes = [1000] if args.quick else [int(size) for size in args.sizes.split(",")]
    runs = 3 if args.quick else 7
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for size in sizes:
            pack = write_pack(Path(scratch) / f"pack-{size}", size)
            data_dir = Path(scratch) / f"data-{size}"
            started = time.perf_counter()
            report = install_pack(pack, data_dir)
            indexed = time.perf_counter() - started
            started = time.perf_counter()
            again = install_pack(pack, data_dir)
            print(f"{size:>6} policies: indexed {report.added} in {indexed:.1f} s; "
                  f"a pass with no change took {time.perf_counter() - started:.2f} s "
                  f"({again.unchanged} unchanged)", flush=True)
            rows.append((size, start_up(data_dir, runs), search(data_dir, 2 if args.quick else 5),
                         memory(data_dir, 3)))
    print_table(rows)


Row = tuple[int, dict[str, float], dict[str, float], dict[str, float]]


def print_table(rows: list[Row]) -> None:
    """Print one line per size: each figure, its baseline and the ratio."""
    print("\n  size | start-up ms: app shown / bare (ratio), built | search ms p50 app/bare | "
          "p99 app/bare (ratio) | RSS MB app/bare (ratio)")
    for size, start, found, rss in rows:
        print(f"{size:>6} | {start['shown']:6.0f} / {start['bare']:4.0f} "
              f"({start['shown'] / start['bare']:.2f}x), {start['ready']:4.0f} | "
              f"{found['app p50']:5.2f} / {found['bare p50']:5.2f} | "
              f"{found['app p99']:5.2f} / {found['bare p99']:5.2f} "
              f"({found['app p99'] / found['bare p99']:.2f}x) | "
              f"{rss['app']:5.1f} / {rss['bare']:5.1f} ({rss['app'] / rss['bare']:.2f}x)")
    first, last = rows[0], rows[-1]
    if len(rows) > 1:
        print(f"search p99 grows {last[2]['app p99'] / first[2]['app p99']:.1f}x from "
              f"{first[0]} to {last[0]} policies")


if __name__ == "__main__":
    main()
