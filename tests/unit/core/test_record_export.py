import csv
import datetime as dt
import io
import json
from zoneinfo import ZoneInfo

from icalendar import Calendar

from checkback.core.files import write_atomically
from checkback.core.follow_ups import FollowUp
from checkback.core.record_export import follow_ups_to_ics, records_to_csv, records_to_json

BERLIN = ZoneInfo("Europe/Berlin")
NOW = dt.datetime(2026, 11, 23, 10, tzinfo=BERLIN)
RECORDS = [
    {"id": 1, "customer_name": "Zoë “Z” Ng", "notes": "line one\nline two, with a comma"},
    {"id": 2, "customer_name": "=HYPERLINK(\"x\")", "notes": None},
]


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
    text = records_to_csv(("id", "customer_name", "notes"), RECORDS)
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
    calendar = Calendar.from_ical(follow_ups_to_ics(items, NOW))
    events = calendar.walk("VEVENT")
    assert [str(e["uid"]) for e in events] == ["follow-up-1@checkback", "follow-up-3@checkback"]
    first = events[0]
    assert first.decoded("dtstart") == due
    assert first.decoded("duration") == dt.timedelta(minutes=15)
    assert str(first["summary"]) == "Follow up: Dana Reyes (#4411)"
    assert "by e-mail and phone call" in str(first["description"])
    assert "Parcel late" in str(first["description"])
    assert str(first["url"]) == "https://help.example/t/4411"
    assert str(events[1]["summary"]) == "Follow up: Omar"


def test_an_empty_queue_is_still_a_valid_calendar():
    calendar = Calendar.from_ical(follow_ups_to_ics([], NOW))
    assert calendar.walk("VEVENT") == []
    assert str(calendar["version"]) == "2.0"


def test_writing_replaces_a_file_only_when_complete(tmp_path):
    target = tmp_path / "log.csv"
    target.write_text("old", encoding="utf-8")
    write_atomically(target, "id\r\n1\r\n")
    assert target.read_bytes() == b"id\r\n1\r\n"
    assert [p.name for p in tmp_path.iterdir()] == ["log.csv"]
