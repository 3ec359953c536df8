"""HTTP as agents' networks need it: the OS certificate store, the proxy, timeouts.

Runs on the worker only. Certificates are checked against the OS store (``truststore``), so
a corporate CA the IT department installed is trusted; the proxy is the environment's or,
on Windows and macOS, the system's (httpx reads both through ``urllib.request``). Every
failure becomes a ``HelpdeskError`` in words, built from the status alone, so a token in a
header can never reach a message.
"""

from __future__ import annotations

import base64
import datetime as dt
import email.utils
import math
import ssl
from typing import Any

import httpx
import truststore

from checkback.integrations.errors import HelpdeskError, Problem
from checkback.version import VERSION

CONNECT_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 15.0
MAX_RETRY_AFTER_S = 3600.0


def open_client(api_root: str, headers: dict[str, str]) -> httpx.Client:
    """A client for one helpdesk's API at ``api_root``, sending ``headers`` (its sign-in)."""
    context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    return httpx.Client(
        base_url=api_root, verify=context, trust_env=True, follow_redirects=False,
        timeout=httpx.Timeout(READ_TIMEOUT_S, connect=CONNECT_TIMEOUT_S),
        headers={"Accept": "application/json", "User-Agent": f"Checkback/{VERSION}",
                 **headers})


def basic_auth(user: str, password: str) -> dict[str, str]:
    """An HTTP Basic ``Authorization`` header."""
    pair = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return {"Authorization": f"Basic {pair}"}


def call(client: httpx.Client, method: str, path: str, **options: Any) -> httpx.Response:
    """Send one request; the response when it succeeded.

    Raises:
        HelpdeskError: the helpdesk could not be reached or did not accept the request.
    """
    try:
        response = client.request(method, path, **options)
    except httpx.TimeoutException:
        raise HelpdeskError(Problem.TIMEOUT, "The helpdesk did not answer in time. Check the "
                            "network; Checkback tries again by itself.") from None
    except httpx.TransportError as error:
        raise _transport_problem(error) from None
    check_status(response)
    return response


def json_of(response: httpx.Response) -> Any:
    """The JSON of a response.

    Raises:
        HelpdeskError: the answer is not JSON (often a login page: the address is wrong).
    """
    try:
        return response.json()
    except ValueError:
        raise HelpdeskError(Problem.BAD_ANSWER, "The helpdesk's answer was not what its API "
                            "sends. Check the address in Settings → Helpdesk: it should be "
                            "the helpdesk's own address, as in your browser.") from None


def check_status(response: httpx.Response) -> None:
    """Raise the ``HelpdeskError`` that a failed response's status means."""
    status = response.status_code
    if status < 300:
        return
    if status < 400:
        target = response.headers.get("location", "another address")
        raise HelpdeskError(Problem.NOT_SET_UP, f"The helpdesk sends Checkback on to {target} "
                            f"({status}). Put the helpdesk's own address in Settings → "
                            "Helpdesk (with https://).")
    if status == 429:
        wait = retry_after(response.headers.get("retry-after", ""))
        raise HelpdeskError(Problem.RATE_LIMITED, "The helpdesk asks Checkback to slow down "
                            f"(429); it tries again in {wait:.0f} s.", wait)
    problem, words = _STATUS_WORDS.get(status, _other_status(status))
    raise HelpdeskError(problem, words)


def retry_after(value: str, now: dt.datetime | None = None) -> float:
    """The seconds a ``Retry-After`` header asks to wait (a number or an HTTP date),
    within 1 s and an hour; 60 s when it is missing or unreadable."""
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return 60.0
        if when.tzinfo is None:  # "-0000": a time in UTC whose zone is not known
            when = when.replace(tzinfo=dt.UTC)
        seconds = (when - (now or dt.datetime.now(dt.UTC))).total_seconds()
    if not math.isfinite(seconds):
        return 60.0
    return min(max(seconds, 1.0), MAX_RETRY_AFTER_S)


_STATUS_WORDS = {
    401: (Problem.UNAUTHORIZED, "The helpdesk refused the token (401). Check the token, and "
          "the e-mail where one is asked, in Settings → Helpdesk."),
    403: (Problem.FORBIDDEN, "The helpdesk account may not do this (403). Ask a helpdesk "
          "administrator for the right to read tickets and add internal notes."),
    404: (Problem.NOT_FOUND, "The helpdesk has no such ticket, or the address is wrong (404). "
          "Check the ticket number and the address in Settings → Helpdesk."),
}


def _other_status(status: int) -> tuple[Problem, str]:
    if status >= 500:
        return Problem.SERVER, (f"The helpdesk had a problem of its own ({status}); "
                                "Checkback tries again by itself.")
    return Problem.BAD_ANSWER, (f"The helpdesk did not accept the request ({status}). "
                                "Check the address and the kind of helpdesk in Settings.")


def _transport_problem(error: httpx.TransportError) -> HelpdeskError:
    if _is_tls(error):
        return HelpdeskError(Problem.TLS, "The helpdesk's certificate is not trusted by this "
                             "computer (TLS). Check the address; on a company network, ask IT "
                             "to install the company's certificate.")
    return HelpdeskError(Problem.UNREACHABLE, "The helpdesk could not be reached. Check the "
                         "network and the address; Checkback tries again by itself.")


def _is_tls(error: BaseException) -> bool:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, ssl.SSLError):
            return True
        seen = seen.__cause__ or seen.__context__
    return "CERTIFICATE" in str(error).upper() or "SSL" in str(error).upper()
