"""The follow-up queue: what is pending, and every action the agent takes on it.

A follow-up is only ever done, snoozed, rescheduled or cancelled by the agent; each action
commits at once and is kept in the item's history. Times are ISO 8601 in UTC, so they sort
as text.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from checkback.core.follow_ups import FollowUp, Group, Plan, Result, State, end_of_day
from checkback.core.record_export import CalendarEntry
from checkback.storage.database import from_iso, iso, transaction

_ITEM_COLUMNS = (
    "f.id, f.resolution_id, f.due_at, f.channels, f.arrives_on, f.status, r.ticket,"
    " r.ticket_url, r.customer_name, r.channel, r.contact, r.category, r.problem,"
    " r.resolution, r.kind, r.resolved_at, r.customer_words"
)
_PENDING = (f"SELECT {_ITEM_COLUMNS} FROM follow_ups f JOIN resolutions r"
            " ON r.id = f.resolution_id WHERE f.status = 'pending' AND r.deleted = 0")
_QUEUE_ORDER = " ORDER BY f.due_at IS NULL, f.due_at, f.id"
_HAS_DUE = " AND f.due_at IS NOT NULL"


@dataclass(frozen=True)
class Event:
    """One entry in a follow-up's history."""

    at: dt.datetime
    action: str
    detail: str
    due: dt.datetime | None


def schedule(conn: sqlite3.Connection, resolution_id: int, plan: Plan, now: dt.datetime,
             arrives_on: dt.date | None = None) -> int:
    """Add a follow-up for a resolution (inside the caller's transaction); returns its id."""
    cursor = conn.execute(
        "INSERT INTO follow_ups (resolution_id, status, due_at, channels, arrives_on,"
        " created_at) VALUES (?, 'pending', ?, ?, ?, ?)",
        (resolution_id, iso(plan.due), ",".join(plan.channels),
         arrives_on.isoformat() if arrives_on else None, iso(now)),
    )
    follow_up_id = int(cursor.lastrowid or 0)
    _record(conn, follow_up_id, now, "scheduled", "", plan.due)
    _set_state(conn, follow_up_id, State.PENDING if plan.due else State.WAITING)
    return follow_up_id


def pending_page(conn: sqlite3.Connection, offset: int, limit: int) -> list[FollowUp]:
    """Pending follow-ups by due time (those awaiting a delivery last), one page."""
    # Read in two parts, each in the order of the (status, due_at) index: sorting by
    # "due_at IS NULL" first would sort every pending item for each page.
    due = conn.execute(_PENDING + _HAS_DUE + " ORDER BY f.due_at, f.id LIMIT ? OFFSET ?",
                       (limit, offset)).fetchall()
    if len(due) < limit:
        skip = 0 if due else offset - _due_count(conn)
        due += conn.execute(_PENDING + " AND f.due_at IS NULL ORDER BY f.id LIMIT ? OFFSET ?",
                            (limit - len(due), max(skip, 0))).fetchall()
    return [_follow_up(row) for row in due]


# What the counts go through: the pending follow-ups of records not deleted. ``+f.status``:
# going through the follow-ups in rowid order rather than by the status index looks their
# records up in about the order they are stored, three times faster.
_COUNTED_PENDING = ("FROM follow_ups f JOIN resolutions r ON r.id = f.resolution_id"
                    " WHERE +f.status = 'pending' AND r.deleted = 0")


def group_counts(conn: sqlite3.Connection, now: dt.datetime,
                 zone: dt.tzinfo) -> dict[Group, int]:
    """How many pending follow-ups each queue group holds."""
    bounds = (iso(now), iso(end_of_day(now, zone)))
    row = conn.execute(
        "SELECT sum(f.due_at <= ?1), sum(f.due_at > ?1 AND f.due_at < ?2),"
        f" sum(f.due_at >= ?2), sum(f.due_at IS NULL) {_COUNTED_PENDING}", bounds,
    ).fetchone()
    return {group: int(count or 0) for group, count in zip(Group, row, strict=True)}


