import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from checkback.storage.database import MIGRATIONS, SCHEMA_VERSION, migrate, open_database


def test_a_new_database_gets_every_migration_and_wal(db_path: Path):
    db = open_database(db_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {"policies", "policies_fts", "content_files", "content_problems"} <= set(
        db.table_names()
    )


def test_reopening_runs_no_migration(db_path: Path):
    open_database(db_path).close()
    db = Database(db_path)
    assert migrate(db) == 0


def test_an_old_database_upgrades_with_its_data_intact(db_path: Path):
    db_path.parent.mkdir(parents=True)
    old = Database(db_path)
    with old.atomic():
        MIGRATIONS[0](old)
        old.execute("PRAGMA user_version = 1")
    old["content_files"].insert({"path": "/p/a.md", "pack": "/p", "kind": "policy",
                                 "mtime_ns": 1, "size": 2, "digest": "abc"})
    old.close()
    db = open_database(db_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db["content_files"].get("/p/a.md")["digest"] == "abc"


def test_a_failing_migration_leaves_the_database_as_it_was(db_path: Path, monkeypatch):
    def broken(db):
        db["half_done"].create({"id": int}, pk="id")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr("checkback.storage.database.MIGRATIONS", (*MIGRATIONS, broken))
    db_path.parent.mkdir(parents=True)
    db = Database(db_path)
    with pytest.raises(sqlite3.OperationalError):
        migrate(db)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert "half_done" not in db.table_names()
