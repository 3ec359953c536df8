"""Ticket references: typed by hand, or pasted as a link to the ticket in the helpdesk."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from checkback.core.helpdesk import url_host

MAX_REFERENCE_CHARS = 2_000
MAX_TICKET_CHARS = 100
# Path shapes of common helpdesks: …/tickets/123, …/ticket/123, …/conversation/123,
# …/browse/SUP-12, …/issues/123, …/cases/500…
_PATH_PATTERNS = (
    re.compile(r"/(?:tickets?|conversations?|cases?|requests?|issues?|incidents?)/"
               r"(?P<ticket>[A-Za-z]*-?\d[\w-]*)", re.IGNORECASE),
    re.compile(r"/browse/(?P<ticket>[A-Z][A-Z0-9]+-\d+)"),
)
_QUERY_KEYS = ("ticket", "ticket_id", "ticketid", "id", "case", "number")
_KEY_LIKE = re.compile(r"^[A-Z][A-Z0-9]+-\d+$")
_LAST_NUMBER = re.compile(r"(\d+)(?!.*\d)")


@dataclass(frozen=True)
class TicketReference:
    """The ticket as the agent knows it: its number (or key) and, if pasted, its link and
    the link's host (which picks the helpdesk account)."""

    ticket: str
    url: str = ""
    host: str = ""


def parse_ticket_reference(text: str) -> TicketReference:
    """Read what the agent typed or pasted into the ticket field.

    A link gives its ticket number and is kept as the link; anything else is the ticket
    reference itself, without a leading '#' and surrounding space.
    """
    text = " ".join(text.split())[:MAX_REFERENCE_CHARS]
    if not _looks_like_url(text):
        return TicketReference(text.lstrip("#").strip()[:MAX_TICKET_CHARS])
    return TicketReference(_ticket_in_url(text)[:MAX_TICKET_CHARS], text, url_host(text))


def _looks_like_url(text: str) -> bool:
    return bool(re.match(r"^(?:https?://|www\.)\S+$", text, re.IGNORECASE))


def _ticket_in_url(url: str) -> str:
    parts = urlsplit(url if "://" in url else f"https://{url}")
    path = unquote(parts.path)
    for pattern in _PATH_PATTERNS:
        if match := pattern.search(path):
            return match.group("ticket")
    for source in (parts.query, parts.fragment.partition("?")[2]):
        # OTOBO and Znuny links part their query with ";" (Action=AgentTicketZoom;TicketID=7).
        query = {key.lower(): values
                 for key, values in parse_qs(source.replace(";", "&")).items()}
        for key in _QUERY_KEYS:
            if values := query.get(key):
                return values[0].strip()
    for segment in reversed([s for s in (path + "/" + parts.fragment).split("/") if s]):
        if _KEY_LIKE.match(segment):
            return segment
    if match := _LAST_NUMBER.search(path + " " + parts.fragment):
        return match.group(1)
    return url
