import datetime as dt

from checkback.core.helpdesk import Account, HelpdeskKind
from checkback.storage.database import open_writer, transaction
from checkback.storage.outbox import (
    FAILED,
    POSTED,
    QUEUED,
    backoff_s,
    due_notes,
    next_try,
    note,
    notes_of_resolution,
    queue_note,
    record_attempt,
    record_failed,
    record_posted,
    retry_note,
)

NOW = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)
ACCOUNT = Account(HelpdeskKind.FRESHDESK, "https://acme.freshdesk.com")



def test_a_queued_note_is_due_now_and_carries_its_own_marker(fresh_db, db_path) -> None:
    conn = open_writer(db_path)
    with transaction(conn):
        first = queue_note(conn, ACCOUNT, "48213", "Refunded.", NOW, resolution_id=None)
        second = queue_note(conn, ACCOUNT, "48213", "Refunded again.", NOW)

    due = due_notes(conn, NOW)

    assert [n.note_id for n in due] == [first, second]
    assert due[0].account == ACCOUNT and due[0].state == QUEUED
    assert due[0].marker.startswith("[checkback-note ") and due[0].marker != due[1].marker


def test_a_failed_attempt_waits_longer_each_time_or_as_long_as_asked(fresh_db, db_path):
    conn = open_writer(db_path)
    note_id = queue_note(conn, ACCOUNT, "1", "Text", NOW)

    first = record_attempt(conn, note_id, "unreachable", NOW)
    second = record_attempt(conn, note_id, "unreachable", NOW)
    asked = record_attempt(conn, note_id, "429", NOW, wait_s=7)

    assert (first - NOW, second - NOW) == (dt.timedelta(seconds=15), dt.timedelta(seconds=30))
    assert asked - NOW == dt.timedelta(seconds=7)
    assert due_notes(conn, NOW) == []
    assert [n.note_id for n in due_notes(conn, asked)] == [note_id]
    assert note(conn, note_id).attempts == 3 and note(conn, note_id).problem == "429"
    assert next_try(conn) == asked
    assert backoff_s(20) == 3600


def test_posted_and_failed_notes_are_no_longer_due_until_retried(fresh_db, db_path) -> None:
    conn = open_writer(db_path)
    posted = queue_note(conn, ACCOUNT, "1", "A", NOW)
    failed = queue_note(conn, ACCOUNT, "2", "B", NOW)

    record_posted(conn, posted, NOW)
    record_failed(conn, failed, "401: check the token")

    assert due_notes(conn, NOW) == [] and next_try(conn) is None
    assert (note(conn, posted).state, note(conn, posted).posted_at) == (POSTED, NOW)
    assert note(conn, failed).state == FAILED
    retry_note(conn, failed, NOW)
    retry_note(conn, posted, NOW)
    assert [n.note_id for n in due_notes(conn, NOW)] == [failed]
    assert note(conn, posted).state == POSTED


def test_the_notes_of_a_resolution(fresh_db, db_path) -> None:
    conn = open_writer(db_path)
    conn.execute("INSERT INTO resolutions (id, kind, outcome, resolved_at)"
                 " VALUES (5, 'refund', 'satisfied', '2026-12-02')")
    queue_note(conn, ACCOUNT, "1", "On resolving", NOW, resolution_id=5)
    queue_note(conn, ACCOUNT, "1", "Elsewhere", NOW)

    assert [n.text for n in notes_of_resolution(conn, 5)] == ["On resolving"]


def test_a_note_of_a_helpdesk_this_version_does_not_know_reads_without_an_account(
        fresh_db, db_path) -> None:
    conn = open_writer(db_path)
    note_id = queue_note(conn, ACCOUNT, "1", "A", NOW)
    conn.execute("UPDATE outbox SET kind = 'zammad' WHERE id = ?", (note_id,))

    assert note(conn, note_id).account is None
