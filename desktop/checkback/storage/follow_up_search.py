"""Finding pending follow-ups by what their records say, as the log's search finds records.

This runs on the UI thread at every keystroke, so it is bounded: the matches are read from
the log's full-text index newest first and at most ``MATCHES_READ`` of them (a follow-up
still pending belongs to a recent record; an older one is found by a narrower search, such
as the customer's name or the ticket).
"""

from __future__ import annotations

import sqlite3

from checkback.storage.policy_search import fts_query

MATCHES_READ = 1000  # 100,000 records and 35,000 pending follow-ups: under 2 ms
_PENDING_MATCHING = """
    SELECT f.id FROM (SELECT rowid AS id FROM resolutions_fts WHERE resolutions_fts MATCH ?
                      ORDER BY rowid DESC LIMIT ?) AS matched
    JOIN follow_ups f ON f.resolution_id = matched.id
    JOIN resolutions r ON r.id = f.resolution_id
    WHERE f.status = 'pending' AND r.deleted = 0
    ORDER BY f.due_at IS NULL, f.due_at, f.id LIMIT ?
"""


def pending_follow_ups_matching(conn: sqlite3.Connection, text: str, limit: int) -> list[int]:
    """The ids of pending follow-ups whose records match every word of ``text``, the
    soonest due first (those awaiting a delivery last); at most ``limit``."""
    query = fts_query(text)
    if query is None:
        return []
    try:
        found = conn.execute(_PENDING_MATCHING, (query, MATCHES_READ, limit)).fetchall()
    except sqlite3.OperationalError:  # a query of separators only: FTS5 finds nothing
        return []
    return [follow_up_id for (follow_up_id,) in found]
