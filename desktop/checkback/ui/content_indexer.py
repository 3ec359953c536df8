"""Indexing content packs off the UI thread, and again whenever their files change."""

from __future__ import annotations

import gc
import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QThread, QTimer, Signal, Slot

from checkback.core.content_packs import (
    content_folders,
    scan_playbook_files,
    scan_policy_files,
    scan_rule_files,
    scan_snippet_files,
)
from checkback.storage.faults import StorageError, fault_from

if TYPE_CHECKING:
    from sqlite_utils import Database

    from checkback.storage.content_index import IndexReport

log = logging.getLogger(__name__)

_DEBOUNCE_MS = 400
_MAX_WATCHED_FILES = 2000
_WATCHED_SUFFIXES = (".md", ".yaml", ".yml")


class _IndexWorker(QObject):
    """Lives on the indexing thread; owns that thread's database connection."""

    finished = Signal(object, list)
    failed = Signal(str)

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self._db_path = db_path
        self._db: Database | None = None

    @Slot(list)
    def index(self, packs: list[str]) -> None:
        # A collection started on this thread could free Qt widgets here, off the GUI
        # thread, which crashes; collect only while no pass runs.
        gc.disable()
        try:
            self._index(packs)
        finally:
            gc.enable()

    def _index(self, packs: list[str]) -> None:
        # Imported here, on the indexing thread, so start-up does not wait for them.
        from checkback.storage.content_index import IndexReport, index_is_current
        from checkback.storage.database import open_database
        from checkback.storage.playbook_index import sync_playbooks, sync_snippets
        from checkback.storage.policy_index import sync_policies
        from checkback.storage.reply_rules import sync_rules

        try:
            folders = [Path(pack) for pack in packs]
            policies = list(scan_policy_files(folders))
            playbooks = list(scan_playbook_files(folders))
            snippets = list(scan_snippet_files(folders))
            rules = list(scan_rule_files(folders))
            every_file = policies + playbooks + snippets + rules
            if self._db is None and index_is_current(self._db_path, every_file):
                report = IndexReport(unchanged=len(every_file))
            else:
                self._db = self._db or open_database(self._db_path)
                report = sync_policies(self._db, policies)
                sync_playbooks(self._db, playbooks, report)
                sync_snippets(self._db, snippets, report)
                sync_rules(self._db, rules, report)
            watch = _paths_to_watch(folders)
        except (sqlite3.Error, OSError, StorageError) as error:
            log.exception("Indexing content failed")
            fault = fault_from(error, self._db_path.parent)
            self.failed.emit("The policies could not be updated. " + (
                fault.message if fault else f"({error}) Check the disk and try F5."))
            return
        self.finished.emit(report, sorted(watch))

    @Slot()
    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


class ContentIndexer(QObject):
    """Keeps the policy index in step with the packs, off the UI thread.

    ``indexed`` carries the IndexReport of each finished pass; ``failed`` a message for the
    agent. Pack folders are watched, so edits made while the app runs are picked up.
    """

    indexed = Signal(object)
    failed = Signal(str)
    _index_requested = Signal(list)
    _close_requested = Signal()

    def __init__(
        self, db_path: Path, packs: Callable[[], list[Path]], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._packs = packs
        self._busy = False
        self._again = False
        self._stopped = False
        self._thread = QThread(self)
        self._thread.setObjectName("content-indexer")
        self._worker = _IndexWorker(db_path)
        self._worker.moveToThread(self._thread)
        self._index_requested.connect(self._worker.index)
        self._close_requested.connect(self._worker.close)
        self._worker.finished.connect(self._finish)
        self._worker.failed.connect(self._fail)
        self._thread.finished.connect(self._worker.deleteLater)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._schedule)
        self._watcher.fileChanged.connect(self._schedule)
        self._debounce = QTimer(self, singleShot=True, interval=_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.reindex)
        self._thread.start()

    @property
    def busy(self) -> bool:
        """True while a pass is running."""
        return self._busy

    @Slot()
    def reindex(self) -> None:
        """Start a pass now, or right after the one that is running."""
        if self._stopped:
            return
        if self._busy:
            self._again = True
            return
        self._busy = True
        self._index_requested.emit([str(pack) for pack in self._packs()])

    def stop(self) -> None:
        """Finish the running pass, close the worker's database and end the thread.

        Results still on their way are dropped. Calling it again does nothing.
        """
        if self._stopped:
            return
        self._stopped = True
        self._debounce.stop()
        self._close_requested.emit()
        self._thread.quit()
        self._thread.wait()

    @Slot(str)
    def _schedule(self, _path: str) -> None:
        self._debounce.start()

    @Slot(object, list)
    def _finish(self, report: IndexReport, watch: list[str]) -> None:
        self._busy = False
        if self._stopped:
            return
        self._watch(set(watch))
        self.indexed.emit(report)
        if self._again:
            self._again = False
            self.reindex()

    @Slot(str)
    def _fail(self, message: str) -> None:
        self._busy = False
        if self._stopped:
            return
        self.failed.emit(message)

    def _watch(self, wanted: set[str]) -> None:
        current = set(self._watcher.directories()) | set(self._watcher.files())
        if stale := current - wanted:
            self._watcher.removePaths(sorted(stale))
        if new := wanted - current:
            self._watcher.addPaths(sorted(new))


def _paths_to_watch(packs: list[Path]) -> set[str]:
    paths: set[str] = set()
    for folder in (folder for pack in packs for folder in content_folders(pack)):
        if not folder.is_dir():
            continue
        paths.add(str(folder))
        for path in folder.rglob("*"):
            if path.is_dir() or (path.suffix in _WATCHED_SUFFIXES
                                 and len(paths) < _MAX_WATCHED_FILES):
                paths.add(str(path))
    return paths
