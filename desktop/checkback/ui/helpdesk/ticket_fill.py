"""The ticket coming in: a pasted link (or "Fill from helpdesk") reads the ticket on the
worker and fills the new conversation; the ticket's and the customer's earlier records show
beneath it.

Nothing waits for the helpdesk: the agent goes on typing, a late answer fills only what is
still empty, and an answer for a ticket no longer in the field is dropped.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Slot,
)

from checkback.core.helpdesk import Account, TicketDetails, account_for, ticket_number
from checkback.core.resolutions import Outcome, ResolutionKind
from checkback.core.tickets import parse_ticket_reference
from checkback.integrations.errors import HelpdeskError
from checkback.integrations.tokens import TokenStore
from checkback.settings import follow_up_rules, helpdesk_accounts
from checkback.storage.resolution_log import EarlierContact, earlier_contacts
from checkback.ui.checklist.dialogs import NewConversationDialog
from checkback.ui.session import Session

Index = QModelIndex | QPersistentModelIndex
PASTE_PAUSE_MS = 300
LOOK_UP_PAUSE_MS = 250
GO_ON = "Go on typing: nothing you typed is lost."


class TicketFill(QObject):
    """Reads the ticket named in the dialog's ticket field and fills the dialog with it."""

    def __init__(self, session: Session, dialog: NewConversationDialog) -> None:
        super().__init__(dialog)
        self._session = session
        self._dialog = dialog
        self._asked = ""  # the ticket field's text when the helpdesk was asked
        self._account: Account | None = None  # and the account it was asked of
        self._pause = QTimer(self, singleShot=True, interval=PASTE_PAUSE_MS)
        self._pause.timeout.connect(self._link_pasted)
        self.earlier = EarlierContactsModel(session, self)
        dialog.earlier.setModel(self.earlier)
        self._look_up = QTimer(self, singleShot=True, interval=LOOK_UP_PAUSE_MS)
        self._look_up.timeout.connect(self._show_earlier)
        dialog.fill_button.setVisible(bool(helpdesk_accounts(session.settings)))
        dialog.fill_button.clicked.connect(self.fill)
        dialog.ticket.textChanged.connect(self._ticket_changed)
        dialog.contact.textChanged.connect(self._look_up.start)
        dialog.ticket.editingFinished.connect(self._number_typed)
        session.closing.connect(self._look_up.stop)
        session.closing.connect(self._pause.stop)
        self._show_earlier()
        if dialog.ticket.text() and helpdesk_accounts(session.settings):
            QTimer.singleShot(0, self, self.fill)  # started on a ticket: read it at once

    @Slot()
    def fill(self) -> None:
        """Ask the helpdesk for the ticket in the field (on the worker)."""
        text = self._dialog.ticket.text()
        reference = parse_ticket_reference(text)
        account = account_for(helpdesk_accounts(self._session.settings), reference.url)
        if account is None:
            self._dialog.say(_no_account(reference.host))
            return
        number = ticket_number(reference.ticket)
        if not number:
            self._dialog.say("Type the ticket's number (or paste its link) to fill from "
                             f"{account.kind.label}.")
            return
        self._asked, self._account = text, account
        several = not reference.url and len(helpdesk_accounts(self._session.settings)) > 1
        self._dialog.say(f"Reading ticket {number} from {account.label}…" + (
            " (the first account: paste the ticket's link to read it from another)"
            if several else ""))
        job = self._session.worker.submit(
            partial(_read_ticket, account, number, self._session.tokens))
        job.done.connect(self._ticket_read)
        job.failed.connect(self._not_read)

    @Slot(str)
    def _ticket_changed(self, text: str) -> None:
        self._look_up.start()
        if parse_ticket_reference(text).url:
            self._pause.start()

    @Slot()
    def _link_pasted(self) -> None:
        reference = parse_ticket_reference(self._dialog.ticket.text())
        if account_for(helpdesk_accounts(self._session.settings), reference.url) is not None:
            self.fill()

    @Slot()
    def _number_typed(self) -> None:
        text = self._dialog.ticket.text()
        if (text != self._asked and ticket_number(text)
                and helpdesk_accounts(self._session.settings)):
            self.fill()

    @Slot(object)
    def _ticket_read(self, details: TicketDetails) -> None:
        if self._dialog.ticket.text() != self._asked:
            return  # the agent moved on to another ticket
        self._dialog.fill_from_helpdesk(details)
        where = f"{self._account.label}: " if self._account else ""
        self._dialog.say(where + describe(details))

    @Slot(object)
    def _not_read(self, error: BaseException) -> None:
        if self._dialog.ticket.text() == self._asked:
            words = error.message if isinstance(error, HelpdeskError) else str(error)
            self._dialog.say(f"{words} {GO_ON}")

    @Slot()
    def _show_earlier(self) -> None:
        ticket = parse_ticket_reference(self._dialog.ticket.text()).ticket
        self.earlier.look_up(ticket, self._dialog.contact.text())
        self._dialog.show_earlier(self.earlier.rowCount() > 0)


def describe(details: TicketDetails) -> str:
    """What the helpdesk said of the ticket, in one line under the field."""
    parts = [f"“{details.subject}”" if details.subject else f"Ticket {details.number}"]
    if details.status:
        parts.append(details.status)
    if details.tags:
        parts.append(", ".join(details.tags[:6]))
    if details.other_contact:
        parts.append(f"also {details.other_contact}")
    return " · ".join(parts)


class EarlierContactsModel(QAbstractListModel):
    """The ticket's and the customer's newest records, each with its open follow-up."""

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._rows: list[EarlierContact] = []
        self._key = ("", "")

    def look_up(self, ticket: str, contact: str) -> None:
        """Show the records of ``ticket`` or ``contact`` (read only when they changed)."""
        key = (ticket.strip(), contact.strip())
        if key == self._key:
            return
        self._key = key
        self.beginResetModel()
        self._rows = earlier_contacts(self._session.reader, *key)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        return self._line(self._rows[index.row()])

    def _line(self, row: EarlierContact) -> str:
        zone = follow_up_rules(self._session.settings).hours.zone
        when = f"{row.resolved_at.astimezone(zone):%d %b %Y}"
        who = " ".join(part for part in (f"#{row.ticket}" if row.ticket else "",
                                         row.customer_name) if part)
        what = f"{_label(ResolutionKind, row.kind)}, {_label(Outcome, row.outcome).lower()}"
        line = f"{when} · {who}: {row.problem or 'no summary'} — {what}"
        if row.follow_up_open:
            due = (f"due {row.follow_up_due.astimezone(zone):%a %d %b}" if row.follow_up_due
                   else "waiting for the delivery")
            line += f" · follow-up open, {due}"
        return line


def _label(kind: type[ResolutionKind] | type[Outcome], value: str) -> str:
    try:
        return kind(value).label
    except ValueError:
        return value


def _no_account(host: str) -> str:
    if host:
        return (f"No helpdesk account is set up for {host}. Add it in Settings → Helpdesk "
                "to fill conversations from its tickets.")
    return "No helpdesk is set up: add one in Settings → Helpdesk."


def _read_ticket(account: Account, number: str, tokens: TokenStore) -> TicketDetails:
    """On the worker: the token from the keychain, then the ticket."""
    from checkback.integrations.adapters import read_ticket

    return read_ticket(account, tokens.token(account), number)

