"""PySide without its scan of every module's source.

Once imported, PySide reads the source of each module named in an import statement, to learn
whether it opts in to the ``from __feature__ import`` switches (snake_case names, true
properties), and Python's line cache keeps every file read. At Checkback's start that is about
160 files: 7 ms, and 7 MB held for good. Checkback opts in to no feature, and a module that does
is marked by that import statement itself, so the scan is told that no module needs one.
"""

from __future__ import annotations

import importlib


def import_pyside_without_source_scan() -> None:
    """Import PySide, its scan turned off (a PySide version without the scan is left as is)."""
    feature = importlib.import_module("PySide6.support.feature")  # made by PySide, no stubs
    if hasattr(feature, "_mod_uses_pyside"):
        setattr(feature, "_mod_uses_pyside", _uses_no_feature)  # noqa: B010 (no stubs)


def _uses_no_feature(_module: object) -> bool:
    return False
