"""The counts behind the insights view, as a few aggregate queries.

Each query is bounded by an index range on a time column and returns grouped counts, never
records, so a period opens quickly with 100,000 resolutions. Deleted records are left out.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from checkback.core.follow_ups import Group
from checkback.core.insights import (
    FollowUpTimeliness,
    Insights,
    Period,
    PolicyLink,
    Recurring,
    Tally,
    Window,
    category_counts,
    outcome_counts,
    top_recurring,
)
from checkback.storage.database import iso
from checkback.storage.follow_up_store import group_counts

MAX_POLICY_LINKS = 10
_TALLIES_SQL = """
    SELECT category, outcome, resolved_at >= :start, count(*) FROM resolutions
    WHERE resolved_at >= :previous_start AND resolved_at < :end AND deleted = 0
    GROUP BY 1, 2, 3
"""
# Done "on time" means by the end of the due day, taken as within a day of the due time.
# Ranging over due_at (not closed_at) keeps to the (status, due_at) index.
_TIMELINESS_SQL = """
    SELECT count(*),
           sum(f.status = 'done' AND julianday(f.closed_at) < julianday(f.due_at) + 1)
    FROM follow_ups f JOIN resolutions r ON r.id = f.resolution_id
    WHERE f.status IN ('done', 'pending') AND f.due_at >= :start AND f.due_at < :end
      AND r.deleted = 0
"""
_POLICIES_SQL = """
    SELECT id, title FROM policies WHERE category = ? COLLATE NOCASE
    ORDER BY title COLLATE NOCASE, id LIMIT ?
"""


def load_insights(conn: sqlite3.Connection, period: Period, now: dt.datetime) -> Insights:
    """What the insights view shows for ``period``, ending at ``now``."""
    window = Window.ending(period, now)
    tallies = period_tallies(conn, window)
    counts = category_counts(tallies)
    recurring = tuple(Recurring(count, policies_in_category(conn, count.category))
                      for count in top_recurring(counts))
    return Insights(period, tuple(counts), tuple(outcome_counts(tallies)),
                    follow_up_timeliness(conn, window), recurring)


def period_tallies(conn: sqlite3.Connection, window: Window) -> list[Tally]:
    """Resolutions counted by category, outcome and period (this one or the one before)."""
    rows = conn.execute(_TALLIES_SQL, _bounds(window))
    return [Tally(category or "", outcome, bool(current), count)
            for category, outcome, current, count in rows]


def follow_up_timeliness(conn: sqlite3.Connection, window: Window) -> FollowUpTimeliness:
    """Follow-ups due in the window's period, those done on time, and those overdue now."""
    due, on_time = conn.execute(_TIMELINESS_SQL, _bounds(window)).fetchone()
    overdue = group_counts(conn, window.end, dt.UTC)[Group.OVERDUE]
    return FollowUpTimeliness(int(due), int(on_time or 0), overdue)


def policies_in_category(conn: sqlite3.Connection, category: str,
                         limit: int = MAX_POLICY_LINKS) -> tuple[PolicyLink, ...]:
    """The policies filed under ``category`` (ignoring case), by title."""
    rows = conn.execute(_POLICIES_SQL, (category, limit))
    return tuple(PolicyLink(policy_id, title) for policy_id, title in rows)


def _bounds(window: Window) -> dict[str, str | None]:
    return {"previous_start": iso(window.previous_start), "start": iso(window.start),
            "end": iso(window.end)}
