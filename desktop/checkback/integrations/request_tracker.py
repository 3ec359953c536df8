"""Request Tracker 5's REST2 API: the ticket with its requestor, and comments.

Signs in with an auth token (``Authorization: token …``). A note is a *comment*: RT keeps it
in the ticket's history for staff and never mails it to the requestor, unlike a
*correspondence*, which this adapter never sends.
"""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import quote

import httpx

from checkback.core.helpdesk import Account, TicketDetails
from checkback.integrations.answers import items, text, texts
from checkback.integrations.http import call, json_of

MAX_ATTACHMENT_PAGES = 20
CHANNEL_FIELD, TAGS_FIELD = "channel", "tags"  # custom fields read, when the queue has them
_CHANNELS = {"email": "email", "e-mail": "email", "web": "email", "phone": "phone",
             "call": "phone", "chat": "chat"}


class RequestTracker:
    """The Request Tracker 5 adapter."""

    def api_root(self, base_url: str) -> str:
        """REST2 lives under /REST/2.0."""
        return f"{base_url}/REST/2.0"

    def sign_in(self, account: Account, token: str) -> dict[str, str]:
        """RT's token header."""
        return {"Authorization": f"token {token}"}

    def who_am_i(self, client: httpx.Client) -> str:
        """The RT version answering (REST2 answers it only to a valid token)."""
        answer = json_of(call(client, "GET", "/rt"))
        version = text(answer.get("Version")) if isinstance(answer, dict) else ""
        return f"Request Tracker {version}".strip()

    def ticket(self, client: httpx.Client, number: str) -> TicketDetails:
        """The ticket, and its first requestor's user record."""
        ticket = json_of(call(client, "GET", f"/ticket/{number}"))
        ticket = ticket if isinstance(ticket, dict) else {}
        requestors = items(ticket, "Requestor")
        user = self._user(client, text(requestors[0].get("id"))) if requestors else {}
        fields = _custom_fields(ticket)
        return TicketDetails(
            number=number, subject=text(ticket.get("Subject")),
            name=text(user.get("RealName")),
            email=text(user.get("EmailAddress")) or (
                text(requestors[0].get("id")) if requestors else ""),
            phone=next((text(user.get(key)) for key in ("MobilePhone", "WorkPhone",
                                                         "HomePhone") if user.get(key)), ""),
            channel=_CHANNELS.get(next(iter(fields.get(CHANNEL_FIELD, ())), "").lower(), ""),
            tags=fields.get(TAGS_FIELD, ()), status=text(ticket.get("Status")))

    def post_note(self, client: httpx.Client, number: str, note: str) -> None:
        """A comment, as plain text."""
        call(client, "POST", f"/ticket/{number}/comment",
             json={"Content": note, "ContentType": "text/plain"})

    def has_note(self, client: httpx.Client, number: str, marker: str) -> bool:
        """Looks through the ticket's attachments (where RT keeps comment texts)."""
        for page in range(1, MAX_ATTACHMENT_PAGES + 1):
            answer = json_of(call(client, "GET", f"/ticket/{number}/attachments",
                                  params={"fields": "Content", "page": page,
                                          "per_page": 100}))
            if any(marker in _content(item) for item in items(answer, "items")):
                return True
            pages = text(answer.get("pages")) if isinstance(answer, dict) else ""
            if not pages.isdigit() or page >= int(pages):
                return False
        return False

    def _user(self, client: httpx.Client, user_id: str) -> dict[str, Any]:
        if not user_id:
            return {}
        answer = json_of(call(client, "GET", f"/user/{quote(user_id, safe='@')}"))
        return answer if isinstance(answer, dict) else {}


def _custom_fields(ticket: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    return {text(field.get("name")).lower(): texts(field.get("values"))
            for field in items(ticket, "CustomFields")}


def _content(attachment: dict[str, Any]) -> str:
    """An attachment's text: RT sends it as it is from some endpoints, base64 from others,
    so both readings are kept."""
    content = attachment.get("Content")
    if not isinstance(content, str):
        return ""
    try:
        decoded = base64.b64decode(content, validate=True).decode("utf-8", "replace")
    except ValueError:
        return content
    return f"{content}\n{decoded}"
