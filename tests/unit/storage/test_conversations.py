import datetime as dt
import sqlite3

import pytest

from checkback.core.conversation import Conversation, Customer
from checkback.core.playbooks import Step
from checkback.core.resolutions import (
    IncompleteResolutionError,
    Outcome,
    ResolutionForm,
    ResolutionKind,
)
from checkback.storage.conversations import (
    close_conversation,
    load_resolution,
    open_conversations,
    resolve_conversation,
    save_customer,
    save_new_round,
    save_step,
    start_conversation,
)
from checkback.storage.database import open_writer

T0 = dt.datetime(2026, 11, 23, 9, 0, 0, 123456, tzinfo=dt.UTC)
STEPS = tuple(Step(key, key.title()) for key in ("plan", "hear", "ask", "offer", "check"))


@pytest.fixture
def writer(fresh_db, db_path):
    conn = open_writer(db_path)
    yield conn
    conn.close()


def new_conversation(writer: sqlite3.Connection, **customer: str) -> Conversation:
    customer.setdefault("ticket", "4411")
    conversation = Conversation.start(Customer(**customer), "five", "Five-Step Process",
                                      STEPS, T0)
    start_conversation(writer, conversation)
    return conversation


def test_an_open_conversation_comes_back_exactly_as_it_was(writer, db_path):
    conversation = new_conversation(writer, name="Dana Reyes", channel="phone",
                                    contact="+44 20 7946 0000", category="Delivery")
    conversation.check(0, T0 + dt.timedelta(minutes=1))
    save_step(writer, conversation, 0)
    conversation.set_note(1, "Upset: parcel late twice ✈ “again”")
    save_step(writer, conversation, 1)
    for index in range(5):
        conversation.check(index, T0 + dt.timedelta(minutes=2))
        save_step(writer, conversation, index)
    conversation.another_round()
    save_new_round(writer, conversation)
    conversation.check(2, T0 + dt.timedelta(minutes=3))
    save_step(writer, conversation, 2)
    writer.close()

    (restored,) = open_conversations(open_writer(db_path))
    assert restored == conversation


def test_only_open_conversations_are_restored_oldest_first(writer):
    first = new_conversation(writer, ticket="1")
    second = new_conversation(writer, ticket="2")
    third = new_conversation(writer, ticket="3")
    close_conversation(writer, second, T0)
    assert [c.customer.ticket for c in open_conversations(writer)] == ["1", "3"]
    assert first.conversation_id < third.conversation_id


def test_edited_details_are_saved(writer):
    conversation = new_conversation(writer, name="Dana")
    conversation.customer.category = "Refunds"
    conversation.customer.name = "Dana Reyes"
    save_customer(writer, conversation)
    (restored,) = open_conversations(writer)
    assert (restored.customer.name, restored.customer.category) == ("Dana Reyes", "Refunds")


def test_resolving_stores_the_record_and_closes_the_conversation(writer):
    conversation = new_conversation(writer, name="Dana", channel="email",
                                    contact="dana@example.com", category="Delivery")
    conversation.check(0, T0)
    conversation.set_note(0, "keep her")
    conversation.another_round()
    form = ResolutionForm("Late parcel", "Reshipped by express", ResolutionKind.REPLACEMENT,
                          Outcome.SATISFIED)
    ended = T0 + dt.timedelta(minutes=12)
    resolution_id = resolve_conversation(writer, conversation, form, ended)

    stored = load_resolution(writer, resolution_id)
    assert stored.conversation_id == conversation.conversation_id
    assert stored.customer == conversation.customer
    assert (stored.problem, stored.resolution, stored.kind, stored.outcome) == (
        "Late parcel", "Reshipped by express", "replacement", "satisfied")
    assert (stored.rounds, stored.steps_done, stored.steps_total) == (2, 1, 10)
    assert stored.notes == "Round 1 · Plan: keep her"
    assert (stored.started_at, stored.resolved_at) == (T0, ended)
    assert open_conversations(writer) == []
    status = writer.execute("SELECT status, closed_at FROM conversations").fetchone()
    assert status == ("resolved", ended.isoformat(timespec="microseconds"))


def test_a_resolution_without_outcome_is_not_saved(writer):
    conversation = new_conversation(writer)
    form = ResolutionForm("Late", "Nothing yet", ResolutionKind.NO_RESOLUTION, None)
    with pytest.raises(IncompleteResolutionError):
        resolve_conversation(writer, conversation, form, T0)
    assert writer.execute("SELECT count(*) FROM resolutions").fetchone()[0] == 0
    assert len(open_conversations(writer)) == 1


def test_the_database_refuses_a_resolution_row_without_outcome(writer):
    with pytest.raises(sqlite3.IntegrityError):
        writer.execute("INSERT INTO resolutions (kind, resolved_at) VALUES ('refund', 'now')")


def test_saving_an_unsaved_conversation_is_a_bug(writer):
    conversation = Conversation.start(Customer(name="X"), "five", "Five", STEPS, T0)
    with pytest.raises(ValueError, match="not been saved"):
        save_step(writer, conversation, 0)


def test_the_tickets_subject_is_kept_with_the_conversation(writer) -> None:
    from checkback.storage.conversations import open_conversations, save_customer

    conversation = Conversation.start(Customer(ticket="7", subject="Parcel never arrived"),
                                      "five", "Five", (Step("plan", "Plan"),), T0)
    start_conversation(writer, conversation)
    assert open_conversations(writer)[0].customer.subject == "Parcel never arrived"

    conversation.customer.subject = "Refund"
    save_customer(writer, conversation)

    assert open_conversations(writer)[0].customer.subject == "Refund"
