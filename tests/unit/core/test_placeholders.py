import datetime as dt
import re

from hypothesis import given
from hypothesis import strategies as st

from checkback.core.placeholders import (
    add_business_days,
    fill,
    format_date,
    placeholders_in,
    unknown_placeholders,
)

FRIDAY = dt.date(2026, 11, 27)
VALUES = {"customer_name": "Dana Reyes", "ticket": "4411", "agent_name": "Sam",
          "company": "Fernway Outfitters", "issue": "a late parcel"}


def test_known_values_are_filled():
    filled = fill("Hi {customer_name}, {agent_name} from {company} about #{ticket}.", VALUES,
                  FRIDAY)
    assert filled.complete
    assert filled.text == "Hi Dana Reyes, Sam from Fernway Outfitters about #4411."


def test_a_blank_value_is_missing_and_left_for_the_form():
    filled = fill("Thanks, {customer_name}!", {"customer_name": "  "}, FRIDAY)
    assert not filled.complete
    assert [p.token for p in filled.missing] == ["{customer_name}"]
    assert filled.missing[0].question == "Customer's name"


def test_dates_in_calendar_and_business_days():
    filled = fill("{today} / {date+3d} / {date+3bd} / {date+1bd}", {}, FRIDAY)
    assert filled.text == "27 November 2026 / 30 November 2026 / 2 December 2026 / "\
                          "30 November 2026"


def test_business_days_skip_weekends_both_ways():
    assert add_business_days(dt.date(2026, 11, 28), 1) == dt.date(2026, 11, 30)  # Sat -> Mon
    assert add_business_days(dt.date(2026, 11, 30), -1) == FRIDAY
    assert add_business_days(FRIDAY, 0) == FRIDAY


def test_fill_ins_with_default_and_choices():
    found = placeholders_in("{?Order number} {?Refund amount|the full amount} "
                            "{?Delivery method|courier/post} {?Order number}")
    assert [(p.question, p.default, p.choices) for p in found] == [
        ("Order number", "", ()),
        ("Refund amount", "the full amount", ()),
        ("Delivery method", "courier", ("courier", "post")),
    ]


def test_answers_fill_the_fill_ins_by_token():
    text = "Order {?Order number} goes by {?Delivery method|courier/post}."
    filled = fill(text, {}, FRIDAY, {"{?Order number}": "A-77",
                                     "{?Delivery method|courier/post}": "post"})
    assert filled.complete
    assert filled.text == "Order A-77 goes by post."


def test_unknown_names_are_asked_for_and_reported():
    text = "Hello {customer_nam}, see {tracking_link}."
    assert unknown_placeholders(text) == ["{customer_nam}", "{tracking_link}"]
    filled = fill(text, VALUES, FRIDAY)
    assert [p.question for p in filled.missing] == ["Customer nam", "Tracking link"]


def test_doubled_braces_are_literal_and_stray_braces_stay():
    filled = fill("Use {{customer_name}} literally; a { lone brace } and {1 2} stay.", VALUES,
                  FRIDAY)
    assert filled.complete
    assert filled.text == "Use {customer_name} literally; a { lone brace } and {1 2} stay."


def test_format_date_is_english_and_unpadded():
    assert format_date(dt.date(2027, 3, 3)) == "3 March 2027"


_PLAIN = st.text(st.characters(blacklist_characters="{}"), max_size=20)


@given(st.text(max_size=300).filter(lambda t: "{{" not in t and "}}" not in t),
       st.dictionaries(st.sampled_from(list(VALUES)), _PLAIN))
def test_no_text_crashes_the_filler_and_every_gap_gets_filled(text, values):
    first = fill(text, values, FRIDAY)
    done = fill(text, values, FRIDAY, {p.token: "x" for p in first.missing})
    assert done.complete
    for placeholder in first.missing:
        assert placeholder.token not in done.text


@given(st.from_regex(r"[A-Za-z ]{0,10}\{[a-z_]{1,12}\}[A-Za-z ]{0,10}", fullmatch=True))
def test_a_meant_placeholder_never_survives_filling(text):
    first = fill(text, {}, FRIDAY)
    done = fill(text, {}, FRIDAY, {p.token: "value" for p in first.missing})
    assert done.complete
    assert "{" not in done.text or text.count("{") > 1


AT_TEN_PAST_TWO = dt.datetime(2026, 11, 27, 14, 10)


def test_dates_in_a_format_with_an_offset_in_days():
    filled = fill("{date:%d/%m/%Y} {date-1d:%A} {date+1d:%d.%m.} {date+1bd:%A} {date:%V}",
                  {}, FRIDAY)
    assert filled.complete
    assert filled.text == "27/11/2026 Thursday 28.11. Monday 48"


def test_a_time_format_fills_the_time_of_day():
    assert fill("Called at {date:%H:%M}.", {}, AT_TEN_PAST_TWO).text == "Called at 14:10."
    assert re.fullmatch(r"\d\d:\d\d", fill("{date:%H:%M}", {}, FRIDAY).text)


def test_dated_placeholders_are_no_fill_ins_and_half_written_ones_stay_text():
    text = "{date:%d/%m} {date-2d} {date:} {date+} {date}"
    assert [p.token for p in placeholders_in(text)] == ["{date}"]
    assert fill(text, {}, FRIDAY, {"{date}": "x"}).text == "27/11 25 November 2026 {date:} "\
                                                          "{date+} x"
