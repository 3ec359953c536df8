"""What goes wrong talking to a helpdesk, in words the agent can act on.

Kept free of the HTTP library, so the worker and the panels can name these errors without
loading it.
"""

from __future__ import annotations

from enum import Enum


class Problem(Enum):
    """What is wrong with a request, as far as the agent (and the outbox) needs to know."""

    UNREACHABLE = "unreachable"
    TIMEOUT = "timeout"
    TLS = "tls"
    UNAUTHORIZED = "unauthorized"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not found"
    RATE_LIMITED = "rate limited"
    SERVER = "server"
    BAD_ANSWER = "bad answer"
    NO_TOKEN = "no token"
    KEYCHAIN = "keychain"
    NOT_SET_UP = "not set up"

    @property
    def passes(self) -> bool:
        """True when trying again later may work by itself; False when the agent must fix
        something first (the token, the rights, the link, the settings)."""
        return self in _PASSING


_PASSING = frozenset({Problem.UNREACHABLE, Problem.TIMEOUT, Problem.RATE_LIMITED,
                      Problem.SERVER, Problem.KEYCHAIN})


class HelpdeskError(Exception):
    """A request the helpdesk did not answer as hoped: ``message`` says why and what to do.

    ``retry_after`` is the wait in seconds the helpdesk asked for (a 429), else None. The
    message never holds the token: it is built here from the status, never from a request.
    """

    def __init__(self, problem: Problem, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.problem = problem
        self.message = message
        self.retry_after = retry_after
