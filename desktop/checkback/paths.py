"""The one place that knows where things are: shipped resources and the agent's data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

DATA_DIR_ENV = "CHECKBACK_DATA_DIR"
LOG_FILE = "checkback.log"
SETTINGS_FILE = "settings.ini"


def resources_dir() -> Path:
    """The shipped ``resources/`` folder: in a PyInstaller bundle, a wheel, or the source tree."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    package = Path(__file__).resolve().parent
    installed = package / "_resources"
    if installed.is_dir():
        return installed
    return package.parent.parent / "resources"


def shipped_content_dir() -> Path:
    """The default content pack that ships with the app."""
    return resources_dir() / "content"


def default_data_dir() -> Path:
    """The per-user data directory for the agent's database, settings and log."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("Checkback", appauthor=False, roaming=True))


def resolve_data_dir(override: str | None = None) -> Path:
    """The data directory: ``--data-dir``, else ``CHECKBACK_DATA_DIR``, else the default."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    path = Path(chosen).expanduser() if chosen else default_data_dir()
    return path.resolve()
