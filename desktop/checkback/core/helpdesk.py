"""The helpdesk as Checkback knows it: accounts, a ticket's details, and the internal note.

Plain data and text, no network: the adapters in ``checkback.integrations`` fill and send
these.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

from checkback.core.follow_ups import Plan
from checkback.core.resolutions import ResolutionForm

MAX_NOTE_CHARS = 10_000
CHANNEL_LABELS = {"email": "e-mail", "phone": "phone", "chat": "chat"}


class HelpdeskKind(StrEnum):
    """The helpdesks Checkback talks to (one adapter module each)."""

    REQUEST_TRACKER = "rt"
    ZENDESK = "zendesk"
    FRESHDESK = "freshdesk"

    @property
    def label(self) -> str:
        """The helpdesk's name as the agent knows it."""
        return _KIND_LABELS[self]

    @property
    def needs_email(self) -> bool:
        """True when the API signs in with the agent's e-mail beside the token."""
        return self is HelpdeskKind.ZENDESK


_KIND_LABELS = {HelpdeskKind.REQUEST_TRACKER: "Request Tracker 5",
                HelpdeskKind.ZENDESK: "Zendesk", HelpdeskKind.FRESHDESK: "Freshdesk"}


@dataclass(frozen=True)
class Account:
    """One helpdesk account: which helpdesk, where, and as whom (the token is in the
    keychain, never here)."""

    kind: HelpdeskKind
    base_url: str
    email: str = ""

    @property
    def host(self) -> str:
        """The host of the base URL, lower-case: a pasted link's host picks the account."""
        return url_host(self.base_url)

    @property
    def key(self) -> str:
        """What names the account's token in the keychain."""
        return f"{self.kind.value} {self.base_url} {self.email}".strip()

    @property
    def label(self) -> str:
        """The account as a list shows it: "Zendesk · acme.zendesk.com"."""
        return f"{self.kind.label} · {self.host or self.base_url}"


def url_host(url: str) -> str:
    """The host of ``url`` (a scheme is optional), lower-case; "" when there is none."""
    url = url.strip()
    if not url:
        return ""
    parts = urlsplit(url if "://" in url else f"https://{url}")
    return (parts.hostname or "").lower()


def normal_base_url(text: str) -> str:
    """The base URL as typed, with a scheme (https unless given) and no trailing slash."""
    text = text.strip().rstrip("/")
    if text and "://" not in text:
        text = f"https://{text}"
    return text


def url_site(url: str) -> str:
    """The host of ``url`` with its port when one is written ("rt.example.com:8443")."""
    url = url.strip()
    parts = urlsplit(url if "://" in url else f"https://{url}")
    try:
        port = parts.port
    except ValueError:
        port = None
    host = (parts.hostname or "").lower()
    return f"{host}:{port}" if port and host else host


def account_for(accounts: list[Account], ticket_url: str) -> Account | None:
    """The account a ticket belongs to: the one whose host (and port, where one is written)
    the link names; for a bare number (no link), the first account; None when none fits."""
    if not ticket_url:
        return accounts[0] if accounts else None
    site = url_site(ticket_url)
    return next((account for account in accounts if url_site(account.base_url) == site),
                None)


@dataclass(frozen=True)
class TicketDetails:
    """What the helpdesk says of a ticket: enough to fill a new conversation."""

    number: str
    subject: str = ""
    name: str = ""
    email: str = ""
    phone: str = ""
    channel: str = ""  # one of the app's channels (email, phone, chat), "" when unknown
    tags: tuple[str, ...] = ()
    status: str = ""

    @property
    def contact(self) -> str:
        """The best way to reach the customer: their phone on a phone ticket, else their
        e-mail, else their phone (the contact field holds one, as forgetting relies on)."""
        if self.channel == "phone" and self.phone:
            return self.phone
        return self.email or self.phone

    @property
    def other_contact(self) -> str:
        """The way to reach them that ``contact`` leaves out, "" when none."""
        return next((way for way in (self.email, self.phone)
                     if way and way != self.contact), "")


def note_marker(database_id: str, note_id: int) -> str:
    """A mark unique to one note of one Checkback, looked for on the ticket before a retry,
    so that a note whose reply was lost is not posted twice."""
    return f"[checkback-note {database_id[:12]}-{note_id}]"


def with_marker(text: str, marker: str) -> str:
    """The note's text as posted: what the agent approved, then its marker on a last line."""
    return f"{text.rstrip()}\n\n{marker}"


def resolution_note(form: ResolutionForm, plan: Plan | None, zone: dt.tzinfo) -> str:
    """The internal note that tells colleagues how the conversation ended.

    What was wrong, what we did, the kind and the outcome, and when and how the customer
    will be followed up (in the agent's working-hours ``zone``).
    """
    lines = [f"What was wrong: {_one_line(form.problem) or '(not given)'}"]
    if form.customer_words.strip():
        lines.append(f"The customer asked about: {_one_line(form.customer_words)}")
    lines += [
              f"What we did: {form.resolution.strip() or '(not given)'}",
              f"Kind: {form.kind.label}"]
    if form.outcome is not None:
        lines.append(f"Outcome: {form.outcome.label}")
    lines.append(f"Follow-up: {follow_up_line(plan, zone)}")
    return "\n".join(lines)[:MAX_NOTE_CHARS]


def follow_up_line(plan: Plan | None, zone: dt.tzinfo) -> str:
    """When and how the follow-up will happen, in words."""
    if plan is None:
        return "none planned"
    how = " or ".join(CHANNEL_LABELS.get(channel, channel) for channel in plan.channels)
    if plan.due is None:
        return f"by {how}, once the delivery has arrived"
    return f"by {how} on {plan.due.astimezone(zone):%a %d %b %Y, %H:%M}"


def follow_up_done_note(channel: str, result: str, at: dt.datetime, zone: dt.tzinfo) -> str:
    """The short note posted when a follow-up is marked done."""
    how = CHANNEL_LABELS.get(channel, channel)
    said = _one_line(result)
    text = f"Followed up by {how} on {at.astimezone(zone):%a %d %b %Y, %H:%M}"
    return f"{text}: {said}" if said else f"{text}."


def ticket_number(reference: str) -> str:
    """The numeric id the helpdesk APIs take, from a ticket reference ("#48213" → "48213");
    "" when the reference is not a number."""
    reference = reference.strip().lstrip("#")
    return reference if re.fullmatch(r"\d{1,18}", reference) else ""


def _one_line(text: str) -> str:
    return " ".join(text.split())
