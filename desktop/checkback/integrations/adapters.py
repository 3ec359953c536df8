"""The shape every helpdesk adapter has, and the adapters by kind.

An adapter knows one helpdesk's API: where it lives under the base URL, how to sign in,
and four calls. Adding a helpdesk (Zammad, Help Scout, Freshservice) is one small module
with one such class, listed in ``ADAPTERS``.
"""

from __future__ import annotations

from typing import Protocol

import httpx

from checkback.core.helpdesk import Account, HelpdeskKind, TicketDetails, ticket_number
from checkback.integrations.errors import HelpdeskError, Problem
from checkback.integrations.freshdesk import Freshdesk
from checkback.integrations.http import open_client
from checkback.integrations.request_tracker import RequestTracker
from checkback.integrations.zendesk import Zendesk


class Adapter(Protocol):
    """One helpdesk's API."""

    def api_root(self, base_url: str) -> str:
        """The API's address under the helpdesk's ``base_url``."""

    def sign_in(self, account: Account, token: str) -> dict[str, str]:
        """The headers that sign every request in."""

    def who_am_i(self, client: httpx.Client) -> str:
        """The name the token signs in as (tests the connection)."""

    def ticket(self, client: httpx.Client, number: str) -> TicketDetails:
        """The ticket's subject, requester, channel, tags and status."""

    def post_note(self, client: httpx.Client, number: str, text: str) -> None:
        """Add ``text`` to the ticket as an internal note (never seen by the requester)."""

    def has_note(self, client: httpx.Client, number: str, marker: str) -> bool:
        """True when a note holding ``marker`` is already on the ticket."""


ADAPTERS: dict[HelpdeskKind, Adapter] = {
    HelpdeskKind.REQUEST_TRACKER: RequestTracker(),
    HelpdeskKind.ZENDESK: Zendesk(),
    HelpdeskKind.FRESHDESK: Freshdesk(),
}


def connect(account: Account, token: str) -> tuple[Adapter, httpx.Client]:
    """The adapter for ``account`` and a client signed in with ``token``."""
    adapter = ADAPTERS[account.kind]
    return adapter, open_client(adapter.api_root(account.base_url),
                                adapter.sign_in(account, token))



def who_am_i(account: Account, token: str) -> str:
    """Whom ``token`` signs in as at ``account`` (the "Test connection" call).

    Raises:
        HelpdeskError: what stops the connection, in words.
    """
    adapter, client = connect(account, _required(account, token))
    with client:
        return adapter.who_am_i(client)


def read_ticket(account: Account, token: str, reference: str) -> TicketDetails:
    """What the helpdesk says of the ticket ``reference`` ("48213" or "#48213").

    Raises:
        HelpdeskError: the ticket could not be read, in words.
    """
    number = _number(reference)
    adapter, client = connect(account, _required(account, token))
    with client:
        return adapter.ticket(client, number)


def post_once(account: Account, token: str, reference: str, note: str, marker: str) -> bool:
    """Post ``note`` (which holds ``marker``) to the ticket as an internal note, unless the
    ticket holds it already; False then (an earlier attempt reached it, its answer lost).

    Raises:
        HelpdeskError: it was not posted, in words.
    """
    number = _number(reference)
    adapter, client = connect(account, _required(account, token))
    with client:
        if adapter.has_note(client, number, marker):
            return False
        adapter.post_note(client, number, note)
        return True


def _required(account: Account, token: str) -> str:
    if not token:
        raise HelpdeskError(Problem.NO_TOKEN, f"No token is stored for {account.label}. Type "
                            "it in Settings → Helpdesk.")
    return token


def _number(reference: str) -> str:
    number = ticket_number(reference)
    if not number:
        raise HelpdeskError(Problem.NOT_FOUND, f"“{reference}” is not a ticket number the "
                            "helpdesk knows: check the ticket field.")
    return number
