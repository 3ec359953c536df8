"""Start the frozen app's smoke test with the system's zone database hidden, and check it.

    python packaging/smoke_frozen.py [EXECUTABLE]

EXECUTABLE defaults to this platform's build: dist/checkback/checkback(.exe), or
dist/Checkback.app/Contents/MacOS/checkback. The app runs offscreen in a new data folder
with ``PYTHONTZPATH`` naming an empty folder, so zoneinfo finds no system zones and must use
the bundled tzdata package (as on Windows, which has no zone database). Fails (exit 1) unless
the report shows at least 500 zones from the tzdata package, a follow-up in Europe/Berlin
on summer time, the keychain backend, the hotkey layer, PyYAML's C loader and the version
pyproject.toml gives. Standard library only: any Python runs it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORT_FILE = "smoke-test.txt"  # checkback.smoke_test writes it into the data folder
MIN_ZONES = 500
TIMEOUT = 120  # seconds; the smoke test takes about one


def default_executable() -> Path:
    """Where build.spec puts this platform's app."""
    if sys.platform == "darwin":
        return ROOT / "dist" / "Checkback.app" / "Contents" / "MacOS" / "checkback"
    return ROOT / "dist" / "checkback" / ("checkback.exe" if sys.platform == "win32"
                                          else "checkback")


def declared_version() -> str:
    """The version pyproject.toml gives."""
    with open(ROOT / "pyproject.toml", "rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def run_smoke_test(executable: Path, data_dir: Path, zones_dir: Path) -> tuple[int, str]:
    """Run the app's smoke test; its exit code and its report (from the data folder, since a
    windowed Windows build prints nothing)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONTZPATH": str(zones_dir)}
    try:
        done = subprocess.run([str(executable), "--smoke-test", "--data-dir", str(data_dir)],
                              env=env, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return -1, f"timed out after {TIMEOUT} s (an error box waiting?)\n{_log_tail(data_dir)}"
    report_file = data_dir / REPORT_FILE
    report = (report_file.read_text(encoding="utf-8").strip() if report_file.is_file()
              else done.stdout.strip())
    if done.returncode != 0:
        report += f"\n{done.stderr.strip()[-2000:]}\n{_log_tail(data_dir)}"
    return done.returncode, report


def _log_tail(data_dir: Path) -> str:
    log = data_dir / "checkback.log"
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines() if log.is_file() else []
    return "\n".join(["checkback.log ends:", *lines[-25:]]) if lines else "no checkback.log"


def checks(code: int, report: str, version: str) -> list[tuple[str, bool]]:
    """What the report must show, each with whether it does."""
    zones = re.search(r"time zones: (\d+) from ([^;]+);", report)
    return [
        ("the smoke test passed (exit code 0)", code == 0),
        (f"at least {MIN_ZONES} time zones", bool(zones) and int(zones.group(1)) >= MIN_ZONES),
        ("the zones come from the bundled tzdata package",
         bool(zones) and zones.group(2) == "the tzdata package"),
        ("a follow-up in Europe/Berlin on summer time (Mon 30 Mar 09:00 CEST)",
         "Europe/Berlin due Mon 30 Mar 09:00 CEST" in report),
        ("the keychain backend is found", "backend found" in report),
        ("the hotkey layer loads", "hotkey layer ok" in report),
        ("PyYAML's C loader is there", "YAML C loader ok" in report),
        (f"the version is pyproject.toml's ({version})", f"; version {version};" in report),
    ]


def main(argv: list[str]) -> int:
    """Run and check the frozen smoke test; 0 when every check holds."""
    executable = Path(argv[0]) if argv else default_executable()
    if not executable.is_file():
        print(f"smoke_frozen: no app at {executable}; build it first", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as data, tempfile.TemporaryDirectory() as no_zones:
        code, report = run_smoke_test(executable, Path(data), Path(no_zones))
    print(report)
    results = checks(code, report, declared_version())
    for what, holds in results:
        print(f"  {'ok  ' if holds else 'FAIL'} {what}")
    return 0 if all(holds for _what, holds in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
