"""A real Request Tracker 5 server for tests, on 127.0.0.1, and a fault proxy in front of it.

``tests/servers/rt-setup`` installs RT from Debian's packages and prepares a template
instance once in a cache folder (SQLite database, private site config, a REST2 token for
root). ``rt_server`` (session scope) copies that template into a pytest temporary folder, so
every run starts from a clean database and empty mbox files, and runs ``rt-server`` on a
free port. ``rt_proxy`` (per test) puts a small HTTP proxy in front of it that can answer
with an error itself or drop RT's reply.

Everything here uses the standard library only, never the application's code, so the
fixtures stay independent of the code under test.

RT not installed or not prepared: the tests are skipped; with ``CI`` set they fail instead.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import http.server
import json
import mailbox
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import Any

import pytest

RT_SERVER = Path("/usr/share/request-tracker5/libexec/rt-server")
SETUP_HINT = "run tests/servers/rt-setup"
START_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0
REQUEST_TIMEOUT = 30.0
# The requestor that rt-setup puts into the template's database.
REQUESTOR_EMAIL = "dana@example.com"
REQUESTOR_PASSWORD = "dana-secret-42"
# Transaction types that carry a message (and so an attachment with its text).
MESSAGE_TYPES = {"Create", "Comment", "Correspond"}
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te",
              "trailer", "upgrade", "proxy-authorization", "proxy-authenticate"}

# Never through a proxy from the environment: every request here goes to 127.0.0.1.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def cache_dir() -> Path:
    """The folder rt-setup prepares: the same rule as in the script."""
    if os.environ.get("CHECKBACK_RT_CACHE"):
        return Path(os.environ["CHECKBACK_RT_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "checkback-rt"


def missing_reason() -> str | None:
    """Why RT cannot run here, or None when it is installed and the template is ready."""
    if not RT_SERVER.is_file():
        return f"Request Tracker 5 is not installed ({RT_SERVER} is missing)"
    template = cache_dir() / "template"
    if not (template / "token").is_file() or not (template / "rt.sqlite").is_file():
        return f"no prepared Request Tracker instance in {template}"
    return None


def unavailable(reason: str) -> None:
    """Skip the test, or fail it when running under CI (which must run it for real)."""
    message = f"{reason}: {SETUP_HINT}"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_instance_config(home: Path, port: int) -> None:
    """The per-copy part of RT's site config: its paths and port (as rt-setup writes it)."""
    if "'" in str(home):
        raise ValueError(f"a quote in {home} would break RT's Perl config")
    (home / "RT_SiteConfig.pm").write_text(
        "# Checkback's test instance of Request Tracker: this copy's paths and port.\n"
        f"Set($DatabaseName, '{home}/rt.sqlite');\n"
        "Set($WebDomain, '127.0.0.1');\n"
        f"Set($WebPort, {port});\n"
        f"Set($WebBaseURL, 'http://127.0.0.1:{port}');\n"
        f"$RT::VarPath = '{home}/var';\n"
        f"$RT::MasonDataDir = '{home}/mason';\n"
        f"$RT::MasonSessionDir = '{home}/sessions';\n"
        "1;\n",
        encoding="utf-8",
    )
    for name in ("var", "mason", "sessions"):
        (home / name).mkdir(exist_ok=True)


def copy_template(home: Path) -> None:
    """Copy the prepared template into ``home`` with empty mail, cache and session folders."""
    skip = shutil.ignore_patterns("var", "mason", "sessions", "setup.log", "root-password")
    shutil.copytree(cache_dir() / "template", home, ignore=skip)


@dataclass
class Response:
    """One HTTP answer: status, headers and body text."""

    status: int
    headers: Message
    text: str

    def json(self) -> Any:
        """The body parsed as JSON."""
        return json.loads(self.text)


