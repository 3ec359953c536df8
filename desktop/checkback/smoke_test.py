"""``checkback --smoke-test``: proof that this Checkback, from source or a bundle, is whole.

Once the content is indexed it lists the policies, playbooks, phrases and reply marks found,
plans follow-ups (one in Europe/Berlin across the change to summer time, which only real zone
data gets right), and loads what a bundle may lose: the time zones, the keychain backend,
the helpdesk client, the hotkey layer, PyYAML's C loader. It prints one line (with the version),
writes it to ``smoke-test.txt`` in the data folder (a windowed Windows build has no
console), and quits with 1 when anything is missing. Loaded only with ``--smoke-test``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication

from checkback.app import say
from checkback.ui.main_window import MainWindow

REPORT_FILE = "smoke-test.txt"
MIN_ZONES = 500  # tzdata and the system databases list about 600
_KEYCHAIN_BACKENDS = {"win32": "Windows", "darwin": "macOS"}  # elsewhere: SecretService
_HOTKEY_LAYERS = {"linux": "x11_input", "win32": "windows_input", "darwin": "mac_input"}
# Friday 27 March 2026, 16:00 in Berlin: a follow-up a day later falls on the weekend, so it
# is due on Monday 30 March at 09:00, after the clocks went forward on the 29th: UTC+2.
_BERLIN_RESOLVED = dt.datetime(2026, 3, 27, 15, tzinfo=dt.UTC)
_BERLIN_SUMMER = dt.timedelta(hours=2)


def finish_smoke_test(app: QApplication, window: MainWindow) -> None:
    """Report what this Checkback found and loaded, and quit (1 when anything is missing)."""
    try:
        report, passed = _smoke_report(window)
    except Exception:  # a piece missing from a bundle: say which, never wait in an error box
        report, passed = f"smoke test: failed\n{traceback.format_exc()}", False
    say(report)
    (Path(window.data_dir) / REPORT_FILE).write_text(report + "\n", encoding="utf-8")
    app.exit(0 if passed else 1)


def _smoke_report(window: MainWindow) -> tuple[str, bool]:
    """The report line, and whether everything it names is there."""
    from checkback.core.reply_checker import check_reply
    from checkback.version import VERSION

    follow_up = _guarded(lambda: _smoke_follow_up(window), "the follow-up calendar")
    zones = _guarded(_smoke_zones, "the time zones")
    count = window.policy_panel.model.hit_count()
    playbooks = len(window.checklist.playbooks)
    phrases = window.phrase_panel.model
    phrases.set_query("sory")  # a typo: exercises the fuzzy matching too
    marks = check_reply("Our policy states no.", window.reply_checker.rules).marks
    button = window.indexing.problems_button
    problems = button.text() if button.isVisible() else "none"
    libraries = [_guarded(_smoke_keychain, "the keychain"),
                 _guarded(_smoke_helpdesk, "the helpdesk client"),
                 _guarded(_smoke_hotkey, "the hotkey layer"), _guarded(_smoke_yaml, "PyYAML")]
    report = (f"smoke test: {count} policies listed from {window.content_packs()[0]}; "
              f"{playbooks} playbooks; {phrases.rowCount()} phrases for 'sory'; "
              f"{len(marks)} reply marks; {follow_up}; {zones}; "
              f"keychain: {', '.join(libraries)}; version {VERSION}; "
              f"problems: {problems}; data in {window.data_dir}")
    passed = bool(count and playbooks and phrases.rowCount() and marks
                  and "calendar ok" in follow_up
                  and not any(part.startswith("missing")
                              for part in [follow_up, zones, *libraries]))
    return report, passed


def _guarded(probe: Callable[[], str], what: str) -> str:
    """What ``probe`` reports, or "missing ``what``" with the error it raised (a piece a
    bundle lost fails here: the report names it and the other probes still run)."""
    try:
        return probe()
    except Exception as error:
        return f"missing {what} ({type(error).__name__}: {error})"


def _smoke_zones() -> str:
    """How many time zones there are and where they come from, and a follow-up planned in
    Europe/Berlin; "missing ..." when either is wrong (a bundle without zone data lists no
    zones and plans in UTC)."""
    import zoneinfo

    from checkback.core.follow_ups import FollowUpRules, WorkingHours, plan_follow_up
    from checkback.core.resolutions import ResolutionKind

    zones = len(zoneinfo.available_timezones())
    system = next((path for path in zoneinfo.TZPATH
                   if (Path(path) / "Europe" / "Berlin").is_file()), None)
    found = f"time zones: {zones} from {system or 'the tzdata package'}"
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    plan = plan_follow_up(ResolutionKind.CREDIT, "email", "a@example.com", _BERLIN_RESOLVED,
                          FollowUpRules(hours=WorkingHours(zone=berlin)))
    due = plan.due if plan else None
    if due is None:
        return f"missing a follow-up in Europe/Berlin ({found})"
    planned = f"a follow-up in Europe/Berlin due {due:%a %d %b %H:%M %Z}"
    if zones < MIN_ZONES or due.utcoffset() != _BERLIN_SUMMER:
        return f"missing time zones ({found}; {planned})"
    return f"{found}; {planned}"


def _smoke_keychain() -> str:
    """Whether this platform's keychain backend is known to keyring (a bundle that lost
    keyring's metadata has none, and tokens could never be stored)."""
    from importlib.metadata import entry_points

    wanted = _KEYCHAIN_BACKENDS.get(sys.platform, "SecretService")
    found = {point.name for point in entry_points(group="keyring.backends")}
    return f"{wanted} backend found" if wanted in found else f"missing the {wanted} backend"


