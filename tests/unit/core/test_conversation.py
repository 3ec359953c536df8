import datetime as dt

import pytest

from checkback.core.conversation import MAX_NOTE_CHARS, Conversation, Customer
from checkback.core.playbooks import Step

T0 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
STEPS = tuple(Step(key, key.title()) for key in ("plan", "hear", "ask", "offer", "check"))


@pytest.fixture
def conversation() -> Conversation:
    return Conversation.start(Customer(ticket="4411", name="Dana"), "five", "Five", STEPS, T0)


def test_a_new_conversation_starts_on_the_first_step_of_round_one(conversation):
    assert len(conversation.rounds) == 1
    assert conversation.current_step == 0
    assert conversation.open_steps() == ["Plan", "Hear", "Ask", "Offer", "Check"]


def test_checking_records_the_time_and_moves_to_the_next_open_step(conversation):
    conversation.check(0, T0 + dt.timedelta(minutes=1))
    assert conversation.step(0).checked_at == T0 + dt.timedelta(minutes=1)
    assert conversation.current_step == 1
    conversation.check(2, T0)
    assert conversation.current_step == 3
    conversation.check(3, T0)
    conversation.check(4, T0)
    assert conversation.current_step == 1  # wraps round to the step still open


def test_checking_twice_keeps_the_first_time(conversation):
    conversation.check(0, T0)
    conversation.check(0, T0 + dt.timedelta(hours=1))
    assert conversation.step(0).checked_at == T0


def test_uncheck_and_toggle(conversation):
    assert conversation.toggle(1, T0) is True
    assert conversation.toggle(1, T0) is False
    assert conversation.step(1).checked_at is None
    assert conversation.current_step == 1


def test_another_round_starts_fresh_and_keeps_the_earlier_one(conversation):
    for index in range(5):
        conversation.check(index, T0)
    conversation.set_note(2, "wants a refund")
    conversation.another_round()
    assert [r.number for r in conversation.rounds] == [1, 2]
    assert conversation.rounds[0].done == 5
    assert conversation.current_round.done == 0
    assert conversation.current_step == 0
    assert conversation.rounds[0].steps[2].note == "wants a refund"
    assert conversation.steps_done() == 5
    assert conversation.steps_total() == 10


def test_notes_text_names_round_and_step(conversation):
    conversation.set_note(1, " upset about the delay ")
    assert conversation.notes_text() == "Hear: upset about the delay"
    conversation.another_round()
    conversation.set_note(0, "second try")
    assert conversation.notes_text() == ("Round 1 · Hear: upset about the delay\n"
                                         "Round 2 · Plan: second try")


def test_a_huge_note_is_cut(conversation):
    conversation.set_note(0, "x" * (MAX_NOTE_CHARS * 2))
    assert len(conversation.step(0).note) == MAX_NOTE_CHARS


@pytest.mark.parametrize(("customer", "label"), [
    (Customer(ticket="4411", name="Dana"), "#4411 · Dana"),
    (Customer(name="Dana"), "Dana"),
    (Customer(ticket="4411"), "#4411"),
    (Customer(), "Conversation"),
])
def test_label(customer, label):
    assert customer.label == label
