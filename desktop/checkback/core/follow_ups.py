"""When and how to follow up on a resolution (seed 003's rules), and the queue's groups.

Every function takes the time it works from, so tests (and the queue) control the clock.
Times are aware datetimes; working hours are read in the agent's time zone.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum

from checkback.core.resolutions import ResolutionKind

_EMAIL = re.compile(r"[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[^@\s<>(),;:\"]+")
_PHONE = re.compile(r"\+?[\d\s().-]{6,}")
_MAX_DAYS_AHEAD = 366
_NEAR_DAYS = {-1: "yesterday", 0: "today", 1: "tomorrow"}
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class Group(StrEnum):
    """Where a pending follow-up shows in the queue."""

    OVERDUE = "Overdue"
    TODAY = "Today"
    UPCOMING = "Upcoming"
    WAITING = "Waiting for delivery"


class Result(StrEnum):
    """How a follow-up went, as the agent reports it when marking it done."""

    SATISFIED = "satisfied"
    NOT_SATISFIED = "not_satisfied"
    NO_ANSWER = "no_answer"

    @property
    def label(self) -> str:
        """The result as the agent reads it."""
        return {"satisfied": "Satisfied", "not_satisfied": "Not satisfied",
                "no_answer": "No answer"}[self.value]


class State(StrEnum):
    """Where a resolution's follow-up stands, as the log shows it."""

    NONE = "none"
    WAITING = "waiting"
    PENDING = "pending"
    SATISFIED = "satisfied"
    NOT_SATISFIED = "not_satisfied"
    NO_ANSWER = "no_answer"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        """The state as the agent reads it."""
        return _STATE_LABELS[self]


_STATE_LABELS = {
    State.NONE: "None", State.WAITING: "Waiting for delivery", State.PENDING: "Scheduled",
    State.SATISFIED: "Done: satisfied", State.NOT_SATISFIED: "Done: not satisfied",
    State.NO_ANSWER: "Done: no answer", State.CANCELLED: "Cancelled",
}
CHANNEL_LABELS = {"email": "e-mail", "phone": "phone call"}


@dataclass(frozen=True)
class FollowUp:
    """A follow-up with what the queue shows of its resolution."""

    follow_up_id: int
    resolution_id: int
    due: dt.datetime | None
    channels: tuple[str, ...]
    arrives_on: dt.date | None
    status: str
    ticket: str
    ticket_url: str
    customer_name: str
    channel: str
    contact: str
    category: str
    problem: str
    resolution: str
    kind: str
    resolved_at: dt.datetime
    customer_words: str = ""

    @property
    def who(self) -> str:
        """The customer and ticket, as a reminder names them: "Dana Reyes (#4411)"."""
        ticket = f"#{self.ticket}" if self.ticket else ""
        if self.customer_name and ticket:
            return f"{self.customer_name} ({ticket})"
        return self.customer_name or ticket or "A customer"


@dataclass(frozen=True)
class WorkingHours:
    """When the agent works: the days (0 is Monday) and the hours, in ``zone``."""

    days: frozenset[int] = frozenset(range(5))
    start: dt.time = dt.time(9)
    end: dt.time = dt.time(17)
    zone: dt.tzinfo = field(default_factory=lambda: dt.datetime.now().astimezone().tzinfo
                            or dt.UTC)

    def next_open(self, moment: dt.datetime) -> dt.datetime:
        """``moment`` if it falls in working hours, else when they next begin."""
        local = moment.astimezone(self.zone)
        for offset in range(_MAX_DAYS_AHEAD):
            day = local.date() + dt.timedelta(days=offset)
            if day.weekday() not in self.days:
                continue
            opens = dt.datetime.combine(day, self.start, self.zone)
            closes = dt.datetime.combine(day, self.end, self.zone)
            if local < closes:
                return max(local, opens)
        return local  # no working day at all: any time will do

    def start_of_next_day(self, moment: dt.datetime) -> dt.datetime:
        """When work begins on the first working day after ``moment``'s day."""
        local = moment.astimezone(self.zone)
        tomorrow = dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(0),
                                       self.zone)
        return self.next_open(tomorrow)


DELIVERY_KINDS = frozenset({ResolutionKind.EXCHANGE, ResolutionKind.REPLACEMENT,
                            ResolutionKind.REFUND})
WAITED_KINDS = tuple(kind for kind in ResolutionKind if kind not in DELIVERY_KINDS)


@dataclass(frozen=True)
class FollowUpRules:
    """How long to wait before following up, by the kind of resolution.

    Every resolution is followed up (the method's last step: the customer hears that what
    was promised happened): a delivery once it has arrived, anything else, an escalation or
    a conversation left unresolved included, after ``after_hours``.
    """

    after_hours: dict[ResolutionKind, int] = field(default_factory=lambda: dict.fromkeys(
        WAITED_KINDS, 24))
    after_delivery: frozenset[ResolutionKind] = DELIVERY_KINDS
    hours: WorkingHours = field(default_factory=WorkingHours)
    days_after_arrival: int = 1


@dataclass(frozen=True)
class Plan:
    """A follow-up as scheduled: when (None while waiting for a delivery) and how."""

    due: dt.datetime | None
    channels: tuple[str, ...]


