"""What the log and the follow-up queue do with notes for the helpdesk: show each one's
state, send one again, post a short note when a follow-up is done."""

from __future__ import annotations

import datetime as dt

from checkback.core.conversation import Customer
from checkback.core.follow_ups import Plan, Result
from checkback.core.resolutions import Outcome, ResolutionForm, ResolutionKind
from checkback.settings import POST_FOLLOW_UP_NOTES
from checkback.storage.conversations import insert_resolution
from checkback.storage.outbox import (
    POSTED,
    notes_of_resolution,
    queue_note,
    record_attempt,
    record_failed,
)
from checkback.ui.follow_ups.panel import FollowUpPanel
from checkback.ui.log.panel import LogPanel
from checkback.ui.session import Change

POSTED_MS = 5_000
FORM = ResolutionForm("Parcel lost", "Refunded", ResolutionKind.REFUND, Outcome.SATISFIED)


def record(desk, freshdesk_api, plan: Plan | None = None) -> int:
    customer = Customer(ticket="48213", ticket_url=f"{freshdesk_api.url}/a/tickets/48213",
                        name="Dana Whitfield", contact="dana@example.com", channel="email")
    return desk.write(Change.RESOLUTIONS | Change.FOLLOW_UPS,
                      lambda conn: insert_resolution(conn, customer, FORM,
                                                     desk.now() - dt.timedelta(hours=30), plan))


def test_the_log_shows_each_notes_state_and_sends_a_failed_one_again(
        qtbot, show, desk, account, sender, freshdesk_api) -> None:
    resolution_id = record(desk, freshdesk_api)
    now = desk.now()

    def queue_three(conn):
        waiting = queue_note(conn, account, "48213", "What was wrong: late", now,
                             resolution_id=resolution_id)
        record_attempt(conn, waiting, "The helpdesk could not be reached.", now, 600)
        failed = queue_note(conn, account, "48213", "Second note", now,
                            resolution_id=resolution_id)
        record_failed(conn, failed, "The helpdesk refused the token (401).")
        return failed

    desk.write(Change.NOTES, queue_three)
    log = show(LogPanel(desk))

    detail = log.detail.toPlainText()
    assert "Notes to the helpdesk" in detail
    assert "To #48213 in Freshdesk (What was wrong: late…): waiting, next try" in detail
    assert "not posted: The helpdesk refused the token (401). Then choose More → Retry" in detail
    assert log.retry_note_action.isEnabled()

    log.retry_note_action.trigger()

    qtbot.waitUntil(lambda: len(freshdesk_api.notes(48213)) == 2, timeout=POSTED_MS)
    qtbot.waitUntil(lambda: all(n.state == POSTED for n in
                                notes_of_resolution(desk.reader, resolution_id)),
                    timeout=POSTED_MS)
    qtbot.waitUntil(lambda: log.detail.toPlainText().count(": posted") == 2, timeout=POSTED_MS)
    assert not log.retry_note_action.isEnabled()


def test_a_follow_up_marked_done_posts_a_short_note(qtbot, desk, sender,
                                                    freshdesk_api) -> None:
    record(desk, freshdesk_api, Plan(desk.now() - dt.timedelta(hours=1), ("phone",)))
    panel = FollowUpPanel(desk)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.current is not None

    panel.mark_done(Result.SATISFIED)

    qtbot.waitUntil(lambda: len(freshdesk_api.notes(48213)) == 1, timeout=POSTED_MS)
    body = freshdesk_api.notes(48213)[0]["body_text"]
    assert body.startswith("Followed up by phone on ") and ": Satisfied" in body
    assert freshdesk_api.notes(48213)[0]["private"] is True


def test_no_follow_up_note_when_the_agent_turned_them_off(qtbot, desk, sender,
                                                         freshdesk_api) -> None:
    desk.settings.set(POST_FOLLOW_UP_NOTES, False)
    resolution_id = record(desk, freshdesk_api, Plan(desk.now(), ("email",)))
    panel = FollowUpPanel(desk)
    qtbot.addWidget(panel)

    panel.mark_done(Result.NO_ANSWER)

    assert notes_of_resolution(desk.reader, resolution_id) == []
