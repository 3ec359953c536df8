"""The phrase library: shipped, team and the agent's own phrases, found as the agent types.

Searching runs on the UI thread at every keystroke, so every query is bounded and served
by the FTS5 index. Ranking is match quality first, then favourites, use count and recency.
Match quality is bm25 over title, abbreviation, tags and text, rounded so near-equal matches
tie. A broad query (a letter or two, or a very common word: more than ``BROAD_MATCHES``
phrases) is ranked more cheaply, as bm25 over thousands of rows would take longer than a
keystroke: matches in the title, tags or abbreviation first, then matches in the text.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from checkback.core.phrases import Phrase, normalised_tags
from checkback.storage.database import any_deleted, transaction
from checkback.storage.policy_search import words_of

MAX_RESULTS = 100
BROAD_MATCHES = 500
OWN = "own"
# bm25 weights for title, tags, abbreviation and text.
_RANK = "bm25(snippets_fts, 10.0, 5.0, 8.0, 1.0)"
_COLUMNS = """s.id, s.key, s.source, s.pack, s.title, s.text, s.html, s.tags, s.abbreviation,
    coalesce(u.favourite, 0), coalesce(u.use_count, 0), u.last_used"""
_ORDER_BY_USE = "coalesce(u.favourite, 0) DESC, coalesce(u.use_count, 0) DESC, u.last_used DESC"
SEARCH_SQL = f"""
    SELECT {_COLUMNS} FROM (
        SELECT rowid AS id, round({_RANK}, 1) AS score FROM snippets_fts
        WHERE snippets_fts MATCH ? ORDER BY score LIMIT 1000) AS ranked
    JOIN snippets AS s ON s.id = ranked.id
    LEFT JOIN snippet_usage AS u ON u.key = s.key
    WHERE s.deleted = 0 {{filters}}
    ORDER BY ranked.score, {_ORDER_BY_USE}, s.title COLLATE NOCASE LIMIT ?
"""
BROAD_SQL = f"""
    SELECT {_COLUMNS} FROM (
        SELECT id, min(score) AS score FROM (
            SELECT * FROM (SELECT rowid AS id, 0 AS score FROM snippets_fts
                           WHERE snippets_fts MATCH ? LIMIT 1000)
            UNION ALL
            SELECT * FROM (SELECT rowid AS id, 1 AS score FROM snippets_fts
                           WHERE snippets_fts MATCH ? LIMIT 1000))
        GROUP BY id) AS ranked
    JOIN snippets AS s ON s.id = ranked.id
    LEFT JOIN snippet_usage AS u ON u.key = s.key
    WHERE s.deleted = 0 {{filters}}
    ORDER BY ranked.score, {_ORDER_BY_USE}, s.title COLLATE NOCASE LIMIT ?
"""
_COUNT_SQL = "SELECT count(*) FROM (SELECT 1 FROM snippets_fts WHERE snippets_fts MATCH ? LIMIT ?)"
BROWSE_SQL = f"""
    SELECT {_COLUMNS} FROM snippets AS s LEFT JOIN snippet_usage AS u ON u.key = s.key
    WHERE s.deleted = 0 {{filters}}
    ORDER BY {_ORDER_BY_USE}, s.title COLLATE NOCASE LIMIT ?
"""


@dataclass(frozen=True)
class StoredPhrase:
    """A phrase as listed: its text, where it comes from and how the agent uses it."""

    phrase_id: int
    key: str
    source: str
    pack: str
    phrase: Phrase
    favourite: bool = False
    use_count: int = 0
    last_used: str | None = None

    @property
    def is_own(self) -> bool:
        """True for the agent's own phrases (the only ones that can be edited)."""
        return self.source == OWN


