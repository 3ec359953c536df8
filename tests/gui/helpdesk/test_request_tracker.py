"""The whole flow against a real Request Tracker 5: a pasted ticket link fills the
conversation; resolving posts a comment the requestor never sees, exactly once, through an
outage, a 429 and a reply lost on the way back."""

from __future__ import annotations

import datetime as dt

import pytest

from checkback.core.helpdesk import Account, HelpdeskKind
from checkback.settings import AGENT_NAME, store_helpdesk_accounts
from checkback.storage.outbox import POSTED, QUEUED, notes_of_resolution
from checkback.ui.checklist.actions import ConversationActions
from checkback.ui.checklist.panel import ChecklistPanel
from checkback.ui.helpdesk.outbox import OutboxSender
from tests.gui.helpdesk.conftest import resolve, start_on_ticket

pytestmark = pytest.mark.rt
DANA = "dana@example.com"
WAIT_MS = 10_000
EXPRESS = "Sent a replacement by express"


@pytest.fixture
def rt_desk(shipped, keychain):
    """Connects a Session on the shipped content to ``base_url`` (RT, or the proxy)."""
    def connect(base_url: str, token: str):
        shipped.settings.set(AGENT_NAME, "Sam Lee")
        account = Account(HelpdeskKind.REQUEST_TRACKER, base_url)
        store_helpdesk_accounts(shipped.settings, [account])
        shipped.tokens.store(account, token)
        return shipped
    return connect


@pytest.fixture
def rt_actions(show, rt_desk, rt_server):
    desk = rt_desk(rt_server.url, rt_server.token)
    return ConversationActions(show(ChecklistPanel(desk)))


def comments(rt_server, number: int) -> list[dict]:
    return [t for t in rt_server.history(number) if t["Type"] == "Comment"]


def note_state(desk, resolution_id: int):
    return notes_of_resolution(desk.reader, resolution_id)[0]


def test_a_pasted_link_fills_and_resolving_posts_an_internal_comment(qtbot, rt_actions,
                                                                     rt_server) -> None:
    number = rt_server.create_ticket("Parcel never arrived", "Order 1001.", channel="chat")
    mails_before = len(rt_server.mail_to(DANA))
    desk = rt_actions.panel.session
    OutboxSender(desk)

    start_on_ticket(qtbot, rt_actions, f"{rt_server.url}/Ticket/Display.html?id={number}")

    customer = rt_actions.panel.conversation.customer
    assert (customer.ticket, customer.contact, customer.channel) == (str(number), DANA, "chat")
    resolution_id = resolve(qtbot, rt_actions, EXPRESS, kind="replacement")
    qtbot.waitUntil(lambda: note_state(desk, resolution_id).state == POSTED, timeout=WAIT_MS)
    [comment] = comments(rt_server, number)
    assert "What we did: Sent a replacement by express" in comment["Content"]
    assert note_state(desk, resolution_id).marker in comment["Content"]
    assert not rt_server.requestor_can_see(comment["id"])
    assert len(rt_server.mail_to(DANA)) == mails_before


def test_a_note_queued_while_rt_is_down_is_posted_once_when_it_is_back(qtbot, rt_actions,
                                                                       rt_server) -> None:
    number = rt_server.create_ticket("Late parcel", "Still waiting.")
    desk = rt_actions.panel.session
    start_on_ticket(qtbot, rt_actions, f"{rt_server.url}/Ticket/Display.html?id={number}")
    sender = OutboxSender(desk)
    attempts: list[object] = []
    sender.attempted.connect(attempts.append)
    rt_server.stop()
    try:
        resolution_id = resolve(qtbot, rt_actions, EXPRESS, kind="replacement")
        qtbot.waitUntil(lambda: len(attempts) == 1, timeout=WAIT_MS)
        waiting = note_state(desk, resolution_id)
        assert (waiting.state, waiting.attempts) == (QUEUED, 1)
        assert "could not be reached" in waiting.problem
    finally:
        rt_server.start()
    later = waiting.next_try_at + dt.timedelta(seconds=1)
    desk.clock = lambda: later

    sender.send_due()

    qtbot.waitUntil(lambda: note_state(desk, resolution_id).state == POSTED, timeout=WAIT_MS)
    assert len(comments(rt_server, number)) == 1


def test_a_429_from_in_front_of_rt_is_waited_out(qtbot, show, rt_desk, rt_server,
                                                 rt_proxy) -> None:
    desk = rt_desk(rt_proxy.url, rt_server.token)
    actions = ConversationActions(show(ChecklistPanel(desk)))
    number = rt_server.create_ticket("Refund", "Please refund.")
    start_on_ticket(qtbot, actions, f"{rt_proxy.url}/Ticket/Display.html?id={number}")
    sender = OutboxSender(desk)
    rt_proxy.fail_next(429, retry_after=30)
    asked_at = desk.now()

    resolution_id = resolve(qtbot, actions, kind="replacement")

    qtbot.waitUntil(lambda: note_state(desk, resolution_id).attempts == 1, timeout=WAIT_MS)
    waiting = note_state(desk, resolution_id)
    assert waiting.state == QUEUED and "slow down (429)" in waiting.problem
    assert dt.timedelta(seconds=29) < waiting.next_try_at - asked_at < dt.timedelta(seconds=40)
    desk.clock = lambda: asked_at + dt.timedelta(seconds=15)
    sender.send_due()
    assert comments(rt_server, number) == []  # not before its time
    desk.clock = lambda: waiting.next_try_at + dt.timedelta(seconds=1)
    sender.send_due()
    qtbot.waitUntil(lambda: note_state(desk, resolution_id).state == POSTED, timeout=WAIT_MS)
    assert len(comments(rt_server, number)) == 1


def test_a_reply_lost_on_the_way_back_never_makes_a_second_comment(qtbot, show, rt_desk,
                                                                   rt_server, rt_proxy) -> None:
    desk = rt_desk(rt_proxy.url, rt_server.token)
    actions = ConversationActions(show(ChecklistPanel(desk)))
    number = rt_server.create_ticket("Damaged", "Arrived broken.")
    start_on_ticket(qtbot, actions, f"{rt_proxy.url}/Ticket/Display.html?id={number}")
    sender = OutboxSender(desk)
    rt_proxy.drop_response_next("POST")

    resolution_id = resolve(qtbot, actions, kind="replacement")

    qtbot.waitUntil(lambda: note_state(desk, resolution_id).attempts == 1, timeout=WAIT_MS)
    assert note_state(desk, resolution_id).state == QUEUED
    assert len(comments(rt_server, number)) == 1  # RT took it; the answer was lost
    desk.clock = lambda: note_state(desk, resolution_id).next_try_at + dt.timedelta(seconds=1)
    sender.send_due()
    qtbot.waitUntil(lambda: note_state(desk, resolution_id).state == POSTED, timeout=WAIT_MS)
    assert len(comments(rt_server, number)) == 1
