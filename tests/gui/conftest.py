import gc
import sqlite3
import time
from pathlib import Path

import pytest

from checkback.settings import Settings
from checkback.storage.database import database_path
from checkback.ui.main_window import MainWindow
from checkback.ui.session import Session, utc_now


def stored(data_dir: Path, sql: str, *params):
    """What the database in ``data_dir`` holds, read as another program would."""
    conn = sqlite3.connect(database_path(data_dir))
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


KEY_BUDGET_S = 0.25  # ~100 ms of busy timeout, with room for a shared, noisy machine


@pytest.fixture
def locked(data_dir: Path):
    """Another program's connection, holding the database's write lock until released."""
    other = sqlite3.connect(database_path(data_dir), isolation_level=None)

    def lock() -> None:
        other.execute("BEGIN IMMEDIATE")

    yield lock, lambda: other.execute("ROLLBACK")
    other.close()


def type_timed(qtbot, widget, text: str) -> float:
    """Type ``text`` key by key; the longest any key took, in seconds."""
    longest = 0.0
    for char in text:
        started = time.monotonic()
        qtbot.keyClicks(widget, char)
        longest = max(longest, time.monotonic() - started)
    return longest


@pytest.fixture(scope="session", autouse=True)
def _release_the_clipboard_before_exit(qapp):
    """Qt crashes at interpreter exit while it still holds rich data we put on the clipboard."""
    yield
    qapp.clipboard().clear()


@pytest.fixture(autouse=True)
def _collect_qt_garbage_on_the_gui_thread():
    """Free the last test's windows here, not on whatever thread next runs the collector."""
    yield
    gc.collect()


@pytest.fixture
def session(data_dir: Path):
    """A Session on a fresh temporary data directory, closed after the test."""
    opened = Session(data_dir, Settings(data_dir))
    yield opened
    opened.close()


@pytest.fixture
def open_window(qtbot, data_dir: Path, pack: Path):
    """Opens a main window on ``data_dir`` and ``pack``, waits for the first index pass."""
    opened: list[MainWindow] = []

    def open_it(content: Path = pack, directory: Path = data_dir, clock=None) -> MainWindow:
        window = MainWindow(Session(directory, Settings(directory), clock or utc_now), content)
        qtbot.addWidget(window)
        opened.append(window)
        with qtbot.waitSignal(window.index_ready, timeout=10_000):
            window.show()
        return window

    yield open_it
    for window in opened:
        window.shutdown()


@pytest.fixture
def window(open_window) -> MainWindow:
    return open_window()
