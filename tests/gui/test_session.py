"""The Session: its one write path under a real lock, its change signal, and its opening."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from checkback.settings import Settings
from checkback.storage.database import database_path, schema_is_current
from checkback.storage.faults import FaultKind, StorageError
from checkback.ui.session import Change, Session
from tests.gui.conftest import stored


def draft(text: str):
    """A change that stores ``text`` as the reply draft."""
    return lambda conn: conn.execute(
        "INSERT OR REPLACE INTO drafts (name, text, updated_at) VALUES ('reply', ?, '')", (text,))


def test_a_write_commits_and_says_what_changed(qtbot, session, data_dir):
    with qtbot.waitSignal(session.changed) as changed:
        assert session.write(Change.DRAFTS, lambda conn: [draft("Hello")(conn), 7][1]) == 7
    assert changed.args == [Change.DRAFTS]
    assert stored(data_dir, "SELECT text FROM drafts") == [("Hello",)]


def test_a_locked_write_raises_in_words_and_stores_nothing(qtbot, session, data_dir, locked):
    lock, release = locked
    lock()
    with qtbot.waitSignal(session.fault_changed) as fault, pytest.raises(StorageError) as error:
        session.write(Change.DRAFTS, draft("Hello"))
    assert error.value.kind is FaultKind.LOCKED
    assert fault.args[0].startswith("Another program is using Checkback's database")
    release()
    assert stored(data_dir, "SELECT count(*) FROM drafts") == [(0,)]


def test_what_is_saved_while_locked_is_kept_and_stored_in_order_once_free(
        qtbot, session, data_dir, locked):
    lock, release = locked
    lock()
    assert not session.save("draft", Change.DRAFTS, draft("Hel"))
    assert not session.save("other", Change.DRAFTS, lambda conn: conn.execute(
        "INSERT INTO drafts (name, text, updated_at) VALUES ('other', 'x', '')"))
    assert not session.save("draft", Change.DRAFTS, draft("Hello"))  # replaces it, in place
    assert session.is_kept("draft") and session.has_unsaved
    release()
    with qtbot.waitSignal(session.fault_changed, timeout=3000) as cleared:
        pass
    assert cleared.args == [""]
    assert not session.has_unsaved
    assert stored(data_dir, "SELECT name, text FROM drafts ORDER BY rowid") == [
        ("reply", "Hello"), ("other", "x")]


def test_closing_stores_what_was_kept_once_the_lock_is_gone(session, data_dir, locked):
    lock, release = locked
    lock()
    session.save("draft", Change.DRAFTS, draft("Last words"))
    release()
    session.close()
    assert stored(data_dir, "SELECT text FROM drafts") == [("Last words",)]


def test_announce_and_flush_reach_the_listeners(qtbot, session):
    with qtbot.waitSignal(session.changed) as changed:
        session.announce(Change.CONTENT)
    assert changed.args == [Change.CONTENT]
    with qtbot.waitSignal(session.flushing):
        session.flush()


def test_an_up_to_date_database_opens_without_the_migrating_machinery(data_dir):
    Session(data_dir, Settings(data_dir)).close()  # creates and migrates it
    assert schema_is_current(database_path(data_dir))
    probe = ("import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen';"
             "from pathlib import Path; from PySide6.QtWidgets import QApplication;"
             "app = QApplication([]); from checkback.settings import Settings;"
             "from checkback.ui.session import Session;"
             f"s = Session(Path({str(data_dir)!r}), Settings(Path({str(data_dir)!r})));"
             "print('sqlite_utils' in sys.modules); s.close()")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout.strip() == "False"


def test_an_old_or_missing_database_is_not_current(data_dir: Path):
    path = database_path(data_dir)
    assert not schema_is_current(path)
    Session(data_dir, Settings(data_dir)).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 3")
    conn.close()
    assert not schema_is_current(path)
