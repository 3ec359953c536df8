"""The version of Checkback that is running, as its package metadata says."""

from __future__ import annotations


def app_version() -> str:
    """The installed version (``pyproject.toml``'s), or "unknown" where metadata is missing."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("checkback")
    except PackageNotFoundError:
        return "unknown"
