"""The adapters against the Freshdesk fake and Zendesk's API description served by Prism
(every request must validate), and HTTP faults in words."""

from __future__ import annotations

import http.server
import threading

import pytest

from checkback.core.helpdesk import Account, HelpdeskKind
from checkback.integrations.adapters import post_once, read_ticket, who_am_i
from checkback.integrations.errors import HelpdeskError, Problem
from checkback.integrations.http import retry_after

ZENDESK_TOKEN = "zd-test-token"


def freshdesk(fake) -> Account:
    return Account(HelpdeskKind.FRESHDESK, fake.url)


def zendesk(api) -> Account:
    return Account(HelpdeskKind.ZENDESK, api.url, "sam@acme.example")


def test_freshdesk_ticket_comes_with_its_requester(freshdesk_api) -> None:
    details = read_ticket(freshdesk(freshdesk_api), freshdesk_api.api_key, "#48213")

    assert (details.name, details.email, details.phone) == (
        "Dana Whitfield", "dana@example.com", "+1 555 0100")
    assert (details.channel, details.tags, details.status) == ("chat", ("refund",), "open")
    assert details.subject


def test_freshdesk_note_is_private_and_its_lines_kept(freshdesk_api) -> None:
    posted = post_once(freshdesk(freshdesk_api), freshdesk_api.api_key, "48213",
                       "What we did: refund <5 €>\nKind: Refund\n\n[checkback-note x-1]",
                       "[checkback-note x-1]")

    notes = freshdesk_api.notes(48213)
    assert posted and len(notes) == 1
    assert notes[0]["private"] is True
    assert notes[0]["body"].startswith("What we did: refund &lt;5 €&gt;<br>Kind: Refund")


def test_freshdesk_retry_finds_the_note_already_there_and_posts_nothing(freshdesk_api):
    account = freshdesk(freshdesk_api)
    post_once(account, freshdesk_api.api_key, "48213", "Text\n\n[m-7]", "[m-7]")

    again = post_once(account, freshdesk_api.api_key, "48213", "Text\n\n[m-7]", "[m-7]")

    assert again is False and len(freshdesk_api.notes(48213)) == 1


@pytest.mark.parametrize(("status", "problem", "words"), [
    (401, Problem.UNAUTHORIZED, "refused the token"),
    (403, Problem.FORBIDDEN, "may not do this"),
    (404, Problem.NOT_FOUND, "no such ticket"),
    (503, Problem.SERVER, "tries again by itself"),
])
def test_refusals_are_said_in_words(freshdesk_api, status, problem, words) -> None:
    freshdesk_api.fail_next(status)

    with pytest.raises(HelpdeskError) as caught:
        read_ticket(freshdesk(freshdesk_api), freshdesk_api.api_key, "48213")

    assert caught.value.problem is problem and words in caught.value.message
    assert problem.passes is (status == 503)


def test_a_429_carries_the_wait_asked_for(freshdesk_api) -> None:
    freshdesk_api.fail_next(429, retry_after=7)

    with pytest.raises(HelpdeskError) as caught:
        post_once(freshdesk(freshdesk_api), freshdesk_api.api_key, "48213", "T", "m")

    assert caught.value.problem is Problem.RATE_LIMITED and caught.value.retry_after == 7
    assert freshdesk_api.notes(48213) == []


def test_a_wrong_key_never_appears_in_the_message(freshdesk_api) -> None:
    with pytest.raises(HelpdeskError) as caught:
        who_am_i(freshdesk(freshdesk_api), "wrong-secret-key-123")

    assert caught.value.problem is Problem.UNAUTHORIZED
    assert "wrong-secret-key-123" not in str(caught.value)


def test_no_token_and_a_ticket_that_is_no_number_are_refused_before_any_request(
        freshdesk_api) -> None:
    with pytest.raises(HelpdeskError) as no_token:
        read_ticket(freshdesk(freshdesk_api), "", "48213")
    with pytest.raises(HelpdeskError) as no_number:
        read_ticket(freshdesk(freshdesk_api), freshdesk_api.api_key, "SUP-12")

    assert no_token.value.problem is Problem.NO_TOKEN
    assert "Settings → Helpdesk" in no_token.value.message
    assert no_number.value.problem is Problem.NOT_FOUND
    assert freshdesk_api.requests == []


def test_a_closed_port_is_unreachable() -> None:
    with pytest.raises(HelpdeskError) as caught:
        who_am_i(Account(HelpdeskKind.FRESHDESK, f"http://127.0.0.1:{_closed_port()}"), "k")

    assert caught.value.problem is Problem.UNREACHABLE and caught.value.problem.passes


def test_a_page_that_is_not_the_api_says_to_check_the_address() -> None:
    with _Serving(200, b"<html>Sign in</html>", "text/html") as url, \
            pytest.raises(HelpdeskError) as caught:
        who_am_i(Account(HelpdeskKind.FRESHDESK, url), "k")

    assert caught.value.problem is Problem.BAD_ANSWER and "address" in caught.value.message


