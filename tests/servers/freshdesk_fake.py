"""A fake Freshdesk API v2 on 127.0.0.1, written from Freshdesk's API documentation.

Freshdesk publishes no OpenAPI file, so this is a small HTTP server of our own that answers the
four requests Checkback's Freshdesk adapter makes, with Freshdesk's JSON shapes, status codes and
error bodies:

- ``GET /api/v2/agents/me``: the agent the API key belongs to (the adapter's "test connection").
- ``GET /api/v2/tickets/{id}?include=requester``: a ticket; ``include=requester`` adds
  ``requester`` (id, name, email, phone, mobile). ``status`` and ``source`` are Freshdesk's
  numbers (see ``STATUSES`` and ``SOURCES``).
- ``POST /api/v2/tickets/{id}/notes``: adds a note. JSON body: ``body`` (HTML, required),
  ``private`` (boolean, Freshdesk's default true), ``incoming`` (boolean), ``user_id``
  (integer), ``notify_emails`` (array of emails). Answers 201 with the note.
- ``GET /api/v2/tickets/{id}/conversations``: the ticket's conversations (here: the notes added
  through the API), oldest first, as Freshdesk lists them.

Auth is HTTP Basic with the API key as the user name and ``X`` as the password (Freshdesk ignores
the password; so does this fake). Errors, as Freshdesk sends them:

- 401 ``{"code": "invalid_credentials", "message": "You have to be logged in to perform this
  action."}`` for a missing or wrong key;
- 404 with an empty body for an unknown ticket or path;
- 415 ``{"code": "invalid_content_type", ...}`` when a POST is not ``application/json`` (real
  Freshdesk also takes multipart/form-data, for attachments; this fake does not);
- 400 ``{"code": "invalid_json", ...}`` for a body that is not a JSON object;
- 400 ``{"description": "Validation failed", "errors": [{"field", "message", "code"}]}`` for
  a missing field (``missing_field``), a mistyped one (``datatype_mismatch``), an unknown one
  (``invalid_field``) or a bad value (``invalid_value``), one entry per field;
- 429 with ``Retry-After`` (seconds) and 503, only when a test asks with :meth:`fail_next`.

Controls for tests: :meth:`add_ticket`, :meth:`fail_next`, :attr:`requests` (every request
received, as ``(method, path, headers, json_body)``) and :meth:`notes`.
"""

from __future__ import annotations

import base64
import binascii
import copy
import html
import http
import json
import re
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

#: Freshdesk's ticket statuses.
STATUSES = {2: "Open", 3: "Pending", 4: "Resolved", 5: "Closed"}
#: Freshdesk's ticket sources.
SOURCES = {1: "Email", 2: "Portal", 3: "Phone", 7: "Chat", 9: "Feedback Widget",
           10: "Outbound Email"}
#: Freshdesk's ticket priorities.
PRIORITIES = {1: "Low", 2: "Medium", 3: "High", 4: "Urgent"}

#: The source Freshdesk gives a note in a ticket's conversations.
NOTE_SOURCE = 2
#: The values ``include`` takes on ``GET /api/v2/tickets/{id}``.
TICKET_INCLUDES = ("conversations", "requester", "company", "stats")

RATE_LIMIT_TOTAL = 200  # Freshdesk's per-minute limit on a Garden plan

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _text_of(body: str) -> str:
    """A note's ``body_text``: the HTML's text, line breaks kept as newlines."""
    return html.unescape(_TAG.sub("", _BREAK.sub("\n", body))).strip()


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _type_name(value: object) -> str:
    """The type of a JSON value, as Freshdesk names it in ``datatype_mismatch`` messages."""
    if value is None:
        return "Null"
    if isinstance(value, bool):
        return "Boolean"
    if isinstance(value, int):
        return "Integer"
    if isinstance(value, float):
        return "Float"
    if isinstance(value, str):
        return "String"
    if isinstance(value, list):
        return "Array"
    return "key/value pair"


