"""Benchmarks of Checkback's policy reference, each figure against a baseline of the same run.

    uv run python -m tests.bench.run [--sizes 1000,10000,50000] [--quick]

For each size N: write N synthetic policies and index them; then time start-up against a
bare PySide6 window, search-as-you-type against the bare FTS5 query, and memory against
the bare window. The machine is shared and noisy, so app and baseline runs are interleaved
and the ratios are what to compare across runs.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import PySide6

from tests.bench.content import install_pack, write_pack
from tests.bench.processes import MEMORY_METHOD, Memory, StartUp, memory, start_up
from tests.bench.search import queries

ROOT = Path(__file__).resolve().parents[2]
USABLE_TARGET = 2.0  # start to first key painted / bare window's first paint
COLD_TARGET = 1.3  # cold start (new data folder) / warm start, both to usable
FRAME_MS = 16.0  # every search figure, to painted, at every size
GROWTH_TARGET = 2.0  # search p99 to painted, smallest size to largest
MEMORY_TARGET = 1.5


@dataclass
class Content:
    """Building one size's content: seconds to write, index and re-check it."""

    files: int
    write_s: float
    index_s: float
    recheck_s: float
    failed: int
    db_mb: float


@dataclass
class Search:
    """Per-key milliseconds: the app to the model reset and to painted, and the bare query."""

    samples: dict[str, list]

    def stat(self, key: str, share: float) -> float:
        """The nearest-rank percentile ``share`` of the samples ``key``."""
        ordered = sorted(self.samples[key])
        return ordered[max(0, math.ceil(share * len(ordered)) - 1)]

    def slowest(self, count: int = 5) -> list[tuple[str, float, float, float]]:
        """The prefixes slowest in the app (median over rounds): prefix, app, bare, painted."""
        by_prefix: dict[str, list[int]] = {}
        for i, prefix in enumerate(self.samples["prefix"]):
            by_prefix.setdefault(prefix, []).append(i)

        def median(key: str, rows: list[int]) -> float:
            return statistics.median(self.samples[key][i] for i in rows)

        rows = [(prefix, median("model", i), median("bare", i), median("painted", i))
                for prefix, i in by_prefix.items()]
        return sorted(rows, key=lambda row: -row[1])[:count]


@dataclass
class Result:
    """Everything measured for one size."""

    size: int
    content: Content
    start: StartUp
    search: Search
    memory: Memory


def build_content(size: int, scratch: Path) -> tuple[Content, Path]:
    """Write and index ``size`` policies; return the timings and the data directory."""
    started = time.perf_counter()
    pack = write_pack(scratch / f"pack-{size}", size)
    written = time.perf_counter() - started
    data_dir = scratch / f"data-{size}"
    started = time.perf_counter()
    report = install_pack(pack, data_dir)
    indexed = time.perf_counter() - started
    started = time.perf_counter()
    again = install_pack(pack, data_dir)
    rechecked = time.perf_counter() - started
    assert not again.changed, "the second pass should change nothing"
    db_bytes = sum(path.stat().st_size for path in data_dir.glob("checkback.db*"))
    return Content(report.added, written, indexed, rechecked, len(report.failed),
                   db_bytes / 2**20), data_dir


def search(data_dir: Path, rounds: int) -> Search:
    """Run the search benchmark in a child process (see tests/bench/search.py)."""
    out = subprocess.run(
        [sys.executable, "-m", "tests.bench.search", str(data_dir), str(rounds)],
        cwd=ROOT, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), capture_output=True,
        text=True, check=True,
    ).stdout
    return Search(json.loads(out))


