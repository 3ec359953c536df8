"""Placeholders in phrases, and filling them so nothing half-filled reaches a customer.

The forms a text may hold:

- ``{customer_name}``, ``{agent_name}``, ``{company}``, ``{ticket}``, ``{issue}``: values
  from the conversation and the settings;
- ``{today}``, ``{date+3d}`` (calendar days), ``{date-1d}`` (a day back) and ``{date+3bd}``
  (business days, skipping weekends): dates, written as "3 March 2027";
- ``{date:%d/%m/%Y}``, ``{date+7d:%V}``, ``{date:%H:%M}``: a date (or the time of day) in a
  ``strftime`` format of at most 40 characters; the offset, if any, comes before the colon
  and is in days, as above;
- ``{?Question}``, ``{?Question|default}``, ``{?Question|one/two}``: free fill-ins asked of
  the agent, with a default answer or a choice.

Any other ``{word}`` is a placeholder nobody knows (a typo, most likely): it is asked for
like a fill-in, never left in the text. ``{{`` and ``}}`` stand for literal braces; a brace
that starts no placeholder is kept as it is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

VALUE_NAMES = ("customer_name", "agent_name", "company", "ticket", "issue")
_LABELS = {"customer_name": "Customer's name", "agent_name": "Your name", "company": "Company",
           "ticket": "Ticket", "issue": "The issue, in a few words"}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
MAX_DAYS = 3660
TOKEN = re.compile(
    r"\{\{|\}\}"
    r"|\{(?:\?(?P<question>[^{}|]+)(?:\|(?P<answer>[^{}]*))?"
    r"|(?P<date>date(?=[-+:])(?:(?P<sign>[+-])(?P<days>\d{1,4})(?P<business>b?)d)?"
    r"(?::(?P<format>[^{}]{1,40}))?)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]{0,40}))\}"
)


@dataclass(frozen=True)
class Placeholder:
    """One placeholder as written in a text.

    Attributes:
        token: the placeholder exactly as written, braces included.
        name: the value it stands for, or "" for a fill-in or a date.
        question: what to ask the agent (the label of its field).
        default: the answer offered first ("" for none).
        choices: the answers to choose from (empty for free text).
    """

    token: str
    name: str = ""
    question: str = ""
    default: str = ""
    choices: tuple[str, ...] = ()

    @property
    def is_known(self) -> bool:
        """False for a ``{word}`` that is no value Checkback knows."""
        return not self.name or self.name in VALUE_NAMES or self.name == "today"


@dataclass(frozen=True)
class Filled:
    """A text with its placeholders filled, and those that could not be."""

    text: str
    missing: tuple[Placeholder, ...]

    @property
    def complete(self) -> bool:
        """True when every placeholder has a value: only then may the text be copied."""
        return not self.missing


def placeholders_in(text: str) -> list[Placeholder]:
    """Every distinct placeholder of ``text`` except dates, in the order they first appear."""
    found: dict[str, Placeholder] = {}
    for match in TOKEN.finditer(text):
        placeholder = _placeholder(match)
        if placeholder is not None and placeholder.token not in found:
            found[placeholder.token] = placeholder
    return list(found.values())


def unknown_placeholders(text: str) -> list[str]:
    """The ``{word}`` placeholders of ``text`` that Checkback has no value for."""
    return [p.token for p in placeholders_in(text) if not p.is_known]


def fill(text: str, values: Mapping[str, str], today: dt.date,
         answers: Mapping[str, str] | None = None) -> Filled:
    """Fill ``text`` from ``values`` (by name) and ``answers`` (by token).

    A blank value counts as missing. Dates are worked out from ``today``; a time of day in a
    date format comes from ``today`` when it is a datetime, else from the clock.
    """
    answers = answers or {}
    missing: dict[str, Placeholder] = {}

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        if match.group("date") is not None:
            return _date_text(match, today)
        placeholder = _placeholder(match)
        assert placeholder is not None
        value = answers.get(token, "").strip()
        if not value and placeholder.name:
            value = (values.get(placeholder.name) or "").strip()
        if not value and placeholder.name == "today":
            value = format_date(today)
        if not value:
            missing.setdefault(token, placeholder)
            return token
        return value

    filled = TOKEN.sub(replace, text)
    return Filled(filled, tuple(missing.values()))


def format_date(day: dt.date) -> str:
    """A date as written in a reply: "3 March 2027"."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def add_business_days(day: dt.date, count: int) -> dt.date:
    """The date ``count`` working days (Monday to Friday) after ``day`` (before, if negative)."""
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    while remaining:
        day += dt.timedelta(days=step)
        if day.weekday() < 5:
            remaining -= 1
    return day


def _date_text(match: re.Match[str], today: dt.date) -> str:
    days = min(int(match.group("days") or 0), MAX_DAYS)
    if match.group("sign") == "-":
        days = -days
    if match.group("business"):
        day = add_business_days(today, days)
    else:
        day = today + dt.timedelta(days=days)
    written = match.group("format")
    if written is None:
        return format_date(day)
    moment = today if isinstance(today, dt.datetime) else dt.datetime.now()
    try:
        return dt.datetime.combine(day, moment.time()).strftime(written)
    except ValueError:  # a directive this platform's strftime refuses
        return format_date(day)


def _placeholder(match: re.Match[str]) -> Placeholder | None:
    token = match.group(0)
    if token in ("{{", "}}") or match.group("date") is not None:
        return None
    if match.group("question") is not None:
        return _fill_in(token, match.group("question").strip(), match.group("answer"))
    name = match.group("name")
    label = _LABELS.get(name, name.replace("_", " ").strip().capitalize() or name)
    return Placeholder(token, name=name, question=label)


def _fill_in(token: str, question: str, answer: str | None) -> Placeholder:
    question = question or "Fill in"
    if answer is None:
        return Placeholder(token, question=question)
    choices = tuple(part.strip() for part in answer.split("/") if part.strip())
    if len(choices) > 1:
        return Placeholder(token, question=question, default=choices[0], choices=choices)
    return Placeholder(token, question=question, default=answer.strip())
