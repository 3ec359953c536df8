"""A first start's database is made at once from the migrations' schema, and is the same."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from checkback.storage.database import SCHEMA_VERSION, open_database
from checkback.storage.new_database import create_database

HOW_TO_WRITE = ("the statements are older than the migrations: run "
                "`uv run python -m checkback.storage.new_database`")


def described(path: Path) -> tuple[object, ...]:
    conn = sqlite3.connect(path)
    try:
        return (conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"
                             " ORDER BY type, name").fetchall(),
                conn.execute("PRAGMA user_version").fetchone()[0],
                conn.execute("SELECT key FROM app_meta ORDER BY key").fetchall(),
                conn.execute("PRAGMA journal_mode").fetchone()[0])
    finally:
        conn.close()


def test_a_new_database_has_exactly_what_the_migrations_make(tmp_path: Path):
    open_database(tmp_path / "migrated.db").close()
    create_database(tmp_path / "new.db")
    assert described(tmp_path / "new.db") == described(tmp_path / "migrated.db"), HOW_TO_WRITE
    assert described(tmp_path / "new.db")[1] == SCHEMA_VERSION


def test_a_first_start_does_not_load_the_migrating_machinery(tmp_path: Path):
    script = ("import sys; from pathlib import Path; "
              "from checkback.settings import Settings; from checkback.ui.session import Session; "
              "from PySide6.QtCore import QCoreApplication; app = QCoreApplication([]); "
              f"data = Path({str(tmp_path / 'data')!r}); "
              "session = Session(data, Settings(data)); "
              "session.reader.execute('SELECT count(*) FROM policies').fetchone(); "
              "print('sqlite_utils' in sys.modules); session.close()")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
    assert (tmp_path / "data" / "checkback.db").is_file()
