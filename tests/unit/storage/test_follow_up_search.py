import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from checkback.core.conversation import Customer
from checkback.core.follow_ups import Plan, Result
from checkback.core.resolutions import Outcome, ResolutionForm, ResolutionKind
from checkback.storage import follow_up_search
from checkback.storage.database import open_writer
from checkback.storage.follow_up_search import pending_follow_ups_matching
from checkback.storage.follow_up_store import cancel, follow_up_of, mark_done
from checkback.storage.resolution_log import quick_log, set_deleted

NOW = dt.datetime(2026, 11, 23, 10, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.fixture
def writer(fresh_db, db_path):
    conn = open_writer(db_path)
    yield conn
    conn.close()


def logged(writer, name: str, due_in_hours: float | None, ticket: str = "44",
           problem: str = "Parcel late") -> tuple[int, int]:
    """A record of ``name``'s with a pending follow-up; its and the follow-up's ids."""
    form = ResolutionForm(problem, "Reshipped", ResolutionKind.INSTANT_FIX, Outcome.SATISFIED)
    due = None if due_in_hours is None else NOW + dt.timedelta(hours=due_in_hours)
    resolution_id = quick_log(writer, Customer(ticket=ticket, name=name), form, NOW,
                              Plan(due, ("email",)))
    return resolution_id, follow_up_of(writer, resolution_id).follow_up_id


def test_pending_follow_ups_of_matching_records_come_soonest_first(writer):
    _, later = logged(writer, "Dana Reyes", 30)
    _, waiting = logged(writer, "Dana Whitfield", None)
    _, sooner = logged(writer, "Dana Okafor", 2)
    _, liam = logged(writer, "Liam Novak", 1, ticket="45", problem="Wrong size")
    assert pending_follow_ups_matching(writer, "dana", 10) == [sooner, later, waiting]
    assert pending_follow_ups_matching(writer, "dana", 2) == [sooner, later]
    assert pending_follow_ups_matching(writer, "45 wrong", 10) == [liam]
    assert pending_follow_ups_matching(writer, "parcel", 10) == [sooner, later, waiting]


def test_done_cancelled_and_deleted_ones_are_not_found(writer):
    _, done = logged(writer, "Dana Reyes", 1)
    _, cancelled = logged(writer, "Dana Whitfield", 2)
    deleted_record, _ = logged(writer, "Dana Okafor", 3)
    _, pending = logged(writer, "Dana Berg", 4)
    mark_done(writer, done, Result.SATISFIED, NOW)
    cancel(writer, cancelled, "Customer asked not to be called", NOW)
    set_deleted(writer, deleted_record, True)
    assert pending_follow_ups_matching(writer, "dana", 10) == [pending]


def test_only_the_newest_matching_records_are_read(writer, monkeypatch):
    _, oldest = logged(writer, "Dana Reyes", 1)
    _, newer = logged(writer, "Dana Whitfield", 2)
    monkeypatch.setattr(follow_up_search, "MATCHES_READ", 1)
    assert pending_follow_ups_matching(writer, "dana", 10) == [newer]
    assert pending_follow_ups_matching(writer, "reyes", 10) == [oldest]  # narrower: found


@pytest.mark.parametrize("typed", ['"*(', "NEAR(", "AND OR NOT", "-", "x" * 5000, ""])
def test_any_text_is_safe(writer, typed):
    logged(writer, "Dana Reyes", 1)
    assert pending_follow_ups_matching(writer, typed, 5) == []
