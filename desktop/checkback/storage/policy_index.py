"""Indexing policy files: one row per policy, searched through ``policies_fts``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from checkback.core.content_packs import ContentFile
from checkback.core.policies import ParsedPolicy, Policy, read_policy_file
from checkback.core.policy_text import markdown_to_plain
from checkback.storage.content_index import IndexedKind, IndexReport, sync_files

if TYPE_CHECKING:
    from sqlite_utils import Database


def sync_policies(db: Database, files: Iterable[ContentFile],
                  report: IndexReport | None = None) -> IndexReport:
    """Bring the policy rows and problems in line with ``files``, touching only what changed."""
    return sync_files(db, POLICIES, files, report)


def _store(db: Database, file: ContentFile, parsed: ParsedPolicy) -> bool:
    if parsed.policy is None:
        return False
    db.table("policies").insert(_policy_row(parsed.policy, file.pack))
    return True


def _forget(db: Database, path: str) -> None:
    db.execute("DELETE FROM policies WHERE path = ?", [path])


POLICIES = IndexedKind("policy", read_policy_file, _store, _forget)


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
