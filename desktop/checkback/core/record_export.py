"""The log's records as CSV and JSON, and pending follow-ups as an iCalendar file."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Mapping

from checkback.core.follow_ups import CHANNEL_LABELS, FollowUp

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_EVENT_MINUTES = 15
_NUMBER = re.compile(r"[+-]?[\d\s().-]+")  # a phone number or a signed number: no formula


def records_to_csv(columns: tuple[str, ...], records: Iterable[Mapping[str, object]]) -> str:
    """A CSV table of ``records`` with a header row (a spreadsheet opens it as text: cells
    that would start a formula are prefixed with an apostrophe)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for record in records:
        writer.writerow([_cell(record.get(column)) for column in columns])
    return out.getvalue()


def records_to_json(records: Iterable[Mapping[str, object]]) -> str:
    """A JSON list of ``records``, one object each, in UTF-8 as written."""
    return json.dumps(list(records), ensure_ascii=False, indent=1) + "\n"


def follow_ups_to_ics(follow_ups: Iterable[FollowUp], now: dt.datetime) -> str:
    """An iCalendar file with one 15-minute event at each follow-up's due time."""
    from icalendar import Calendar, Event  # imported here: only this export needs it

    calendar = Calendar()
    calendar.add("prodid", "-//Checkback//Follow-ups//EN")
    calendar.add("version", "2.0")
    for follow_up in follow_ups:
        if follow_up.due is None:
            continue
        event = Event()
        event.add("uid", f"follow-up-{follow_up.follow_up_id}@checkback")
        event.add("dtstamp", now.astimezone(dt.UTC))
        event.add("dtstart", follow_up.due.astimezone(dt.UTC))
        event.add("duration", dt.timedelta(minutes=_EVENT_MINUTES))
        event.add("summary", f"Follow up: {follow_up.who}")
        event.add("description", _description(follow_up))
        if follow_up.ticket_url:
            event.add("url", follow_up.ticket_url)
        calendar.add_component(event)
    return str(calendar.to_ical().decode("utf-8"))


def _description(follow_up: FollowUp) -> str:
    by = " and ".join(CHANNEL_LABELS.get(c, c) for c in follow_up.channels)
    lines = [f"Follow up by {by}.", f"Issue: {follow_up.problem or follow_up.category}",
             f"What we did: {follow_up.resolution}", f"Contact: {follow_up.contact}"]
    return "\n".join(line for line in lines if not line.endswith(": "))


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text
