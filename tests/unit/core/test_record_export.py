import csv
import datetime as dt
import io
import json
from zoneinfo import ZoneInfo

import pytest
import vobject
from icalendar import Calendar

from checkback.core.files import write_atomically
from checkback.core.follow_ups import FollowUp
from checkback.core.record_export import (
    CalendarEntry,
    NothingToExportError,
    follow_ups_to_ics,
    records_to_csv,
    records_to_json,
)

BERLIN = ZoneInfo("Europe/Berlin")
NOW = dt.datetime(2026, 11, 23, 10, tzinfo=BERLIN)
RECORDS = [
    {"id": 1, "customer_name": "Zoë “Z” Ng", "notes": "line one\nline two, with a comma"},
    {"id": 2, "customer_name": "=HYPERLINK(\"x\")", "notes": None},
]


def entries(*items: FollowUp) -> list[CalendarEntry]:
    return [CalendarEntry(item, 0, NOW, False) for item in items]


def follow_up(follow_up_id: int, due: dt.datetime | None, **fields: object) -> FollowUp:
    values: dict[str, object] = dict(
        resolution_id=follow_up_id, due=due, channels=("email", "phone"), arrives_on=None,
        status="pending", ticket="4411", ticket_url="", customer_name="Dana Reyes",
        channel="email", contact="dana@example.com", category="Delivery",
        problem="Parcel late", resolution="Refunded shipping", kind="instant_fix",
        resolved_at=NOW)
    values.update(fields)
    return FollowUp(follow_up_id, **values)  # type: ignore[arg-type]


def test_csv_has_a_header_and_reads_back_with_any_text():
    text = records_to_csv(("id", "customer_name", "notes"), RECORDS, BERLIN)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["id", "customer_name", "notes"]
    assert rows[1] == ["1", "Zoë “Z” Ng", "line one\nline two, with a comma"]
    assert rows[2] == ["2", "'=HYPERLINK(\"x\")", ""]


def test_json_keeps_every_value_as_written():
    assert json.loads(records_to_json(RECORDS)) == RECORDS
    assert "Zoë" in records_to_json(RECORDS)


def test_ics_has_one_event_per_scheduled_follow_up_and_parses_back():
    due = dt.datetime(2026, 11, 24, 9, tzinfo=BERLIN)
    items = [follow_up(1, due, ticket_url="https://help.example/t/4411"),
             follow_up(2, None), follow_up(3, due + dt.timedelta(days=1), ticket="",
                                           customer_name="Omar")]
    calendar = Calendar.from_ical(follow_ups_to_ics(entries(*items), NOW, "db1"))
    events = calendar.walk("VEVENT")
    assert [str(e["uid"]) for e in events] == ["follow-up-1.db1@checkback",
                                               "follow-up-3.db1@checkback"]
    first = events[0]
    assert first.decoded("dtstart") == due
    assert first.decoded("duration") == dt.timedelta(minutes=15)
    assert str(first["summary"]) == "Follow up: Dana Reyes (#4411)"
    assert "by e-mail and phone call" in str(first["description"])
    assert "Parcel late" in str(first["description"])
    assert str(first["url"]) == "https://help.example/t/4411"
    assert str(events[1]["summary"]) == "Follow up: Omar"


def test_a_calendar_without_events_is_refused():
    # An iCalendar file needs a component: an empty one is invalid, so none is made.
    with pytest.raises(NothingToExportError):
        follow_ups_to_ics([], NOW, "db1")
    with pytest.raises(NothingToExportError):
        follow_ups_to_ics(entries(follow_up(2, None)), NOW, "db1")


def test_ics_reads_the_same_in_icalendar_and_vobject():
    due = dt.datetime(2026, 11, 24, 9, tzinfo=BERLIN)
    changed = dt.datetime(2026, 11, 23, 9, 30, tzinfo=BERLIN)
    text = follow_ups_to_ics([CalendarEntry(follow_up(7, due), 2, changed, False),
                              CalendarEntry(follow_up(8, due, status="done"), 1, NOW, True)],
                             NOW, "5f0c")
    by_icalendar = [(str(e["uid"]), int(e["sequence"]), e.decoded("last-modified"),
                     str(e["status"])) for e in Calendar.from_ical(text).walk("VEVENT")]
    parsed = vobject.readOne(text)
    by_vobject = [(e.uid.value, int(e.sequence.value), e.last_modified.value, e.status.value)
                  for e in parsed.vevent_list]
    expected = [("follow-up-7.5f0c@checkback", 2, changed, "CONFIRMED"),
                ("follow-up-8.5f0c@checkback", 1, NOW, "CANCELLED")]
    assert by_icalendar == by_vobject == expected
    assert text.count("\r\n") == text.count("\n")  # CRLF line ends, as RFC 5545 has them


def test_excel_csv_has_a_bom_and_keeps_tickets_and_phones_as_text():
    records = [{"ticket": "000123", "contact": "+49 30 1234567", "notes": "000123"},
               {"ticket": "12345678901234567890", "contact": "dana@example.com",
                "notes": "=1+1"},
               {"ticket": "A-17", "contact": "030-12/34", "notes": None}]
    text = records_to_csv(("ticket", "contact", "notes"), records, BERLIN, for_excel=True)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows == [["ticket", "contact", "notes"],
                    ['="000123"', '="+49 30 1234567"', "000123"],
                    ['="12345678901234567890"', "dana@example.com", "'=1+1"],
                    ["A-17", '="030-12/34"', ""]]
    plain = records_to_csv(("ticket", "contact"), records, BERLIN)
    assert not plain.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(plain)))[1] == ["000123", "+49 30 1234567"]


def test_csv_times_are_local_minutes_a_spreadsheet_reads_as_dates():
    record = {"resolved_at": "2026-11-23T09:05:30.123456+00:00", "started_at": None}
    text = records_to_csv(("resolved_at", "started_at"), [record], BERLIN)
    assert list(csv.reader(io.StringIO(text)))[1] == ["2026-11-23 10:05", ""]


def test_writing_replaces_a_file_only_when_complete(tmp_path):
    target = tmp_path / "log.csv"
    target.write_text("old", encoding="utf-8")
    write_atomically(target, "id\r\n1\r\n")
    assert target.read_bytes() == b"id\r\n1\r\n"
    assert [p.name for p in tmp_path.iterdir()] == ["log.csv"]
