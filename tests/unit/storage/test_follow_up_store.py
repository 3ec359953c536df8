import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from checkback.core.conversation import Customer
from checkback.core.follow_ups import Group, Plan, Result
from checkback.core.resolutions import Outcome, ResolutionForm, ResolutionKind
from checkback.storage.database import open_writer
from checkback.storage.follow_up_store import (
    calendar_entries,
    cancel,
    follow_up_of,
    group_counts,
    history,
    load_follow_up,
    mark_done,
    mark_notified,
    move,
    newly_due,
    next_due,
    overdue_count,
    pending_page,
)
from checkback.storage.resolution_log import LogFilter, log_page, quick_log, set_deleted

BERLIN = ZoneInfo("Europe/Berlin")
NOW = dt.datetime(2026, 11, 23, 10, tzinfo=BERLIN)  # a Monday


@pytest.fixture
def writer(fresh_db, db_path):
    conn = open_writer(db_path)
    yield conn
    conn.close()


def log(writer, name: str, due: dt.datetime | None, channels=("email",), kind="instant_fix",
        arrives_on: dt.date | None = None) -> int:
    form = ResolutionForm("Parcel late", "Reshipped", ResolutionKind(kind), Outcome.SATISFIED,
                          arrives_on)
    resolution_id = quick_log(writer, Customer(ticket="44", name=name, contact="d@x.example"),
                              form, NOW - dt.timedelta(days=1), Plan(due, channels))
    return follow_up_of(writer, resolution_id).follow_up_id


def hours(n: float) -> dt.datetime:
    return NOW + dt.timedelta(hours=n)


def test_the_queue_is_ordered_by_due_time_with_deliveries_last(writer):
    waiting = log(writer, "Waiting", None, kind="exchange")
    later = log(writer, "Later", hours(30))
    overdue = log(writer, "Overdue", hours(-2))
    today = log(writer, "Today", hours(3))
    assert [f.follow_up_id for f in pending_page(writer, 0, 10)] == [overdue, today, later,
                                                                     waiting]
    assert [f.customer_name for f in pending_page(writer, 1, 2)] == ["Today", "Later"]
    assert group_counts(writer, NOW, BERLIN) == {Group.OVERDUE: 1, Group.TODAY: 1,
                                                 Group.UPCOMING: 1, Group.WAITING: 1}
    assert overdue_count(writer, NOW) == 1  # the same, with no zone
    assert overdue_count(writer, hours(4)) == 2


def test_a_follow_up_keeps_what_the_queue_shows(writer):
    follow_up = load_follow_up(writer, log(writer, "Dana Reyes", hours(1), ("email", "phone")))
    assert follow_up.channels == ("email", "phone")
    assert follow_up.due == hours(1)
    assert follow_up.who == "Dana Reyes (#44)"
    assert (follow_up.problem, follow_up.contact) == ("Parcel late", "d@x.example")


def test_done_takes_it_off_the_queue_and_keeps_the_result(writer):
    follow_up_id = log(writer, "Dana", hours(-1))
    mark_done(writer, follow_up_id, Result.NOT_SATISFIED, NOW)
    assert pending_page(writer, 0, 10) == []
    assert load_follow_up(writer, follow_up_id).status == "done"
    assert [(e.action, e.detail) for e in history(writer, follow_up_id)] == [
        ("scheduled", ""), ("done", "Not satisfied")]
    assert log_page(writer, LogFilter(), 0, 10)[0].follow_up == "not_satisfied"


def test_snooze_and_reschedule_move_it_and_show_the_reminder_again(writer):
    follow_up_id = log(writer, "Dana", hours(-1))
    assert [f.follow_up_id for f in newly_due(writer, NOW)] == [follow_up_id]
    mark_notified(writer, [follow_up_id], NOW)
    assert newly_due(writer, NOW) == []
    move(writer, follow_up_id, hours(1), NOW, "snoozed")
    assert newly_due(writer, NOW) == []
    assert next_due(writer, NOW) == hours(1)
    assert [f.follow_up_id for f in newly_due(writer, hours(1))] == [follow_up_id]
    move(writer, follow_up_id, hours(48), NOW, "rescheduled")
    events = history(writer, follow_up_id)
    assert [(e.action, e.due) for e in events[1:]] == [("snoozed", hours(1)),
                                                        ("rescheduled", hours(48))]
    assert group_counts(writer, NOW, BERLIN)[Group.UPCOMING] == 1


