"""The servers the Zendesk and Freshdesk adapters are tested against answer as those APIs do.

Standard library only (urllib, json), so these tests say nothing about the adapters: they pin
down what Prism (serving tests/servers/zendesk.yaml) and the fake Freshdesk do with valid and
invalid requests.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from email.message import Message
from typing import Any

import pytest

from tests.servers.freshdesk_fake import FreshdeskFake
from tests.servers.helpdesk_fakes import ZendeskApi

TICKET = 48213


def call(method: str, url: str, *, body: Any = None, auth: str | None = None,
         content_type: str | None = "application/json",
         raw: bytes | None = None) -> tuple[int, Message, Any]:
    """One HTTP request; returns (status, headers, parsed JSON body or None)."""
    data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    request = urllib.request.Request(url, data=data, method=method)
    if auth is not None:
        request.add_header("Authorization", auth)
    if data is not None and content_type is not None:
        request.add_header("Content-Type", content_type)
    request.add_header("Accept", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status, headers, text = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        with error:
            status, headers, text = error.code, error.headers, error.read()
    return status, headers, (json.loads(text) if text else None)


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


# -- Zendesk, through Prism -------------------------------------------------------------------


def note_body(comment: dict[str, Any]) -> dict[str, Any]:
    return {"ticket": {"comment": comment}}


@pytest.mark.zendesk
def test_prism_answers_test_connection_with_the_agent(zendesk_api: ZendeskApi) -> None:
    status, _, body = call("GET", f"{zendesk_api.url}/api/v2/users/me.json",
                           auth=zendesk_api.authorization())
    assert status == 200, zendesk_api.log()
    assert body["user"]["role"] == "agent"
    assert body["user"]["id"] == 9001


@pytest.mark.zendesk
def test_prism_answers_a_ticket_with_the_users_sideload(zendesk_api: ZendeskApi) -> None:
    status, headers, body = call(
        "GET", f"{zendesk_api.url}/api/v2/tickets/{TICKET}.json?include=users",
        auth=zendesk_api.authorization())
    assert status == 200, zendesk_api.log()
    assert headers.get_content_type() == "application/json"
    ticket = body["ticket"]
    assert ticket["id"] == TICKET
    assert ticket["status"] == "open"
    assert ticket["tags"] == ["refund", "lost_parcel"]
    assert ticket["via"]["channel"] == "email"
    requester = next(user for user in body["users"] if user["id"] == ticket["requester_id"])
    assert requester == {**requester, "name": "Dana Whitfield", "email": "dana@example.com",
                         "phone": "+1 555 0100"}


@pytest.mark.zendesk
def test_prism_lists_comments(zendesk_api: ZendeskApi) -> None:
    status, _, body = call("GET", f"{zendesk_api.url}/api/v2/tickets/{TICKET}/comments.json",
                           auth=zendesk_api.authorization())
    assert status == 200, zendesk_api.log()
    assert {"id", "body", "public", "created_at"} <= set(body["comments"][0])


@pytest.mark.zendesk
def test_prism_accepts_an_internal_note(zendesk_api: ZendeskApi) -> None:
    status, _, body = call("PUT", f"{zendesk_api.url}/api/v2/tickets/{TICKET}.json",
                           body=note_body({"body": "Checked by Checkback.", "public": False}),
                           auth=zendesk_api.authorization())
    assert status == 200, zendesk_api.log()
    assert body["ticket"]["id"] == TICKET
    assert body["audit"]["events"][0]["public"] is False


@pytest.mark.zendesk
@pytest.mark.parametrize(("comment", "complaint"), [
    ({"body": "x", "public": "no"}, "ticket.comment.public must be boolean"),
    ({"body": "x", "public": False, "privat": True}, "must NOT have additional properties"),
    ({"body": "x"}, "must have required property 'public'"),
    ({"public": False}, "must have required property 'body'"),
])
def test_prism_rejects_a_bad_note(zendesk_api: ZendeskApi, comment: dict[str, Any],
                                  complaint: str) -> None:
    status, headers, body = call("PUT", f"{zendesk_api.url}/api/v2/tickets/{TICKET}.json",
                                 body=note_body(comment), auth=zendesk_api.authorization())
    assert status in (400, 422)
    assert headers.get_content_type() == "application/problem+json"
    messages = [v["message"] for v in body["validation"]]
    assert any(complaint in m for m in messages), messages
    assert complaint in zendesk_api.log()


@pytest.mark.zendesk
def test_prism_rejects_an_unknown_ticket_field(zendesk_api: ZendeskApi) -> None:
    status, _, _ = call("PUT", f"{zendesk_api.url}/api/v2/tickets/{TICKET}.json",
                        body={"ticket": {"comment": {"body": "x", "public": False},
                                         "comments": []}},
                        auth=zendesk_api.authorization())
    assert status == 422


@pytest.mark.zendesk
def test_prism_wants_credentials(zendesk_api: ZendeskApi) -> None:
    status, headers, body = call("PUT", f"{zendesk_api.url}/api/v2/tickets/{TICKET}.json",
                                 body=note_body({"body": "x", "public": False}))
    assert status == 401
    assert body == {"error": "Couldn't authenticate you"}
    assert headers["WWW-Authenticate"].startswith("Basic")


@pytest.mark.zendesk
def test_prism_wants_an_integer_ticket_id(zendesk_api: ZendeskApi) -> None:
    status, _, body = call("GET", f"{zendesk_api.url}/api/v2/tickets/abc.json",
                           auth=zendesk_api.authorization())
    assert status == 422
    assert body["validation"][0]["location"] == ["path", "ticket_id"]


@pytest.mark.zendesk
def test_prism_wants_json(zendesk_api: ZendeskApi) -> None:
    status, _, _ = call("PUT", f"{zendesk_api.url}/api/v2/tickets/{TICKET}.json",
                        body=note_body({"body": "x", "public": False}),
                        content_type="application/x-www-form-urlencoded",
                        auth=zendesk_api.authorization())
    assert status == 415


# -- Freshdesk, the fake ----------------------------------------------------------------------


def fd_auth(fake: FreshdeskFake) -> str:
    return basic(fake.api_key, "X")


def test_freshdesk_answers_test_connection(freshdesk_api: FreshdeskFake) -> None:
    status, _, body = call("GET", f"{freshdesk_api.url}/api/v2/agents/me",
                           auth=fd_auth(freshdesk_api))
    assert status == 200
    assert body["contact"]["email"] == "riley.agent@example.com"


def test_freshdesk_answers_a_ticket_with_its_requester(freshdesk_api: FreshdeskFake) -> None:
    status, _, body = call("GET", f"{freshdesk_api.url}/api/v2/tickets/{TICKET}"
                           "?include=requester", auth=fd_auth(freshdesk_api))
    assert status == 200
    assert (body["id"], body["status"], body["source"], body["tags"]) == (TICKET, 2, 7,
                                                                          ["refund"])
    assert body["requester"] == {"id": body["requester_id"], "name": "Dana Whitfield",
                                 "email": "dana@example.com", "phone": "+1 555 0100",
                                 "mobile": None}
    _, _, plain = call("GET", f"{freshdesk_api.url}/api/v2/tickets/{TICKET}",
                       auth=fd_auth(freshdesk_api))
    assert "requester" not in plain


def test_freshdesk_adds_a_private_note_and_lists_it(freshdesk_api: FreshdeskFake) -> None:
    status, _, note = call("POST", f"{freshdesk_api.url}/api/v2/tickets/{TICKET}/notes",
                           body={"body": "<p>Checked &amp; done</p>", "private": True},
                           auth=fd_auth(freshdesk_api))
    assert status == 201
    assert (note["private"], note["ticket_id"], note["body_text"]) == (True, TICKET,
                                                                       "Checked & done")
    status, _, conversations = call(
        "GET", f"{freshdesk_api.url}/api/v2/tickets/{TICKET}/conversations",
        auth=fd_auth(freshdesk_api))
    assert status == 200
    assert [(c["id"], c["private"], c["source"]) for c in conversations] == [
        (note["id"], True, 2)]
    assert freshdesk_api.notes(TICKET)[0]["body"] == "<p>Checked &amp; done</p>"
    method, path, headers, sent = freshdesk_api.requests[0]
    assert (method, path, sent["private"]) == ("POST", f"/api/v2/tickets/{TICKET}/notes", True)
    assert headers["Content-Type"] == "application/json"


@pytest.mark.parametrize(("payload", "error"), [
    ({"private": True}, {"field": "body", "message": "It should be a/an String",
                         "code": "missing_field"}),
    ({"body": "x", "private": "yes"},
     {"field": "private", "message": "Value set is of type String.It should be a/an Boolean",
      "code": "datatype_mismatch"}),
    ({"body": "x", "privat": True},
     {"field": "privat", "message": "Unexpected/invalid field in request",
      "code": "invalid_field"}),
])
def test_freshdesk_rejects_a_bad_note(freshdesk_api: FreshdeskFake, payload: dict[str, Any],
                                      error: dict[str, str]) -> None:
    status, _, body = call("POST", f"{freshdesk_api.url}/api/v2/tickets/{TICKET}/notes",
                           body=payload, auth=fd_auth(freshdesk_api))
    assert status == 400
    assert body == {"description": "Validation failed", "errors": [error]}
    assert freshdesk_api.notes(TICKET) == []


def test_freshdesk_wants_json(freshdesk_api: FreshdeskFake) -> None:
    status, _, body = call("POST", f"{freshdesk_api.url}/api/v2/tickets/{TICKET}/notes",
                           raw=b"body=x", content_type="application/x-www-form-urlencoded",
                           auth=fd_auth(freshdesk_api))
    assert (status, body["code"]) == (415, "invalid_content_type")
    status, _, body = call("POST", f"{freshdesk_api.url}/api/v2/tickets/{TICKET}/notes",
                           raw=b"{not json", auth=fd_auth(freshdesk_api))
    assert (status, body["code"]) == (400, "invalid_json")


def test_freshdesk_rejects_a_wrong_key(freshdesk_api: FreshdeskFake) -> None:
    status, _, body = call("GET", f"{freshdesk_api.url}/api/v2/tickets/{TICKET}",
                           auth=basic("wrong-key", "X"))
    assert status == 401
    assert body == {"code": "invalid_credentials",
                    "message": "You have to be logged in to perform this action."}
    status, _, _ = call("GET", f"{freshdesk_api.url}/api/v2/agents/me")
    assert status == 401


def test_freshdesk_answers_an_unknown_ticket_with_404(freshdesk_api: FreshdeskFake) -> None:
    status, _, body = call("GET", f"{freshdesk_api.url}/api/v2/tickets/1",
                           auth=fd_auth(freshdesk_api))
    assert (status, body) == (404, None)
    status, _, _ = call("POST", f"{freshdesk_api.url}/api/v2/tickets/1/notes",
                        body={"body": "x", "private": True}, auth=fd_auth(freshdesk_api))
    assert status == 404


def test_freshdesk_fails_on_request(freshdesk_api: FreshdeskFake) -> None:
    freshdesk_api.fail_next(429, retry_after=2)
    url = f"{freshdesk_api.url}/api/v2/tickets/{TICKET}/notes"
    status, headers, _ = call("POST", url, body={"body": "x", "private": True},
                              auth=fd_auth(freshdesk_api))
    assert (status, headers["Retry-After"]) == (429, "2")
    assert freshdesk_api.notes(TICKET) == []
    status, _, _ = call("POST", url, body={"body": "x", "private": True},
                        auth=fd_auth(freshdesk_api))
    assert status == 201
    freshdesk_api.fail_next(503, count=2)
    statuses = [call("GET", f"{freshdesk_api.url}/api/v2/agents/me",
                     auth=fd_auth(freshdesk_api))[0] for _ in range(3)]
    assert statuses == [503, 503, 200]
    assert len(freshdesk_api.requests) == 5
