"""The Zendesk and Freshdesk APIs for tests: Prism serving zendesk.yaml, and a fake Freshdesk.

``zendesk_api`` (session-scoped) starts Prism's mock server on 127.0.0.1 with request
validation (``--errors``: an invalid request is answered with an error, not a mock) on
``tests/servers/zendesk.yaml``, a subset of Zendesk's published OpenAPI description. Responses
are the static examples of that file (no ``--dynamic``), so they are the same every time.
Prism is a Node.js program installed by ``tests/servers/helpdesk-setup``; when it is missing the
Zendesk tests are skipped, and with ``CI`` set they fail instead.

``freshdesk_api`` (per test) starts :class:`~tests.servers.freshdesk_fake.FreshdeskFake` with
one ticket, 48213, and the API key ``fd-test-key``.
"""

from __future__ import annotations

import base64
import contextlib
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.servers.freshdesk_fake import FreshdeskFake

HERE = Path(__file__).resolve().parent
PRISM = HERE / "node_modules" / ".bin" / "prism"
ZENDESK_YAML = HERE / "zendesk.yaml"
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
_LISTENING = re.compile(r"Prism is listening on (http://127\.0\.0\.1:\d+)")

#: The Freshdesk fixture's ticket.
FRESHDESK_TICKET_ID = 48213
FRESHDESK_API_KEY = "fd-test-key"


@dataclass
class ZendeskApi:
    """Prism mocking the Zendesk API, as the tests see it.

    Prism checks only that credentials are Basic ``user:password``; ``email`` and ``api_token``
    are what tests should send (``{email}/token:{api_token}``, as the adapter does).
    """

    url: str
    log_path: Path
    started_in: float
    email: str = "riley.agent@example.com"
    api_token: str = "zd-test-token"
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    def log(self) -> str:
        """Prism's output so far: one block per request, with any validation errors."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def authorization(self) -> str:
        """The ``Authorization`` header value the adapter sends."""
        raw = f"{self.email}/token:{self.api_token}".encode()
        return "Basic " + base64.b64encode(raw).decode()


def _missing(reason: str) -> None:
    message = f"{reason}: run tests/servers/helpdesk-setup"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_TIMEOUT)


def _answers(url: str) -> bool:
    """Whether Prism answers HTTP at ``url`` (any status: 404 for ``/`` is an answer)."""
    try:
        with urllib.request.urlopen(url + "/", timeout=1):
            return True
    except urllib.error.HTTPError as error:
        error.close()
        return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def zendesk_api() -> Iterator[ZendeskApi]:
    """Prism serving tests/servers/zendesk.yaml on 127.0.0.1, validating every request."""
    if not PRISM.exists():
        _missing("Prism is not installed")
    if shutil.which("node") is None:
        _missing("Node.js is not installed")
    workdir = Path(tempfile.mkdtemp(prefix="checkback-prism-"))
    log_path = workdir / "prism.log"
    env = {**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0"}
    started = time.monotonic()
    with log_path.open("wb") as log_file:
        # Port 0: Prism takes a free port and says which ("Prism is listening on ...").
        process = subprocess.Popen(
            [str(PRISM), "mock", "--errors", "-h", "127.0.0.1", "-p", "0", str(ZENDESK_YAML)],
            stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT,
            cwd=HERE, env=env)
    try:
        url = None
        deadline = started + START_TIMEOUT
        while time.monotonic() < deadline:
            text = log_path.read_text(encoding="utf-8", errors="replace")
            if url is None and (match := _LISTENING.search(text)):
                url = match.group(1)
            if url is not None and _answers(url):
                break
            if process.poll() is not None:
                pytest.fail(f"Prism exited with {process.returncode}:\n{text}")
            time.sleep(0.05)
        else:
            pytest.fail(f"Prism did not answer within {START_TIMEOUT:.0f} s:\n"
                        + log_path.read_text(encoding="utf-8", errors="replace"))
        assert url is not None
        yield ZendeskApi(url=url, log_path=log_path, started_in=time.monotonic() - started,
                         process=process)
    finally:
        _stop(process)
        with contextlib.suppress(OSError):
            shutil.rmtree(workdir)


@pytest.fixture
def freshdesk_api() -> Iterator[FreshdeskFake]:
    """A fake Freshdesk API v2 with ticket 48213 (Dana Whitfield, chat, open, tagged refund)."""
    fake = FreshdeskFake(api_key=FRESHDESK_API_KEY)
    fake.add_ticket(
        FRESHDESK_TICKET_ID,
        subject="Parcel never arrived, refund please",
        description="<div>My parcel never arrived. Can I get a refund?</div>",
        status=2,
        source=7,
        priority=2,
        tags=["refund"],
        requester={"id": 20000003817, "name": "Dana Whitfield", "email": "dana@example.com",
                   "phone": "+1 555 0100", "mobile": None},
    )
    with fake:
        yield fake