def http_call(method: str, url: str, body: Any = None,
              headers: dict[str, str] | None = None) -> Response:
    """Send one request (a dict or list body goes as JSON, a str as text/plain).

    Answers with any status are returned, not raised.
    """
    headers = dict(headers or {})
    data = None
    if isinstance(body, str):
        data = body.encode("utf-8")
        headers.setdefault("Content-Type", "text/plain; charset=utf-8")
    elif body is not None:
        data = json.dumps(body).encode("utf-8")
        headers.setdefault("Content-Type", "application/json")
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with _OPENER.open(request, timeout=REQUEST_TIMEOUT) as answer:
            return Response(answer.status, answer.headers, answer.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        with error:
            return Response(error.code, error.headers, error.read().decode("utf-8"))


@dataclass
class RTServer:
    """A running RT 5 instance (a private copy of the template) and helpers to inspect it."""

    home: Path
    port: int
    token: str
    requestor_email: str = REQUESTOR_EMAIL
    requestor_password: str = REQUESTOR_PASSWORD
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        """The base web URL, e.g. ``http://127.0.0.1:PORT`` (REST2 is under /REST/2.0)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def api(self) -> str:
        """The REST2 base URL."""
        return f"{self.url}/REST/2.0"

    # -- the process ----------------------------------------------------------------------

    def start(self) -> None:
        """Start rt-server on this instance's port and wait until REST2 answers."""
        if self.process is not None:
            return
        env = dict(os.environ, RT_SITE_CONFIG=str(self.home / "RT_SiteConfig.pm"),
                   RT_SITE_CONFIG_DIR=str(self.home / "RT_SiteConfig.d"))
        with (self.home / "server.log").open("ab") as log:
            self.process = subprocess.Popen(
                [str(RT_SERVER), "--listen", f"127.0.0.1:{self.port}", "--max-workers", "2"],
                env=env, cwd=self.home, stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True)
        self.wait_until_up()

    def wait_until_up(self) -> None:
        """Poll ``GET /REST/2.0/rt`` until it answers 200, for at most START_TIMEOUT."""
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                raise RuntimeError(f"rt-server exited early:\n{self.log_tail()}")
            try:
                if self.request("GET", "/rt").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"rt-server did not answer in {START_TIMEOUT:.0f} s:\n"
                           f"{self.log_tail()}")

    def stop(self) -> None:
        """Stop rt-server and its workers (its own process group); a no-op when stopped."""
        if self.process is None:
            return
        process, self.process = self.process, None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(STOP_TIMEOUT)

    def log_tail(self, lines: int = 30) -> str:
        """The end of rt-server's output, for error messages."""
        path = self.home / "server.log"
        if not path.exists():
            return "(no output)"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])

    # -- REST2 ----------------------------------------------------------------------------

    def request(self, method: str, path: str, body: Any = None, *,
                auth: tuple[str, str] | None = None) -> Response:
        """Call REST2 at ``path`` (relative to /REST/2.0, or a full URL) as root, or with
        basic ``auth`` (user, password) instead."""
        url = path if path.startswith("http") else self.api + path
        if auth is None:
            header = f"token {self.token}"
        else:
            header = "Basic " + base64.b64encode(":".join(auth).encode()).decode()
        return http_call(method, url, body, {"Authorization": header})

    def create_ticket(self, subject: str, content: str, requestor: str = REQUESTOR_EMAIL,
                      channel: str = "email", tags: tuple[str, ...] = ("refund",)) -> int:
        """Create a ticket in General with a requestor and the Channel/Tags custom fields;
        returns its id."""
        answer = self.request("POST", "/ticket", {
            "Queue": "General", "Subject": subject, "Requestor": requestor,
            "Content": content, "ContentType": "text/plain",
            "CustomFields": {"Channel": channel, "Tags": list(tags)},
        })
        _expect(answer, 201, "create a ticket")
        return int(answer.json()["id"])

    def history(self, ticket_id: int) -> list[dict[str, Any]]:
        """The ticket's transactions, oldest first: id (int), Type, Field, OldValue, NewValue,
        Created, Creator (a user name), ContentType and Content (the message's text, "" for
        transactions without one)."""
        fields = "Type,Field,OldValue,NewValue,Created,Creator,Data"
        answer = self.request("GET", f"/ticket/{ticket_id}/history?per_page=100&fields={fields}")
        _expect(answer, 200, f"read the history of ticket {ticket_id}")
        return [self._transaction(item) for item in answer.json()["items"]]

    def _transaction(self, item: dict[str, Any]) -> dict[str, Any]:
        """One history item as a plain dict, with its message text if it has one."""
        creator = item.get("Creator")
        entry = {**item, "id": int(item["id"]),
                 "Creator": creator.get("id") if isinstance(creator, dict) else creator,
                 "ContentType": "", "Content": ""}
        if item["Type"] in MESSAGE_TYPES:
            entry["ContentType"], entry["Content"] = self._message_text(entry["id"])
        return entry

    def _message_text(self, transaction_id: int) -> tuple[str, str]:
        """The first non-empty text part of a transaction's attachments: (type, text)."""
        answer = self.request(
            "GET", f"/transaction/{transaction_id}/attachments?fields=ContentType,Content")
        _expect(answer, 200, f"read the attachments of transaction {transaction_id}")
        for part in answer.json()["items"]:
            if part.get("ContentType", "").startswith("text/") and part.get("Content"):
                return part["ContentType"], part["Content"]
        return "", ""

    def requestor_can_see(self, transaction_id: int) -> bool:
        """Whether the requestor, with their own password, may read this transaction."""
        answer = self.request("GET", f"/transaction/{transaction_id}",
                              auth=(self.requestor_email, self.requestor_password))
        if answer.status in (403, 404):
            return False
        _expect(answer, 200, f"read transaction {transaction_id} as the requestor")
        return True

    # -- mail -----------------------------------------------------------------------------

    def mail_to(self, address: str) -> list[str]:
        """Every message RT has sent to ``address`` (To, Cc or Bcc), oldest first.

        RT writes outgoing mail into mbox files (one per worker process) in its var folder.
        Dates have whole seconds only: messages sent within one second by two workers may
        come in either order.
        """
        wanted = address.lower()
        found = []
        for path in sorted((self.home / "var").glob("*.mbox")):
            box = mailbox.mbox(path, create=False)
            try:
                found += [m for m in box if wanted in _recipients(m)]
            finally:
                box.close()
        found.sort(key=_sent_at)
        return [message.as_string() for message in found]


