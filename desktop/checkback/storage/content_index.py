"""Keeping the index of every kind of content in step with the files of the packs.

Re-indexing is incremental: a file whose size and modification time are unchanged is not
read; a file whose content digest is unchanged is not parsed again; only files that
changed, were added or were deleted touch their rows. A start with nothing changed does not
even open the database: the print of the files found matches the one the last pass stored.
Each kind (policies, playbooks, phrases) says how to read a file, store what it gave, and
forget it.
"""

from __future__ import annotations

import logging
import sqlite3
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from checkback.core.content_packs import ContentFile
from checkback.core.problems import ContentProblem
from checkback.version import VERSION

if TYPE_CHECKING:
    from sqlite_utils import Database

_PRINT_KEY = "content_files_print"  # in app_meta
# A pass commits at least this often, so the UI thread's own writes never wait long.
_COMMIT_EVERY_SECONDS = 0.05
# What a content file can hold that the database refuses (text with a lone surrogate, a
# number beyond 64 bits): the file is reported, the pass goes on.
_UNSTORABLE = (ValueError, TypeError, OverflowError)

log = logging.getLogger(__name__)


class ParsedFile(Protocol):
    """What reading any content file gives."""

    @property
    def digest(self) -> str: ...

    @property
    def problems(self) -> tuple[ContentProblem, ...]: ...


@dataclass(frozen=True)
class IndexedKind:
    """How one kind of content is read, stored and forgotten.

    Attributes:
        name: the kind, as kept in ``content_files.kind``.
        read: reads one file.
        store: stores what a file gave; returns False when the file was unusable.
        forget: deletes every row a file gave.
    """

    name: str
    read: Callable[[Path], Any]
    store: Callable[[Database, ContentFile, Any], bool]
    forget: Callable[[Database, str], None]


