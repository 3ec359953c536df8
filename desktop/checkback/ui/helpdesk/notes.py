"""Where a conversation's internal note goes: the ticket's helpdesk account and number."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from checkback.core.helpdesk import Account, account_for, ticket_number
from checkback.settings import Settings, helpdesk_accounts
from checkback.storage.outbox import queue_note


@dataclass(frozen=True)
class NoteTarget:
    """The ticket a note is posted to."""

    account: Account
    number: str

    @property
    def label(self) -> str:
        """The ticket as a checkbox names it: "ticket #48213 in Zendesk"."""
        return f"ticket #{self.number} in {self.account.kind.label}"

    def queue(self, conn: sqlite3.Connection, text: str, now: dt.datetime, *,
              resolution_id: int | None = None, follow_up_id: int | None = None) -> int:
        """Store the note in the outbox (inside the caller's transaction)."""
        return queue_note(conn, self.account, self.number, text, now,
                          resolution_id=resolution_id, follow_up_id=follow_up_id)


def note_target(settings: Settings, ticket: str, ticket_url: str) -> NoteTarget | None:
    """Where a note on ``ticket`` goes; None without a number or an account for it."""
    number = ticket_number(ticket)
    account = account_for(helpdesk_accounts(settings), ticket_url)
    return NoteTarget(account, number) if number and account else None