def _smoke_hotkey() -> str:
    """Whether this platform's layer of the picker from any window loads, with the library
    it uses (no key is taken)."""
    platform = "linux" if sys.platform.startswith("linux") else sys.platform
    layer = _HOTKEY_LAYERS.get(platform)
    if layer is None:
        return f"no hotkey layer for {sys.platform}"
    try:
        importlib.import_module(f"checkback.integrations.{layer}")
    except (ImportError, OSError) as error:
        return f"missing the hotkey layer ({error})"
    return "hotkey layer ok"


def _smoke_helpdesk() -> str:
    """Whether the helpdesk adapters load with their HTTP client and the OS trust store
    (no request is made)."""
    from checkback.core.helpdesk import Account, HelpdeskKind
    from checkback.integrations.adapters import connect

    _adapter, client = connect(Account(HelpdeskKind.ZENDESK, "https://example.invalid"), "-")
    client.close()
    return "helpdesk client ok"


def _smoke_yaml() -> str:
    """Whether PyYAML has its C loader (big imports need it)."""
    import yaml

    return "YAML C loader ok" if hasattr(yaml, "CSafeLoader") else "missing the YAML C loader"


def _smoke_follow_up(window: MainWindow) -> str:
    """Plan a follow-up by the agent's rules and write the calendar (icalendar, in a bundle
    too)."""
    from checkback.core.follow_ups import FollowUp, plan_follow_up
    from checkback.core.record_export import CalendarEntry, follow_ups_to_ics
    from checkback.core.resolutions import ResolutionKind
    from checkback.settings import follow_up_rules

    now = dt.datetime.now(dt.UTC)
    plan = plan_follow_up(ResolutionKind.CREDIT, "phone", "a@example.com", now,
                          follow_up_rules(window.settings))
    due = plan.due if plan else None
    item = FollowUp(1, 1, due or now, plan.channels if plan else ("email",), None, "pending",
                    "", "", "Smoke test", "phone", "a@example.com", "", "", "", "credit", now)
    calendar = follow_ups_to_ics([CalendarEntry(item, 0, now, False)], now, "smoke")
    return (f"follow-up by {'+'.join(plan.channels) if plan else '?'} "
            f"on {due:%a %H:%M}; {window.follow_ups.model.total} pending; "
            f"calendar {'ok' if calendar.startswith('BEGIN:VCALENDAR') else 'broken'}")
