"""Resolving offers an internal note, stored first and posted once by the outbox, whatever
the helpdesk does meanwhile."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from checkback.core.helpdesk import Account, HelpdeskKind, with_marker
from checkback.integrations.adapters import post_once
from checkback.settings import POST_NOTES, store_helpdesk_accounts
from checkback.storage.outbox import FAILED, POSTED, QUEUED, due_notes, notes_of_resolution
from tests.gui.helpdesk.conftest import resolve, start_on_ticket

POSTED_MS = 5_000


def test_resolving_posts_an_internal_note_the_agent_saw_first(qtbot, desk, desk_actions,
                                                              sender, freshdesk_api) -> None:
    start_on_ticket(qtbot, desk_actions, f"{freshdesk_api.url}/a/tickets/48213")
    desk_actions.resolve()
    dialog = desk_actions.resolve_dialog
    assert dialog.post_note.isChecked() and dialog.note.isVisible()
    assert "ticket #48213 in Freshdesk" in dialog.post_note.text()
    assert dialog.problem.text() == "Parcel never arrived, refund please"
    qtbot.keyClicks(dialog.resolution, "Refunded")
    assert "What we did: Refunded" in dialog.note.toPlainText()
    dialog.reject()

    resolution_id = resolve(qtbot, desk_actions, note_edit=" Customer was kind.")

    qtbot.waitUntil(lambda: len(freshdesk_api.notes(48213)) == 1, timeout=POSTED_MS)
    note = freshdesk_api.notes(48213)[0]
    assert note["private"] is True
    assert "What we did: Refunded the parcel in full." in note["body_text"]
    assert "Customer was kind." in note["body_text"]
    assert "Follow-up: by e-mail on" in note["body_text"]
    qtbot.waitUntil(lambda: notes_of_resolution(desk.reader, resolution_id)[0].state == POSTED,
                    timeout=POSTED_MS)
    stored = notes_of_resolution(desk.reader, resolution_id)[0]
    assert stored.marker in note["body_text"] and stored.attempts == 1


def test_not_posting_is_remembered(qtbot, desk, desk_actions, sender, freshdesk_api) -> None:
    start_on_ticket(qtbot, desk_actions, f"{freshdesk_api.url}/a/tickets/48213")

    resolution_id = resolve(qtbot, desk_actions, post=False)

    assert notes_of_resolution(desk.reader, resolution_id) == []
    assert desk.settings.get(POST_NOTES) is False
    start_on_ticket(qtbot, desk_actions, f"{freshdesk_api.url}/a/tickets/48213")
    desk_actions.resolve()
    assert not desk_actions.resolve_dialog.post_note.isChecked()
    assert not desk_actions.resolve_dialog.note.isVisible()


def test_a_conversation_without_a_ticket_offers_no_note(qtbot, desk, desk_actions) -> None:
    desk_actions.new_conversation()
    qtbot.keyClicks(desk_actions.new_dialog.name, "Walk-in customer")
    qtbot.keyClick(desk_actions.new_dialog.name, Qt.Key.Key_Return)

    desk_actions.resolve()

    assert desk_actions.resolve_dialog.post_note.isHidden()


def test_a_helpdesk_that_is_down_gets_the_note_once_it_is_back(qtbot, desk, desk_actions,
                                                               sender, freshdesk_api) -> None:
    start_on_ticket(qtbot, desk_actions, f"{freshdesk_api.url}/a/tickets/48213")
    freshdesk_api.fail_next(503, count=3)
    attempts: list[object] = []
    sender.attempted.connect(attempts.append)

    resolution_id = resolve(qtbot, desk_actions)

    qtbot.waitUntil(lambda: bool(attempts), timeout=POSTED_MS)
    waiting = notes_of_resolution(desk.reader, resolution_id)[0]
    assert (waiting.state, waiting.attempts) == (QUEUED, 1)
    assert "problem of its own (503)" in waiting.problem
    assert waiting.next_try_at - desk.now() > dt.timedelta(seconds=10)
    assert freshdesk_api.notes(48213) == []
    for _ in range(3):  # each time its wait is over
        later = waiting.next_try_at + dt.timedelta(seconds=1)
        desk.clock = lambda later=later: later
        sender.send_due()
        before = waiting.attempts
        qtbot.waitUntil(lambda before=before: notes_of_resolution(
            desk.reader, resolution_id)[0].attempts > before, timeout=POSTED_MS)
        waiting = notes_of_resolution(desk.reader, resolution_id)[0]
    assert waiting.state == POSTED and len(freshdesk_api.notes(48213)) == 1


def test_a_429_waits_as_long_as_the_helpdesk_asks(qtbot, desk, desk_actions, sender,
                                                  freshdesk_api) -> None:
    start_on_ticket(qtbot, desk_actions, f"{freshdesk_api.url}/a/tickets/48213")
    freshdesk_api.fail_next(429, retry_after=42)
    resolved_at = desk.now()

    resolution_id = resolve(qtbot, desk_actions)

    qtbot.waitUntil(lambda: notes_of_resolution(desk.reader, resolution_id)[0].attempts == 1,
                    timeout=POSTED_MS)
    waiting = notes_of_resolution(desk.reader, resolution_id)[0]
    assert dt.timedelta(seconds=41) < waiting.next_try_at - resolved_at < dt.timedelta(
        seconds=50)
    assert due_notes(desk.reader, resolved_at + dt.timedelta(seconds=30)) == []


def test_a_reply_lost_after_posting_never_makes_a_second_note(qtbot, desk, sender, account,
                                                              freshdesk_api) -> None:
    from checkback.storage.outbox import queue_note
    from checkback.ui.session import Change

    now = desk.now()
    note_id = desk.write(Change.NONE, lambda conn: queue_note(conn, account, "48213",
                                                              "Refunded.", now))
    marker = desk.reader.execute("SELECT marker FROM outbox WHERE id = ?",
                                 (note_id,)).fetchone()[0]
    # The first attempt reached Freshdesk, but Checkback quit before storing that it did.
    post_once(account, freshdesk_api.api_key, "48213", with_marker("Refunded.", marker),
              marker)

    sender.send_due()

    qtbot.waitUntil(lambda: desk.reader.execute("SELECT state FROM outbox WHERE id = ?",
                                                (note_id,)).fetchone()[0] == POSTED,
                    timeout=POSTED_MS)
    assert len(freshdesk_api.notes(48213)) == 1
    assert [r[0] for r in freshdesk_api.requests][-1] == "GET"  # looked, did not post


def test_a_refused_token_waits_for_the_agent_then_goes_when_a_new_one_is_stored(
        qtbot, desk, desk_actions, sender, account, freshdesk_api) -> None:
    start_on_ticket(qtbot, desk_actions, f"{freshdesk_api.url}/a/tickets/48213")
    desk.tokens.store(account, "revoked-key")

    resolution_id = resolve(qtbot, desk_actions)

    qtbot.waitUntil(lambda: notes_of_resolution(desk.reader, resolution_id)[0].state == FAILED,
                    timeout=POSTED_MS)
    assert "refused the token (401)" in notes_of_resolution(desk.reader,
                                                            resolution_id)[0].problem
    desk.tokens.store(account, freshdesk_api.api_key)
    sender.token_stored(account)
    qtbot.waitUntil(lambda: len(freshdesk_api.notes(48213)) == 1, timeout=POSTED_MS)
    qtbot.waitUntil(lambda: notes_of_resolution(desk.reader, resolution_id)[0].state == POSTED,
                    timeout=POSTED_MS)


def test_a_note_queued_before_a_restart_is_sent_by_the_next_start(qtbot, desk, reopen,
                                                                  account, freshdesk_api):
    from checkback.storage.outbox import queue_note
    from checkback.ui.helpdesk.outbox import OutboxSender
    from checkback.ui.session import Change

    now = desk.now()
    desk.write(Change.NONE, lambda conn: queue_note(conn, account, "48213", "Refunded.", now))
    desk.close()

    later = reopen()
    OutboxSender(later)

    qtbot.waitUntil(lambda: len(freshdesk_api.notes(48213)) == 1, timeout=POSTED_MS)


@pytest.mark.zendesk
def test_the_same_flow_against_zendesks_api_description(qtbot, desk, desk_actions, sender,
                                                        zendesk_api, account) -> None:
    zendesk = Account(HelpdeskKind.ZENDESK, zendesk_api.url, zendesk_api.email)
    store_helpdesk_accounts(desk.settings, [account, zendesk])
    desk.tokens.store(zendesk, zendesk_api.api_token)
    seen_before = len(zendesk_api.log())
    start_on_ticket(qtbot, desk_actions, f"{zendesk_api.url}/agent/tickets/48213")
    assert desk_actions.panel.conversation.customer.contact == "dana@example.com"

    resolution_id = resolve(qtbot, desk_actions)

    qtbot.waitUntil(lambda: notes_of_resolution(desk.reader, resolution_id)[0].state == POSTED,
                    timeout=POSTED_MS)
    assert "did not pass the validation" not in zendesk_api.log()[seen_before:]


def test_a_result_kept_while_the_database_is_locked_is_not_sent_again(
        qtbot, desk, desk_actions, sender, freshdesk_api, locked) -> None:
    lock, release = locked
    start_on_ticket(qtbot, desk_actions, f"{freshdesk_api.url}/a/tickets/48213")
    resolution_id = resolve(qtbot, desk_actions)
    lock()  # before the attempt's result comes back
    attempts: list[object] = []
    sender.attempted.connect(attempts.append)
    qtbot.waitUntil(lambda: bool(attempts), timeout=POSTED_MS)
    assert desk.is_kept(("outbox", notes_of_resolution(desk.reader, resolution_id)[0].note_id))

    sender.send_due()  # as the timer does meanwhile
    qtbot.wait(300)
    release()
    desk.retry()

    qtbot.waitUntil(lambda: notes_of_resolution(desk.reader, resolution_id)[0].state == POSTED,
                    timeout=POSTED_MS)
    assert len(freshdesk_api.notes(48213)) == 1 and len(attempts) == 1