def search_phrases(conn: sqlite3.Connection, text: str, *, also: dict[str, list[str]] | None
                    = None, tags: tuple[str, ...] = (), favourites_only: bool = False,
                    limit: int = MAX_RESULTS) -> list[StoredPhrase]:
    """Phrases matching every word of ``text``, best first.

    ``also`` maps a typed word to close words (typo corrections) that count as that word.
    With no words, this lists phrases by use. ``tags`` keeps phrases with any of them.
    """
    words = words_of(text)
    filters, params = _filters(tags, favourites_only)
    if not words:
        rows = conn.execute(BROWSE_SQL.format(filters=filters), (*params, limit))
        return [_stored(row) for row in rows]
    query = " AND ".join(_word_query(word, (also or {}).get(word, [])) for word in words)
    try:
        if _is_broad(conn, query):
            rows = conn.execute(BROAD_SQL.format(filters=filters),
                                (f"{{title tags abbreviation}} : ({query})", query, *params,
                                 limit))
        else:
            rows = conn.execute(SEARCH_SQL.format(filters=filters), (query, *params, limit))
        return [_stored(row) for row in rows]
    except sqlite3.OperationalError:
        return []


def vocabulary(conn: sqlite3.Connection) -> list[str]:
    """Every distinct word in the phrases, for typo correction."""
    return [term for (term,) in conn.execute("SELECT term FROM snippets_vocab")]


def load_phrase(conn: sqlite3.Connection, phrase_id: int) -> StoredPhrase | None:
    """One phrase by id (deleted ones included, for undo)."""
    row = conn.execute(f"SELECT {_COLUMNS} FROM snippets AS s LEFT JOIN snippet_usage AS u"
                       " ON u.key = s.key WHERE s.id = ?", (phrase_id,)).fetchone()
    return None if row is None else _stored(row)


def own_phrases(conn: sqlite3.Connection) -> list[Phrase]:
    """The agent's own phrases, by title (for export)."""
    rows = conn.execute(f"SELECT {_COLUMNS} FROM snippets AS s LEFT JOIN snippet_usage AS u"
                        " ON u.key = s.key WHERE s.source = ? AND s.deleted = 0"
                        " ORDER BY s.title COLLATE NOCASE", (OWN,))
    return [_stored(row).phrase for row in rows]


def create_phrase(conn: sqlite3.Connection, phrase: Phrase, now: dt.datetime) -> int:
    """Save a new own phrase; returns its id."""
    with transaction(conn):
        return _insert_own(conn, phrase, now)


def import_phrases(conn: sqlite3.Connection, phrases: Iterable[Phrase],
                    now: dt.datetime) -> tuple[int, int]:
    """Add ``phrases`` as new own phrases, in one transaction, leaving every stored one as
    it is; one the agent already has (same abbreviation and text, whatever its title) is
    skipped, so snippets that differ only by abbreviation are all kept.

    Returns how many were added and how many skipped.
    """
    have = set(conn.execute("SELECT coalesce(abbreviation, ''), text FROM snippets WHERE"
                            " source = ? AND deleted = 0", (OWN,)).fetchall())
    added = skipped = 0
    with transaction(conn):
        for phrase in phrases:
            if (phrase.abbreviation, phrase.text) in have:
                skipped += 1
                continue
            _insert_own(conn, phrase, now)
            have.add((phrase.abbreviation, phrase.text))
            added += 1
    return added, skipped


def update_phrase(conn: sqlite3.Connection, phrase_id: int, phrase: Phrase,
                   now: dt.datetime) -> None:
    """Save an edited own phrase (content phrases are read-only)."""
    with transaction(conn):
        conn.execute(
            "UPDATE snippets SET title = ?, text = ?, html = ?, tags = ?, abbreviation = ?,"
            " updated_at = ? WHERE id = ? AND source = ?",
            (phrase.title, phrase.text, phrase.html, " ".join(phrase.tags),
             phrase.abbreviation, now.isoformat(), phrase_id, OWN),
        )
        _save_tags(conn, phrase_id, phrase.tags)


def set_deleted(conn: sqlite3.Connection, phrase_id: int, deleted: bool) -> None:
    """Delete an own phrase, or undo that (it stays until ``purge_deleted``)."""
    with transaction(conn):
        conn.execute("UPDATE snippets SET deleted = ? WHERE id = ? AND source = ?",
                     (int(deleted), phrase_id, OWN))


