"""Reading policies for the reference panel: search as you type, browse, open one.

Everything here runs on the UI thread, so every query is bounded by a LIMIT and served by
an index. Any text the agent types is turned into a safe FTS5 query: it can never raise a
syntax error.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from checkback.core.highlight import excerpt, mark_matches, word_pattern
from checkback.core.problems import ContentProblem
from checkback.storage.search_folding import fold_typed

if TYPE_CHECKING:
    from checkback.core.policies import Policy

MAX_QUERY_WORDS = 12
_EXCERPT_SOURCE_CHARS = 4_000
# bm25 weights for the title, tags and body columns: a title hit outranks a tag hit,
# which outranks a body hit.
RANK = "bm25(policies_fts, 10.0, 4.0, 1.0)"
_WORD = re.compile(r"[^\W_]+")

# Only the rowid and score go through the sort: computing FTS5 highlights for every match
# before the LIMIT would cost more than the ranking. Excerpts are cut for the page alone.
SEARCH_SQL = f"""
    SELECT p.id, p.title, p.category, substr(p.body, 1, {_EXCERPT_SOURCE_CHARS})
    FROM (SELECT rowid AS id, {RANK} AS score FROM policies_fts
          WHERE policies_fts MATCH ? ORDER BY score LIMIT ? OFFSET ?) AS ranked
    JOIN policies AS p ON p.id = ranked.id
    ORDER BY ranked.score
"""
# A broad query (a letter or two, or a word in most policies: more than BROAD_MATCHES of
# them) is not ranked by bm25 over every match, which grows with the pack: title matches
# come first, then the others, each group by title, from at most BROAD_CAP matches each.
# The page is chosen by title alone, and only its rows' text is read for their excerpts.
BROAD_MATCHES = 500
BROAD_CAP = 1000
BROAD_SQL = f"""
    SELECT p.id, p.title, p.category, substr(p.body, 1, {_EXCERPT_SOURCE_CHARS})
    FROM (SELECT ranked.id, ranked.score, t.title
          FROM (SELECT id, min(score) AS score FROM (
                    SELECT * FROM (SELECT rowid AS id, 0 AS score FROM policies_fts
                                   WHERE policies_fts MATCH ? LIMIT {BROAD_CAP})
                    UNION ALL
                    SELECT * FROM (SELECT rowid AS id, 1 AS score FROM policies_fts
                                   WHERE policies_fts MATCH ? LIMIT {BROAD_CAP}))
                GROUP BY id) AS ranked
          JOIN policies AS t ON t.id = ranked.id
          ORDER BY ranked.score, t.title COLLATE NOCASE LIMIT ? OFFSET ?) AS page
    JOIN policies AS p ON p.id = page.id
    ORDER BY page.score, page.title COLLATE NOCASE
"""
_COUNT_SQL = ("SELECT count(*) FROM (SELECT 1 FROM policies_fts WHERE policies_fts MATCH ?"
              " LIMIT ?)")
BROWSE_SQL = """
    SELECT id, title, category, substr(body, 1, 400)
    FROM policies ORDER BY category COLLATE NOCASE, title COLLATE NOCASE LIMIT ? OFFSET ?