def _recipients(message: Message) -> set[str]:
    """The lower-cased addresses in a message's To, Cc and Bcc headers."""
    values = [v for name in ("To", "Cc", "Bcc") for v in message.get_all(name, [])]
    return {addr.lower() for _, addr in getaddresses(values) if addr}


def _sent_at(message: Message) -> float:
    """When a message was sent, from its Date header (0 without one)."""
    try:
        return parsedate_to_datetime(message["Date"]).timestamp()
    except (TypeError, ValueError):
        return 0.0


def _expect(answer: Response, status: int, what: str) -> None:
    """Raise with RT's answer unless it has the expected status."""
    if answer.status != status:
        raise RuntimeError(f"could not {what}: HTTP {answer.status}: {answer.text[:500]}")



@pytest.fixture(scope="session")
def rt_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RTServer]:
    """A running RT 5 on 127.0.0.1, from a fresh copy of the template, for the session."""
    reason = missing_reason()
    if reason:
        unavailable(reason)
    home = tmp_path_factory.mktemp("rt") / "instance"
    copy_template(home)
    port = free_port()
    write_instance_config(home, port)
    token = (home / "token").read_text(encoding="utf-8").strip()
    server = RTServer(home=home, port=port, token=token)
    server.start()
    try:
        yield server
    finally:
        server.stop()


# -- the fault proxy ----------------------------------------------------------------------


