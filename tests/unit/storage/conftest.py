from collections.abc import Callable
from pathlib import Path

import pytest
import sqlite_utils

from checkback.storage.database import open_database, open_reader


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "checkback.db"


@pytest.fixture
def fresh_db(db_path: Path):
    db = open_database(db_path)
    yield db
    db.close()


@pytest.fixture
def reader(fresh_db, db_path: Path):
    conn = open_reader(db_path)
    yield conn
    conn.close()


def database_before(db_path: Path, migration: Callable[[sqlite_utils.Database], None]
                    ) -> sqlite_utils.Database:
    """A database at ``db_path`` as the version before ``migration`` left it."""
    from checkback.storage.migrations import MIGRATIONS

    db_path.parent.mkdir(parents=True, exist_ok=True)
    older = sqlite_utils.Database(db_path)
    for number, earlier in enumerate(MIGRATIONS[:MIGRATIONS.index(migration)], start=1):
        earlier(older)
        older.execute(f"PRAGMA user_version = {number}")
    return older
