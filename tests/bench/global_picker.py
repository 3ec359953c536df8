"""The picker from any window, timed on a real (virtual) X screen, as the agent sees it.

    uv run python -m tests.bench.global_picker [--tries 50]

Checkback runs on Xvfb with openbox beside a stand-in helpdesk window (another program).
Each try: the hotkey is sent with xdotool; "shown" is when the picker has the keyboard;
then Enter pastes the most-used phrase, and "pasted" is when the text is in the other
program's box. The floor, measured in the same run, is one key typed into that box until
it shows there: what the measuring itself costs. Figures are p50 and p99 in ms.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.servers.screen import RealScreen, require_programs, running_screen

PICKER = "Checkback: paste a phrase"
PHRASE = "Here is your tracking link."
POLL_S = 0.002


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tries", type=int, default=50)
    tries = parser.parse_args().tries
    require_programs()
    with tempfile.TemporaryDirectory() as folder, running_screen(Path(folder)) as screen:
        data = _data_folder(Path(folder))
        app = subprocess.Popen([sys.executable, "-m", "checkback", "--data-dir", str(data)],
                               env=screen.env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
        try:
            _wait(lambda: "Alt+Space taken" in _log(data), 60)
            target = screen.start_target(Path(folder) / "target.txt")
            _report(_measure(screen, target, tries))
        finally:
            app.terminate()
            app.wait(10)


def _measure(screen: RealScreen, target, tries: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"floor: a key into the box": [], "hotkey → picker shown": [],
                                     "hotkey + Enter → text pasted": []}
    _paste_by_word(screen, target)  # now it is the most used: first in the picker
    for _ in range(tries):
        target.activate()
        start = time.perf_counter()
        screen.key("x")
        _wait(lambda: target.text().endswith("x"), 5)
        times["floor: a key into the box"].append(_ms(start))
        screen.key("BackSpace")
        _wait(lambda: target.text() == "", 5)
        start = time.perf_counter()
        screen.key("alt+space")
        _wait(lambda: screen.active_window() == screen.find_window(PICKER), 5)
        times["hotkey → picker shown"].append(_ms(start))
        screen.key("Return")
        _wait(lambda: target.text() == PHRASE, 5)
        times["hotkey + Enter → text pasted"].append(_ms(start))
        screen.key("ctrl+a", "BackSpace")
        _wait(lambda: target.text() == "", 5)
        time.sleep(0.35)  # the clipboard is given back before the next try
    return times


def _paste_by_word(screen: RealScreen, target) -> None:
    target.activate()
    screen.key("alt+space")
    _wait(lambda: screen.active_window() == screen.find_window(PICKER), 5)
    screen.type_text("tracking")
    screen.key("Return")
    _wait(lambda: target.text() == PHRASE, 5)
    screen.key("ctrl+a", "BackSpace")
    _wait(lambda: target.text() == "", 5)
    time.sleep(0.35)


def _report(times: dict[str, list[float]]) -> None:
    floor = statistics.median(times["floor: a key into the box"])
    print(f"{'what':34} {'p50 ms':>8} {'p99 ms':>8} {'p50 / floor':>12}")
    for what, values in times.items():
        ordered = sorted(values)
        p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
        p50 = statistics.median(ordered)
        print(f"{what:34} {p50:8.1f} {p99:8.1f} {p50 / floor:11.1f}x")


def _data_folder(root: Path) -> Path:
    pack = root / "pack" / "snippets"
    pack.mkdir(parents=True)
    (pack / "tracking.yaml").write_text(
        f"snippets:\n  - title: Tracking link\n    text: \"{PHRASE}\"\n", encoding="utf-8")
    data = root / "data"
    data.mkdir()
    (data / "settings.ini").write_text(
        f"[content]\nteam_folders={root / 'pack'}\n", encoding="utf-8")
    return data


def _log(data: Path) -> str:
    log = data / "checkback.log"
    return log.read_text(encoding="utf-8") if log.exists() else ""


def _wait(condition, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not show what was awaited")
        time.sleep(POLL_S)


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


if __name__ == "__main__":
    main()
