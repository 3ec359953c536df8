"""Faults of the environment that stop a write: said in words, with what to do.

These are not bugs: a locked database, a full disk, a read-only file or folder, a disk
error, a database made by a newer Checkback. Each becomes a ``StorageError`` the agent
is shown; bugs stay ordinary exceptions.
"""

from __future__ import annotations

import errno
import sqlite3
from enum import Enum
from pathlib import Path


class FaultKind(Enum):
    """What is wrong, as far as the agent needs to know."""

    LOCKED = "locked"
    FULL = "full"
    READ_ONLY = "read-only"
    DISK_ERROR = "disk error"
    NEWER_SCHEMA = "newer schema"


class StorageError(Exception):
    """A fault of the environment: ``message`` says what is wrong and what to do."""

    def __init__(self, kind: FaultKind, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


_SQLITE_KINDS = {
    "SQLITE_BUSY": FaultKind.LOCKED, "SQLITE_LOCKED": FaultKind.LOCKED,
    "SQLITE_FULL": FaultKind.FULL, "SQLITE_READONLY": FaultKind.READ_ONLY,
    "SQLITE_IOERR": FaultKind.DISK_ERROR, "SQLITE_CANTOPEN": FaultKind.READ_ONLY,
    "SQLITE_PERM": FaultKind.READ_ONLY,
}
_OS_KINDS = {
    errno.ENOSPC: FaultKind.FULL, errno.EDQUOT: FaultKind.FULL,
    errno.EROFS: FaultKind.READ_ONLY, errno.EACCES: FaultKind.READ_ONLY,
    errno.EPERM: FaultKind.READ_ONLY, errno.EIO: FaultKind.DISK_ERROR,
}


def fault_kind(error: BaseException) -> FaultKind | None:
    """The environment's fault behind ``error``, or None when it is a bug."""
    if isinstance(error, StorageError):
        return error.kind
    if isinstance(error, sqlite3.Error):
        name = getattr(error, "sqlite_errorname", "") or ""
        return _SQLITE_KINDS.get("_".join(name.split("_")[:2]))  # SQLITE_IOERR_WRITE too
    if isinstance(error, OSError):
        return _OS_KINDS.get(error.errno or 0)
    return None


def fault_from(error: BaseException, data_dir: Path) -> StorageError | None:
    """``error`` as a fault the agent can act on, in words; None when it is a bug."""
    kind = fault_kind(error)
    if kind is None:
        return None
    if isinstance(error, StorageError):
        return error
    return StorageError(kind, describe(kind, data_dir))


def describe(kind: FaultKind, data_dir: Path) -> str:
    """What is wrong and what to do, for a fault of ``kind`` in ``data_dir``."""
    if kind is FaultKind.LOCKED:
        return ("Another program is using Checkback's database, so your last changes are "
                "not saved yet. Close the other program (a backup or sync tool, a database "
                "viewer, another Checkback); Checkback keeps trying and saves them as soon "
                "as it can.")
    if kind is FaultKind.FULL:
        return (f"The disk that holds {data_dir} is full, so your last changes are not "
                "saved yet. Free some space; Checkback keeps what you typed and saves it "
                "when there is room. Or start Checkback with --data-dir on another disk.")
    if kind is FaultKind.READ_ONLY:
        return (f"Checkback cannot write in {data_dir}: the database or its folder is "
                "read-only. Make them writable again, or start Checkback with --data-dir "
                "pointing at a folder you can write to. What you typed is kept until then.")
    return (f"The disk that holds {data_dir} reported an error, so your last changes are "
            "not saved yet. Check the disk (or the network drive, if it is one); Checkback "
            "keeps what you typed and tries again.")


def newer_schema(found: int, known: int, written_by: str | None, data_dir: Path) -> StorageError:
    """The fault of a database made by a newer Checkback: nothing may be written to it."""
    maker = f"Checkback {written_by}" if written_by else "a newer Checkback"
    return StorageError(FaultKind.NEWER_SCHEMA, (
        f"The data in {data_dir} was last used by {maker} (database version {found}; this "
        f"Checkback knows up to {known}). Nothing was changed. Install that version again, "
        "or start this one with --data-dir pointing at another folder."))
