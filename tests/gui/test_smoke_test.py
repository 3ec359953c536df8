"""checkback --smoke-test, as CI and the release workflow run it: what it reports with the
system's zone database hidden, and that it fails, in words, without zone data."""

import os
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
    "version"]


def smoke_test(data_dir: Path, zones_dir: Path, *, without_tzdata: bool = False
               ) -> subprocess.CompletedProcess[str]:
    # PYTHONTZPATH naming an empty folder hides /usr/share/zoneinfo from zoneinfo, as
    # Windows has none; tzdata (the package) is then the only source of zones.
    zones_dir.mkdir(exist_ok=True)
    hide = "sys.modules['tzdata'] = None; " if without_tzdata else ""
    code = (f"import sys; {hide}from checkback.app import main; "
            f"sys.exit(main(['--smoke-test', '--data-dir', {str(data_dir)!r}]))")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONTZPATH": str(zones_dir)}
    return subprocess.run([sys.executable, "-c", code], env=env, text=True,
                          capture_output=True, timeout=120)


def test_with_the_zone_database_hidden_the_zones_come_from_tzdata(tmp_path: Path):
    done = smoke_test(tmp_path / "data", tmp_path / "no-zones")

    assert done.returncode == 0, done.stdout + done.stderr
    report = done.stdout.strip()
    zones = int(report.split("time zones: ")[1].split()[0])
    assert zones >= 500
    assert f"time zones: {zones} from the tzdata package; " in report
    # Resolved on a Friday afternoon before the clocks go forward: due Monday, summer time.
    assert "a follow-up in Europe/Berlin due Mon 30 Mar 09:00 CEST" in report
    assert "hotkey layer ok" in report and "YAML C loader ok" in report
    assert f"; version {VERSION}; " in report
    assert (tmp_path / "data" / "smoke-test.txt").read_text(encoding="utf-8") == report + "\n"


def test_without_any_zone_data_the_smoke_test_fails_and_says_what_is_missing(tmp_path: Path):
    done = smoke_test(tmp_path / "data", tmp_path / "no-zones", without_tzdata=True)

    assert done.returncode == 1
    assert "missing the time zones (ZoneInfoNotFoundError: 'No time zone found with key " \
           "Europe/Berlin')" in done.stdout
    assert "policies listed" in done.stdout
    assert "helpdesk client ok" in done.stdout  # the other probes still ran
