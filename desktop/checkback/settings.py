"""Every setting, declared once (key, type, default, description) and read through here.

Settings live in an INI file in the data directory, so a test's temporary data directory
holds its own settings and the agent's real ones are never touched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal

from checkback.paths import SETTINGS_FILE

if TYPE_CHECKING:
    from checkback.core.follow_ups import FollowUpRules
    from checkback.core.helpdesk import Account


@dataclass(frozen=True)
class Setting:
    """One declared setting."""

    key: str
    kind: type
    default: Any
    description: str


AGENT_NAME = Setting("agent/name", str, "", "Your name, used in phrases ({agent_name}).")
COMPANY = Setting("agent/company", str, "", "Your company, used in phrases ({company}).")
ASKED_WHO = Setting("agent/asked_at_first_run", bool, False,
                    "Whether the first run asked for the name and company (asked once).")
TEAM_FOLDERS = Setting("content/team_folders", list, [], "Folders holding your team's packs.")
REVIEW_DAYS = Setting(
    "content/review_every_days", int, 180,
    "Days after which a policy counts as due for review, unless the policy sets its own.",
)
SUGGEST_BREATHER = Setting(
    "conversation/suggest_breather", bool, True,
    "Suggest a short breather after a hard conversation.",
)
LONG_CONVERSATION_MINUTES = Setting(
    "conversation/long_after_minutes", int, 20,
    "A conversation longer than this counts as hard, and a breather is suggested.",
)
ACTIVE_CONVERSATION = Setting(
    "conversation/active", int, 0, "The conversation shown in the checklist (its id).",
)
FOLLOW_UP_HOURS = Setting(
    "follow_ups/after_hours", int, 24,
    "Hours after a resolution that is not a delivery (a fix, a credit, a callback, an "
    "escalation) before following up.",
)
ARRIVAL_DAYS = Setting(
    "follow_ups/days_after_arrival", int, 1,
    "Days after a delivery (exchange, replacement, refund) arrives before following up.",
)
WORK_DAYS = Setting("follow_ups/work_days", list, ["0", "1", "2", "3", "4"],
                    "Working days, 0 for Monday to 6 for Sunday.")
WORK_START = Setting("follow_ups/work_start", str, "09:00", "When the working day begins.")
WORK_END = Setting("follow_ups/work_end", str, "17:00", "When the working day ends.")
TIME_ZONE = Setting("follow_ups/time_zone", str, "",
                    "The time zone of the working hours (empty: this computer's).")
HELPDESK_ACCOUNTS = Setting(
    "helpdesk/accounts", list, [],
    "Helpdesk accounts as 'kind|base URL|e-mail' (their tokens are in the OS keychain).",
)
POST_NOTES = Setting("helpdesk/post_notes", bool, True,
                     "Post an internal note to the ticket when resolving.")
POST_FOLLOW_UP_NOTES = Setting("helpdesk/post_follow_up_notes", bool, True,
                               "Post a short internal note when a follow-up is done.")
PICKER_HOTKEY = Setting("picker/hotkey", str, "Alt+Space",
                        "The key that opens the phrase picker from any window.")
PASTE_INTO_WINDOW = Setting("picker/paste", bool, True,
                            "Paste the picked phrase into the window that had the keyboard "
                            "(off: only copy it).")
RESTORE_CLIPBOARD_MS = Setting("picker/restore_clipboard_ms", int, 300,
                               "How long after pasting the clipboard gets its own text back.")
KEEP_ON_TOP = Setting("window/keep_on_top", bool, False, "Keep the window above other windows.")
WINDOW_GEOMETRY = Setting("window/geometry", QByteArray, QByteArray(), "Size and position.")
SPLITTER_STATE = Setting("window/policy_splitter", QByteArray, QByteArray(), "Panel split.")


class Settings(QObject):
    """Typed access to the declared settings; ``changed`` fires with the key on every write."""

    changed = Signal(str)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = QSettings(str(data_dir / SETTINGS_FILE), QSettings.Format.IniFormat)

    def get(self, setting: Setting) -> Any:
        """The stored value of ``setting``, or its default when unset or unreadable."""
        value = self._store.value(setting.key, None)
        if value is None:
            return setting.default
        return _convert(value, setting)

    def set(self, setting: Setting, value: Any) -> None:
        """Store ``value`` for ``setting`` and write it to disk now."""
        if self.get(setting) == value:
            return
        self._store.setValue(setting.key, value)
        self._store.sync()
        self.changed.emit(setting.key)


    @property
    def folder(self) -> Path:
        """The folder that holds the settings file."""
        return Path(self._store.fileName()).parent

    def write_to_disk(self) -> bool:
        """Write every setting to the file now; False when the file cannot be written.

        The values stay in memory either way, to be written by a later call.
        """
        self._store.sync()
        if self._store.status() == QSettings.Status.NoError:
            return True
        # QSettings keeps its first error for good: a fresh one says whether it writes now.
        fresh = QSettings(self._store.fileName(), QSettings.Format.IniFormat)
        for key in self._store.allKeys():
            fresh.setValue(key, self._store.value(key))
        fresh.sync()
        if fresh.status() != QSettings.Status.NoError:
            return False
        self._store = fresh
        return True


def agent_keeper(settings: Settings) -> Callable[[Mapping[str, str]], None]:
    """What keeps the agent's name and company when a fill-in form was given them, so the
    form never asks for them again."""
    def keep(answers: Mapping[str, str]) -> None:
        for token, setting in (("{agent_name}", AGENT_NAME), ("{company}", COMPANY)):
            if answer := " ".join(answers.get(token, "").split()):
                settings.set(setting, answer)
    return keep


def helpdesk_accounts(settings: Settings) -> list[Account]:
    """The helpdesk accounts set up, in order (a line that does not read is left out)."""
    from checkback.core.helpdesk import Account, HelpdeskKind

    accounts = []
    for line in settings.get(HELPDESK_ACCOUNTS):
        kind, _, rest = str(line).partition("|")
        base_url, _, email = rest.partition("|")
        if kind in HelpdeskKind._value2member_map_ and base_url:
            accounts.append(Account(HelpdeskKind(kind), base_url, email))
    return accounts


def store_helpdesk_accounts(settings: Settings, accounts: list[Account]) -> None:
    """Keep ``accounts`` as the helpdesk accounts."""
    settings.set(HELPDESK_ACCOUNTS, [f"{account.kind.value}|{account.base_url}|{account.email}"
                                     for account in accounts])


def follow_up_rules(settings: Settings) -> FollowUpRules:
    """The follow-up rules as set (a value that does not read falls back to its default)."""
    from checkback.core.follow_ups import WAITED_KINDS, FollowUpRules, WorkingHours

    days = frozenset(int(day) for day in settings.get(WORK_DAYS) if str(day) in _WEEKDAYS)
    start, end = _time(settings.get(WORK_START), 9), _time(settings.get(WORK_END), 17)
    if end <= start:
        start, end = dt.time(9), dt.time(17)
    hours = WorkingHours(days, start, end, zone_named(settings.get(TIME_ZONE)))
    after = max(settings.get(FOLLOW_UP_HOURS), 0)
    return FollowUpRules(after_hours=dict.fromkeys(WAITED_KINDS, after), hours=hours,
                         days_after_arrival=max(settings.get(ARRIVAL_DAYS), 0))


_WEEKDAYS = frozenset("0123456")


def zone_named(name: str) -> dt.tzinfo:
    """The time zone called ``name``, or this computer's when empty or unknown."""
    from zoneinfo import ZoneInfo

    try:
        return ZoneInfo(name) if name else local_zone()
    except (ValueError, KeyError, OSError):
        return local_zone()


def local_zone() -> dt.tzinfo:
    """This computer's time zone, with its daylight-saving rules where they are known."""
    from zoneinfo import ZoneInfo

    from PySide6.QtCore import QTimeZone

    try:
        return ZoneInfo(bytes(QTimeZone.systemTimeZoneId().data()).decode())
    except (ValueError, KeyError, OSError):
        return dt.datetime.now().astimezone().tzinfo or dt.UTC


def _time(text: str, default_hour: int) -> dt.time:
    try:
        return dt.time.fromisoformat(text)
    except ValueError:
        return dt.time(default_hour)


def _convert(value: Any, setting: Setting) -> Any:
    try:
        if setting.kind is bool:
            return value if isinstance(value, bool) else str(value).lower() in {"true", "1"}
        if setting.kind is list:
            return list(value) if isinstance(value, list | tuple) else [str(value)]
        if setting.kind is QByteArray:
            return value if isinstance(value, QByteArray) else setting.default
        return setting.kind(value)
    except (TypeError, ValueError):
        return setting.default
