"""The Request Tracker adapter against a real RT 5: the ticket read with its requestor, and
notes that are comments (internal, never mailed), found again by their marker."""

from __future__ import annotations

import pytest

from checkback.core.helpdesk import Account, HelpdeskKind
from checkback.integrations.adapters import post_once, read_ticket, who_am_i
from checkback.integrations.errors import HelpdeskError, Problem

pytestmark = pytest.mark.rt
DANA = "dana@example.com"


def account(rt_server) -> Account:
    return Account(HelpdeskKind.REQUEST_TRACKER, rt_server.url)


def test_the_ticket_comes_with_its_requestor_channel_and_tags(rt_server) -> None:
    number = rt_server.create_ticket("Parcel never arrived", "Order 1001 is late.",
                                     channel="chat", tags=("refund", "late"))

    details = read_ticket(account(rt_server), rt_server.token, str(number))

    assert (details.subject, details.name, details.email) == (
        "Parcel never arrived", "Dana Whitfield", DANA)
    assert details.phone == "+49 151 7654321"
    assert (details.channel, sorted(details.tags), details.status) == (
        "chat", ["late", "refund"], "new")


def test_a_note_is_a_comment_the_requestor_cannot_see_and_is_not_mailed(rt_server) -> None:
    number = rt_server.create_ticket("Wrong size", "Too small.")
    mails_before = len(rt_server.mail_to(DANA))
    marker = "[checkback-note test-1]"

    posted = post_once(account(rt_server), rt_server.token, str(number),
                       f"What we did: sent a new pair\n\n{marker}", marker)

    [comment] = [t for t in rt_server.history(number) if t["Type"] == "Comment"]
    assert posted and marker in comment["Content"]
    assert "What we did: sent a new pair" in comment["Content"]
    assert [t["Type"] for t in rt_server.history(number)].count("Correspond") == 0
    assert not rt_server.requestor_can_see(comment["id"])
    assert len(rt_server.mail_to(DANA)) == mails_before


def test_a_second_attempt_finds_the_note_and_posts_nothing(rt_server) -> None:
    number = rt_server.create_ticket("Late parcel", "Still waiting.")
    marker = "[checkback-note test-2]"
    post_once(account(rt_server), rt_server.token, str(number), f"Note\n\n{marker}", marker)

    again = post_once(account(rt_server), rt_server.token, str(number), f"Note\n\n{marker}",
                      marker)

    assert again is False
    assert [t["Type"] for t in rt_server.history(number)].count("Comment") == 1


def test_test_connection_and_a_wrong_token(rt_server) -> None:
    assert who_am_i(account(rt_server), rt_server.token).startswith("Request Tracker 5")

    with pytest.raises(HelpdeskError) as caught:
        who_am_i(account(rt_server), "not-a-token")

    assert caught.value.problem is Problem.UNAUTHORIZED


def test_an_unknown_ticket_is_not_found(rt_server) -> None:
    with pytest.raises(HelpdeskError) as caught:
        read_ticket(account(rt_server), rt_server.token, "999999")

    assert caught.value.problem is Problem.NOT_FOUND
