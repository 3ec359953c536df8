"""Indexing playbook and phrase files: one row per playbook, one per phrase and tag."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from typing import TYPE_CHECKING

from checkback.core.content_packs import ContentFile
from checkback.core.phrases import ParsedPhrases, read_phrases_file
from checkback.core.playbooks import ParsedPlaybook, read_playbook_file
from checkback.storage.content_index import IndexedKind, IndexReport, sync_files

if TYPE_CHECKING:
    from sqlite_utils import Database


def sync_playbooks(db: Database, files: Iterable[ContentFile],
                   report: IndexReport | None = None) -> IndexReport:
    """Bring the playbook rows in line with ``files``."""
    return sync_files(db, PLAYBOOKS, files, report)


def sync_phrases(db: Database, files: Iterable[ContentFile],
                  report: IndexReport | None = None) -> IndexReport:
    """Bring the shipped and team phrase rows in line with ``files``."""
    return sync_files(db, PHRASES, files, report)


def _store_playbook(db: Database, file: ContentFile, parsed: ParsedPlaybook) -> bool:
    playbook = parsed.playbook
    if playbook is None:
        return False
    db.table("playbooks").insert({
        "path": file.path, "pack": file.pack, "slug": playbook.slug, "name": playbook.name,
        "description": playbook.description, "is_default": int(playbook.is_default),
        "position": playbook.order, "steps": json.dumps([asdict(s) for s in playbook.steps]),
    })
    return True


def _forget_playbook(db: Database, path: str) -> None:
    db.execute("DELETE FROM playbooks WHERE path = ?", [path])


def _store_phrases(db: Database, file: ContentFile, parsed: ParsedPhrases) -> bool:
    for position, phrase in enumerate(parsed.phrases):
        row_id = db.table("snippets").insert({
            "path": file.path, "pack": file.pack, "position": position, "title": phrase.title,
            "text": phrase.text, "html": phrase.html, "tags": " ".join(phrase.tags),
            "abbreviation": phrase.abbreviation, "source": "content",
            "key": f"{file.path}#{phrase.title}",
        }).last_pk
        db.table("snippet_tags").insert_all(
            {"snippet_id": row_id, "tag": tag} for tag in phrase.tags
        )
    return bool(parsed.phrases) or not parsed.problems


def _forget_phrases(db: Database, path: str) -> None:
    db.execute("DELETE FROM snippet_tags WHERE snippet_id IN "
               "(SELECT id FROM snippets WHERE path = ?)", [path])
    db.execute("DELETE FROM snippets WHERE path = ?", [path])


PLAYBOOKS = IndexedKind("playbook", read_playbook_file, _store_playbook, _forget_playbook)
PHRASES = IndexedKind("snippet", read_phrases_file, _store_phrases, _forget_phrases)
