from pathlib import Path

import pytest

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
