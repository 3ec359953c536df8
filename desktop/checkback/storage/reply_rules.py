"""The reply checker's rules, indexed from the packs' ``checker/`` files, and the draft being
checked, saved as the agent types."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING

from checkback.core.content_packs import ContentFile
from checkback.core.reply_checker import ParsedRules, Rule, compile_pattern, read_rules_file
from checkback.storage.content_index import IndexedKind, IndexReport, sync_files

if TYPE_CHECKING:
    from sqlite_utils import Database

REPLY_DRAFT = "reply"


def sync_rules(db: Database, files: Iterable[ContentFile],
               report: IndexReport | None = None) -> IndexReport:
    """Bring the rule rows in line with ``files``."""
    return sync_files(db, RULES, files, report)


def load_rules(conn: sqlite3.Connection) -> tuple[Rule, ...]:
    """Every indexed rule, shipped ones and the teams', in file order."""
    rows = conn.execute("SELECT rule_id, kind, pattern, reason, suggestion, place"
                        " FROM checker_rules ORDER BY path, position")
    return tuple(Rule(rule_id, kind, compile_pattern(pattern), reason,
                      suggestion or "", place or "anywhere")
                 for rule_id, kind, pattern, reason, suggestion, place in rows)


def load_draft(conn: sqlite3.Connection, name: str = REPLY_DRAFT) -> str:
    """The draft saved under ``name``, or "" when there is none."""
    row = conn.execute("SELECT text FROM drafts WHERE name = ?", (name,)).fetchone()
    return str(row[0]) if row else ""


def save_draft(conn: sqlite3.Connection, text: str, now: dt.datetime,
               name: str = REPLY_DRAFT) -> None:
    """Keep ``text`` as the draft called ``name``."""
    conn.execute("INSERT INTO drafts (name, text, updated_at) VALUES (?, ?, ?) ON CONFLICT(name)"
                 " DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                 (name, text, now.isoformat()))


def _store_rules(db: Database, file: ContentFile, parsed: ParsedRules) -> bool:
    db.table("checker_rules").insert_all(
        {"path": file.path, "pack": file.pack, "position": position, "rule_id": rule.rule_id,
         "kind": rule.kind, "pattern": rule.pattern.pattern, "reason": rule.reason,
         "suggestion": rule.suggestion, "place": rule.where}
        for position, rule in enumerate(parsed.rules)
    )
    return bool(parsed.rules) or not parsed.problems


def _forget_rules(db: Database, path: str) -> None:
    db.execute("DELETE FROM checker_rules WHERE path = ?", [path])


RULES = IndexedKind("checker rules", read_rules_file, _store_rules, _forget_rules)
