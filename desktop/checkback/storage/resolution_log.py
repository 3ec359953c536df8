"""The resolution log: finding, reading, editing, deleting and exporting records.

Pages come sorted and filtered by SQL with LIMIT, so the log stays quick with 100,000
records. Search uses the same quoted prefix terms as the policy search.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, fields

from checkback.core.conversation import Customer
from checkback.core.follow_ups import Plan
from checkback.core.resolutions import ResolutionForm
from checkback.storage.conversations import insert_resolution
from checkback.storage.database import any_deleted, iso, transaction
from checkback.storage.follow_up_store import history
from checkback.storage.policy_search import fts_query

SORT_COLUMNS = ("resolved_at", "ticket", "customer_name", "category", "kind", "outcome",
                "follow_up")
EXPORT_COLUMNS = ("id", "resolved_at", "ticket", "ticket_url", "customer_name", "channel",
                  "contact", "category", "problem", "resolution", "kind", "outcome",
                  "follow_up", "playbook", "rounds", "steps_done", "steps_total", "notes",
                  "started_at")


@dataclass(frozen=True)
class LogFilter:
    """Which records the log shows, and in what order. Empty values match everything."""

    text: str = ""
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    category: str | None = None
    kind: str = ""
    outcome: str = ""
    sort: str = "resolved_at"
    descending: bool = True


@dataclass(frozen=True)
class LogRow:
    """One line of the log."""

    resolution_id: int
    resolved_at: dt.datetime
    ticket: str
    customer_name: str
    category: str
    kind: str
    outcome: str
    follow_up: str


@dataclass(frozen=True)
class EditableText:
    """The text fields of a record the agent may correct."""

    ticket: str
    customer_name: str
    contact: str
    category: str
    problem: str
    resolution: str
    notes: str


@dataclass(frozen=True)
class TimelineEntry:
    """One moment in a record's story; ``due`` is a follow-up's new due time, if any."""

    at: dt.datetime
    what: str
    detail: str = ""
    due: dt.datetime | None = None


def log_page(conn: sqlite3.Connection, log_filter: LogFilter, offset: int,
             limit: int) -> list[LogRow]:
    """One page of the records ``log_filter`` selects, in its order."""
    where, params = _filters(log_filter)
    order = "DESC" if log_filter.descending else "ASC"
    keys = dict.fromkeys((_sort_column(log_filter), "resolved_at", "id"))
    query = fts_query(log_filter.text)
    try:
        if query is not None:
            search, search_params = _search(conn, log_filter, query, offset + limit)
            where, params = f"{where} AND {search}", [*params, *search_params]
        rows = conn.execute(
            "SELECT id, resolved_at, ticket, customer_name, category, kind, outcome,"
            f" follow_up FROM resolutions r WHERE {where}"
            f" ORDER BY {', '.join(f'r.{key} {order}' for key in keys)} LIMIT ? OFFSET ?",
            [*params, limit, offset]).fetchall()
    except sqlite3.OperationalError:  # a query of separators only: FTS5 finds nothing
        return []
    return [LogRow(rid, dt.datetime.fromisoformat(at), *(value or "" for value in rest))
            for rid, at, *rest in rows]


def log_count(conn: sqlite3.Connection, log_filter: LogFilter) -> int:
    """How many records ``log_filter`` selects.

    With no record deleted (the usual case: deleted ones are purged at the next start),
    the count need not read the records to see whether they are deleted: indexes answer
    it alone (the search's own index, when the search is the only filter).
    """
    nothing_deleted = conn.execute("SELECT NOT EXISTS (SELECT 1 FROM resolutions"
                                   " WHERE deleted = 1)").fetchone()[0]
    where, params = _where(log_filter, deleted=None if nothing_deleted else False)
    query = fts_query(log_filter.text)
    if nothing_deleted and query is not None and params == [query]:
        counting = f"SELECT count(*) FROM ({_MATCHES})"
    else:
        counting = f"SELECT count(*) FROM resolutions r WHERE {where}"
    try:
        return int(conn.execute(counting, params).fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def log_categories(conn: sqlite3.Connection) -> list[str]:
    """Every category the log holds, for its filter."""
    return [row[0] for row in conn.execute(
        "SELECT DISTINCT category FROM resolutions WHERE category != '' ORDER BY category")]


def log_records(conn: sqlite3.Connection, log_filter: LogFilter) -> Iterator[dict[str, object]]:
    """Every field of the records ``log_filter`` selects, in its order, for export."""
    offset = 0
    while page := log_page(conn, log_filter, offset, 500):
        ids = [row.resolution_id for row in page]
        marks = ",".join("?" * len(ids))
        found = {row[0]: row for row in conn.execute(
            f"SELECT {', '.join(EXPORT_COLUMNS)} FROM resolutions WHERE id IN ({marks})", ids)}
        for resolution_id in ids:
            yield dict(zip(EXPORT_COLUMNS, found[resolution_id], strict=True))
        offset += len(page)


def quick_log(conn: sqlite3.Connection, customer: Customer, form: ResolutionForm,
              now: dt.datetime, plan: Plan | None) -> int:
    """Record a resolution reached without a checklist conversation; returns its id.

    Raises:
        IncompleteResolutionError: the form has no outcome; nothing is saved.
    """
    form = form.checked()
    with transaction(conn):
        return insert_resolution(conn, customer, form, now, plan)


def editable_text(conn: sqlite3.Connection, resolution_id: int) -> EditableText | None:
    """The text fields of a record, as stored, or None."""
    names = [field.name for field in fields(EditableText)]
    row = conn.execute(f"SELECT {', '.join(names)} FROM resolutions WHERE id = ?",
                       (resolution_id,)).fetchone()
    return None if row is None else EditableText(*(value or "" for value in row))


def edit_resolution(conn: sqlite3.Connection, resolution_id: int, text: EditableText) -> None:
    """Save corrected text fields of a record."""
    names = [field.name for field in fields(EditableText)]
    with transaction(conn):
        conn.execute(f"UPDATE resolutions SET {', '.join(f'{n} = ?' for n in names)}"
                     " WHERE id = ?", [getattr(text, n) for n in names] + [resolution_id])


def set_deleted(conn: sqlite3.Connection, resolution_id: int, deleted: bool) -> None:
    """Delete a record (hidden from the log and the queue) or bring it back."""
    with transaction(conn):
        conn.execute("UPDATE resolutions SET deleted = ? WHERE id = ?",
                     (int(deleted), resolution_id))


def purge_deleted(conn: sqlite3.Connection) -> int:
    """Remove for good the records deleted in an earlier session; returns how many."""
    gone = "SELECT id FROM resolutions WHERE deleted = 1"
    if not any_deleted(conn, "resolutions"):  # a DELETE would compile the index's triggers
        return 0
    with transaction(conn):
        conn.execute("DELETE FROM follow_up_events WHERE follow_up_id IN"
                     f" (SELECT id FROM follow_ups WHERE resolution_id IN ({gone}))")
        conn.execute(f"DELETE FROM follow_ups WHERE resolution_id IN ({gone})")
        return conn.execute("DELETE FROM resolutions WHERE deleted = 1").rowcount


def timeline(conn: sqlite3.Connection, resolution_id: int) -> list[TimelineEntry]:
    """What happened, in order: the conversation's steps and notes, the resolution, and its
    follow-ups."""
    row = conn.execute("SELECT conversation_id, started_at, resolved_at, kind, outcome"
                       " FROM resolutions WHERE id = ?", (resolution_id,)).fetchone()
    if row is None:
        return []
    conversation_id, started, resolved, kind, outcome = row
    entries = [TimelineEntry(dt.datetime.fromisoformat(started), "Conversation started")
               ] if started else []
    entries += _step_entries(conn, conversation_id)
    entries.append(TimelineEntry(dt.datetime.fromisoformat(resolved), "Resolved",
                                 f"{kind}|{outcome}"))
    for (follow_up_id,) in conn.execute("SELECT id FROM follow_ups WHERE resolution_id = ?"
                                        " ORDER BY id", (resolution_id,)):
        entries += [TimelineEntry(event.at, f"Follow-up {event.action}", event.detail,
                                  event.due) for event in history(conn, follow_up_id)]
    return sorted(entries, key=lambda entry: entry.at)


def _step_entries(conn: sqlite3.Connection, conversation_id: int | None) -> list[TimelineEntry]:
    if conversation_id is None:
        return []
    rows = conn.execute("SELECT round, title, checked_at, note FROM conversation_steps"
                        " WHERE conversation_id = ? AND checked_at IS NOT NULL"
                        " ORDER BY checked_at", (conversation_id,))
    return [TimelineEntry(dt.datetime.fromisoformat(at), f"Round {number}: {title}", note or "")
            for number, title, at, note in rows]


def _where(log_filter: LogFilter, deleted: bool | None = False) -> tuple[str, list[object]]:
    where, params = _filters(log_filter, deleted)
    query = fts_query(log_filter.text)
    if query is None:
        return where, params
    return f"{where} AND r.id IN ({_MATCHES})", [*params, query]


def _filters(log_filter: LogFilter, deleted: bool | None = False
             ) -> tuple[str, list[object]]:
    """The conditions of ``log_filter`` but its search text, for records deleted or not
    (``deleted`` None: either)."""
    clauses = ["1" if deleted is None else f"r.deleted = {int(deleted)}"]
    params = list[object]()
    for clause, value in (("r.resolved_at >= ?", iso(log_filter.since)),
                          ("r.resolved_at < ?", iso(log_filter.until)),
                          ("r.category = ?", log_filter.category),
                          ("r.kind = ?", log_filter.kind or None),
                          ("r.outcome = ?", log_filter.outcome or None)):
        if value is not None:
            clauses.append(clause)
            params.append(value)
    return " AND ".join(clauses), params


# Fewer matches than this are read and sorted; more are found by walking the sorted index.
_BROAD = 1000
_MATCHES = "SELECT rowid FROM resolutions_fts WHERE resolutions_fts MATCH ?"


def _search(conn: sqlite3.Connection, log_filter: LogFilter, query: str,
            needed: int) -> tuple[str, list[object]]:
    """The condition keeping the records that match ``query``, shaped for a quick plan.

    A few matches are looked up and sorted. Many (a letter or two typed) would take a
    tenth of a second to read and sort, so the records are walked in the order shown
    instead, each tested against the matches (the ``+`` keeps SQLite from driving the
    query by the match list). In date order even that is cut short: see ``_date_bound``.
    """
    if _matches_fewer_than(conn, query, _BROAD):
        return f"r.id IN ({_MATCHES})", [query]
    bound = (_date_bound(conn, log_filter, query, needed)
             if _sort_column(log_filter) == "resolved_at" else None)
    return bound or (f"+r.id IN ({_MATCHES})", [query])


def _date_bound(conn: sqlite3.Connection, log_filter: LogFilter, query: str,
                needed: int) -> tuple[str, list[object]] | None:
    """A condition for date order that leaves only the records near the top of the log.

    Among the latest matches by rowid, the ``needed``-th newest record (oldest, in
    ascending order) sets a date every record shown is at least as new as: only records
    from that date on can be shown. Rowids usually follow the date, so there are few,
    and they are walked from the newest, each tested against the matches from the oldest
    rowid of that stretch on. When the matches are old (an old ticket number), the stretch
    is long and the matches fewer: they are read instead. Either way the result is exact,
    whatever the order of the rowids; only the speed relies on it.
    """
    newest = log_filter.descending
    order, beyond, edge = ("DESC", ">=", "min") if newest else ("ASC", "<=", "max")
    where, params = _filters(log_filter)
    row = conn.execute(
        f"SELECT r.resolved_at, r.id FROM resolutions r WHERE {where} AND r.id IN"
        f" ({_MATCHES} ORDER BY rowid {order} LIMIT ?)"
        f" ORDER BY r.resolved_at {order} LIMIT 1 OFFSET ?",
        [*params, query, _BROAD, needed - 1]).fetchone()
    if row is None:
        return None
    since, rowid = row
    (last,) = conn.execute(f"SELECT {'max' if newest else 'min'}(id) FROM resolutions"
                           ).fetchone()
    # Reading a match costs about two and a half steps of the walk.
    if _matches_fewer_than(conn, query, abs(last - rowid) * 2 // 5):
        return f"+r.resolved_at {beyond} ? AND r.id IN ({_MATCHES})", [since, query]
    # ``+id``: SQLite would otherwise find min(id) by walking the table from its first row.
    return (f"r.resolved_at {beyond} ? AND +r.id IN ({_MATCHES} AND rowid {beyond}"
            f" (SELECT {edge}(+id) FROM resolutions WHERE resolved_at {beyond} ?))",
            [since, query, since])


def _matches_fewer_than(conn: sqlite3.Connection, query: str, count: int) -> bool:
    (found,) = conn.execute(f"SELECT count(*) FROM ({_MATCHES} LIMIT ?)",
                            (query, count)).fetchone()
    return int(found) < count


def _sort_column(log_filter: LogFilter) -> str:
    return log_filter.sort if log_filter.sort in SORT_COLUMNS else "resolved_at"


@dataclass(frozen=True)
class EarlierContact:
    """A record of the same ticket or customer, shown when they get in touch again."""

    resolution_id: int
    resolved_at: dt.datetime
    ticket: str
    customer_name: str
    problem: str
    kind: str
    outcome: str
    follow_up_due: dt.datetime | None  # the open follow-up's due time, if one is open
    follow_up_open: bool


def earlier_contacts(conn: sqlite3.Connection, ticket: str, contact: str,
                     limit: int = 5) -> list[EarlierContact]:
    """The newest records of ``ticket`` or of the customer reached at ``contact`` (either may
    be empty), each with its open follow-up; at most ``limit``, through their indexes."""
    ticket, contact = ticket.strip(), contact.strip()
    if not ticket and not contact:
        return []
    rows = conn.execute(
        "SELECT r.id, r.resolved_at, r.ticket, r.customer_name, r.problem, r.kind, r.outcome,"
        " (SELECT f.due_at FROM follow_ups f WHERE f.resolution_id = r.id"
        "  AND f.status = 'pending' ORDER BY f.id DESC LIMIT 1),"
        " EXISTS (SELECT 1 FROM follow_ups f WHERE f.resolution_id = r.id"
        "  AND f.status = 'pending')"
        " FROM (SELECT id FROM (SELECT id, resolved_at FROM resolutions"
        "        WHERE ticket = ?1 AND ?1 != '' ORDER BY resolved_at DESC LIMIT ?3)"
        "       UNION SELECT id FROM (SELECT id, resolved_at FROM resolutions"
        "        WHERE contact = ?2 COLLATE NOCASE AND ?2 != ''"
        "        ORDER BY contact COLLATE NOCASE, resolved_at DESC LIMIT ?3)) AS found"
        " JOIN resolutions r ON r.id = found.id WHERE r.deleted = 0"
        " ORDER BY r.resolved_at DESC LIMIT ?3", (ticket, contact, limit)).fetchall()
    return [EarlierContact(row[0], dt.datetime.fromisoformat(row[1]), row[2] or "",
                           row[3] or "", row[4] or "", row[5], row[6],
                           dt.datetime.fromisoformat(row[7]) if row[7] else None,
                           bool(row[8])) for row in rows]