def test_marking_a_delivery_received_gives_it_a_due_time(writer):
    follow_up_id = log(writer, "Dana", None, kind="refund")
    assert log_page(writer, LogFilter(), 0, 1)[0].follow_up == "waiting"
    assert next_due(writer, NOW) is None
    move(writer, follow_up_id, hours(24), NOW, "received")
    assert group_counts(writer, NOW, BERLIN)[Group.WAITING] == 0
    assert log_page(writer, LogFilter(), 0, 1)[0].follow_up == "pending"


def test_cancel_keeps_the_reason(writer):
    follow_up_id = log(writer, "Dana", hours(2))
    cancel(writer, follow_up_id, "Customer asked not to be contacted", NOW)
    assert pending_page(writer, 0, 10) == []
    assert history(writer, follow_up_id)[-1].detail == "Customer asked not to be contacted"
    assert log_page(writer, LogFilter(), 0, 1)[0].follow_up == "cancelled"


def test_a_deleted_record_leaves_the_queue_until_undone(writer):
    follow_up_id = log(writer, "Dana", hours(-1))
    resolution_id = load_follow_up(writer, follow_up_id).resolution_id
    set_deleted(writer, resolution_id, True)
    assert pending_page(writer, 0, 10) == []
    assert newly_due(writer, NOW) == []
    set_deleted(writer, resolution_id, False)
    assert len(pending_page(writer, 0, 10)) == 1


def test_the_calendar_gets_only_items_with_a_due_time(writer):
    log(writer, "Waiting", None, kind="exchange")
    due = log(writer, "Due", hours(5))
    assert [e.follow_up.follow_up_id for e in calendar_entries(writer, NOW)] == [due]


def test_the_calendar_counts_changes_and_drops_what_closed_lately(writer):
    moved = log(writer, "Moved", hours(5))
    move(writer, moved, hours(6), hours(1), "snoozed")
    move(writer, moved, hours(30), hours(2), "rescheduled")
    done = log(writer, "Done", hours(3))
    mark_done(writer, done, Result.SATISFIED, hours(4))
    old = log(writer, "Long done", hours(-24 * 40))
    cancel(writer, old, "Asked not to", hours(-24 * 39))
    deleted = log(writer, "Deleted", hours(8))
    set_deleted(writer, load_follow_up(writer, deleted).resolution_id, True)
    entries = {e.follow_up.customer_name: e
               for e in calendar_entries(writer, NOW - dt.timedelta(days=30))}
    assert sorted(entries) == ["Deleted", "Done", "Moved"]
    assert (entries["Moved"].sequence, entries["Moved"].last_modified) == (2, hours(2))
    assert (entries["Moved"].follow_up.due, entries["Moved"].closed) == (hours(30), False)
    assert (entries["Done"].sequence, entries["Done"].last_modified) == (1, hours(4))
    assert entries["Done"].closed and entries["Deleted"].closed
    assert entries["Deleted"].sequence == 1  # the deletion


def test_calendar_uids_differ_between_databases_and_stay_on_re_export(writer, tmp_path):
    from icalendar import Calendar

    from checkback.core.record_export import follow_ups_to_ics
    from checkback.storage.database import database_id, open_database

    def uids(conn) -> list[str]:
        text = follow_ups_to_ics(calendar_entries(conn, NOW), NOW, database_id(conn))
        return [str(e["uid"]) for e in Calendar.from_ical(text).walk("VEVENT")]

    other_path = tmp_path / "other" / "checkback.db"
    open_database(other_path).close()
    other = open_writer(other_path)
    try:
        log(writer, "Dana", hours(5))
        log(other, "Dana", hours(5))  # the same row number in another agent's database
        first = uids(writer)
        assert uids(writer) == first
        assert len(first) == 1 and first[0].startswith("follow-up-1.")
        assert set(uids(other)).isdisjoint(first)
    finally:
        other.close()