def main() -> None:
    """Run every benchmark for every size and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,50000",
                        help="numbers of policies, comma-separated")
    parser.add_argument("--quick", action="store_true", help="1,000 policies, fewer runs")
    args = parser.parse_args()
    sizes = [1000] if args.quick else [int(size) for size in args.sizes.split(",")]
    starts, rounds, memory_runs, memory_seconds = (3, 2, 1, 4.0) if args.quick else (9, 4, 3, 4.0)
    print(f"Checkback benchmarks: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"PySide6 {PySide6.__version__}, sizes {sizes}", flush=True)
    results = []
    begun = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="checkback-bench-") as scratch:
        for size in sizes:
            content, data_dir = build_content(size, Path(scratch))
            os.sync()  # no write-back of the new database during the timings
            print(f"  {size}: content built; timing start-up", flush=True)
            start = start_up(data_dir, starts, Path(scratch))
            print(f"  {size}: timing search", flush=True)
            found = search(data_dir, rounds)
            print(f"  {size}: measuring memory", flush=True)
            rss = memory(data_dir, memory_runs, memory_seconds)
            results.append(Result(size, content, start, found, rss))
    print(f"  all done in {time.perf_counter() - begun:.0f} s")
    print_tables(results, starts, rounds, memory_runs, memory_seconds)


def _mark(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def _heading(title: str, note: str) -> None:
    print(f"\n{title}")
    print(textwrap.fill(note, 96, initial_indent="   ", subsequent_indent="   "))


def _ratio(app: float, bare: float) -> str:
    return f"{app / bare:.2f}x"


def print_tables(results: list[Result], starts: int, rounds: int, memory_runs: int,
                 memory_seconds: float) -> None:
    """Print one table per benchmark, then the summary and the targets."""
    _heading("1. Content (informational)",
             "N synthetic policies (plus the 19 shipped) written to a pack folder, indexed "
             "once by the app's own pass (every kind) into a fresh database, then a second pass "
             "with no change.")
    print(f"{'size':>6} {'files':>6} {'write s':>8} {'index s':>8} {'ms/file':>8} "
          f"{'no-change pass s':>17} {'failed':>7} {'db MB':>7}")
    for r in results:
        c = r.content
        print(f"{r.size:>6} {c.files:>6} {c.write_s:>8.1f} {c.index_s:>8.1f} "
              f"{1000 * c.index_s / c.files:>8.2f} {c.recheck_s:>17.2f} {c.failed:>7} "
              f"{c.db_mb:>7.1f}")

    _heading("2. Start-up, ms from just before Popen",
             f"Median of {starts} runs each, bare window and app interleaved, after one "
             "warm-up each. bare = a bare PySide6 window's first paint; frame = the app's "
             "window frame painted; usable = a key typed at that paint, painted in the "
             "policy results (the headline); ready = everything else built; cold = usable "
             "on a new data folder (first start: the database made, the content indexed).")
    print(f"{'size':>6} {'bare':>6} {'frame':>6} {'ratio':>6} {'usable':>7} {'ratio':>6} "
          f"{'ready':>6} {'cold':>6} {'cold/warm':>10}")
    for r in results:
        s = r.start
        print(f"{r.size:>6} {s.bare:>6.0f} {s.shown:>6.0f} {_ratio(s.shown, s.bare):>6} "
              f"{s.usable:>7.0f} {_ratio(s.usable, s.bare):>6} {s.ready:>6.0f} "
              f"{s.cold_usable:>6.0f} {_ratio(s.cold_usable, s.usable):>10}")

    _heading("3. Search as you type, ms per key",
             f"{rounds} rounds of {len(queries())} queries typed a key at a time into the "
             "real PolicyPanel (440x760, offscreen). model = QTest.keyClick until it "
             "returns (the model is reset); painted = model plus processEvents (rows laid "
             "out and painted); ranked = the textbook query (bm25 over every match, LIMIT "
             "50); floor = unranked MATCH ... LIMIT 20 joined to its rows; empty = clearing "
             "the box, to painted.")
    print(f"{'size':>6} {'keys':>5} {'model p99':>10} {'painted p50':>12} "
          f"{'painted p99':>12} {'ranked p99':>11} {'floor p99':>10} {'painted/floor':>14} "
          f"{'empty p99':>10}")
    for r in results:
        f = r.search
        print(f"{r.size:>6} {len(f.samples['prefix']):>5} {f.stat('model', .99):>10.2f} "
              f"{f.stat('painted', .5):>12.2f} {f.stat('painted', .99):>12.2f} "
              f"{f.stat('bare', .99):>11.2f} {f.stat('floor', .99):>10.2f} "
              f"{_ratio(f.stat('painted', .99), f.stat('floor', .99)):>14} "
              f"{f.stat('empty', .99):>10.2f}")
    first = results[0]
    for r in results[1:]:
        growth = {key: _ratio(r.search.stat(key, .99), first.search.stat(key, .99))
                  for key in ("painted", "bare", "floor")}
        print(f"p99 growth {first.size} -> {r.size}: painted {growth['painted']}, "
              f"ranked {growth['bare']}, floor {growth['floor']}")
    print("slowest prefixes (median ms model / ranked / painted):")
    for r in results:
        print(f"{r.size:>6}: " + "; ".join(f"'{prefix}' {app:.1f}/{bare:.1f}/{painted:.1f}"
                                           for prefix, app, bare, painted in r.search.slowest()))

    _heading("4. Memory, resident set in MB",
             MEMORY_METHOD.format(seconds=memory_seconds, runs=memory_runs) + ".")
    print(f"{'size':>6} {'bare peak':>10} {'app peak':>9} {'ratio':>6} {'bare settled':>13} "
          f"{'app settled':>12} {'ratio':>6}")
    for r in results:
        m = r.memory
        print(f"{r.size:>6} {m.bare_peak:>10.1f} {m.app_peak:>9.1f} "
              f"{_ratio(m.app_peak, m.bare_peak):>6} {m.bare_settled:>13.1f} "
              f"{m.app_settled:>12.1f} {_ratio(m.app_settled, m.bare_settled):>6}")

    print(f"\nGoals: usable <= {USABLE_TARGET}x the bare paint, cold <= {COLD_TARGET}x warm, "
          f"search and empty box p99 to painted < {FRAME_MS:.0f} ms, growth <= "
          f"{GROWTH_TARGET}x, peak RSS <= {MEMORY_TARGET}x the bare window")
    for r in results:
        s, f, m = r.start, r.search, r.memory
        growth = f.stat("painted", .99) / first.search.stat("painted", .99)
        print(f"{r.size:>6}: usable {_ratio(s.usable, s.bare)} "
              f"{_mark(s.usable / s.bare <= USABLE_TARGET)}; cold "
              f"{_ratio(s.cold_usable, s.usable)} "
              f"{_mark(s.cold_usable / s.usable <= COLD_TARGET)}; search "
              f"{f.stat('painted', .99):.1f} ms {_mark(f.stat('painted', .99) < FRAME_MS)}; "
              f"empty {f.stat('empty', .99):.1f} ms {_mark(f.stat('empty', .99) < FRAME_MS)}; "
              f"growth {growth:.2f}x {_mark(growth <= GROWTH_TARGET)}; RSS "
              f"{_ratio(m.app_peak, m.bare_peak)} "
              f"{_mark(m.app_peak / m.bare_peak <= MEMORY_TARGET)}")


if __name__ == "__main__":
    main()
