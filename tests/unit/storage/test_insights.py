import datetime as dt

import pytest

from checkback.core.insights import (
    CategoryCount,
    FollowUpTimeliness,
    Period,
    PolicyLink,
    Tally,
    Window,
)
from checkback.core.resolutions import Outcome
from checkback.storage.database import iso, open_writer, transaction
from checkback.storage.insights import (
    _TALLIES_SQL,
    _TIMELINESS_SQL,
    follow_up_timeliness,
    load_insights,
    period_tallies,
    policies_in_category,
)

NOW = dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC)
WEEK = Window.ending(Period.WEEK, NOW)


@pytest.fixture
def writer(fresh_db, db_path):
    conn = open_writer(db_path)
    yield conn
    conn.close()


def days_ago(days: float) -> dt.datetime:
    return NOW - dt.timedelta(days=days)


def resolve(conn, category: str, at: dt.datetime, outcome: str = "satisfied",
            deleted: int = 0) -> int:
    cursor = conn.execute(
        "INSERT INTO resolutions (category, kind, outcome, resolved_at, deleted)"
        " VALUES (?, 'refund', ?, ?, ?)", (category, outcome, iso(at), deleted))
    return int(cursor.lastrowid)


def follow_up(conn, resolution_id: int, status: str, due: dt.datetime | None,
              closed: dt.datetime | None = None) -> None:
    conn.execute(
        "INSERT INTO follow_ups (resolution_id, status, due_at, channels, created_at, closed_at)"
        " VALUES (?, ?, ?, 'email', ?, ?)",
        (resolution_id, status, iso(due), iso(NOW - dt.timedelta(days=30)), iso(closed)))


def add_policy(conn, title: str, category: str) -> int:
    cursor = conn.execute("INSERT INTO policies (path, title, category) VALUES (?, ?, ?)",
                          (f"/pack/{title}.md", title, category))
    return int(cursor.lastrowid)


def test_tallies_count_this_period_and_the_one_before_by_category_and_outcome(writer):
    resolve(writer, "Delivery", days_ago(1))
    resolve(writer, "Delivery", days_ago(2))
    resolve(writer, "Delivery", days_ago(3), "escalated")
    resolve(writer, "Delivery", days_ago(8))
    resolve(writer, "", days_ago(13), "unresolved")
    assert sorted(period_tallies(writer, WEEK), key=repr) == sorted([
        Tally("Delivery", "satisfied", True, 2), Tally("Delivery", "escalated", True, 1),
        Tally("Delivery", "satisfied", False, 1), Tally("", "unresolved", False, 1),
    ], key=repr)


def test_tallies_keep_to_the_period_bounds(writer):
    resolve(writer, "At the start", WEEK.start)
    resolve(writer, "At the end", WEEK.end)
    resolve(writer, "At the previous start", WEEK.previous_start)
    resolve(writer, "Too early", WEEK.previous_start - dt.timedelta(microseconds=1))
    assert sorted(period_tallies(writer, WEEK), key=repr) == [
        Tally("At the previous start", "satisfied", False, 1),
        Tally("At the start", "satisfied", True, 1),
    ]


def test_deleted_records_and_their_follow_ups_are_left_out(writer):
    kept = resolve(writer, "Delivery", days_ago(1))
    gone = resolve(writer, "Delivery", days_ago(1), deleted=1)
    follow_up(writer, kept, "pending", days_ago(0.5))
    follow_up(writer, gone, "pending", days_ago(0.5))
    assert period_tallies(writer, WEEK) == [Tally("Delivery", "satisfied", True, 1)]
    assert follow_up_timeliness(writer, WEEK) == FollowUpTimeliness(1, 0, 1)


