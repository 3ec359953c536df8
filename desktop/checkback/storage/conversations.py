"""Conversations in progress and the resolutions that end them, saved as they change.

Every function commits before it returns: the agent's work survives a crash or a kill at
any moment. The connection is the UI thread's writer (``database.open_writer``).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from checkback.core.conversation import Conversation, Customer, Round, StepState
from checkback.core.follow_ups import Plan
from checkback.core.resolutions import IncompleteResolutionError, ResolutionForm
from checkback.storage.database import from_iso, iso, transaction
from checkback.storage.follow_up_store import schedule


@dataclass(frozen=True)
class StoredResolution:
    """A resolution as saved, with what the conversation behind it looked like."""

    resolution_id: int
    conversation_id: int | None
    customer: Customer
    problem: str
    resolution: str
    kind: str
    outcome: str
    playbook: str
    rounds: int
    steps_done: int
    steps_total: int
    notes: str
    started_at: dt.datetime | None
    resolved_at: dt.datetime


def start_conversation(conn: sqlite3.Connection, conversation: Conversation) -> int:
    """Save a new conversation with its first round; sets and returns its id."""
    customer = conversation.customer
    now = iso(conversation.started_at)
    with transaction(conn):
        cursor = conn.execute(
            "INSERT INTO conversations (ticket, ticket_url, customer_name, channel, contact,"
            " category, subject, playbook, playbook_name, status, current_step, started_at,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)",
            (customer.ticket, customer.ticket_url, customer.name, customer.channel,
             customer.contact, customer.category, customer.subject, conversation.playbook,
             conversation.playbook_name, conversation.current_step, now, now),
        )
        conversation.conversation_id = int(cursor.lastrowid or 0)
        for round_ in conversation.rounds:
            _insert_round(conn, conversation.conversation_id, round_)
    return conversation.conversation_id


def save_step(conn: sqlite3.Connection, conversation: Conversation, index: int,
              round_number: int | None = None) -> None:
    """Save one step (checked time and note) of round ``round_number`` (the current round
    when None), and the current step."""
    number = conversation.current_round.number if round_number is None else round_number
    step = next(r for r in conversation.rounds if r.number == number).steps[index]
    with transaction(conn):
        conn.execute(
            "UPDATE conversation_steps SET checked_at = ?, note = ?"
            " WHERE conversation_id = ? AND round = ? AND position = ?",
            (iso(step.checked_at), step.note, _id(conversation), number, index),
        )
        _touch(conn, conversation)


def save_current_step(conn: sqlite3.Connection, conversation: Conversation) -> None:
    """Remember which step the agent is on."""
    with transaction(conn):
        _touch(conn, conversation)


def save_new_round(conn: sqlite3.Connection, conversation: Conversation) -> None:
    """Save the round just started."""
    with transaction(conn):
        _insert_round(conn, _id(conversation), conversation.current_round)
        _touch(conn, conversation)


def save_customer(conn: sqlite3.Connection, conversation: Conversation) -> None:
    """Save edited customer details."""
    customer = conversation.customer
    with transaction(conn):
        conn.execute(
            "UPDATE conversations SET ticket = ?, ticket_url = ?, customer_name = ?,"
            " channel = ?, contact = ?, category = ?, subject = ? WHERE id = ?",
            (customer.ticket, customer.ticket_url, customer.name, customer.channel,
             customer.contact, customer.category, customer.subject, _id(conversation)),
        )
        _touch(conn, conversation)


def close_conversation(conn: sqlite3.Connection, conversation: Conversation,
                       now: dt.datetime) -> None:
    """Close a conversation without a resolution (its steps and notes are kept)."""
    with transaction(conn):
        conn.execute("UPDATE conversations SET status = 'closed', closed_at = ?, updated_at = ?"
                     " WHERE id = ?", (iso(now), iso(now), _id(conversation)))


def resolve_conversation(conn: sqlite3.Connection, conversation: Conversation,
                         form: ResolutionForm, now: dt.datetime,
                         plan: Plan | None = None) -> int:
    """Save the resolution (with its follow-up, if planned) and close the conversation,
    together; returns the resolution id.

    Raises:
        IncompleteResolutionError: the form has no outcome; nothing is saved.
    """
    form = form.checked()
    with transaction(conn):
        resolution_id = insert_resolution(
            conn, conversation.customer, form, now, plan,
            conversation_id=_id(conversation), playbook=conversation.playbook,
            rounds=len(conversation.rounds), steps=(conversation.steps_done(),
                                                    conversation.steps_total()),
            notes=conversation.notes_text(), started_at=conversation.started_at)
        conn.execute("UPDATE conversations SET status = 'resolved', closed_at = ?,"
                     " updated_at = ? WHERE id = ?", (iso(now), iso(now), _id(conversation)))
    return resolution_id


def insert_resolution(conn: sqlite3.Connection, customer: Customer, form: ResolutionForm,
                      now: dt.datetime, plan: Plan | None, *, conversation_id: int | None = None,
                      playbook: str = "", rounds: int = 0, steps: tuple[int, int] = (0, 0),
                      notes: str = "", started_at: dt.datetime | None = None) -> int:
    """Insert one resolution and its planned follow-up (inside the caller's transaction).

    Raises:
        IncompleteResolutionError: the form has no outcome.
    """
    if form.outcome is None:
        raise IncompleteResolutionError("The outcome is required.")
    cursor = conn.execute(
        "INSERT INTO resolutions (conversation_id, ticket, ticket_url, customer_name,"
        " channel, contact, category, problem, customer_words, resolution, kind, outcome,"
        " playbook, rounds, steps_done, steps_total, notes, started_at, resolved_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (conversation_id, customer.ticket, customer.ticket_url, customer.name,
         customer.channel, customer.contact, customer.category, form.problem,
         form.customer_words, form.resolution, form.kind.value, form.outcome.value,
         playbook, rounds, *steps, notes, iso(started_at), iso(now)),
    )
    resolution_id = int(cursor.lastrowid or 0)
    if plan is not None:
        schedule(conn, resolution_id, plan, now, form.arrives_on)
    return resolution_id


def open_conversations(conn: sqlite3.Connection) -> list[Conversation]:
    """Every conversation still open, oldest first, exactly as it was last saved."""
    rows = conn.execute(
        "SELECT id, ticket, ticket_url, customer_name, channel, contact, category, subject,"
        " playbook, playbook_name, current_step, started_at FROM conversations"
        " WHERE status = 'open' ORDER BY started_at, id"
    ).fetchall()
    return [_conversation(conn, row) for row in rows]


def load_resolution(conn: sqlite3.Connection, resolution_id: int) -> StoredResolution | None:
    """One saved resolution, or None."""
    row = conn.execute(
        "SELECT id, conversation_id, ticket, ticket_url, customer_name, channel, contact,"
        " category, problem, resolution, kind, outcome, playbook, rounds, steps_done,"
        " steps_total, notes, started_at, resolved_at FROM resolutions WHERE id = ?",
        (resolution_id,),
    ).fetchone()
    if row is None:
        return None
    (rid, cid, ticket, url, name, channel, contact, category, problem, resolution, kind,
     outcome, playbook, rounds, done, total, notes, started, resolved) = row
    customer = Customer(ticket or "", url or "", name or "", channel or "", contact or "",
                        category or "")
    return StoredResolution(rid, cid, customer, problem or "", resolution or "", kind, outcome,
                            playbook or "", rounds or 0, done or 0, total or 0, notes or "",
                            from_iso(started), dt.datetime.fromisoformat(resolved))


def _conversation(conn: sqlite3.Connection, row: tuple[object, ...]) -> Conversation:
    (cid, ticket, url, name, channel, contact, category, subject, playbook, playbook_name,
     current, started) = row
    customer = Customer(str(ticket or ""), str(url or ""), str(name or ""),
                        str(channel or "email"), str(contact or ""), str(category or ""),
                        str(subject or ""))
    rounds: dict[int, list[StepState]] = {}
    for number, key, title, checked_at, note in conn.execute(
        "SELECT round, key, title, checked_at, note FROM conversation_steps"
        " WHERE conversation_id = ? ORDER BY round, position", (cid,)
    ):
        rounds.setdefault(number, []).append(StepState(key, title, from_iso(checked_at),
                                                       note or ""))
    conversation = Conversation(
        customer, str(playbook), str(playbook_name or playbook),
        dt.datetime.fromisoformat(str(started)),
        [Round(number, steps) for number, steps in rounds.items()],
        conversation_id=int(str(cid)),
    )
    conversation.current_step = min(int(str(current or 0)),
                                    max(len(conversation.current_round.steps) - 1, 0))
    return conversation


def _insert_round(conn: sqlite3.Connection, conversation_id: int, round_: Round) -> None:
    conn.executemany(
        "INSERT INTO conversation_steps (conversation_id, round, position, key, title,"
        " checked_at, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(conversation_id, round_.number, position, step.key, step.title,
          iso(step.checked_at), step.note) for position, step in enumerate(round_.steps)],
    )


def _touch(conn: sqlite3.Connection, conversation: Conversation) -> None:
    conn.execute("UPDATE conversations SET current_step = ?, updated_at = ? WHERE id = ?",
                 (conversation.current_step, iso(dt.datetime.now(dt.UTC)),
                  _id(conversation)))


def _id(conversation: Conversation) -> int:
    if conversation.conversation_id is None:
        raise ValueError("The conversation has not been saved yet.")
    return conversation.conversation_id
