"""Sends the outbox: each due note goes to its ticket on the worker, and how it went is
stored through the Session (kept and retried if the database is busy, so nothing is lost).

A note whose earlier attempt may have reached the helpdesk is looked for on the ticket
first (its marker), so a lost reply never makes a second note. What may pass by itself (the
network, a 5xx, a 429) is tried again later; what needs the agent (a refused token, a
missing ticket) waits for them.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from checkback.core.helpdesk import Account, with_marker
from checkback.integrations.errors import HelpdeskError
from checkback.integrations.tokens import TokenStore
from checkback.storage.outbox import (
    OutboxNote,
    due_notes,
    record_attempt,
    record_failed,
    record_posted,
    requeue_failed,
)
from checkback.ui.session import Change, Session

log = logging.getLogger(__name__)
LOOK_EVERY_MS = 5_000
UNKNOWN_HELPDESK = ("This note is for a helpdesk this version of Checkback does not know; "
                    "copy it into the ticket by hand.")


@dataclass(frozen=True)
class Attempt:
    """How sending one note went: posted (now, or found posted before), or why not."""

    note_id: int
    posted: bool
    problem: str = ""
    passes: bool = False
    wait_s: float | None = None


def send(notes: list[OutboxNote], tokens: TokenStore) -> list[Attempt]:
    """Send each note, in order (on the worker); one attempt each."""
    return [_send_one(note, tokens) for note in notes]


def _send_one(note: OutboxNote, tokens: TokenStore) -> Attempt:
    from checkback.integrations.adapters import post_once

    if note.account is None:
        return Attempt(note.note_id, False, UNKNOWN_HELPDESK)
    try:
        post_once(note.account, tokens.token(note.account), note.ticket,
                  with_marker(note.text, note.marker), note.marker,
                  check_first=note.may_be_posted)
    except HelpdeskError as error:
        return Attempt(note.note_id, False, error.message, error.problem.passes,
                       error.retry_after)
    return Attempt(note.note_id, True)


class OutboxSender(QObject):
    """Looks for due notes every few seconds and whenever one is queued; one batch at a
    time. ``attempted`` carries each batch's attempts once stored."""

    attempted = Signal(object)

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self._session = session
        self._sending = False
        self._timer = QTimer(self, interval=LOOK_EVERY_MS)
        self._timer.timeout.connect(self.send_due)
        self._timer.start()
        session.changed.connect(self._data_changed)
        session.closing.connect(self._close)
        self._closed = False
        QTimer.singleShot(0, self, self.send_due)  # what an earlier run left queued

    @Slot()
    def send_due(self) -> None:
        """Send the notes whose time has come (unless a batch is on its way)."""
        if self._sending or self._closed:
            return
        notes = due_notes(self._session.reader, self._session.now())
        if not notes:
            return
        self._sending = True
        job = self._session.worker.submit(partial(send, notes, self._session.tokens))
        job.done.connect(self._sent)
        job.failed.connect(self._not_sent)

    @Slot(object)
    def token_stored(self, account: Account) -> None:
        """Try again now the account's notes that failed for want of a working token."""
        now = self._session.now()
        self._session.save(("outbox requeue", account.key), Change.NOTES,
                           lambda conn: requeue_failed(conn, account, now))

    @Slot()
    def _close(self) -> None:
        self._closed = True
        self._timer.stop()

    @Slot(object)
    def _sent(self, attempts: list[Attempt]) -> None:
        self._sending = False
        now = self._session.now()
        for attempt in attempts:
            self._session.save(("outbox", attempt.note_id), Change.NOTES,
                               partial(_store_attempt, attempt, now))
        self.attempted.emit(attempts)

    @Slot(object)
    def _not_sent(self, error: BaseException) -> None:
        self._sending = False
        log.warning("The outbox could not be sent: %s", type(error).__name__)

    @Slot(object)
    def _data_changed(self, changes: Change) -> None:
        if changes & Change.NOTES and not self._sending:
            QTimer.singleShot(0, self, self.send_due)


def _store_attempt(attempt: Attempt, now: dt.datetime, conn: sqlite3.Connection) -> None:
    if attempt.posted:
        record_posted(conn, attempt.note_id, now)
    elif attempt.passes:
        record_attempt(conn, attempt.note_id, attempt.problem, now, attempt.wait_s)
    else:
        record_failed(conn, attempt.note_id, attempt.problem)