def follow_up_channels(channel: str, contact: str) -> tuple[str, ...]:
    """How to follow up, given how the customer got in touch and what we know of them.

    Phone → e-mail (when an address is known, else phone); e-mail → e-mail and a call (when
    a number is known); chat → e-mail.
    """
    has_email, has_phone = bool(contact_email(contact)), bool(contact_phone(contact))
    if channel == "phone":
        return ("email",) if has_email else ("phone",)
    if channel == "email":
        return ("email", "phone") if has_phone else ("email",)
    return ("email",)


def contact_email(contact: str) -> str:
    """The e-mail address in a contact field, or ""."""
    found = _EMAIL.search(contact)
    return found.group(0) if found else ""


def contact_phone(contact: str) -> str:
    """The phone number a contact field holds, or ""."""
    text = contact.strip()
    return text if _PHONE.fullmatch(text) else ""


def when_text(due: dt.datetime, now: dt.datetime, zone: dt.tzinfo) -> str:
    """A due time as the queue says it: "today 14:00", "tomorrow 09:00", "Tue 24 Nov 09:00"
    (with the year when it is not this year's)."""
    local, today = due.astimezone(zone), now.astimezone(zone).date()
    clock = local.strftime("%H:%M")
    days = (local.date() - today).days
    if days in _NEAR_DAYS:
        return f"{_NEAR_DAYS[days]} {clock}"
    year = "" if local.year == today.year else f" {local.year}"
    return f"{_WEEKDAYS[local.weekday()]} {local.day} {_MONTHS[local.month - 1]}{year} {clock}"


def missing_contact(plan: Plan | None, contact: str) -> str:
    """What the follow-up lacks to reach the customer, in words; "" when nothing."""
    if plan is None:
        return ""
    if "email" in plan.channels and not contact_email(contact):
        return ("No e-mail address is known for this customer: add it (Ctrl+E, the "
                "conversation's details) so the follow-up can reach them.")
    if plan.channels == ("phone",) and not contact_phone(contact):
        return ("No phone number is known for this customer: add it (Ctrl+E) so the "
                "follow-up call can reach them.")
    return ""


def plan_follow_up(kind: ResolutionKind, channel: str, contact: str,
                   resolved_at: dt.datetime, rules: FollowUpRules,
                   arrives_on: dt.date | None = None) -> Plan | None:
    """The follow-up a resolution calls for, or None when its kind has none.

    A delivery (exchange, replacement, refund) is followed up a day after it arrives, at the
    start of that working day; with no arrival date, it waits until marked received.
    """
    channels = follow_up_channels(channel, contact)
    if kind in rules.after_hours:
        earliest = _minute_up(resolved_at + dt.timedelta(hours=rules.after_hours[kind]))
        return Plan(rules.hours.next_open(earliest), channels)
    if kind in rules.after_delivery:
        if arrives_on is None:
            return Plan(None, channels)
        return Plan(due_after_arrival(arrives_on, resolved_at, rules), channels)
    return None


def _minute_up(moment: dt.datetime) -> dt.datetime:
    """The first whole minute at or after ``moment`` (so a wait is never cut short)."""
    whole = moment.replace(second=0, microsecond=0)
    return whole if whole == moment else whole + dt.timedelta(minutes=1)


def due_after_arrival(arrives_on: dt.date, now: dt.datetime,
                      rules: FollowUpRules) -> dt.datetime:
    """The rules' days after ``arrives_on`` (one by default), in working hours; never
    before ``now``."""
    hours = rules.hours
    day_after = dt.datetime.combine(arrives_on + dt.timedelta(days=rules.days_after_arrival),
                                    hours.start, hours.zone)
    return hours.next_open(max(day_after, now))


def end_of_day(now: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """Midnight at the end of ``now``'s day in ``zone``: where Today ends and Upcoming begins."""
    local = now.astimezone(zone)
    return dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(0), zone)


def group_of(due: dt.datetime | None, now: dt.datetime, zone: dt.tzinfo) -> Group:
    """The queue group of a pending follow-up due at ``due``."""
    if due is None:
        return Group.WAITING
    if due <= now:
        return Group.OVERDUE
    if due < end_of_day(now, zone):
        return Group.TODAY
    return Group.UPCOMING


def snooze_options(now: dt.datetime, hours: WorkingHours) -> dict[str, dt.datetime]:
    """The quick snoozes: an hour from now, and the start of the next working day."""
    return {"1 hour": now + dt.timedelta(hours=1),
            "Tomorrow morning": hours.start_of_next_day(now)}


def reminder_text(due: list[FollowUp], while_closed: bool) -> tuple[str, str]:
    """The title and message of a reminder: who is due, and why."""
    if len(due) == 1:
        item = due[0]
        how = " and ".join(CHANNEL_LABELS.get(c, c) for c in item.channels)
        about = item.problem or item.category or item.resolution or "their resolution"
        when = " (it fell due while Checkback was closed)" if while_closed else ""
        return f"Follow up with {item.who}", f"{about}. By {how}{when}."
    names = ", ".join(item.who for item in due[:3])
    more = f" and {len(due) - 3} more" if len(due) > 3 else ""
    title = (f"{len(due)} follow-ups fell due while Checkback was closed" if while_closed
             else f"{len(due)} follow-ups are due")
    return title, f"{names}{more}."
