"""The phrase import preview of a large Espanso file, against the floor of the same run.

    uv run python -m tests.bench.import_preview [--size-mb 2.5] [--runs 3]

Writes an Espanso match file of ``--size-mb`` (each match with a trigger, a replacement
and an echo variable), then times, interleaved:

- app: ``read_import_file`` (what the worker runs before the preview opens: reading,
  repairing, the limited YAML loader with its line numbers, on libyaml's parser when
  PyYAML has it, the conversion to phrases);
- floor: PyYAML's C loader (``yaml.CSafeLoader``) on the same bytes, no checks at all;
- responsive: the longest the GUI thread's event loop waited (a 5 ms timer's largest gap)
  while the Session's worker read the file for the preview, as the app does.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

_WORDS = ["thanks", "for", "waiting", "your", "order", "refund", "parcel", "sorry", "delay",
          "tracking", "replacement", "today", "tomorrow", "customer", "support", "team",
          "happy", "help"]


def write_espanso(path: Path, size: int) -> int:
    """An Espanso file of about ``size`` bytes; how many matches it holds."""
    rng = random.Random(1)
    lines, total, count = ["matches:"], 9, 0
    while total < size:
        count += 1
        text = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(8, 40)))
        entry = (f'  - trigger: ";t{count}"\n    replace: "{text} {{{{name}}}}."\n'
                 "    vars:\n      - name: name\n        type: echo\n        params:\n"
                 "          echo: Sam")
        lines.append(entry)
        total += len(entry) + 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return count


def time_app_and_floor(path: Path, runs: int) -> tuple[list[float], list[float]]:
    """Seconds for the app's read and for the C loader, interleaved."""
    import yaml

    from checkback.core.phrase_transfer import read_import_file

    raw = path.read_bytes()
    app, floor = [], []
    for _ in range(runs):
        started = time.perf_counter()
        read_import_file(path)
        app.append(time.perf_counter() - started)
        started = time.perf_counter()
        yaml.load(raw, Loader=yaml.CSafeLoader)  # noqa: S506 - the C *safe* loader
        floor.append(time.perf_counter() - started)
    return app, floor


def longest_gui_wait(path: Path) -> float:
    """Milliseconds: the largest gap of a 5 ms timer while the worker reads ``path``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from checkback.core.phrase_transfer import read_import_file
    from checkback.settings import Settings
    from checkback.ui.session import Session

    app = QApplication.instance() or QApplication([])
    data_dir = Path(tempfile.mkdtemp())
    session = Session(data_dir, Settings(data_dir))
    ticks: list[float] = []
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    done: list[object] = []
    job = session.worker.submit(lambda: read_import_file(path))
    job.done.connect(done.append)
    timer.start()
    while not done:
        app.processEvents()
        time.sleep(0.001)
    timer.stop()
    session.close()
    gaps = [later - earlier for earlier, later in zip(ticks, ticks[1:], strict=False)]
    return 1000 * max(gaps, default=0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=2.5)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp()) / "espanso.yml"
    matches = write_espanso(path, int(args.size_mb * 1_000_000))
    app, floor = time_app_and_floor(path, args.runs)
    wait = longest_gui_wait(path)
    app_s, floor_s = statistics.median(app), statistics.median(floor)
    from checkback.core.safe_yaml import libyaml_present

    parser_name = "libyaml" if libyaml_present() else "PyYAML's own, no libyaml"
    print(f"{path.stat().st_size / 1e6:.1f} MB, {matches} matches; medians of {args.runs}; "
          f"parser: {parser_name}")
    print(f"preview read, app {app_s:.2f} s / C loader floor {floor_s:.2f} s = "
          f"{app_s / floor_s:.1f}x (goal under 2 s: {'met' if app_s < 2 else 'MISSED'})")
    print(f"GUI thread's longest wait meanwhile: {wait:.0f} ms")


if __name__ == "__main__":
    main()
