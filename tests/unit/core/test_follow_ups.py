import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from checkback.core.follow_ups import (
    FollowUpRules,
    Group,
    Plan,
    WorkingHours,
    due_after_arrival,
    follow_up_channels,
    group_of,
    plan_follow_up,
    snooze_options,
)
from checkback.core.resolutions import ResolutionKind

BERLIN = ZoneInfo("Europe/Berlin")
HOURS = WorkingHours(zone=BERLIN)
RULES = FollowUpRules(hours=HOURS)


def at(day: int, hour: int, minute: int = 0, month: int = 11, zone=BERLIN) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=zone)


@pytest.mark.parametrize(("resolved", "due"), [
    (at(23, 10), at(24, 10)),            # Monday 10:00 -> Tuesday 10:00
    (at(23, 16, 30), at(24, 16, 30)),    # still inside the day
    (at(23, 18), at(25, 9)),             # Tuesday 18:00 is after hours -> Wednesday 9:00
    (at(27, 11), at(30, 9)),             # Friday -> Saturday 11:00 -> Monday 9:00
    (at(28, 3), at(30, 9)),              # Saturday night -> Monday morning
    (at(22, 23, 59), at(24, 9)),         # Sunday 23:59 -> Monday 23:59 -> Tuesday 9:00
])
def test_quick_resolutions_are_followed_up_a_day_later_in_working_hours(resolved, due):
    for kind in (ResolutionKind.INSTANT_FIX, ResolutionKind.CREDIT, ResolutionKind.CALLBACK):
        plan = plan_follow_up(kind, "chat", "", resolved, RULES)
        assert plan is not None and plan.due == due


def test_due_times_are_worked_out_in_the_agents_zone():
    new_york = WorkingHours(zone=ZoneInfo("America/New_York"))
    resolved = dt.datetime(2026, 11, 23, 20, tzinfo=dt.UTC)  # 15:00 in New York, Monday
    plan = plan_follow_up(ResolutionKind.CALLBACK, "chat", "", resolved,
                          FollowUpRules(hours=new_york))
    assert plan.due == dt.datetime(2026, 11, 24, 15, tzinfo=ZoneInfo("America/New_York"))
    assert plan.due.astimezone(dt.UTC).hour == 20


def test_daylight_saving_change_keeps_the_local_working_hours():
    # Berlin leaves summer time on Sunday 25 October 2026.
    resolved = at(23, 16, 30, month=10)  # Friday
    plan = plan_follow_up(ResolutionKind.INSTANT_FIX, "chat", "", resolved, RULES)
    assert plan.due == at(26, 9, month=10)
    assert plan.due.utcoffset() == dt.timedelta(hours=1)


def test_deliveries_wait_for_arrival_then_a_day():
    for kind in (ResolutionKind.EXCHANGE, ResolutionKind.REPLACEMENT, ResolutionKind.REFUND):
        waiting = plan_follow_up(kind, "chat", "", at(23, 10), RULES)
        assert waiting.due is None
        arriving = plan_follow_up(kind, "chat", "", at(23, 10), RULES, dt.date(2026, 11, 26))
        assert arriving.due == at(27, 9)
    friday = plan_follow_up(ResolutionKind.EXCHANGE, "chat", "", at(23, 10), RULES,
                            dt.date(2026, 11, 27))
    assert friday.due == at(30, 9)


def test_an_arrival_in_the_past_is_followed_up_now_or_when_work_begins():
    assert due_after_arrival(dt.date(2026, 11, 2), at(23, 10), RULES) == at(23, 10)
    assert due_after_arrival(dt.date(2026, 11, 2), at(23, 20), RULES) == at(24, 9)


def test_the_days_after_arrival_are_a_setting():
    two_days = FollowUpRules(hours=HOURS, days_after_arrival=2)
    assert due_after_arrival(dt.date(2026, 11, 24), at(23, 10), two_days) == at(26, 9)


def test_escalations_and_no_resolution_are_followed_up_too():
    # The customer must hear that what was promised happened, an escalation above all.
    for kind in (ResolutionKind.ESCALATED, ResolutionKind.NO_RESOLUTION):
        assert plan_follow_up(kind, "phone", "", at(23, 10), RULES) == Plan(at(24, 10),
                                                                         ("phone",))


