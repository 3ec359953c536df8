"""The Request Tracker fixture itself: a real RT 5 answering REST2, sending mail to an mbox,
surviving a restart, and the fault proxy in front of it. Standard library only."""

from __future__ import annotations

import pytest

from tests.servers.rt import FaultProxy, RTServer

pytestmark = pytest.mark.rt

DANA = "dana@example.com"


def transaction_id(location: str) -> int:
    """The id at the end of a Location header such as ``/REST/2.0/transaction/35``."""
    return int(location.rstrip("/").rsplit("/", 1)[1])


def test_a_ticket_names_its_requestor_through_the_user_link(rt_server: RTServer):
    ticket_id = rt_server.create_ticket("Refund for order 1001", "My parcel never arrived.",
                                        channel="chat", tags=("refund", "late"))

    ticket = rt_server.request("GET", f"/ticket/{ticket_id}").json()
    [requestor] = ticket["Requestor"]
    user = rt_server.request("GET", requestor["_url"]).json()

    assert ticket["Subject"] == "Refund for order 1001"
    assert requestor["id"] == DANA
    assert (user["RealName"], user["EmailAddress"]) == ("Dana Whitfield", DANA)
    assert user["WorkPhone"] and user["MobilePhone"]
    fields = {cf["name"]: sorted(cf["values"]) for cf in ticket["CustomFields"]}
    assert fields == {"Channel": ["chat"], "Tags": ["late", "refund"]}


def test_a_comment_is_internal_unseen_by_the_requestor_and_not_mailed(rt_server: RTServer):
    ticket_id = rt_server.create_ticket("Where is my parcel?", "It is late.")
    mails_before = len(rt_server.mail_to(DANA))

    answer = rt_server.request("POST", f"/ticket/{ticket_id}/comment",
                               "Internal: the courier lost it.")

    assert answer.status == 201
    assert answer.json() == ["Comments added"]
    note_id = transaction_id(answer.headers["Location"])
    [comment] = [t for t in rt_server.history(ticket_id) if t["Type"] == "Comment"]
    assert comment["id"] == note_id
    assert comment["Content"] == "Internal: the courier lost it."
    assert not rt_server.requestor_can_see(note_id)
    assert len(rt_server.mail_to(DANA)) == mails_before


def test_a_reply_is_public_seen_by_the_requestor_and_mailed_to_her(rt_server: RTServer):
    ticket_id = rt_server.create_ticket("Wrong size", "The shoes are too small.")
    mails_before = len(rt_server.mail_to(DANA))

    answer = rt_server.request("POST", f"/ticket/{ticket_id}/correspond",
                               {"Content": "We are sending a new pair.",
                                "ContentType": "text/plain"})

    assert answer.status == 201
    assert answer.json() == ["Correspondence added"]
    reply_id = transaction_id(answer.headers["Location"])
    assert rt_server.requestor_can_see(reply_id)
    mails = rt_server.mail_to(DANA)
    assert len(mails) == mails_before + 1
    assert sum("We are sending a new pair." in mail for mail in mails) == 1


def test_the_server_answers_again_after_stop_and_start(rt_server: RTServer):
    ticket_id = rt_server.create_ticket("Before the restart", "Still there afterwards?")

    rt_server.stop()
    with pytest.raises(OSError):
        rt_server.request("GET", "/rt")
    rt_server.start()

    assert rt_server.request("GET", f"/ticket/{ticket_id}").status == 200


def test_the_proxy_answers_429_once_then_forwards(rt_server: RTServer, rt_proxy: FaultProxy):
    rt_proxy.fail_next(429, retry_after=1)

    first = rt_server.request("GET", rt_proxy.url + "/REST/2.0/rt")
    second = rt_server.request("GET", rt_proxy.url + "/REST/2.0/rt")

    assert (first.status, first.headers["Retry-After"]) == (429, "1")
    assert second.status == 200
    assert "Version" in second.json()
    assert [(method, path) for method, path, _ in rt_proxy.requests] == [
        ("GET", "/REST/2.0/rt"), ("GET", "/REST/2.0/rt")]


def test_a_dropped_reply_loses_the_answer_but_rt_acted(rt_server: RTServer,
                                                      rt_proxy: FaultProxy):
    ticket_id = rt_server.create_ticket("Dropped reply", "Is the note there?")
    rt_proxy.drop_response_next()

    with pytest.raises(OSError):
        rt_server.request("POST", f"{rt_proxy.url}/REST/2.0/ticket/{ticket_id}/comment",
                          "Sent once, answer lost.")

    notes = [t["Content"] for t in rt_server.history(ticket_id) if t["Type"] == "Comment"]
    assert notes == ["Sent once, answer lost."]