@dataclass
class IndexReport:
    """What one indexing pass did."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    failed: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """True when the pass changed anything the agent can see."""
        return bool(self.added or self.updated or self.removed)


class FilesPrint:
    """A print of content files as they are now (the path, time and size of each), the same
    for the same files whatever order they are listed in, and held in 16 bytes however many
    there are."""

    def __init__(self) -> None:
        self.count = 0
        self._sum = 0

    def add(self, file: ContentFile) -> None:
        record = f"{file.path}\0{file.mtime_ns}\0{file.size}".encode("utf-8", "surrogatepass")
        self._sum = (self._sum + (zlib.crc32(record) << 32 | zlib.adler32(record))) % 2**64
        self.count += 1

    def noted(self, files: Iterable[ContentFile]) -> Iterator[ContentFile]:
        """``files``, each added to the print as it passes."""
        for file in files:
            self.add(file)
            yield file

    @property
    def value(self) -> str:
        return f"{self.count}:{self._sum:016x}"


def known_print(conn: sqlite3.Connection) -> str | None:
    """The print of the files this version last brought the index in step with; None when
    there is none (never indexed, indexed by another version, or changed by other means
    since)."""
    rows = dict(conn.execute("SELECT key, value FROM app_meta WHERE key IN (?, ?)",
                             ["indexed_by", _PRINT_KEY]))
    return rows.get(_PRINT_KEY) if rows.get("indexed_by") == VERSION else None


def count_if_unchanged(files: Iterable[ContentFile], known: str | None) -> int | None:
    """How many ``files`` there are, when their print is ``known``; None when it is not.

    The files are taken one at a time and the database is not opened, so an unchanged start
    costs a walk of the folders and nothing else, however many files there are.
    """
    if known is None:
        return None
    found = FilesPrint()
    for file in files:
        found.add(file)
    return found.count if found.value == known else None


def store_print(db: Database, files: FilesPrint) -> None:
    """Keep the print of the files the index now holds, for the next start to compare."""
    with db.atomic():
        db.execute("INSERT OR REPLACE INTO app_meta (key, value) VALUES (?, ?)",
                   [_PRINT_KEY, files.value])


def reread_after_an_upgrade(db: Database) -> None:
    """Have every file read again when another version of Checkback indexed it: its readers
    may find content, or problems, that this one does not."""
    if _indexed_by(db.conn) == VERSION:
        return
    with db.atomic():
        db.execute("UPDATE content_files SET mtime_ns = -1, digest = ''")
        db.execute("INSERT OR REPLACE INTO app_meta (key, value) VALUES ('indexed_by', ?)",
                   [VERSION])


def _indexed_by(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM app_meta WHERE key = 'indexed_by'").fetchone()
    return None if row is None else str(row[0])


def sync_files(db: Database, kind: IndexedKind, files: Iterable[ContentFile],
               report: IndexReport | None = None) -> IndexReport:
    """Bring the rows of ``kind`` in line with ``files``, touching only what changed."""
    report = report or IndexReport()
    known = _known_files(db, kind.name)
    db.begin()
    last_commit = time.monotonic()
    try:
        # Whatever this pass changes, the print of the files is stale until stored again.
        db.execute("DELETE FROM app_meta WHERE key = ?", [_PRINT_KEY])
        for file in files:
            _sync_file(db, kind, file, known.pop(file.path, None), report)
            if time.monotonic() - last_commit > _COMMIT_EVERY_SECONDS:
                db.commit()
                db.begin()
                last_commit = time.monotonic()
        for path in known:
            _forget(db, kind, path)
            report.removed += 1
        db.commit()
    except BaseException:
        db.rollback()
        raise
    return report


def store_problems(db: Database, problems: Iterable[ContentProblem]) -> None:
    """Keep the problems found in a file, for the Content problems view."""
    db.table("content_problems").insert_all(
        {"path": p.source, "line": p.line, "message": p.message, "fix": p.fix,
         "loaded": int(p.loaded)}
        for p in problems
    )


def _known_files(db: Database, kind: str) -> dict[str, dict[str, Any]]:
    rows = db.query("SELECT path, mtime_ns, size, digest FROM content_files WHERE kind = ?",
                    [kind])
    return {row["path"]: row for row in rows}


def _sync_file(db: Database, kind: IndexedKind, file: ContentFile,
               previous: dict[str, Any] | None, report: IndexReport) -> None:
    if previous and (previous["mtime_ns"], previous["size"]) == (file.mtime_ns, file.size):
        report.unchanged += 1
        return
    parsed = _read(kind, file)
    if previous and previous["digest"] == parsed.digest:
        _remember(db, kind, file, parsed.digest)
        report.unchanged += 1
        return
    _forget(db, kind, file.path)
    problems = _store(db, kind, file, parsed, report)
    store_problems(db, problems)
    _remember(db, kind, file, parsed.digest)
    if previous is None:
        report.added += 1
    else:
        report.updated += 1


@dataclass(frozen=True)
class _Unreadable:
    """A file whose reading failed with a bug: nothing to store, one problem to show."""

    problems: tuple[ContentProblem, ...]
    digest: str = ""


def _read(kind: IndexedKind, file: ContentFile) -> ParsedFile:
    """Read one file; a bug while reading it costs that file only, never the pass."""
    try:
        parsed: ParsedFile = kind.read(Path(file.path))
    except Exception as error:  # noqa: BLE001 - one odd file must not stop every other
        log.exception("Reading %s failed", file.path)
        return _Unreadable((ContentProblem(
            file.path, None, f"Checkback could not read this file ({_error_text(error)}); "
            "nothing from it was loaded.", "Check the file for anything unusual and save it "
            "again as plain UTF-8 text; if it looks right, report it with the log file."),))
    return parsed


def _store(db: Database, kind: IndexedKind, file: ContentFile, parsed: ParsedFile,
           report: IndexReport) -> tuple[ContentProblem, ...]:
    """Store what a file gave; the problems to keep for it."""
    if isinstance(parsed, _Unreadable):
        report.failed.append(file.path)
        return parsed.problems
    try:
        stored = kind.store(db, file, parsed)
    except _UNSTORABLE as error:
        kind.forget(db, file.path)
        report.failed.append(file.path)
        return (ContentProblem(
            file.path, None, f"The file holds a value the index cannot keep "
            f"({_error_text(error)}); nothing from it was loaded.", "Look for very large "
            "numbers or unusual escaped characters (like \\ud800) and remove them."),)
    if not stored:
        report.failed.append(file.path)
    return tuple(parsed.problems)


def _error_text(error: BaseException) -> str:
    text = f"{type(error).__name__}: {error}"
    return text if len(text) <= 120 else text[:117] + "..."


def _remember(db: Database, kind: IndexedKind, file: ContentFile, digest: str) -> None:
    db.table("content_files").upsert(
        {"path": file.path, "pack": file.pack, "kind": kind.name, "mtime_ns": file.mtime_ns,
         "size": file.size, "digest": digest},
        pk="path",
    )


def _forget(db: Database, kind: IndexedKind, path: str) -> None:
    kind.forget(db, path)
    db.execute("DELETE FROM content_problems WHERE path = ?", [path])
    db.execute("DELETE FROM content_files WHERE path = ?", [path])
