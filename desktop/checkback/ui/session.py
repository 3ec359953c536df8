"""The Session: the GUI thread's way to the data, opened before any panel is built.

It owns the GUI thread's connections and the clock, and every change the agent makes goes
through its one write path:

- ``write`` for a form: the change commits now, or ``StorageError`` says why not (the form
  stays open with the agent's text);
- ``save`` for what is saved as the agent types or clicks (a note, a check, a draft): the
  change commits now if it can; if the environment stops it (locked, full, read-only, a disk
  error), it is kept in memory and tried again until it commits, while ``fault_changed``
  says what is wrong.

Every committed change is announced by ``changed``, with what it changed. Work that can
take longer than a frame goes to the Session's one background ``worker``.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Callable, Hashable
from enum import Flag, auto
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from checkback.settings import Settings
from checkback.storage.database import (
    database_path,
    open_database,
    open_reader,
    open_writer,
    schema_is_current,
    transaction,
)
from checkback.storage.faults import FaultKind, StorageError, fault_from
from checkback.storage.new_database import create_database
from checkback.ui.worker import Worker

if TYPE_CHECKING:
    from checkback.integrations.tokens import TokenStore

log = logging.getLogger(__name__)
T = TypeVar("T")
Work = Callable[[sqlite3.Connection], object]

GUI_BUSY_TIMEOUT_MS = 100  # a key never waits longer than this for another program's lock
RETRY_MS = 1000


class Change(Flag):
    """What a committed write changed, so each panel knows whether to read again."""

    NONE = 0
    CONVERSATIONS = auto()
    RESOLUTIONS = auto()
    FOLLOW_UPS = auto()
    PHRASES = auto()
    CONTENT = auto()
    SETTINGS = auto()
    DRAFTS = auto()
    FORGOTTEN = auto()  # a customer's details were removed: whatever shows them reads again
    NOTES = auto()  # a note for the helpdesk was queued, posted, retried or failed


# What the log, the follow-up queue and its overdue count show.
RECORDS = Change.RESOLUTIONS | Change.FOLLOW_UPS | Change.FORGOTTEN | Change.NOTES


def utc_now() -> dt.datetime:
    """The current time, in UTC (the Session's clock unless a test gives another)."""
    return dt.datetime.now(dt.UTC)


class Session(QObject):
    """Connections, clock and the one write path, handed to every panel at construction.

    ``changed`` carries the ``Change`` of each commit; ``fault_changed`` the words for what
    stops writes now, or "" once everything kept is stored; ``flushing`` asks whoever holds
    back a change (a draft saved after a pause in typing) to save it now; ``closing`` tells
    timers and background work to stop, just before the connections close.
    """

    changed = Signal(object)
    fault_changed = Signal(str)
    flushing = Signal()
    closing = Signal()

    def __init__(self, data_dir: Path, settings: Settings,
                 clock: Callable[[], dt.datetime] = utc_now,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.settings = settings
        self.clock = clock
        self._path = path = database_path(data_dir)
        if not path.exists():
            create_database(path)  # a first start: the schema at once, no migrating
        elif not schema_is_current(path):
            open_database(path).close()  # upgrades it: once per upgrade
        self.reader = open_reader(path)
        self.reader.execute(f"PRAGMA busy_timeout = {GUI_BUSY_TIMEOUT_MS}")
        self.writer = self._open_writer()
        self.fault = ""
        self._fault_kind: FaultKind | None = None
        self._kept: dict[Hashable, tuple[Change, Work]] = {}
        self._retry = QTimer(self, interval=RETRY_MS)
        self._retry.timeout.connect(self.retry)
        self.worker = Worker(self)
        self._tokens: TokenStore | None = None

    @property
    def tokens(self) -> TokenStore:
        """The helpdesk tokens (in the keychain), made when first needed: not at start-up."""
        if self._tokens is None:
            from checkback.integrations.tokens import TokenStore

            self._tokens = TokenStore()
        return self._tokens

    def now(self) -> dt.datetime:
        """The current time by the Session's clock."""
        return self.clock()

    def announce(self, changes: Change) -> None:
        """Say that ``changes`` were committed elsewhere (by the worker's own connection)."""
        self.changed.emit(changes)

    def on_records_changed(self, owner: QObject, refresh: Callable[[], object]) -> None:
        """Have ``refresh`` run, for as long as ``owner`` lives, after every change to the
        records or the follow-ups, and after a follow-up setting changed (their dates and
        groups read in its zone)."""
        watch = _RecordsWatch(refresh, owner)
        self.changed.connect(watch.data_changed)
        self.settings.changed.connect(watch.setting_changed)

    def flush(self) -> None:
        """Have every change held back saved now (before a change that must see them)."""
        self.flushing.emit()

    def write(self, changes: Change, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``work`` in one transaction and commit it now; returns what it returned.

        Raises:
            StorageError: the environment stopped the write; nothing of it was stored.
        """
        if self._fault_kind is FaultKind.READ_ONLY:
            # A connection opened on a read-only file stays read-only once it is writable.
            self.writer.close()
            self.writer = self._open_writer()
        try:
            with transaction(self.writer):
                result = work(self.writer)
        except (sqlite3.Error, OSError) as error:
            fault = fault_from(error, self.data_dir)
            if fault is None:
                raise
            self._fault_kind = fault.kind
            self._show_fault(fault.message)
            raise fault from error
        self._fault_kind = None
        if not self._kept:
            self._show_fault("")
        self.changed.emit(changes)
        return result

    def save(self, key: Hashable, changes: Change, work: Work) -> bool:
        """Store a change made as the agent works; True once it is committed.

        When it cannot be committed now it is kept (a later change with the same ``key``
        replaces it, as ``work`` stores the current state) and tried again, in order.
        """
        if self._kept:
            self._keep(key, changes, work)
            return False
        try:
            self.write(changes, work)
        except StorageError:
            self._keep(key, changes, work)
            return False
        return True

    def is_kept(self, key: Hashable) -> bool:
        """True while the change saved under ``key`` waits to be stored."""
        return key in self._kept

    @property
    def has_unsaved(self) -> bool:
        """True while any change waits to be stored."""
        return bool(self._kept)

    @Slot()
    def retry(self) -> None:
        """Store what was kept, in order, as far as the environment lets it."""
        while self._kept:
            key, (changes, work) = next(iter(self._kept.items()))
            try:
                self.write(changes, work)
            except StorageError:
                return
            self._kept.pop(key, None)
        self._retry.stop()
        self._show_fault("")

    def close(self) -> None:
        """Save what is held back and try once more to store what was kept; end the worker
        (after what must finish) and close the connections."""
        self.flush()
        self.retry()
        if self._kept:
            log.error("%d changes could not be stored before closing: %s", len(self._kept),
                      self.fault)
        self._retry.stop()
        self.closing.emit()
        self.worker.stop()
        self.reader.close()
        self.writer.close()

    def _open_writer(self) -> sqlite3.Connection:
        writer = open_writer(self._path)
        writer.execute(f"PRAGMA busy_timeout = {GUI_BUSY_TIMEOUT_MS}")
        return writer

    def _keep(self, key: Hashable, changes: Change, work: Work) -> None:
        self._kept[key] = (changes, work)
        if not self._retry.isActive():
            self._retry.start()

    def _show_fault(self, message: str) -> None:
        if message != self.fault:
            self.fault = message
            self.fault_changed.emit(message)


class _RecordsWatch(QObject):
    """Calls its owner's refresh when what it shows changed; goes with its owner."""

    def __init__(self, refresh: Callable[[], object], owner: QObject) -> None:
        super().__init__(owner)
        self._refresh = refresh

    @Slot(object)
    def data_changed(self, changes: Change) -> None:
        if changes & RECORDS:
            self._refresh()

    @Slot(str)
    def setting_changed(self, key: str) -> None:
        if key.startswith("follow_ups/"):
            self._refresh()
