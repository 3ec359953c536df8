"""Zendesk Support's API (v2): the ticket with its requester, and internal notes.

Signs in with the agent's e-mail and an API token; a note is a ticket update whose comment
says ``"public": false`` explicitly (a comment without it would be public).
"""

from __future__ import annotations

import httpx

from checkback.core.helpdesk import Account, TicketDetails
from checkback.integrations.answers import field, items, text, texts
from checkback.integrations.errors import HelpdeskError, Problem
from checkback.integrations.http import basic_auth, call, json_of

MAX_COMMENT_PAGES = 20
# Zendesk's ``via.channel`` values, as the app's channels.
_CHANNELS = {"email": "email", "web": "email", "mobile": "email", "api": "email",
             "chat": "chat", "native_messaging": "chat", "messaging": "chat",
             "sms": "chat", "voice": "phone", "phone": "phone"}


class Zendesk:
    """The Zendesk adapter."""

    def api_root(self, base_url: str) -> str:
        """Zendesk's API lives under /api/v2."""
        return f"{base_url}/api/v2"

    def sign_in(self, account: Account, token: str) -> dict[str, str]:
        """Basic auth as ``{email}/token`` with the API token."""
        return basic_auth(f"{account.email}/token", token)

    def who_am_i(self, client: httpx.Client) -> str:
        """The signed-in user's name and e-mail."""
        user = field(json_of(call(client, "GET", "/users/me.json")), "user")
        if user.get("id") is None:  # Zendesk answers a wrong sign-in with an anonymous user
            raise HelpdeskError(Problem.UNAUTHORIZED, "Zendesk did not accept the e-mail and "
                                "token: check both in Settings → Helpdesk.")
        return f"{text(user.get('name'))} <{text(user.get('email'))}>"

    def ticket(self, client: httpx.Client, number: str) -> TicketDetails:
        """The ticket, with its requester from the sideloaded users."""
        answer = json_of(call(client, "GET", f"/tickets/{number}.json",
                              params={"include": "users"}))
        ticket = field(answer, "ticket")
        requester = next((user for user in items(answer, "users")
                          if user.get("id") == ticket.get("requester_id")), {})
        return TicketDetails(
            number=number, subject=text(ticket.get("subject")),
            name=text(requester.get("name")), email=text(requester.get("email")),
            phone=text(requester.get("phone")),
            channel=_CHANNELS.get(text(field(ticket, "via").get("channel")), ""),
            tags=texts(ticket.get("tags")), status=text(ticket.get("status")))

    def post_note(self, client: httpx.Client, number: str, note: str) -> None:
        """A ticket update with a private comment."""
        call(client, "PUT", f"/tickets/{number}.json",
             json={"ticket": {"comment": {"body": note, "public": False}}})

    def has_note(self, client: httpx.Client, number: str, marker: str) -> bool:
        """Looks through the ticket's comments (a few pages at most) for ``marker``."""
        path: str | None = f"/tickets/{number}/comments.json"
        for _page in range(MAX_COMMENT_PAGES):
            if path is None:
                break
            answer = json_of(call(client, "GET", path))
            if any(marker in text(comment.get("body")) for comment in items(answer, "comments")):
                return True
            path = _same_site(client, answer.get("next_page") if isinstance(answer, dict)
                              else None)
        return False



def _same_site(client: httpx.Client, next_page: object) -> str | None:
    """The next page's address, when it is on the account's own site (the sign-in header
    goes with the request, so never anywhere else)."""
    if not isinstance(next_page, str):
        return None
    url = httpx.URL(next_page)
    base = client.base_url
    same = (url.scheme, url.host, url.port) == (base.scheme, base.host, base.port)
    return next_page if same else None
