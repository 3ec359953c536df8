"""Every setting, declared once (key, type, default, description) and read through here.

Settings live in an INI file in the data directory, so a test's temporary data directory
holds its own settings and the agent's real ones are never touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal

from checkback.paths import SETTINGS_FILE


@dataclass(frozen=True)
class Setting:
    """One declared setting."""

    key: str
    kind: type
    default: Any
    description: str


AGENT_NAME = Setting("agent/name", str, "", "Your name, used in phrases ({agent_name}).")
COMPANY = Setting("agent/company", str, "", "Your company, used in phrases ({company}).")
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