def overdue_count(conn: sqlite3.Connection, now: dt.datetime) -> int:
    """How many pending follow-ups are overdue at ``now`` (a moment: no time zone needed,
    so the count at start-up loads none)."""
    return int(conn.execute(f"SELECT count(*) {_COUNTED_PENDING} AND f.due_at <= ?",
                            (iso(now),)).fetchone()[0])


def load_follow_up(conn: sqlite3.Connection, follow_up_id: int) -> FollowUp | None:
    """One follow-up, whatever its status, or None."""
    row = conn.execute(
        f"SELECT {_ITEM_COLUMNS} FROM follow_ups f JOIN resolutions r"
        " ON r.id = f.resolution_id WHERE f.id = ?", (follow_up_id,),
    ).fetchone()
    return None if row is None else _follow_up(row)


def follow_up_of(conn: sqlite3.Connection, resolution_id: int) -> FollowUp | None:
    """The latest follow-up of a resolution, or None."""
    row = conn.execute("SELECT max(id) FROM follow_ups WHERE resolution_id = ?",
                       (resolution_id,)).fetchone()
    return None if row[0] is None else load_follow_up(conn, int(row[0]))


def history(conn: sqlite3.Connection, follow_up_id: int) -> list[Event]:
    """Everything that happened to a follow-up, oldest first."""
    rows = conn.execute("SELECT at, action, detail, due_at FROM follow_up_events"
                        " WHERE follow_up_id = ? ORDER BY at, id", (follow_up_id,))
    return [Event(dt.datetime.fromisoformat(at), action, detail or "", from_iso(due))
            for at, action, detail, due in rows]


def mark_done(conn: sqlite3.Connection, follow_up_id: int, result: Result,
              now: dt.datetime) -> None:
    """The agent followed up: close the item with how it went."""
    with transaction(conn):
        _require_pending(conn, follow_up_id)
        conn.execute("UPDATE follow_ups SET status = 'done', result = ?, closed_at = ?"
                     " WHERE id = ?", (result.value, iso(now), follow_up_id))
        _record(conn, follow_up_id, now, "done", result.label, None)
        _set_state(conn, follow_up_id, State(result.value))


def move(conn: sqlite3.Connection, follow_up_id: int, due: dt.datetime, now: dt.datetime,
         action: str) -> None:
    """Give a pending follow-up a new due time (``action`` says why: snoozed, rescheduled,
    received); its reminder will be shown again then."""
    with transaction(conn):
        _require_pending(conn, follow_up_id)
        conn.execute("UPDATE follow_ups SET due_at = ?, notified_at = NULL WHERE id = ?",
                     (iso(due), follow_up_id))
        _record(conn, follow_up_id, now, action, "", due)
        _set_state(conn, follow_up_id, State.PENDING)


def cancel(conn: sqlite3.Connection, follow_up_id: int, reason: str,
           now: dt.datetime) -> None:
    """Skip a follow-up, saying why."""
    with transaction(conn):
        _require_pending(conn, follow_up_id)
        conn.execute("UPDATE follow_ups SET status = 'cancelled', reason = ?, closed_at = ?"
                     " WHERE id = ?", (reason, iso(now), follow_up_id))
        _record(conn, follow_up_id, now, "cancelled", reason, None)
        _set_state(conn, follow_up_id, State.CANCELLED)


def newly_due(conn: sqlite3.Connection, now: dt.datetime) -> list[FollowUp]:
    """Pending follow-ups that have fallen due and whose reminder has not been shown."""
    rows = conn.execute(_PENDING + " AND f.due_at <= ? AND f.notified_at IS NULL"
                        + _QUEUE_ORDER, (iso(now),))
    return [_follow_up(row) for row in rows]


def mark_notified(conn: sqlite3.Connection, follow_up_ids: list[int], now: dt.datetime) -> None:
    """Remember that these reminders were shown, so they are not shown again."""
    with transaction(conn):
        conn.executemany("UPDATE follow_ups SET notified_at = ? WHERE id = ?",
                         [(iso(now), follow_up_id) for follow_up_id in follow_up_ids])


