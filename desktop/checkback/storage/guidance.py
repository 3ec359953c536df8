"""Reading what guides a conversation: playbooks, the phrases for a step, and the agent's
parameters (can do / needs approval / cannot do) for a category of issue.

These run on the UI thread: every query is small and bounded.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from checkback.core.playbooks import Playbook, Step
from checkback.storage.policy_search import fts_query

MAX_PHRASES = 20
_PLAYBOOKS_SQL = """
    SELECT path, slug, name, description, is_default, position, steps FROM playbooks
    ORDER BY is_default DESC, position, name COLLATE NOCASE, id
"""
_PHRASES_SQL = """
    SELECT s.id, s.title, s.text, s.html, count(*) AS hits, min(t.rank) AS first
    FROM (SELECT value AS tag, key AS rank FROM json_each(?)) AS t
    JOIN snippet_tags AS st ON st.tag = t.tag
    JOIN snippets AS s ON s.id = st.snippet_id
    WHERE s.deleted = 0
    GROUP BY s.id ORDER BY hits DESC, first, s.path, s.position LIMIT ?
"""
_PARAMETERS_SQL = """
    SELECT id, title, can, with_approval, cannot FROM policies
    WHERE category = ? COLLATE NOCASE ORDER BY title COLLATE NOCASE LIMIT 50
"""
# The same, the policies that match the conversation's own words first (best match first).
_RANKED_PARAMETERS_SQL = """
    SELECT p.id, p.title, p.can, p.with_approval, p.cannot FROM policies p
    LEFT JOIN (SELECT rowid, bm25(policies_fts, 10.0, 5.0, 1.0) AS score FROM policies_fts
               WHERE policies_fts MATCH ?) m ON m.rowid = p.id
    WHERE p.category = ? COLLATE NOCASE
    ORDER BY m.score IS NULL, m.score, p.title COLLATE NOCASE LIMIT 50
"""


@dataclass(frozen=True)
class Phrase:
    """A phrase suggested for a step."""

    phrase_id: int
    title: str
    text: str
    html: str = ""


@dataclass(frozen=True)
class PolicyParameters:
    """What one policy lets the agent do, for the Strategize step."""

    policy_id: int
    title: str
    can: tuple[str, ...]
    with_approval: tuple[str, ...]
    cannot: tuple[str, ...]


def load_playbooks(conn: sqlite3.Connection) -> list[Playbook]:
    """Every playbook, the default first, then in their order; one per file name."""
    by_slug: dict[str, Playbook] = {}
    for path, slug, name, description, is_default, position, steps in conn.execute(
        _PLAYBOOKS_SQL
    ):
        by_slug.setdefault(slug, Playbook(path, name, _steps(steps), description or "",
                                          bool(is_default), position))
    return list(by_slug.values())


def phrases_for(conn: sqlite3.Connection, tags: tuple[str, ...],
                limit: int = MAX_PHRASES) -> list[Phrase]:
    """Phrases carrying any of ``tags``: most tags matched first, then by the tags' order."""
    if not tags:
        return []
    rows = conn.execute(_PHRASES_SQL, (json.dumps(list(tags)), limit))
    return [Phrase(sid, title, text, html or "") for sid, title, text, html, _, _ in rows]


def policy_categories(conn: sqlite3.Connection) -> list[str]:
    """The categories of the indexed policies, alphabetically."""
    rows = conn.execute("SELECT DISTINCT category FROM policies ORDER BY category COLLATE NOCASE")
    return [category for (category,) in rows]


def category_parameters(conn: sqlite3.Connection, category: str,
                        about: str = "") -> list[PolicyParameters]:
    """The parameters of every policy in ``category`` that states any: the ones that match
    any word of ``about`` (the ticket's subject, the agent's notes) first, best first."""
    query = fts_query(about, any_word=True)
    try:
        rows = (conn.execute(_RANKED_PARAMETERS_SQL, (query, category)).fetchall() if query
                else conn.execute(_PARAMETERS_SQL, (category,)).fetchall())
    except sqlite3.OperationalError:  # words the index reads as separators only
        rows = conn.execute(_PARAMETERS_SQL, (category,)).fetchall()
    found = []
    for pid, title, can, with_approval, cannot in rows:
        lists = (_texts(can), _texts(with_approval), _texts(cannot))
        if any(lists):
            found.append(PolicyParameters(pid, title, *lists))
    return found


def _steps(encoded: str) -> tuple[Step, ...]:
    steps: list[dict[str, Any]] = json.loads(encoded)
    return tuple(
        Step(**{**step, **{key: tuple(step[key]) for key in ("guidance", "questions",
                                                            "phrase_tags")}})
        for step in steps
    )


def _texts(encoded: str | None) -> tuple[str, ...]:
    return tuple(json.loads(encoded or "[]"))