@pytest.mark.parametrize(("channel", "contact", "channels"), [
    ("phone", "dana@example.com", ("email",)),
    ("phone", "+49 30 1234567", ("phone",)),
    ("phone", "", ("phone",)),
    ("email", "+49 30 1234567", ("email", "phone")),
    ("email", "dana@example.com", ("email",)),
    ("chat", "", ("email",)),
    ("chat", "(030) 555-0142", ("email",)),
])
def test_the_channel_switches(channel, contact, channels):
    assert follow_up_channels(channel, contact) == channels


def test_other_working_days_and_hours_are_honoured():
    weekend_shift = WorkingHours(days=frozenset({5, 6}), start=dt.time(10), end=dt.time(14),
                                 zone=BERLIN)
    assert weekend_shift.next_open(at(23, 12)) == at(28, 10)
    assert weekend_shift.next_open(at(28, 13, 59)) == at(28, 13, 59)
    assert weekend_shift.next_open(at(28, 14)) == at(29, 10)
    never = WorkingHours(days=frozenset(), zone=BERLIN)
    assert never.next_open(at(23, 3)) == at(23, 3)


def test_the_queue_groups():
    now = at(24, 11)
    assert group_of(None, now, BERLIN) == Group.WAITING
    assert group_of(at(24, 10), now, BERLIN) == Group.OVERDUE
    assert group_of(at(24, 11), now, BERLIN) == Group.OVERDUE
    assert group_of(at(24, 16), now, BERLIN) == Group.TODAY
    assert group_of(at(25, 0, 30), now, BERLIN) == Group.UPCOMING
    late_evening = at(24, 23, 30)
    assert group_of(at(25, 0, 10), late_evening, BERLIN) == Group.UPCOMING


def test_snoozing_offers_an_hour_and_tomorrow_morning():
    options = snooze_options(at(27, 16, 30), HOURS)  # a Friday afternoon
    assert options == {"1 hour": at(27, 17, 30), "Tomorrow morning": at(30, 9)}


def test_due_times_read_as_the_agent_says_them():
    from checkback.core.follow_ups import when_text

    now = at(23, 10)
    assert when_text(at(23, 14), now, BERLIN) == "today 14:00"
    assert when_text(at(24, 9), now, BERLIN) == "tomorrow 09:00"
    assert when_text(at(22, 16, 30), now, BERLIN) == "yesterday 16:30"
    assert when_text(at(26, 9), now, BERLIN) == "Thu 26 Nov 09:00"
    assert when_text(at(5, 9, month=1).replace(year=2027), now, BERLIN) == "Tue 5 Jan 2027 09:00"
    utc_late = dt.datetime(2026, 11, 23, 23, 30, tzinfo=dt.UTC)  # 00:30 on the 24th in Berlin
    assert when_text(utc_late, now, BERLIN) == "tomorrow 00:30"


def test_the_contact_field_gives_the_address_or_the_number():
    from checkback.core.follow_ups import contact_email, contact_phone

    assert contact_email("Dana <dana@example.com>") == "dana@example.com"
    assert contact_email("+44 20 7946 0000") == ""
    assert contact_phone(" +44 (20) 7946-0000 ") == "+44 (20) 7946-0000"
    assert contact_phone("dana@example.com") == ""


def test_a_reminder_says_who_and_why():
    from checkback.core.follow_ups import FollowUp, reminder_text

    def item(name: str, ticket: str = "") -> FollowUp:
        return FollowUp(1, 1, at(23, 9), ("email", "phone"), None, "pending", ticket, "",
                        name, "email", "", "Delivery", "Parcel late", "Reshipped",
                        "instant_fix", at(22, 9))

    assert reminder_text([item("Dana Reyes", "4411")], False) == (
        "Follow up with Dana Reyes (#4411)", "Parcel late. By e-mail and phone call.")
    assert "while Checkback was closed" in reminder_text([item("Dana")], True)[1]
    many = [item(name) for name in ("A", "B", "C", "D", "E")]
    assert reminder_text(many, True) == (
        "5 follow-ups fell due while Checkback was closed", "A, B, C and 2 more.")
    assert reminder_text(many[:2], False) == ("2 follow-ups are due", "A, B.")


def test_a_wait_is_never_cut_short_by_rounding_to_the_minute():
    resolved = at(23, 10, 14) + dt.timedelta(seconds=30)
    plan = plan_follow_up(ResolutionKind.CREDIT, "chat", "", resolved, RULES)
    assert plan.due == at(24, 10, 15)
