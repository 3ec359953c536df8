"""The outbox: internal notes for the helpdesk, stored first and sent later, once each.

A note is queued in the same transaction as what it reports (a resolution, a follow-up
done), so it survives a crash, a restart and a helpdesk that is down. The sender takes the
notes that are due, and records each attempt here: posted, tried again later (with the
wait it was given), or failed until the agent fixes what the helpdesk refused.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from typing import Any

from checkback.core.helpdesk import Account, HelpdeskKind, note_marker
from checkback.storage.database import database_id, from_iso, iso

QUEUED, POSTED, FAILED = "queued", "posted", "failed"
FIRST_WAIT_S = 15.0
LONGEST_WAIT_S = 3600.0
_COLUMNS = ("id, resolution_id, follow_up_id, kind, base_url, email, ticket, text, marker,"
            " state, attempts, next_try_at, problem, created_at, posted_at")


@dataclass(frozen=True)
class OutboxNote:
    """One note as the outbox holds it."""

    note_id: int
    resolution_id: int | None
    follow_up_id: int | None
    account: Account | None  # None when its kind is one this Checkback does not know
    ticket: str
    text: str
    marker: str
    state: str
    attempts: int
    next_try_at: dt.datetime | None
    problem: str
    created_at: dt.datetime
    posted_at: dt.datetime | None


def queue_note(conn: sqlite3.Connection, account: Account, ticket: str, text: str,
               now: dt.datetime, *, resolution_id: int | None = None,
               follow_up_id: int | None = None) -> int:
    """Store a note to post to ``ticket`` (inside the caller's transaction); its id."""
    cursor = conn.execute(
        "INSERT INTO outbox (resolution_id, follow_up_id, kind, base_url, email, ticket, text,"
        " marker, state, next_try_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?)",
        (resolution_id, follow_up_id, account.kind.value, account.base_url, account.email,
         ticket, text, QUEUED, iso(now), iso(now)))
    note_id = int(cursor.lastrowid or 0)
    conn.execute("UPDATE outbox SET marker = ? WHERE id = ?",
                 (note_marker(database_id(conn), note_id), note_id))
    return note_id


def due_notes(conn: sqlite3.Connection, now: dt.datetime, limit: int = 20) -> list[OutboxNote]:
    """The queued notes whose time to try has come, oldest first."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM outbox WHERE state = ? AND next_try_at <= ?"
        " ORDER BY next_try_at, id LIMIT ?", (QUEUED, iso(now), limit)).fetchall()
    return [_note(row) for row in rows]


def next_try(conn: sqlite3.Connection) -> dt.datetime | None:
    """When the next queued note is to be tried; None when none is queued."""
    row = conn.execute("SELECT min(next_try_at) FROM outbox WHERE state = ?",
                       (QUEUED,)).fetchone()
    return from_iso(row[0])


def notes_of_resolution(conn: sqlite3.Connection, resolution_id: int) -> list[OutboxNote]:
    """Every note about one resolution and its follow-ups, oldest first."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM outbox WHERE resolution_id = ? ORDER BY id",
        (resolution_id,)).fetchall()
    return [_note(row) for row in rows]


def note(conn: sqlite3.Connection, note_id: int) -> OutboxNote | None:
    """One note, or None."""
    row = conn.execute(f"SELECT {_COLUMNS} FROM outbox WHERE id = ?", (note_id,)).fetchone()
    return _note(row) if row else None


def record_posted(conn: sqlite3.Connection, note_id: int, now: dt.datetime) -> None:
    """The note is on the ticket."""
    conn.execute("UPDATE outbox SET state = ?, posted_at = ?, problem = '',"
                 " attempts = attempts + 1 WHERE id = ?", (POSTED, iso(now), note_id))


def record_attempt(conn: sqlite3.Connection, note_id: int, problem: str, now: dt.datetime,
                   wait_s: float | None = None) -> dt.datetime:
    """An attempt failed in a way that may pass: try again after ``wait_s`` (the wait the
    helpdesk asked for) or a backoff that doubles with each attempt; when it is tried."""
    attempts = _attempts(conn, note_id) + 1
    wait = wait_s if wait_s is not None else backoff_s(attempts)
    when = now + dt.timedelta(seconds=wait)
    conn.execute("UPDATE outbox SET attempts = ?, next_try_at = ?, problem = ? WHERE id = ?",
                 (attempts, iso(when), problem, note_id))
    return when


def record_failed(conn: sqlite3.Connection, note_id: int, problem: str) -> None:
    """The helpdesk refused the note for a reason only the agent can fix: it waits for them
    (``retry_note``) instead of being tried again."""
    conn.execute("UPDATE outbox SET state = ?, problem = ?, attempts = attempts + 1"
                 " WHERE id = ?", (FAILED, problem, note_id))


def retry_note(conn: sqlite3.Connection, note_id: int, now: dt.datetime) -> None:
    """Queue a failed (or waiting) note again, to be tried now."""
    conn.execute("UPDATE outbox SET state = ?, next_try_at = ?, problem = ''"
                 " WHERE id = ? AND state != ?", (QUEUED, iso(now), note_id, POSTED))


def backoff_s(attempts: int) -> float:
    """The wait after ``attempts`` failed attempts: 15 s, 30 s, 1 min, … up to an hour."""
    return float(min(FIRST_WAIT_S * 2 ** max(attempts - 1, 0), LONGEST_WAIT_S))


def _attempts(conn: sqlite3.Connection, note_id: int) -> int:
    row = conn.execute("SELECT attempts FROM outbox WHERE id = ?", (note_id,)).fetchone()
    return int(row[0]) if row else 0


def _note(row: Any) -> OutboxNote:
    (note_id, resolution_id, follow_up_id, kind, base_url, email, ticket, text, marker,
     state, attempts, next_try_at, problem, created_at, posted_at) = row
    try:
        account: Account | None = Account(HelpdeskKind(kind), base_url, email or "")
    except ValueError:
        account = None
    return OutboxNote(
        note_id=note_id, resolution_id=resolution_id, follow_up_id=follow_up_id,
        account=account, ticket=ticket, text=text, marker=marker, state=state,
        attempts=attempts, next_try_at=from_iso(next_try_at), problem=problem or "",
        created_at=from_iso(created_at) or dt.datetime.now(dt.UTC),
        posted_at=from_iso(posted_at))


def notes_in_state(conn: sqlite3.Connection, state: str, limit: int = 200) -> list[OutboxNote]:
    """The notes in ``state`` (the newest ``limit``), oldest first."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM outbox WHERE state = ? ORDER BY id DESC LIMIT ?",
        (state, limit)).fetchall()
    return [_note(row) for row in reversed(rows)]


def hold_account(conn: sqlite3.Connection, account: Account, until: dt.datetime) -> None:
    """Hold back every queued note of ``account`` until ``until`` (it asked to slow down)."""
    conn.execute("UPDATE outbox SET next_try_at = max(next_try_at, ?) WHERE state = ?"
                 " AND kind = ? AND base_url = ? AND email = ?",
                 (iso(until), QUEUED, account.kind.value, account.base_url, account.email))
