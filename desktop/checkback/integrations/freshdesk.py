"""Freshdesk's API (v2): the ticket with its requester, and private notes.

Signs in with the API key as the user name and "X" as the password; a note is posted to the
ticket's notes with ``"private": true``. Its body is HTML, so the text is escaped and its
lines kept.
"""

from __future__ import annotations

import httpx

from checkback.core.helpdesk import Account, TicketDetails
from checkback.core.html_text import escape_html
from checkback.integrations.answers import field, items, text, texts
from checkback.integrations.http import basic_auth, call, json_of

MAX_PAGES, PER_PAGE = 20, 100  # Freshdesk's largest page
# Freshdesk's numbered sources and statuses, as the app's channels and as words.
_SOURCES = {1: "email", 2: "email", 3: "phone", 7: "chat", 9: "email", 10: "email"}
_STATUSES = {2: "open", 3: "pending", 4: "resolved", 5: "closed"}


class Freshdesk:
    """The Freshdesk adapter."""

    def api_root(self, base_url: str) -> str:
        """Freshdesk's API lives under /api/v2."""
        return f"{base_url}/api/v2"

    def sign_in(self, account: Account, token: str) -> dict[str, str]:
        """Basic auth with the API key and "X"."""
        return basic_auth(token, "X")

    def who_am_i(self, client: httpx.Client) -> str:
        """The signed-in agent's name and e-mail."""
        contact = field(json_of(call(client, "GET", "/agents/me")), "contact")
        return f"{text(contact.get('name'))} <{text(contact.get('email'))}>"

    def ticket(self, client: httpx.Client, number: str) -> TicketDetails:
        """The ticket, with its requester included."""
        ticket = json_of(call(client, "GET", f"/tickets/{number}",
                              params={"include": "requester"}))
        ticket = ticket if isinstance(ticket, dict) else {}
        requester = field(ticket, "requester")
        return TicketDetails(
            number=number, subject=text(ticket.get("subject")),
            name=text(requester.get("name")), email=text(requester.get("email")),
            phone=text(requester.get("phone") or requester.get("mobile")),
            channel=_SOURCES.get(_number(ticket.get("source")), ""),
            tags=texts(ticket.get("tags")),
            status=_STATUSES.get(_number(ticket.get("status")), ""))

    def post_note(self, client: httpx.Client, number: str, note: str) -> None:
        """A private note, its lines kept as HTML line breaks."""
        body = "<br>".join(escape_html(line) for line in note.splitlines())
        call(client, "POST", f"/tickets/{number}/notes",
             json={"body": body, "private": True})

    def has_note(self, client: httpx.Client, number: str, marker: str) -> bool:
        """Looks through the ticket's conversations, page by page, for ``marker``."""
        escaped = escape_html(marker)
        for page in range(1, MAX_PAGES + 1):
            answer = items(json_of(call(client, "GET", f"/tickets/{number}/conversations",
                                        params={"page": page, "per_page": PER_PAGE})))
            if any(marker in text(item.get("body_text")) or escaped in text(item.get("body"))
                   for item in answer):
                return True
            if len(answer) < PER_PAGE:
                return False
        return False


def _number(value: object) -> int:
    return value if isinstance(value, int) else 0