def test_follow_ups_due_in_the_period_count_as_on_time_within_a_day(writer):
    record = resolve(writer, "Delivery", days_ago(20))
    follow_up(writer, record, "done", days_ago(5), days_ago(5.5))
    follow_up(writer, record, "done", days_ago(5), days_ago(4.1))
    follow_up(writer, record, "done", days_ago(5), days_ago(3.9))
    follow_up(writer, record, "pending", days_ago(2))
    follow_up(writer, record, "cancelled", days_ago(2), days_ago(1))
    follow_up(writer, record, "done", days_ago(9), days_ago(9))
    follow_up(writer, record, "pending", days_ago(9))
    follow_up(writer, record, "pending", None)
    follow_up(writer, record, "pending", NOW + dt.timedelta(hours=1))
    assert follow_up_timeliness(writer, WEEK) == FollowUpTimeliness(
        due=4, on_time=2, overdue_now=2)


def test_policies_in_a_category_ignore_case_and_come_by_title(writer):
    late = add_policy(writer, "Late delivery", "Delivery")
    lost = add_policy(writer, "Lost parcel", "delivery")
    add_policy(writer, "Refunds", "Returns and refunds")
    assert policies_in_category(writer, "DELIVERY") == (
        PolicyLink(late, "Late delivery"), PolicyLink(lost, "Lost parcel"))
    assert policies_in_category(writer, "Warranty") == ()


def test_load_insights_links_the_recurring_categories_to_their_policies(writer):
    late = add_policy(writer, "Late delivery", "Delivery")
    for days in (1, 2, 3, 4, 10):
        resolve(writer, "Delivery", days_ago(days))
    for days in (1, 2, 3):
        resolve(writer, "Warranty", days_ago(days), "escalated")
        resolve(writer, "", days_ago(days))
    resolve(writer, "Returns", days_ago(1))
    shown = load_insights(writer, Period.WEEK, NOW)
    assert shown.categories[0] == CategoryCount("Delivery", 4, 1)
    assert [(item.count.category, item.policies) for item in shown.recurring] == [
        ("Delivery", (PolicyLink(late, "Late delivery"),)), ("Warranty", ())]
    assert shown.total == 11
    assert {o.outcome: o.count for o in shown.outcomes}[Outcome.ESCALATED] == 3


def test_a_period_of_twenty_thousand_records_adds_up(writer):
    categories = ("Delivery", "Returns and refunds", "Quality", "Warranty", "")
    outcomes = tuple(Outcome)
    with transaction(writer):
        writer.executemany(
            "INSERT INTO resolutions (category, kind, outcome, resolved_at, deleted)"
            " VALUES (?, 'refund', ?, ?, ?)",
            ((categories[n % 5], outcomes[n % 4].value, iso(days_ago(n / 100)),
              int(n % 50 == 0)) for n in range(20_000)))
    shown = load_insights(writer, Period.QUARTER, NOW)
    # 100 records a day over 200 days: 9,100 in the last 91 days and 9,100 before them,
    # less every fiftieth (deleted), all of which fall in "Delivery".
    assert shown.total == 9_100 - 182
    assert shown.previous_total == 9_100 - 182
    assert {count.category: (count.current, count.previous) for count in shown.categories} == {
        "": (1_820, 1_820), "Quality": (1_820, 1_820), "Returns and refunds": (1_820, 1_820),
        "Warranty": (1_820, 1_820), "Delivery": (1_820 - 182, 1_820 - 182)}
    assert [item.count.category for item in shown.recurring] == [
        "Quality", "Returns and refunds", "Warranty"]
    assert [outcome.count for outcome in shown.outcomes] == [2_275 - 91, 2_275, 2_275 - 91,
                                                             2_275]


def test_the_queries_range_over_indexes(writer):
    bounds = {"previous_start": "a", "start": "b", "end": "c"}

    def plan(sql: str) -> str:
        return " ".join(row[3] for row in writer.execute("EXPLAIN QUERY PLAN " + sql, bounds))

    assert "USING INDEX idx_resolutions_resolved_at (resolved_at>? AND resolved_at<?)" in plan(
        _TALLIES_SQL)
    assert "USING INDEX idx_follow_ups_status_due_at (status=? AND due_at>? AND due_at<?)" in (
        plan(_TIMELINESS_SQL))