def _field_error(field: str, message: str, code: str) -> dict[str, str]:
    return {"field": field, "message": message, "code": code}


@dataclass
class _Failure:
    status: int
    retry_after: int | None
    remaining: int


class FreshdeskFake:
    """The fake server. Use as a context manager, or call :meth:`start` and :meth:`stop`."""

    def __init__(self, api_key: str = "fd-test-key", *, agent_id: int = 19000000001,
                 agent_name: str = "Riley Agent",
                 agent_email: str = "riley.agent@example.com") -> None:
        self.api_key = api_key
        self.agent = {
            "available": True,
            "occasional": False,
            "id": agent_id,
            "ticket_scope": 1,
            "signature": None,
            "group_ids": [],
            "role_ids": [],
            "skill_ids": [],
            "available_since": None,
            "contact": {
                "active": True,
                "email": agent_email,
                "job_title": None,
                "language": "en",
                "last_login_at": "2026-11-30T08:12:44Z",
                "mobile": None,
                "name": agent_name,
                "phone": None,
                "time_zone": "Berlin",
                "created_at": "2024-02-01T09:00:00Z",
                "updated_at": "2026-11-30T08:12:44Z",
            },
            "created_at": "2024-02-01T09:00:00Z",
            "updated_at": "2026-11-30T08:12:44Z",
            "type": "support_agent",
        }
        #: Every request received, oldest first: ``(method, path, headers, json_body)``.
        #: ``path`` keeps the query string; ``headers`` is a dict as sent; ``json_body`` is the
        #: parsed body, or ``None`` when there was none or it was not JSON.
        self.requests: list[tuple[str, str, dict[str, str], Any]] = []
        self._tickets: dict[int, dict[str, Any]] = {}
        self._requesters: dict[int, dict[str, Any]] = {}
        self._notes: dict[int, list[dict[str, Any]]] = {}
        self._failures: list[_Failure] = []
        self._next_note_id = 60000000001
        self._next_requester_id = 20000000001
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``, the base the adapter is pointed at."""
        if self._server is None:
            raise RuntimeError("the fake Freshdesk server is not started")
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> FreshdeskFake:
        if self._server is not None:
            return self
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        server.daemon_threads = True
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, name="freshdesk-fake",
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is None:
            return
        server.shutdown()
        server.server_close()
        if thread is not None:
            thread.join(timeout=5)

    def __enter__(self) -> FreshdeskFake:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- controls for tests ----------------------------------------------------------------

    def add_ticket(self, ticket_id: int, **fields: Any) -> dict[str, Any]:
        """Add (or replace) ticket ``ticket_id``; ``fields`` override the defaults.

        ``requester`` is a dict with ``name``, ``email``, ``phone`` and ``mobile`` (``id`` is
        made up when missing); it becomes ``requester_id`` and the ``include=requester``
        sideload. ``status`` and ``source`` are Freshdesk's numbers. Returns the stored ticket.
        """
        requester = dict(fields.pop("requester", None) or {})
        with self._lock:
            requester_id = requester.get("id") or fields.get("requester_id")
            if requester_id is None:
                requester_id = self._next_requester_id
                self._next_requester_id += 1
            requester = {"email": None, "id": requester_id, "mobile": None,
                         "name": "Unnamed requester", "phone": None, **requester}
            now = _now()
            subject = fields.get("subject", "Parcel never arrived, refund please")
            description = fields.get("description", f"<div>{html.escape(subject)}</div>")
            ticket = {
                "cc_emails": [],
                "fwd_emails": [],
                "reply_cc_emails": [],
                "ticket_cc_emails": [],
                "fr_escalated": False,
                "spam": False,
                "email_config_id": None,
                "group_id": None,
                "priority": 1,
                "requester_id": requester_id,
                "responder_id": None,
                "source": 1,
                "company_id": None,
                "status": 2,
                "subject": subject,
                "association_type": None,
                "support_email": None,
                "to_emails": None,
                "product_id": None,
                "id": ticket_id,
                "type": None,
                "due_by": "2026-12-03T14:00:00Z",
                "fr_due_by": "2026-12-01T14:00:00Z",
                "is_escalated": False,
                "description": description,
                "description_text": _text_of(description),
                "custom_fields": {},
                "created_at": now,
                "updated_at": now,
                "tags": [],
                "attachments": [],
                **fields,
            }
            ticket["id"] = ticket_id
            ticket["requester_id"] = requester_id
            self._tickets[ticket_id] = ticket
            self._requesters[ticket_id] = requester
            self._notes.setdefault(ticket_id, [])
            return copy.deepcopy(ticket)

    def fail_next(self, status: int, retry_after: int | None = None, count: int = 1) -> None:
        """Answer the next ``count`` requests (any path) with ``status`` instead.

        429 carries Freshdesk's rate-limit headers; ``retry_after`` (seconds) is sent as
        ``Retry-After`` for any status (Freshdesk sends it with 429, and a 503 may carry it).
        """
        with self._lock:
            self._failures.append(_Failure(status, retry_after, count))

    def notes(self, ticket_id: int) -> list[dict[str, Any]]:
        """The notes added to ``ticket_id``, oldest first, as conversations list them."""
        with self._lock:
            return copy.deepcopy(self._notes.get(ticket_id, []))

    # -- request handling (called from the server's threads) -----------------------------

    def _record(self, method: str, path: str, headers: dict[str, str], body: Any) -> None:
        with self._lock:
            self.requests.append((method, path, headers, body))

    def _take_failure(self) -> _Failure | None:
        with self._lock:
            while self._failures:
                failure = self._failures[0]
                if failure.remaining <= 0:
                    self._failures.pop(0)
                    continue
                failure.remaining -= 1
                if failure.remaining == 0:
                    self._failures.pop(0)
                return failure
            return None

    def _authorized(self, header: str | None) -> bool:
        if not header or not header.startswith("Basic "):
            return False
        try:
            user, _, _password = base64.b64decode(header[6:], validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return False
        return user == self.api_key

    def _has_ticket(self, ticket_id: int) -> bool:
        with self._lock:
            return ticket_id in self._tickets

    def _ticket_with(self, ticket_id: int, includes: list[str]) -> dict[str, Any] | None:
        with self._lock:
            ticket = self._tickets.get(ticket_id)
            if ticket is None:
                return None
            answer = copy.deepcopy(ticket)
            if "requester" in includes:
                answer["requester"] = copy.deepcopy(self._requesters[ticket_id])
            if "conversations" in includes:
                answer["conversations"] = copy.deepcopy(self._notes[ticket_id][:10])
            if "stats" in includes:
                answer["stats"] = {"agent_responded_at": None, "requester_responded_at": None,
                                   "first_responded_at": None,
                                   "status_updated_at": ticket["updated_at"],
                                   "reopened_at": None, "resolved_at": None,
                                   "closed_at": None, "pending_since": None}
            return answer

    def _add_note(self, ticket_id: int, fields: dict[str, Any]) -> dict[str, Any] | None:
        with self._lock:
            if ticket_id not in self._tickets:
                return None
            now = _now()
            body = fields["body"]
            private = fields.get("private", True)
            note = {
                "body": body,
                "body_text": _text_of(body),
                "id": self._next_note_id,
                "incoming": fields.get("incoming", False),
                "private": private,
                "user_id": fields.get("user_id", self.agent["id"]),
                "support_email": None,
                "ticket_id": ticket_id,
                "to_emails": list(fields.get("notify_emails", [])),
                "attachments": [],
                "created_at": now,
                "updated_at": now,
            }
            self._next_note_id += 1
            listed = {
                **note,
                "source": NOTE_SOURCE,
                "category": 2 if private else 3,
                "from_email": None,
                "cc_emails": [],
                "bcc_emails": [],
                "email_failure_count": None,
                "outgoing_failures": None,
                "source_additional_info": None,
            }
            self._notes[ticket_id].append(listed)
            self._tickets[ticket_id]["updated_at"] = now
            return note


def _validate_note(body: dict[str, Any]) -> list[dict[str, str]]:
    """Freshdesk's validation of a Create Note body: one error per bad field."""
    errors: list[dict[str, str]] = []
    allowed = {"body", "private", "incoming", "user_id", "notify_emails"}
    for field in body:
        if field not in allowed:
            errors.append(_field_error(field, "Unexpected/invalid field in request",
                                       "invalid_field"))
    if "body" not in body:
        errors.append(_field_error("body", "It should be a/an String", "missing_field"))
    elif not isinstance(body["body"], str):
        errors.append(_field_error(
            "body", f"Value set is of type {_type_name(body['body'])}.It should be a/an String",
            "datatype_mismatch"))
    elif not body["body"].strip():
        errors.append(_field_error("body", "It should not be blank", "invalid_value"))
    for field in ("private", "incoming"):
        if field in body and not isinstance(body[field], bool):
            errors.append(_field_error(
                field,
                f"Value set is of type {_type_name(body[field])}.It should be a/an Boolean",
                "datatype_mismatch"))
    if "user_id" in body and (isinstance(body["user_id"], bool)
                              or not isinstance(body["user_id"], int)):
        errors.append(_field_error(
            "user_id",
            f"Value set is of type {_type_name(body['user_id'])}.It should be a/an Integer",
            "datatype_mismatch"))
    if "notify_emails" in body:
        emails = body["notify_emails"]
        if not isinstance(emails, list):
            errors.append(_field_error(
                "notify_emails",
                f"Value set is of type {_type_name(emails)}.It should be a/an Array",
                "datatype_mismatch"))
        elif not all(isinstance(e, str) and _EMAIL.match(e) for e in emails):
            errors.append(_field_error("notify_emails", "It should contain elements that are "
                                       "in the 'valid email address' format", "invalid_value"))
    return errors


