import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from checkback.storage.database import SCHEMA_VERSION, open_database
from checkback.storage.migrations import MIGRATIONS, migrate


def test_a_new_database_gets_every_migration_and_wal(db_path: Path):
    db = open_database(db_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {"policies", "policies_fts", "content_files", "content_problems"} <= set(
        db.table_names()
    )


def test_the_schema_version_is_the_number_of_migrations():
    assert len(MIGRATIONS) == SCHEMA_VERSION  # written in database.py, so it loads none


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

    monkeypatch.setattr("checkback.storage.migrations.MIGRATIONS", (*MIGRATIONS, broken))
    db_path.parent.mkdir(parents=True)
    db = Database(db_path)
    with pytest.raises(sqlite3.OperationalError):
        migrate(db)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert "half_done" not in db.table_names()


def test_resolutions_from_before_the_log_are_searchable_after_the_upgrade(db_path: Path):
    from checkback.storage.resolution_log import LogFilter, log_page

    db_path.parent.mkdir(parents=True)
    old = Database(db_path)
    with old.atomic():
        for migration in MIGRATIONS[:6]:
            migration(old)
        old.execute("PRAGMA user_version = 6")
    old["resolutions"].insert({"customer_name": "Dana Reyes", "problem": "Parcel late",
                               "kind": "refund", "outcome": "satisfied",
                               "resolved_at": "2026-11-02T09:00:00.000000+00:00"})
    old.close()
    db = open_database(db_path)
    rows = log_page(db.conn, LogFilter(text="parc"), 0, 10)
    assert [(row.customer_name, row.follow_up) for row in rows] == [("Dana Reyes", "none")]


def test_each_database_has_its_own_id_kept_once_made(tmp_path: Path):
    from checkback.storage.database import database_id, open_writer

    ids = []
    for name in ("one", "two", "one"):
        path = tmp_path / name / "checkback.db"
        open_database(path).close()
        conn = open_writer(path)
        ids.append(database_id(conn))
        conn.close()
    assert ids[0] == ids[2] != ids[1]
    assert len(ids[0]) == 32