def next_due(conn: sqlite3.Connection, now: dt.datetime) -> dt.datetime | None:
    """When the next pending follow-up falls due after ``now``, if any."""
    row = conn.execute("SELECT min(due_at) FROM follow_ups WHERE status = 'pending'"
                       " AND due_at > ?", (iso(now),)).fetchone()
    return from_iso(row[0])


def calendar_entries(conn: sqlite3.Connection, closed_since: dt.datetime) -> list[CalendarEntry]:
    """Every follow-up a calendar should know of, by due time: those pending with a due
    time, and those with one closed (or whose record was deleted) since ``closed_since``,
    for a calendar that imported them to drop. Each comes with how often it changed after
    it was scheduled and when it last did, from its history."""
    rows = conn.execute(
        f"SELECT {_ITEM_COLUMNS}, r.deleted, (SELECT count(*) - 1 FROM follow_up_events e"
        " WHERE e.follow_up_id = f.id), (SELECT max(at) FROM follow_up_events e"
        " WHERE e.follow_up_id = f.id) FROM follow_ups f JOIN resolutions r"
        " ON r.id = f.resolution_id WHERE f.due_at IS NOT NULL"
        " AND (f.status = 'pending' OR f.closed_at >= ?)" + _QUEUE_ORDER,
        (iso(closed_since),))
    return [_calendar_entry(row) for row in rows]


def _due_count(conn: sqlite3.Connection) -> int:
    """How many pending follow-ups have a due time (read only past the last of them)."""
    return int(conn.execute("SELECT count(*) FROM follow_ups f JOIN resolutions r"
                            " ON r.id = f.resolution_id WHERE +f.status = 'pending'"
                            f" AND r.deleted = 0{_HAS_DUE}").fetchone()[0])


class NotPendingError(ValueError):
    """The follow-up is already done or cancelled (or gone): it cannot be changed."""


def _require_pending(conn: sqlite3.Connection, follow_up_id: int) -> None:
    row = conn.execute("SELECT status FROM follow_ups WHERE id = ?", (follow_up_id,)).fetchone()
    if row is None or row[0] != "pending":
        raise NotPendingError("This follow-up is no longer pending.")


def _record(conn: sqlite3.Connection, follow_up_id: int, now: dt.datetime, action: str,
            detail: str, due: dt.datetime | None) -> None:
    conn.execute("INSERT INTO follow_up_events (follow_up_id, at, action, detail, due_at)"
                 " VALUES (?, ?, ?, ?, ?)", (follow_up_id, iso(now), action, detail, iso(due)))


def _set_state(conn: sqlite3.Connection, follow_up_id: int, state: State) -> None:
    conn.execute("UPDATE resolutions SET follow_up = ? WHERE id ="
                 " (SELECT resolution_id FROM follow_ups WHERE id = ?)",
                 (state.value, follow_up_id))


def _calendar_entry(row: tuple[object, ...]) -> CalendarEntry:
    follow_up = _follow_up(row[:-3])
    deleted, changes, last = row[-3:]
    assert isinstance(changes, int) and isinstance(deleted, int)
    # Deleting the record is one more change, kept in no history.
    return CalendarEntry(follow_up, max(changes, 0) + deleted,
                         from_iso(last if isinstance(last, str) else None)
                         or follow_up.resolved_at,
                         follow_up.status != "pending" or bool(deleted))


def _follow_up(row: tuple[object, ...]) -> FollowUp:
    (fid, rid, due, channels, arrives, status, ticket, url, name, channel, contact, category,
     problem, resolution, kind, resolved, words) = (str(v) if v is not None else ""
                                                     for v in row)
    return FollowUp(int(fid), int(rid), from_iso(due), tuple(channels.split(",")),
                    dt.date.fromisoformat(arrives) if arrives else None, status, ticket, url,
                    name, channel, contact, category, problem, resolution, kind,
                    dt.datetime.fromisoformat(resolved), words)