def test_a_redirect_names_where_it_goes() -> None:
    with _Serving(301, b"", "text/plain", {"Location": "https://acme.freshdesk.com/"}) as url, \
            pytest.raises(HelpdeskError) as caught:
        who_am_i(Account(HelpdeskKind.FRESHDESK, url), "k")

    assert "https://acme.freshdesk.com/" in caught.value.message


def test_tls_to_a_plain_http_port_is_a_tls_problem() -> None:
    with _Serving(200, b"{}", "application/json") as url, \
            pytest.raises(HelpdeskError) as caught:
        who_am_i(Account(HelpdeskKind.FRESHDESK, url.replace("http:", "https:")), "k")

    assert caught.value.problem is Problem.TLS and "certificate" in caught.value.message


def test_retry_after_as_seconds_or_a_date() -> None:
    import datetime as dt

    now = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)
    assert retry_after("12") == 12
    assert retry_after("Wed, 02 Dec 2026 09:00:30 GMT", now) == 30
    assert retry_after("soon") == 60 and retry_after("0") == 1 and retry_after("99999") == 3600
    assert retry_after("nan") == 60 and retry_after("inf") == 60
    assert retry_after("Wed, 02 Dec 2026 09:01:00 -0000", now) == 60


@pytest.mark.zendesk
def test_zendesk_ticket_with_the_sideloaded_requester(zendesk_api) -> None:
    details = read_ticket(zendesk(zendesk_api), ZENDESK_TOKEN, "48213")

    assert (details.name, details.email, details.phone) == (
        "Dana Whitfield", "dana@example.com", "+1 555 0100")
    assert (details.channel, details.status) == ("email", "open")
    assert "refund" in details.tags


@pytest.mark.zendesk
def test_zendesk_requests_all_validate(zendesk_api) -> None:
    account = zendesk(zendesk_api)

    assert who_am_i(account, ZENDESK_TOKEN) == "Riley Agent <riley.agent@example.com>"
    assert post_once(account, ZENDESK_TOKEN, "48213", "Note\n\n[m-1]", "[m-1]") is True


@pytest.mark.zendesk
def test_zendesk_without_credentials_is_refused(zendesk_api) -> None:
    with pytest.raises(HelpdeskError) as caught:
        read_ticket(Account(HelpdeskKind.ZENDESK, zendesk_api.url, ""), "", "48213")

    assert caught.value.problem is Problem.NO_TOKEN


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _Serving:
    """A one-answer HTTP server on 127.0.0.1 for the duration of a ``with``."""

    def __init__(self, status: int, body: bytes, kind: str,
                 headers: dict[str, str] | None = None, seen: list[str] | None = None) -> None:
        answer = (status, body, kind, headers or {})
        paths = seen if seen is not None else []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                paths.append(self.path)
                self.send_response(answer[0])
                self.send_header("Content-Type", answer[2])
                for name, value in answer[3].items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer[1])))
                self.end_headers()
                self.wfile.write(answer[1])

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)

    def __enter__(self) -> str:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_requests_go_through_the_proxy_the_environment_names(monkeypatch) -> None:
    seen: list[str] = []
    with _Serving(200, b'{"contact": {"name": "Via Proxy", "email": "p@example.com"}}',
                  "application/json", seen=seen) as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy)
        monkeypatch.setenv("NO_PROXY", "")

        who = who_am_i(Account(HelpdeskKind.FRESHDESK, "http://desk.example.invalid"), "k")

    assert who == "Via Proxy <p@example.com>"
    assert seen == ["http://desk.example.invalid/api/v2/agents/me"]


def test_every_note_is_sent_internal_whatever_the_helpdesk() -> None:
    """What each adapter puts on the wire for a note: never public, said explicitly."""
    import httpx

    from checkback.integrations.adapters import ADAPTERS

    sent: list[tuple[str, str, bytes]] = []

    def record(request: httpx.Request) -> httpx.Response:
        sent.append((request.method, request.url.path, request.content))
        return httpx.Response(201, json={})

    client = httpx.Client(base_url="https://desk.example", transport=httpx.MockTransport(record))
    for kind in (HelpdeskKind.ZENDESK, HelpdeskKind.FRESHDESK, HelpdeskKind.REQUEST_TRACKER):
        ADAPTERS[kind].post_note(client, "7", "Refunded")

    import json

    zendesk, freshdesk_note, rt = sent
    assert zendesk[:2] == ("PUT", "/tickets/7.json")
    assert json.loads(zendesk[2])["ticket"]["comment"] == {"body": "Refunded", "public": False}
    assert freshdesk_note[:2] == ("POST", "/tickets/7/notes")
    assert json.loads(freshdesk_note[2]) == {"body": "Refunded", "private": True}
    assert rt[:2] == ("POST", "/ticket/7/comment")  # a comment: never /correspond
    assert json.loads(rt[2]) == {"Content": "Refunded", "ContentType": "text/plain"}