"""


@dataclass(frozen=True)
class PolicyHit:
    """One row of the result list.

    ``marked_title`` and ``excerpt`` carry match markers; they are worked out when first
    asked for, so a keystroke pays only for the rows that are shown.
    """

    policy_id: int
    title: str
    category: str
    body_start: str
    pattern: re.Pattern[str] | None = None

    @cached_property
    def marked_title(self) -> str:
        """The title with the matched words marked."""
        return mark_matches(self.title, self.pattern)

    @cached_property
    def excerpt(self) -> str:
        """A few words of the body around the first match, the matches marked."""
        return excerpt(self.body_start, self.pattern)


@dataclass(frozen=True)
class StoredPolicy:
    """A policy as stored, with its database id and the pack it came from."""

    policy_id: int
    pack: str
    policy: Policy


def words_of(text: str) -> list[str]:
    """The words of a query, as the search sees them: punctuation dropped, another tool's
    operator (``title:refund``) read as the word it qualifies, and typed as people type
    (full-width letters, accents typed as two keys, ß, a soft hyphen pasted along) folded
    as the index holds its words (see ``search_folding``)."""
    return _WORD.findall(fold_typed(text))[:MAX_QUERY_WORDS]


def fts_query(text: str, *, any_word: bool = False) -> str | None:
    """Turn free text into an FTS5 query: every word a quoted prefix term.

    Quoting makes AND/OR/NOT/NEAR, ``-``, ``*``, ``^``, ``:`` and parentheses plain words.
    Returns None when the text holds no word at all.
    """
    terms = [f'"{word}"*' for word in words_of(text)]
    if not terms:
        return None
    return (" OR " if any_word else " ").join(terms)


def search_policies(
    conn: sqlite3.Connection, text: str, limit: int = 50, offset: int = 0, *,
    any_word: bool = False,
) -> list[PolicyHit]:
    """Policies matching every word of ``text`` (or any word), best first."""
    query = fts_query(text, any_word=any_word)
    if query is None:
        return []
    try:
        if _is_broad(conn, query):
            rows = conn.execute(BROAD_SQL, (f"{{title}} : ({query})", query, limit,
                                            offset)).fetchall()
        else:
            rows = conn.execute(SEARCH_SQL, (query, limit, offset)).fetchall()
    except sqlite3.OperationalError:
        # A word made only of characters FTS5's tokenizer treats as separators.
        return []
    pattern = word_pattern(words_of(text))
    return [PolicyHit(pid, title, category, body, pattern) for pid, title, category, body in rows]


def _is_broad(conn: sqlite3.Connection, query: str) -> bool:
    count = conn.execute(_COUNT_SQL, (query, BROAD_MATCHES + 1)).fetchone()[0]
    return bool(count > BROAD_MATCHES)


def browse_policies(conn: sqlite3.Connection, limit: int = 200, offset: int = 0) -> list[PolicyHit]:
    """All policies by category, then title: the list shown when the search box is empty."""
    return [PolicyHit(*row) for row in conn.execute(BROWSE_SQL, (limit, offset))]


def count_policies(conn: sqlite3.Connection) -> int:
    """How many policies are indexed."""
    return int(conn.execute("SELECT count(*) FROM policies").fetchone()[0])


def load_policy(conn: sqlite3.Connection, policy_id: int) -> StoredPolicy | None:
    """The full policy with ``policy_id``, or None when it has gone from the index."""
    from checkback.core.policies import Policy  # its reader's machinery: not at start-up

    row = conn.execute(
        "SELECT id, pack, path, title, category, tags, can, with_approval, cannot, reviewed,"
        " owner, review_every_days, markdown FROM policies WHERE id = ?", (policy_id,)
    ).fetchone()
    if row is None:
        return None
    (pid, pack, path, title, category, tags, can, with_approval, cannot, reviewed, owner,
     review_every_days, body) = row
    policy = Policy(
        source=path, title=title, category=category,
        tags=tuple(tag for tag in (tags or "").split(", ") if tag),
        can=tuple(json.loads(can or "[]")),
        with_approval=tuple(json.loads(with_approval or "[]")),
        cannot=tuple(json.loads(cannot or "[]")),
        reviewed=dt.date.fromisoformat(reviewed) if reviewed else None,
        owner=owner or "", review_every_days=review_every_days, body=body or "",
    )
    return StoredPolicy(pid, pack, policy)


def ever_indexed(conn: sqlite3.Connection) -> bool:
    """True once a pass has indexed content (on a first start, not until it ends)."""
    return conn.execute("SELECT 1 FROM content_files LIMIT 1").fetchone() is not None


def find_policy_id(conn: sqlite3.Connection, path: str) -> int | None:
    """The id of the policy read from ``path``, if it is indexed."""
    row = conn.execute("SELECT id FROM policies WHERE path = ?", (path,)).fetchone()
    return None if row is None else int(row[0])


def content_problems(conn: sqlite3.Connection, limit: int = 1000) -> list[ContentProblem]:
    """Problems found in content files, by file and line."""
    rows = conn.execute(
        "SELECT path, line, message, fix, loaded FROM content_problems"
        " ORDER BY path, coalesce(line, 0), id LIMIT ?", (limit,)
    )
    return [ContentProblem(path, line, message, fix, bool(loaded))
            for path, line, message, fix, loaded in rows]
