import gc
import sqlite3
import time
from pathlib import Path

import pytest

from checkback.paths import shipped_content_dir
from checkback.settings import Settings
from checkback.storage.database import database_path
from checkback.ui.content_indexer import IndexPasses
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


def index_packs(session: Session, *packs: Path) -> None:
    """Index ``packs`` into the Session's database now, as the first start's pass does."""
    passes = IndexPasses(database_path(session.data_dir))
    try:
        passes.index(list(packs))
    finally:
        passes.close()


@pytest.fixture
def reopen(data_dir: Path):
    """Opens another Session on ``data_dir``, as the next start does; closed after the test."""
    opened: list[Session] = []

    def open_it() -> Session:
        opened.append(Session(data_dir, Settings(data_dir)))
        return opened[-1]

    yield open_it
    for later in opened:
        later.close()


@pytest.fixture
def indexed(session: Session, pack: Path) -> Session:
    """A Session whose database holds the small test pack, indexed: for one panel."""
    index_packs(session, pack)
    return session


@pytest.fixture
def shipped(session: Session) -> Session:
    """A Session whose database holds the shipped content, indexed: for one panel."""
    index_packs(session, shipped_content_dir())
    return session


@pytest.fixture
def show(qtbot):
    """Shows a panel built on a Session (as the window would) and hands it back."""
    def show_it(panel):
        qtbot.addWidget(panel)
        panel.resize(440, 700)
        panel.show()
        return panel

    return show_it


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
