"""A first start's database, made at once from the schema the migrations produce.

Running the migrations needs sqlite_utils, whose import alone takes longer than showing the
window. A new database instead gets the statements below, which are what the migrations
leave in ``sqlite_master`` (a test holds the two equal), through a plain connection.

After adding a migration, write the statements again:
    uv run python -m checkback.storage.new_database
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path


def create_database(path: Path) -> None:
    """Make the database at ``path`` (which must not exist) with this version's schema."""
    from checkback.storage.database import SCHEMA_VERSION, stamp_new_database
    from checkback.storage.new_schema import SCHEMA_STATEMENTS  # 50 KB: only when made

    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("BEGIN")
        for statement in SCHEMA_STATEMENTS:
            conn.execute(statement)
        stamp_new_database(conn)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    finally:
        conn.close()


def schema_statements(conn: sqlite3.Connection) -> list[str]:
    """The statements that make the schema of ``conn``'s database, in the order made: its
    tables, indexes, triggers and virtual tables (not the tables a virtual table makes for
    itself, nor SQLite's own)."""
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL"
                        " AND name NOT LIKE 'sqlite_%' ORDER BY rowid").fetchall()
    virtual = [name for _kind, name, sql in rows if sql.startswith("CREATE VIRTUAL TABLE")]
    return [sql for kind, name, sql in rows
            if not (kind == "table" and any(name.startswith(f"{v}_") for v in virtual))]


def _write_statements() -> None:
    from checkback.storage.database import open_database

    with tempfile.TemporaryDirectory() as scratch:
        db = open_database(Path(scratch) / "migrated.db")
        statements = schema_statements(db.conn)
        db.close()
    lines = ['"""What the migrations make (written by checkback.storage.new_database)."""',
             "", "SCHEMA_STATEMENTS = ("]
    for statement in statements:  # in pieces a line can hold
        pieces = [statement[start:start + 72] for start in range(0, len(statement), 72)]
        lines += [f"    {'(' if n == 0 else ' '}{piece!r}" for n, piece in enumerate(pieces)]
        lines[-1] += "),"
    lines += [")", ""]
    Path(__file__).with_name("new_schema.py").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    _write_statements()
    sys.exit(0)
