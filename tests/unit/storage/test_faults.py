"""Faults of the environment, made for real against SQLite and the file system."""

import sqlite3
from pathlib import Path

import pytest

from checkback.storage.database import (
    SCHEMA_VERSION,
    check_data_dir,
    open_database,
    open_writer,
)
from checkback.storage.faults import FaultKind, StorageError, fault_from, fault_kind


def _error_of(work) -> BaseException:
    with pytest.raises((sqlite3.Error, OSError)) as caught:
        work()
    return caught.value


def test_a_database_locked_by_another_connection_is_a_lock_fault(fresh_db, db_path: Path):
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    writer = open_writer(db_path)
    writer.execute("PRAGMA busy_timeout = 0")
    error = _error_of(lambda: writer.execute("BEGIN IMMEDIATE"))
    other.execute("ROLLBACK")
    fault = fault_from(error, db_path.parent)
    assert fault is not None and fault.kind is FaultKind.LOCKED
    assert "Close the other program" in fault.message


def test_a_full_database_is_a_full_disk_fault(fresh_db, db_path: Path):
    writer = open_writer(db_path)
    pages = writer.execute("PRAGMA page_count").fetchone()[0]
    writer.execute(f"PRAGMA max_page_count = {pages}")
    error = _error_of(lambda: writer.execute(
        "INSERT INTO drafts (name, text) VALUES ('reply', ?)", ["x" * 200_000]))
    fault = fault_from(error, db_path.parent)
    assert fault is not None and fault.kind is FaultKind.FULL
    assert "Free some space" in fault.message and str(db_path.parent) in fault.message


def test_a_read_only_database_is_a_read_only_fault(fresh_db, db_path: Path):
    conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
    error = _error_of(lambda: conn.execute("INSERT INTO drafts (name, text) VALUES ('a', 'b')"))
    fault = fault_from(error, db_path.parent)
    assert fault is not None and fault.kind is FaultKind.READ_ONLY
    assert "--data-dir" in fault.message


def test_a_bug_is_not_a_fault():
    error = _error_of(lambda: sqlite3.connect(":memory:").execute("SELECT nothing FROM nowhere"))
    assert fault_kind(error) is None
    assert fault_kind(ValueError("a bug")) is None


def _newer_database(db_path: Path, written_by: str | None) -> None:
    db = open_database(db_path)
    if written_by is None:
        db.execute("DROP TABLE app_meta")
    else:
        db.execute("UPDATE app_meta SET value = ? WHERE key = 'written_by'", [written_by])
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 3}")
    db.close()


def test_the_version_that_upgraded_a_database_is_recorded(fresh_db):
    written_by = fresh_db.execute("SELECT value FROM app_meta WHERE key = 'written_by'")
    assert written_by.fetchone()[0]


def test_a_database_from_a_newer_checkback_is_never_written(db_path: Path):
    _newer_database(db_path, "9.9.0")
    before = db_path.read_bytes()
    with pytest.raises(StorageError) as caught:
        open_database(db_path)
    assert caught.value.kind is FaultKind.NEWER_SCHEMA
    assert "Checkback 9.9.0" in caught.value.message
    assert f"database version {SCHEMA_VERSION + 3}" in caught.value.message
    assert "Nothing was changed" in caught.value.message
    assert db_path.read_bytes() == before


def test_the_data_dir_check_names_a_newer_database_even_without_its_maker(db_path: Path):
    _newer_database(db_path, None)
    with pytest.raises(StorageError) as caught:
        check_data_dir(db_path.parent)
    assert "a newer Checkback" in caught.value.message


def test_the_data_dir_check_passes_a_usable_folder(tmp_path: Path):
    check_data_dir(tmp_path / "new" / "folder")
    assert (tmp_path / "new" / "folder").is_dir()
    assert list((tmp_path / "new" / "folder").iterdir()) == []
