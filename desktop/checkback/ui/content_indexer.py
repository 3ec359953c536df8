"""Indexing content packs on the background worker, and again whenever their files change."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from functools import partial
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal, Slot

from checkback.core.content_packs import (
    content_folders,
    scan_phrase_files,
    scan_playbook_files,
    scan_policy_files,
    scan_rule_files,
)
from checkback.storage.database import database_path
from checkback.storage.faults import fault_from
from checkback.ui.session import Change, Session

if TYPE_CHECKING:
    from sqlite_utils import Database

    from checkback.storage.content_index import IndexReport

_DEBOUNCE_MS = 400
_MAX_WATCHED_FILES = 2000
_WATCHED_SUFFIXES = (".md", ".yaml", ".yml")
_SCANS = (scan_policy_files, scan_playbook_files, scan_phrase_files, scan_rule_files)


class IndexPasses:
    """What the index passes keep between them; used on the worker thread only."""

    def __init__(self, db_path: Path) -> None:
        self._db_path = db_path
        self._db: Database | None = None

    def index(self, packs: list[Path], known: str | None = None) -> tuple[IndexReport, list[str]]:
        """Bring the index in step with the files of ``packs``, unless their print is
        ``known`` (the one stored by the last pass); returns what changed and the paths to
        watch."""
        # Imported here, on the worker thread, so start-up does not wait for them.
        from checkback.storage.content_index import IndexReport, count_if_unchanged

        files = chain.from_iterable(scan(packs, ordered=False) for scan in _SCANS)
        unchanged = count_if_unchanged(files, known)
        report = IndexReport(unchanged=unchanged) if unchanged is not None else self._sync(packs)
        return report, sorted(_paths_to_watch(packs))

    def _sync(self, packs: list[Path]) -> IndexReport:
        """Read what changed and store it, and the print of the files (the writing
        machinery loaded only for this)."""
        from checkback.storage.content_index import FilesPrint, reread_after_an_upgrade, store_print
        from checkback.storage.database import open_database
        from checkback.storage.playbook_index import sync_phrases, sync_playbooks
        from checkback.storage.policy_index import sync_policies
        from checkback.storage.reply_rules import sync_rules

        found = FilesPrint()
        policies, playbooks, phrases, rules = (list(found.noted(scan(packs))) for scan in _SCANS)
        self._db = db = self._db or open_database(self._db_path)
        try:
            reread_after_an_upgrade(db)
            report = sync_policies(db, policies)
            sync_playbooks(db, playbooks, report)
            sync_phrases(db, phrases, report)
            sync_rules(db, rules, report)
            store_print(db, found)
        except BaseException:
            self.close()  # the next pass opens afresh (a read-only file may be writable)
            raise
        return report

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


class ContentIndexer(QObject):
    """Keeps the policy index in step with the packs, on the Session's worker.

    ``indexed`` carries the IndexReport of each finished pass (the Session announces
    ``Change.CONTENT`` first when anything changed); ``failed`` a message for the agent.
    Pack folders are watched, so edits made while the app runs are picked up.
    """

    indexed = Signal(object)
    failed = Signal(str)

    def __init__(self, session: Session, packs: Callable[[], list[Path]],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._packs = packs
        self._passes = IndexPasses(database_path(session.data_dir))
        self._busy = False
        self._again = False
        self._stopped = False
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._schedule)
        self._watcher.fileChanged.connect(self._schedule)
        self._debounce = QTimer(self, singleShot=True, interval=_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.reindex)
        session.closing.connect(self.stop)

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
        job = self._session.worker.submit(partial(self._passes.index, self._packs(),
                                                  self._known_print()))
        job.done.connect(self._finish)
        job.failed.connect(self._fail)

    def _known_print(self) -> str | None:
        """The print of the files the index holds, read here (the window's connection knows
        the schema already); None when it cannot be read: the pass then looks at each file."""
        from checkback.storage.content_index import known_print

        try:
            return known_print(self._session.reader)
        except sqlite3.Error:
            return None

    @Slot()
    def stop(self) -> None:
        """Watch no more and close the index's connection once the running pass ends.

        Results still on their way are dropped. Calling it again does nothing.
        """
        if self._stopped:
            return
        self._stopped = True
        self._debounce.stop()
        self._session.worker.submit(self._passes.close, must_finish=True)

    @Slot(str)
    def _schedule(self, _path: str) -> None:
        self._debounce.start()

    @Slot(object)
    def _finish(self, result: tuple[IndexReport, list[str]]) -> None:
        self._busy = False
        if self._stopped:
            return
        report, watch = result
        self._watch(set(watch))
        if report.changed:
            self._session.announce(Change.CONTENT)
        self.indexed.emit(report)
        if self._again:
            self._again = False
            self.reindex()

    @Slot(object)
    def _fail(self, error: Exception) -> None:
        self._busy = False
        if self._stopped:
            return
        fault = fault_from(error, self._session.data_dir)
        self.failed.emit("The policies could not be updated. " + (
            fault.message if fault else f"({error}) Check the disk and try F5."))
        if self._again:
            self._again = False
            self.reindex()

    def _watch(self, wanted: set[str]) -> None:
        current = set(self._watcher.directories()) | set(self._watcher.files())
        if stale := current - wanted:
            self._watcher.removePaths(sorted(stale))
        if new := wanted - current:
            self._watcher.addPaths(sorted(new))


def _paths_to_watch(packs: list[Path]) -> set[str]:
    paths: set[str] = set()
    for folder in (folder for pack in packs for folder in content_folders(pack)):
        if folder.is_dir():
            _watch_under(str(folder), paths)
    return paths


def _watch_under(folder: str, paths: set[str]) -> None:
    """Add ``folder``, the folders under it and (up to the limit) its content files, read
    a directory entry at a time (a folder of 50,000 files is never held in a list)."""
    if folder in paths:
        return
    paths.add(folder)
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    _watch_under(entry.path, paths)
                elif (entry.name.endswith(_WATCHED_SUFFIXES)
                      and len(paths) < _MAX_WATCHED_FILES):
                    paths.add(entry.path)
    except OSError:
        return
