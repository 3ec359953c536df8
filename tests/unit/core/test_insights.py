import datetime as dt

import pytest

from checkback.core.insights import (
    MAX_BARS,
    CategoryCount,
    FollowUpTimeliness,
    Insights,
    Period,
    Recurring,
    Tally,
    Window,
    category_counts,
    outcome_counts,
    percent,
    roughly,
    silent_estimate,
    top_recurring,
)
from checkback.core.resolutions import Outcome

NOW = dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC)
NO_FOLLOW_UPS = FollowUpTimeliness(0, 0, 0)


def insights(counts: list[CategoryCount], period: Period = Period.MONTH) -> Insights:
    recurring = tuple(Recurring(count, ()) for count in top_recurring(counts))
    return Insights(period, tuple(counts), (), NO_FOLLOW_UPS, recurring)


@pytest.mark.parametrize(("period", "days", "label"), [
    (Period.WEEK, 7, "Week"), (Period.MONTH, 30, "Month"), (Period.QUARTER, 91, "Quarter"),
])
def test_a_period_is_rolling_days_ending_now_against_as_many_before(period, days, label):
    window = Window.ending(period, NOW)
    assert window.end == NOW
    assert window.start == NOW - dt.timedelta(days=days)
    assert window.previous_start == NOW - dt.timedelta(days=2 * days)
    assert period.label == label
    assert period.description == f"Last {days} days, against the {days} days before"


def test_category_counts_add_up_outcomes_and_put_the_busiest_first():
    tallies = [
        Tally("Returns", "satisfied", True, 2), Tally("Delivery", "satisfied", True, 4),
        Tally("Delivery", "escalated", True, 3), Tally("Delivery", "satisfied", False, 5),
        Tally("Billing", "unresolved", False, 4), Tally("", "satisfied", True, 2),
    ]
    assert category_counts(tallies) == [
        CategoryCount("Delivery", 7, 5), CategoryCount("", 2, 0),
        CategoryCount("Returns", 2, 0), CategoryCount("Billing", 0, 4),
    ]


@pytest.mark.parametrize(("current", "previous", "change", "comparison"), [
    (12, 9, "+3", "12 (was 9, +3)"),
    (4, 6, "\N{MINUS SIGN}2", "4 (was 6, \N{MINUS SIGN}2)"),
    (5, 0, "new", "5 (new)"),
    (3, 3, "same", "3 (was 3, same)"),
    (0, 4, "\N{MINUS SIGN}4", "0 (was 4, \N{MINUS SIGN}4)"),
])
def test_the_change_against_the_period_before(current, previous, change, comparison):
    count = CategoryCount("Delivery", current, previous)
    assert count.change == change
    assert count.comparison == comparison


def test_records_without_a_category_are_named_so():
    assert CategoryCount("", 1, 0).name == "(no category)"
    assert CategoryCount("Delivery", 1, 0).name == "Delivery"


def test_outcomes_count_this_period_only_in_their_own_order_with_shares():
    tallies = [
        Tally("Delivery", "escalated", True, 1), Tally("Returns", "satisfied", True, 2),
        Tally("Delivery", "satisfied", True, 4), Tally("Delivery", "unresolved", False, 9),
    ]
    assert [(o.outcome, o.count, o.share) for o in outcome_counts(tallies)] == [
        (Outcome.SATISFIED, 6, 86), (Outcome.ACCEPTED_RELUCTANTLY, 0, 0),
        (Outcome.ESCALATED, 1, 14), (Outcome.UNRESOLVED, 0, 0),
    ]


def test_top_recurring_takes_three_named_categories_with_at_least_three_each():
    counts = [CategoryCount("Delivery", 9, 1), CategoryCount("", 8, 0),
              CategoryCount("Returns", 5, 5), CategoryCount("Warranty", 3, 0),
              CategoryCount("Billing", 3, 7), CategoryCount("Exchanges", 2, 0)]
    assert [c.category for c in top_recurring(counts)] == ["Delivery", "Returns", "Billing"]
    assert top_recurring([CategoryCount("Delivery", 2, 10)]) == []


def test_follow_up_timeliness_in_words():
    timeliness = FollowUpTimeliness(due=8, on_time=6, overdue_now=2)
    assert timeliness.summary == "6 of 8 due in this period done on time (75%)"
    assert timeliness.overdue_text == "2 overdue now."
    assert NO_FOLLOW_UPS.summary == "No follow-ups fell due in this period."
    assert NO_FOLLOW_UPS.overdue_text == "None overdue now."


def test_percent_rounds_and_survives_nothing_to_divide():
    assert percent(2, 3) == 67
    assert percent(0, 0) == 0


@pytest.mark.parametrize(("number", "rough"), [
    (78, 80), (312, 310), (2_650, 2_700), (31_226, 31_000), (5, 10),
])
def test_roughly_keeps_two_significant_figures(number, rough):
    assert roughly(number) == rough


def test_the_estimate_says_it_is_one_and_scales_the_complaints():
    text = silent_estimate(CategoryCount("Delivery", 12, 9))
    assert text.startswith("Estimate, by a rule of thumb:")
    assert "about 26 others" in text
    assert "12 complaints about Delivery may stand for roughly 310 more customers" in text
    assert "White House Office of Consumer Affairs" in text
    assert "it is not a count" in text


def test_insights_estimate_the_top_category_and_only_when_one_recurs():
    counts = [CategoryCount("Delivery", 12, 9), CategoryCount("Returns", 4, 0)]
    assert insights(counts).estimate == silent_estimate(counts[0])
    assert insights([CategoryCount("Delivery", 2, 9)]).estimate is None


def test_insights_summary_totals_both_periods():
    counts = [CategoryCount("Delivery", 12, 9), CategoryCount("Returns", 1, 0)]
    assert insights(counts).summary == (
        "13 resolutions in the last 30 days; 9 in the 30 days before.")
    assert insights([CategoryCount("Delivery", 1, 0)]).summary.startswith("1 resolution in")


def test_an_empty_period_says_so_and_what_to_do():
    summary = insights([CategoryCount("Delivery", 0, 4)], Period.WEEK).summary
    assert summary == ("No resolutions in the last 7 days. Resolve a conversation or use "
                       "Quick log, and they'll show here.")


def test_the_chart_keeps_the_busiest_and_says_what_it_leaves_out():
    counts = [CategoryCount(f"Category {n:02}", 20 - n, 0) for n in range(MAX_BARS + 2)]
    shown = insights(counts)
    assert shown.charted == tuple(counts[:MAX_BARS])
    assert shown.chart_note == ("Bar: this period. Thin line: the period before. "
                                "2 more categories, with 19 resolutions in this period, "
                                "not shown.")
    assert insights(counts[:3]).chart_note == "Bar: this period. Thin line: the period before."