def purge_deleted(conn: sqlite3.Connection) -> int:
    """Remove own phrases deleted in an earlier session; returns how many."""
    if not any_deleted(conn, "snippets"):  # a DELETE would compile the index's triggers
        return 0
    with transaction(conn):
        conn.execute("DELETE FROM snippet_tags WHERE snippet_id IN"
                     " (SELECT id FROM snippets WHERE deleted = 1)")
        return conn.execute("DELETE FROM snippets WHERE deleted = 1").rowcount


def record_use(conn: sqlite3.Connection, key: str, now: dt.datetime) -> None:
    """Count one more copy of the phrase with ``key``."""
    conn.execute("INSERT INTO snippet_usage (key, use_count, last_used) VALUES (?, 1, ?)"
                 " ON CONFLICT(key) DO UPDATE SET use_count = use_count + 1,"
                 " last_used = excluded.last_used", (key, now.isoformat()))


def record_use_of(conn: sqlite3.Connection, phrase_id: int, now: dt.datetime) -> None:
    """Count one more copy of the phrase stored as ``phrase_id`` (as the checklist shows
    phrases: by their row, not their key)."""
    row = conn.execute("SELECT key FROM snippets WHERE id = ?", (phrase_id,)).fetchone()
    if row is not None and row[0]:
        record_use(conn, row[0], now)


def set_favourite(conn: sqlite3.Connection, key: str, favourite: bool) -> None:
    """Mark or unmark the phrase with ``key`` as a favourite."""
    conn.execute("INSERT INTO snippet_usage (key, favourite) VALUES (?, ?)"
                 " ON CONFLICT(key) DO UPDATE SET favourite = excluded.favourite",
                 (key, int(favourite)))


def _is_broad(conn: sqlite3.Connection, query: str) -> bool:
    count = conn.execute(_COUNT_SQL, (query, BROAD_MATCHES + 1)).fetchone()[0]
    return bool(count > BROAD_MATCHES)


def _word_query(word: str, close: list[str]) -> str:
    terms = [f'"{word}"*', *(f'"{other}"' for other in close)]
    return terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")"


def _filters(tags: tuple[str, ...], favourites_only: bool) -> tuple[str, list[str]]:
    clauses: list[str] = []
    params: list[str] = []
    if tags:
        marks = ", ".join("?" for _ in tags)
        clauses.append(f"AND s.id IN (SELECT snippet_id FROM snippet_tags WHERE tag IN ({marks}))")
        params += list(tags)
    if favourites_only:
        clauses.append("AND coalesce(u.favourite, 0) = 1")
    return " ".join(clauses), params


def _insert_own(conn: sqlite3.Connection, phrase: Phrase, now: dt.datetime) -> int:
    cursor = conn.execute(
        "INSERT INTO snippets (path, pack, position, title, text, html, tags, abbreviation,"
        " source, key, updated_at) VALUES (NULL, '', 0, ?, ?, ?, ?, ?, ?, '', ?)",
        (phrase.title, phrase.text, phrase.html, " ".join(phrase.tags),
         phrase.abbreviation, OWN, now.isoformat()),
    )
    phrase_id = int(cursor.lastrowid or 0)
    conn.execute("UPDATE snippets SET key = ? WHERE id = ?", (f"own:{phrase_id}", phrase_id))
    _save_tags(conn, phrase_id, phrase.tags)
    return phrase_id


def _save_tags(conn: sqlite3.Connection, phrase_id: int, tags: tuple[str, ...]) -> None:
    conn.execute("DELETE FROM snippet_tags WHERE snippet_id = ?", (phrase_id,))
    conn.executemany("INSERT INTO snippet_tags (snippet_id, tag) VALUES (?, ?)",
                     [(phrase_id, tag) for tag in normalised_tags(tags)])


def _stored(row: tuple[object, ...]) -> StoredPhrase:
    (sid, key, source, pack, title, text, html, tags, abbreviation, favourite, uses,
     last_used) = row
    phrase = Phrase(str(title), str(text), tuple(str(tags or "").split()), str(html or ""),
                      str(abbreviation or ""))
    return StoredPhrase(int(str(sid)), str(key), str(source), str(pack or ""), phrase,
                         bool(favourite), int(str(uses)), None if last_used is None
                         else str(last_used))
