"""Sends the outbox: one due note at a time goes to its ticket on the worker, and how it
went is stored through the Session (kept and retried if the database is busy, so nothing is
lost).

Before every post the ticket is looked at for the note's marker, so a note is posted once
whatever happened to an earlier attempt (its answer lost, the app quit before the result was
stored, the database locked meanwhile). What may pass by itself (the network, a 5xx, a 429,
a locked keychain) is tried again later; a 429 holds back every note of that account; what
needs the agent (a refused token, a missing ticket) waits for them.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from dataclasses import dataclass, replace
from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from checkback.core.helpdesk import Account, url_site, with_marker
from checkback.integrations.errors import HelpdeskError, Problem
from checkback.integrations.tokens import TokenStore
from checkback.settings import helpdesk_accounts
from checkback.storage.outbox import (
    FAILED,
    OutboxNote,
    due_notes,
    hold_account,
    notes_in_state,
    record_attempt,
    record_failed,
    record_posted,
    retry_note,
)
from checkback.ui.session import Change, Session

log = logging.getLogger(__name__)
LOOK_EVERY_MS = 5_000
UNKNOWN_HELPDESK = ("This note is for a helpdesk this version of Checkback does not know; "
                    "copy it into the ticket by hand.")
NOT_SENT = ("Checkback could not send this note ({kind}); it tries again later. If this "
            "stays, copy the note into the ticket by hand.")


@dataclass(frozen=True)
class Attempt:
    """How sending one note went: posted (now, or found posted before), or why not."""

    note_id: int
    posted: bool
    problem: str = ""
    passes: bool = False
    wait_s: float | None = None
    account: Account | None = None  # held back after a 429


def send(note: OutboxNote, tokens: TokenStore) -> Attempt:
    """Send one note (on the worker): look for its marker on the ticket, post it if absent."""
    from checkback.integrations.adapters import post_once

    if note.account is None:
        return Attempt(note.note_id, False, UNKNOWN_HELPDESK)
    try:
        post_once(note.account, tokens.token(note.account), note.ticket,
                  with_marker(note.text, note.marker), note.marker)
    except HelpdeskError as error:
        held = note.account if error.problem is Problem.RATE_LIMITED else None
        return Attempt(note.note_id, False, error.message, error.problem.passes,
                       error.retry_after, held)
    except Exception as error:  # a bug: logged with its traceback, the note kept for later
        log.error("Sending note %d failed", note.note_id, exc_info=error)
        return Attempt(note.note_id, False, NOT_SENT.format(kind=type(error).__name__), True)
    return Attempt(note.note_id, True)


def current_account(note: OutboxNote, accounts: list[Account]) -> OutboxNote:
    """``note`` addressed to the account as it is set up now: the one of the same kind and
    site, after the agent corrected its e-mail or address (its token moved with it)."""
    if note.account is None or note.account in accounts:
        return note
    same = [account for account in accounts if account.kind is note.account.kind
            and url_site(account.base_url) == url_site(note.account.base_url)]
    return replace(note, account=same[0]) if same else note


class OutboxSender(QObject):
    """Looks for due notes every few seconds and whenever one is queued or stored; one note
    at a time, so the worker is never held long. ``attempted`` carries each attempt."""

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
        """Send the next note whose time has come (unless one is on its way)."""
        if self._sending or self._closed:
            return
        session = self._session
        due = [note for note in due_notes(session.reader, session.now())
               if not session.is_kept(("outbox", note.note_id))]
        if not due:
            return
        self._sending = True
        note = current_account(due[0], helpdesk_accounts(session.settings))
        job = session.worker.submit(partial(send, note, session.tokens))
        job.done.connect(self._sent)
        job.failed.connect(self._not_sent)

    @Slot(object)
    def token_stored(self, account: Account) -> None:
        """Try again now the account's notes that failed for want of a working token (also
        those written to it before its e-mail or address was corrected)."""
        session, now = self._session, self._session.now()
        failed = [note.note_id for note in notes_in_state(session.reader, FAILED)
                  if current_account(note, [account]).account == account]
        if failed:
            session.save(("outbox requeue", account.key), Change.NOTES,
                         partial(_queue_again, failed, now))

    @Slot()
    def _close(self) -> None:
        self._closed = True
        self._timer.stop()

    @Slot(object)
    def _sent(self, attempt: Attempt) -> None:
        self._sending = False
        self._session.save(("outbox", attempt.note_id), Change.NOTES,
                           partial(_store_attempt, attempt, self._session.now()))
        self.attempted.emit(attempt)

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
        when = record_attempt(conn, attempt.note_id, attempt.problem, now, attempt.wait_s)
        if attempt.account is not None:
            hold_account(conn, attempt.account, when)
    else:
        record_failed(conn, attempt.note_id, attempt.problem)


def _queue_again(note_ids: list[int], now: dt.datetime, conn: sqlite3.Connection) -> None:
    for note_id in note_ids:
        retry_note(conn, note_id, now)

