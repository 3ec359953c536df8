"""Opening the database (brought up to date by storage/migrations.py), its connections and
transactions, and the check that a data folder can be used."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from checkback.storage.faults import (
    FaultKind,
    StorageError,
    describe,
    fault_from,
    newer_schema,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

DATABASE_FILE = "checkback.db"


# The number of migrations (storage/migrations.py), written here so that opening a current
# database loads none of them; a test keeps the two the same.
SCHEMA_VERSION = 14


def database_path(data_dir: Path) -> Path:
    """Where the database lives inside a data directory."""
    return data_dir / DATABASE_FILE


def open_database(path: Path) -> Database:
    """Open (creating if needed) the database at ``path`` and migrate it to the latest schema."""
    from sqlite_utils import Database  # imported here: slow to import, not needed to start

    from checkback.storage.migrations import migrate

    path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(path)
    db.execute("PRAGMA busy_timeout = 5000")
    db.enable_wal()
    migrate(db)
    return db


def stamp_new_database(conn: sqlite3.Connection) -> None:
    """Note in a new database the version that made it, and that it has nothing to read
    again for an upgrade."""
    from checkback.version import VERSION

    conn.executemany("INSERT OR REPLACE INTO app_meta (key, value) VALUES (?, ?)",
                     [("written_by", VERSION), ("indexed_by", VERSION)])


def refuse_newer_schema(conn: sqlite3.Connection, path: Path) -> None:
    """Raise the newer-schema fault when a newer Checkback made the database at ``path``."""
    found = schema_version(conn)
    if found <= SCHEMA_VERSION:
        return
    try:
        row = conn.execute("SELECT value FROM app_meta WHERE key = 'written_by'").fetchone()
    except sqlite3.Error:
        row = None
    raise newer_schema(found, SCHEMA_VERSION, row[0] if row else None, path.parent)


def check_data_dir(data_dir: Path) -> None:
    """Make sure Checkback can work in ``data_dir``: it exists, takes a new file, and holds
    no database from a newer Checkback.

    Raises:
        StorageError: what is wrong, in words, with what to do.
    """
    probe = data_dir / ".checkback-can-write"
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise fault_from(error, data_dir) or StorageError(
            FaultKind.READ_ONLY, describe(FaultKind.READ_ONLY, data_dir)) from error
    if database_path(data_dir).exists():
        conn = sqlite3.connect(f"{database_path(data_dir).as_uri()}?mode=ro", uri=True)
        try:
            refuse_newer_schema(conn, database_path(data_dir))
        finally:
            conn.close()


def schema_is_current(path: Path) -> bool:
    """True when the database at ``path`` exists with this version's schema: it opens as it
    is, without the migrating machinery (read with a plain connection, well under a ms)."""
    if not path.exists():
        return False
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return schema_version(conn) == SCHEMA_VERSION
    except sqlite3.Error:
        return False  # opening it properly says what is wrong
    finally:
        conn.close()


def schema_version(conn: sqlite3.Connection) -> int:
    """The number of migrations applied to the database behind ``conn``."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def open_reader(path: Path) -> sqlite3.Connection:
    """A plain read connection for the UI thread's queries (fast to open, nothing imported)."""
    conn = sqlite3.connect(path, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 2000")
    conn.execute("PRAGMA query_only = 1")
    return conn


def open_writer(path: Path) -> sqlite3.Connection:
    """A connection for the agent's own records, in autocommit mode (each call commits)."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 3000")
    conn.execute("PRAGMA foreign_keys = ON")
    # What is replaced or deleted is zeroed on disk, not left in free space: a draft typed
    # key by key, then a forgotten customer, leaves no readable copy behind.
    conn.execute("PRAGMA secure_delete = ON")
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """Run the block as one transaction: all of it is saved, or none of it.

    Inside a transaction already open on ``conn`` the block joins it: the outer one commits.
    """
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # a failed COMMIT can leave it open; a full disk, closed
            conn.execute("ROLLBACK")
        raise


def any_deleted(conn: sqlite3.Connection, table: str) -> bool:
    """Whether ``table`` holds a row marked deleted (a plain read: no trigger compiled)."""
    return bool(conn.execute(f"SELECT EXISTS (SELECT 1 FROM {table} WHERE deleted = 1)")
                .fetchone()[0])


def database_id(conn: sqlite3.Connection) -> str:
    """This database's own random id, made the first time it is asked for (so a writing
    connection is needed until then) and the same ever after: what sets apart the
    calendar events of two agents' databases."""
    import uuid  # not at start-up

    conn.execute("INSERT OR IGNORE INTO app_meta (key, value) VALUES ('database_id', ?)",
                 (uuid.uuid4().hex,))
    return str(conn.execute("SELECT value FROM app_meta WHERE key = 'database_id'")
               .fetchone()[0])


def iso(moment: dt.datetime | None) -> str | None:
    """A time as stored: ISO 8601 in UTC, to the microsecond (so stored times sort as text)."""
    if moment is None:
        return None
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def from_iso(text: str | None) -> dt.datetime | None:
    """A stored time read back (None for none)."""
    return dt.datetime.fromisoformat(text) if text else None