@dataclass
class FaultProxy:
    """An HTTP proxy in front of RT that forwards requests, or fails or drops them on cue."""

    target_host: str
    target_port: int
    requests: list[tuple[str, str, float]] = field(default_factory=list)
    faults: list[tuple[str, int, int, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    server: http.server.ThreadingHTTPServer | None = field(default=None, repr=False)
    thread: threading.Thread | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        """The proxy's base URL, to use instead of RTServer.url."""
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def fail_next(self, status: int = 429, retry_after: int = 2, count: int = 1) -> None:
        """Answer the next ``count`` requests with ``status`` and ``Retry-After`` itself,
        without forwarding them to RT."""
        with self.lock:
            self.faults += [("fail", status, retry_after, "")] * count

    def drop_response_next(self, method: str = "") -> None:
        """Forward the next request (the next ``method`` request, if given), so RT acts on
        it, then close the connection without answering: a reply lost on the way back."""
        with self.lock:
            self.faults.append(("drop", 0, 0, method))

    def next_fault(self, method: str, path: str) -> tuple[str, int, int]:
        """Note a request and take the fault planned for it (("forward", 0, 0) if none)."""
        with self.lock:
            self.requests.append((method, path, time.monotonic()))
            for number, (action, status, retry_after, only) in enumerate(self.faults):
                if only in ("", method):
                    del self.faults[number]
                    return action, status, retry_after
            return "forward", 0, 0

    def start(self) -> None:
        """Listen on a free port on 127.0.0.1, serving from a background thread."""
        handler = type("Handler", (ProxyHandler,), {"proxy": self})
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,),
                                       name="rt-fault-proxy", daemon=True)
        self.thread.start()

    def close(self) -> None:
        """Stop serving and close the listening socket."""
        if self.server is None:
            return
        self.server.shutdown()
        self.server.server_close()
        assert self.thread is not None
        self.thread.join(STOP_TIMEOUT)
        self.server = None


class ProxyHandler(http.server.BaseHTTPRequestHandler):
    """Handles one client connection for a FaultProxy (set as the class attribute)."""

    proxy: FaultProxy
    protocol_version = "HTTP/1.1"

    def do_any(self) -> None:
        """Forward, fail or drop the request, as the proxy's next fault says."""
        body = self.read_body()
        action, status, retry_after = self.proxy.next_fault(self.command, self.path)
        if action == "fail":
            self.answer_fault(status, retry_after)
            return
        upstream = self.forward(body)
        if action == "drop":
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        self.answer(*upstream)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_any  # noqa: N815

    def read_body(self) -> bytes:
        """The request body, sent with Content-Length or chunked."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                pass
            return b"".join(chunks)
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def forward(self, body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
        """Send the request on to RT; returns its status, headers and body."""
        proxy = self.proxy
        headers = {k: v for k, v in self.headers.items()
                   if k.lower() not in HOP_BY_HOP | {"host", "content-length"}}
        headers["Host"] = f"{proxy.target_host}:{proxy.target_port}"
        if body or self.command in ("POST", "PUT", "PATCH"):
            headers["Content-Length"] = str(len(body))
        conn = http.client.HTTPConnection(proxy.target_host, proxy.target_port,
                                          timeout=REQUEST_TIMEOUT)
        try:
            conn.request(self.command, self.path, body=body or None, headers=headers)
            reply = conn.getresponse()
            return reply.status, reply.getheaders(), reply.read()
        finally:
            conn.close()

    def answer(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        """Pass RT's answer back to the client."""
        self.send_response(status)
        for name, value in headers:
            if name.lower() not in HOP_BY_HOP | {"content-length", "date", "server"}:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def answer_fault(self, status: int, retry_after: int) -> None:
        """Answer with ``status`` and a ``Retry-After`` header, as a rate limit would."""
        body = json.dumps({"message": f"fault proxy: HTTP {status}"}).encode()
        self.send_response(status)
        self.send_header("Retry-After", str(retry_after))
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, fmt: str, *args: Any) -> None:
        """Keep the test output quiet."""



@pytest.fixture
def rt_proxy(rt_server: RTServer) -> Iterator[FaultProxy]:
    """A fault proxy in front of ``rt_server``, for one test."""
    proxy = FaultProxy("127.0.0.1", rt_server.port)
    proxy.start()
    try:
        yield proxy
    finally:
        proxy.close()