_TICKET = re.compile(r"^/api/v2/tickets/(\d+)$")
_NOTES = re.compile(r"^/api/v2/tickets/(\d+)/notes$")
_CONVERSATIONS = re.compile(r"^/api/v2/tickets/(\d+)/conversations$")


def _handler_for(fake: FreshdeskFake) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "FreshdeskFake/1.0"

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet: tests read fake.requests instead

        # -- plumbing ------------------------------------------------------------------

        def _send(self, status: int, payload: Any = None,
                  headers: dict[str, str] | None = None) -> None:
            data = b"" if payload is None else json.dumps(payload).encode()
            all_headers = {
                "Content-Type": "application/json; charset=utf-8",
                "Content-Length": str(len(data)),
                "X-Freshdesk-API-Version": "latest=2; requested=2",
                "X-RateLimit-Total": str(RATE_LIMIT_TOTAL),
                "X-RateLimit-Remaining": str(RATE_LIMIT_TOTAL - 1),
                "X-RateLimit-Used-CurrentRequest": "1",
                **(headers or {}),
            }
            self.send_response(status)
            for name, value in all_headers.items():
                self.send_header(name, value)
            self.end_headers()
            if data and self.command != "HEAD":
                self.wfile.write(data)

        def _read_body(self) -> bytes:
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length > 0 else b""

        def _handle(self) -> None:
            raw = self._read_body()
            try:
                parsed: Any = json.loads(raw) if raw else None
            except (ValueError, UnicodeDecodeError):
                parsed = None
            fake._record(self.command, self.path, dict(self.headers.items()), parsed)

            failure = fake._take_failure()
            if failure is not None:
                self._send_failure(failure)
                return

            url = urlsplit(self.path)
            query = parse_qs(url.query, keep_blank_values=True)
            route = self._route(url.path)
            if route is None:
                self._send(404)
                return
            name, ticket_id, methods = route
            if self.command not in methods:
                self._send(405, {"code": "method_not_allowed",
                                 "message": f"{', '.join(methods)} method is allowed. "
                                            "eg: GET /api/v2/tickets/1"},
                           {"Allow": ", ".join(methods)})
                return

            if self.command == "POST":
                content_type = self.headers.get("Content-Type", "")
                if content_type.split(";")[0].strip().lower() != "application/json":
                    self._send(415, {"message": "Content-Type header should have "
                                                "application/json",
                                     "code": "invalid_content_type"})
                    return
                if not isinstance(parsed, dict):
                    self._send(400, {"code": "invalid_json",
                                     "message": "Request body has invalid json format"})
                    return

            if not fake._authorized(self.headers.get("Authorization")):
                self._send(401, {"code": "invalid_credentials",
                                 "message": "You have to be logged in to perform this action."},
                           {"WWW-Authenticate": 'Basic realm="Helpdesk"'})
                return

            allowed_query = {"ticket": {"include"}, "conversations": {"page", "per_page"}}
            bad = [f for f in query if f not in allowed_query.get(name, set())]
            if bad:
                self._send(400, {"description": "Validation failed", "errors": [
                    _field_error(f, "Unexpected/invalid field in request", "invalid_field")
                    for f in bad]})
                return

            if name == "me":
                self._send(200, fake.agent)
            elif name == "ticket":
                includes = [v for value in query.get("include", []) for v in value.split(",")]
                unknown = [v for v in includes if v not in TICKET_INCLUDES]
                if unknown:
                    self._send(400, {"description": "Validation failed", "errors": [
                        _field_error("include", "It should be one of these values: '"
                                     + ",".join(TICKET_INCLUDES) + "'", "invalid_value")]})
                    return
                assert ticket_id is not None
                ticket = fake._ticket_with(ticket_id, includes)
                if ticket is None:
                    self._send(404)
                else:
                    self._send(200, ticket)
            elif name == "notes":
                assert ticket_id is not None and isinstance(parsed, dict)
                errors = _validate_note(parsed)
                if not fake._has_ticket(ticket_id):
                    self._send(404)
                elif errors:
                    self._send(400, {"description": "Validation failed", "errors": errors})
                else:
                    note = fake._add_note(ticket_id, parsed)
                    if note is None:
                        self._send(404)
                    else:
                        self._send(201, note)
            elif name == "conversations":
                assert ticket_id is not None
                if not fake._has_ticket(ticket_id):
                    self._send(404)
                else:
                    self._send(200, fake.notes(ticket_id))

        def _route(self, path: str) -> tuple[str, int | None, tuple[str, ...]] | None:
            if path == "/api/v2/agents/me":
                return "me", None, ("GET",)
            for name, pattern, methods in (("ticket", _TICKET, ("GET",)),
                                           ("notes", _NOTES, ("POST",)),
                                           ("conversations", _CONVERSATIONS, ("GET",))):
                match = pattern.match(path)
                if match:
                    return name, int(match.group(1)), methods
            return None

        def _send_failure(self, failure: _Failure) -> None:
            headers = {}
            if failure.retry_after is not None:
                headers["Retry-After"] = str(failure.retry_after)
            if failure.status == 429:
                # Freshdesk's throttler; the wording of its message is not documented.
                headers["X-RateLimit-Remaining"] = "0"
                self._send(429, {"message": "You have exceeded the limit of requests per minute"},
                           headers)
                return
            try:
                phrase = http.HTTPStatus(failure.status).phrase
            except ValueError:
                phrase = "Error"
            self._send(failure.status, {"code": phrase.lower().replace(" ", "_"),
                                        "message": phrase}, headers)

        def do_GET(self) -> None:  # noqa: N802
            self._handle()

        def do_POST(self) -> None:  # noqa: N802
            self._handle()

        def do_PUT(self) -> None:  # noqa: N802
            self._handle()

        def do_DELETE(self) -> None:  # noqa: N802
            self._handle()

    return Handler
