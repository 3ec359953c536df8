"""The log's records as CSV and JSON, and the follow-ups as an iCalendar file."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from checkback.core.follow_ups import CHANNEL_LABELS, FollowUp

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_EVENT_MINUTES = 15
_NUMBER = re.compile(r"[+-]?[\d\s().-]+")  # a phone number or a signed number: no formula
# What a spreadsheet would read as a number or a date: digits with only separators, signs
# and brackets around them ("000123", "+49 30 1234", "12/11"), or in scientific notation.
_READ_AS_NUMBER = re.compile(r"[+(]?[\d\s().,/:-]*\d[\d\s().,/:%-]*|[+-]?\d*\.?\d+[eE][+-]?\d+")
_TEXT_COLUMNS = frozenset({"ticket", "contact"})  # ids and phone numbers, never numbers
_TIME_COLUMNS = frozenset({"resolved_at", "started_at"})
_BOM = "\ufeff"


class NothingToExportError(ValueError):
    """The export would hold nothing (an iCalendar file needs at least one event)."""


@dataclass(frozen=True)
class CalendarEntry:
    """A follow-up as a calendar shows it: how often it changed since it was scheduled
    (its ``sequence``), when it last changed, and whether it is over (done or cancelled, or
    its record deleted), so calendars that imported it drop it."""

    follow_up: FollowUp
    sequence: int
    last_modified: dt.datetime
    closed: bool


def records_to_csv(columns: tuple[str, ...], records: Iterable[Mapping[str, object]],
                   zone: dt.tzinfo, *, for_excel: bool = False) -> str:
    """A CSV table of ``records`` with a header row, for spreadsheets.

    Times (stored as ISO 8601 in UTC) are written as ``YYYY-MM-DD HH:MM`` in ``zone``,
    which Excel, LibreOffice and Google Sheets all read as a date and time. Cells that
    would start a formula are prefixed with an apostrophe, so opening the file runs nothing.

    ``for_excel`` writes what Excel needs on a double-click: a byte order mark (else it reads
    UTF-8 as the local code page), and ticket and contact cells that it would turn into
    numbers (``000123`` into 123, a 20-digit ticket into 1.23E+19, a phone number into a
    number or a date) as the formula ``="000123"``. A CSV file has no column types, and
    that formula is the one form Excel keeps as the text on open; LibreOffice evaluates it
    too when it opens the file (its import's "Evaluate formulas"). A leading apostrophe
    would show as part of the value in both, and invisible marks (a zero-width space)
    would change the ticket number the agent copies. Plain CSV keeps the values exactly
    as stored, for tools that read it.

    Args:
        columns: the fields, in order, as the header names them.
        records: one mapping of field to value per row.
        zone: the time zone the times are written in.
        for_excel: write the Excel variant described above.
    """
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for record in records:
        writer.writerow([_cell(column, record.get(column), zone, for_excel)
                         for column in columns])
    return (_BOM if for_excel else "") + out.getvalue()


def records_to_json(records: Iterable[Mapping[str, object]]) -> str:
    """A JSON list of ``records``, one object each, in UTF-8 as written."""
    return json.dumps(list(records), ensure_ascii=False, indent=1) + "\n"


def follow_ups_to_ics(entries: Iterable[CalendarEntry], now: dt.datetime,
                      database_id: str) -> str:
    """An iCalendar file with one 15-minute event at each follow-up's due time.

    Each event's UID joins the follow-up's number to ``database_id`` (this database's own
    random id), so it is the same on every export and differs from another database's.
    SEQUENCE and LAST-MODIFIED let a calendar that imported an earlier export take the
    new time; a closed follow-up is marked STATUS:CANCELLED so the calendar drops it.

    Raises:
        NothingToExportError: no entry has a due time, so there would be no event.
    """
    from icalendar import Calendar, Event  # imported here: only this export needs it

    calendar = Calendar()
    calendar.add("prodid", "-//Checkback//Follow-ups//EN")
    calendar.add("version", "2.0")
    for entry in entries:
        follow_up = entry.follow_up
        if follow_up.due is None:
            continue
        event = Event()
        event.add("uid", f"follow-up-{follow_up.follow_up_id}.{database_id}@checkback")
        event.add("dtstamp", now.astimezone(dt.UTC))
        event.add("last-modified", entry.last_modified.astimezone(dt.UTC))
        event.add("sequence", entry.sequence)
        event.add("status", "CANCELLED" if entry.closed else "CONFIRMED")
        event.add("dtstart", follow_up.due.astimezone(dt.UTC))
        event.add("duration", dt.timedelta(minutes=_EVENT_MINUTES))
        event.add("summary", f"Follow up: {follow_up.who}")
        event.add("description", _description(follow_up))
        if follow_up.ticket_url:
            event.add("url", follow_up.ticket_url)
        calendar.add_component(event)
    if not calendar.subcomponents:
        raise NothingToExportError("There is no follow-up with a due time to export.")
    return str(calendar.to_ical().decode("utf-8"))


def _description(follow_up: FollowUp) -> str:
    by = " and ".join(CHANNEL_LABELS.get(c, c) for c in follow_up.channels)
    lines = [f"Follow up by {by}.", f"Issue: {follow_up.problem or follow_up.category}",
             f"What we did: {follow_up.resolution}", f"Contact: {follow_up.contact}"]
    return "\n".join(line for line in lines if not line.endswith(": "))


def _cell(column: str, value: object, zone: dt.tzinfo, for_excel: bool) -> str:
    text = "" if value is None else str(value)
    if column in _TIME_COLUMNS and text:
        return _local_time(text, zone)
    if for_excel and column in _TEXT_COLUMNS and _READ_AS_NUMBER.fullmatch(text):
        return f'="{text}"'
    if text.startswith(_FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def _local_time(text: str, zone: dt.tzinfo) -> str:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text  # not a stored time: written as it is
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")
