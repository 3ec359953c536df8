"""Keeping the policy index in step with the files of the content packs.

Re-indexing is incremental: a file whose size and modification time are unchanged is not
read; a file whose content digest is unchanged is not parsed; only files that changed, were
added or were deleted touch their rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checkback.core.content_packs import ContentFile
from checkback.core.policies import ParsedPolicy, Policy, read_policy_file
from checkback.core.policy_text import markdown_to_plain
from checkback.storage.database import SCHEMA_VERSION, schema_version

if TYPE_CHECKING:
    from sqlite_utils import Database

POLICY_KIND = "policy"
_BATCH = 500


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


def index_is_current(db_path: Path, files: list[ContentFile]) -> bool:
    """True when the index exists and knows every file as it is now (same size and time).

    Answered with a plain read, so an unchanged start loads none of the writing machinery.
    """
    if not db_path.exists():
        return False
    conn = sqlite3.connect(db_path)
    try:
        if schema_version(conn) != SCHEMA_VERSION:
            return False
        known = conn.execute(
            "SELECT path, mtime_ns, size FROM content_files WHERE kind = ?", (POLICY_KIND,)
        )
        return {path: (mtime, size) for path, mtime, size in known} == {
            file.path: (file.mtime_ns, file.size) for file in files
        }
    finally:
        conn.close()


def sync_policies(db: Database, files: Iterable[ContentFile]) -> IndexReport:
    """Bring the policy rows and problems in line with ``files``, touching only what changed."""
    known = _known_files(db)
    report = IndexReport()
    pending = 0
    db.begin()
    try:
        for file in files:
            previous = known.pop(file.path, None)
            pending += _sync_file(db, file, previous, report)
            if pending >= _BATCH:
                db.commit()
                db.begin()
                pending = 0
        for path in known:
            _forget(db, path)
            report.removed += 1
        db.commit()
    except BaseException:
        db.rollback()
        raise
    return report


def _known_files(db: Database) -> dict[str, dict[str, Any]]:
    rows = db.query(
        "SELECT path, mtime_ns, size, digest FROM content_files WHERE kind = ?", [POLICY_KIND]
    )
    return {row["path"]: row for row in rows}


def _sync_file(
    db: Database, file: ContentFile, previous: dict[str, Any] | None, report: IndexReport
) -> int:
    if previous and (previous["mtime_ns"], previous["size"]) == (file.mtime_ns, file.size):
        report.unchanged += 1
        return 0
    parsed = read_policy_file(Path(file.path))
    if previous and previous["digest"] == parsed.digest:
        _remember(db, file, parsed.digest)
        report.unchanged += 1
        return 1
    _forget(db, file.path)
    _store(db, file, parsed)
    _remember(db, file, parsed.digest)
    if previous is None:
        report.added += 1
    else:
        report.updated += 1
    if parsed.policy is None:
        report.failed.append(file.path)
    return 1


def _remember(db: Database, file: ContentFile, digest: str) -> None:
    db.table("content_files").upsert(
        {"path": file.path, "pack": file.pack, "kind": POLICY_KIND, "mtime_ns": file.mtime_ns,
         "size": file.size, "digest": digest},
        pk="path",
    )


def _forget(db: Database, path: str) -> None:
    db.execute("DELETE FROM policies WHERE path = ?", [path])
    db.execute("DELETE FROM content_problems WHERE path = ?", [path])
    db.execute("DELETE FROM content_files WHERE path = ?", [path])


def _store(db: Database, file: ContentFile, parsed: ParsedPolicy) -> None:
    if parsed.policy is not None:
        db.table("policies").insert(_policy_row(parsed.policy, file.pack))
    if parsed.problems:
        db.table("content_problems").insert_all(
            {"path": p.source, "line": p.line, "message": p.message, "fix": p.fix,
             "loaded": int(p.loaded)}
            for p in parsed.problems
        )


def _policy_row(policy: Policy, pack: str) -> dict[str, Any]:
    return {
        "path": policy.source,
        "pack": pack,
        "slug": policy.slug,
        "title": policy.title,
        "category": policy.category,
        "tags": ", ".join(policy.tags),
        "can": json.dumps(policy.can),
        "with_approval": json.dumps(policy.with_approval),
        "cannot": json.dumps(policy.cannot),
        "reviewed": policy.reviewed.isoformat() if policy.reviewed else None,
        "owner": policy.owner,
        "review_every_days": policy.review_every_days,
        "body": markdown_to_plain(policy.body),
        "markdown": policy.body,
    }
