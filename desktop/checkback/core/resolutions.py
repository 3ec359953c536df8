"""How a conversation ended: what was done for the customer, and how they took it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class ResolutionKind(StrEnum):
    """What kind of thing was done for the customer."""

    INSTANT_FIX = "instant_fix"
    EXCHANGE = "exchange"
    REPLACEMENT = "replacement"
    REFUND = "refund"
    CREDIT = "credit"
    CALLBACK = "callback"
    ESCALATED = "escalated"
    NO_RESOLUTION = "no_resolution"

    @property
    def label(self) -> str:
        """The kind as the agent reads it."""
        return _KIND_LABELS[self]


class Outcome(StrEnum):
    """How the customer took the resolution."""

    SATISFIED = "satisfied"
    ACCEPTED_RELUCTANTLY = "accepted_reluctantly"
    ESCALATED = "escalated"
    UNRESOLVED = "unresolved"

    @property
    def label(self) -> str:
        """The outcome as the agent reads it."""
        return _OUTCOME_LABELS[self]

    @property
    def is_hard(self) -> bool:
        """True for the outcomes after which a breather is suggested."""
        return self in (Outcome.ESCALATED, Outcome.UNRESOLVED)


_KIND_LABELS = {
    ResolutionKind.INSTANT_FIX: "Instant fix", ResolutionKind.EXCHANGE: "Exchange",
    ResolutionKind.REPLACEMENT: "Replacement", ResolutionKind.REFUND: "Refund",
    ResolutionKind.CREDIT: "Credit", ResolutionKind.CALLBACK: "Callback",
    ResolutionKind.ESCALATED: "Escalated", ResolutionKind.NO_RESOLUTION: "No resolution",
}
_OUTCOME_LABELS = {
    Outcome.SATISFIED: "Customer satisfied",
    Outcome.ACCEPTED_RELUCTANTLY: "Accepted reluctantly",
    Outcome.ESCALATED: "Escalated to a manager",
    Outcome.UNRESOLVED: "Unresolved",
}
MAX_PROBLEM_CHARS = 300
MAX_RESOLUTION_CHARS = 5_000


class IncompleteResolutionError(ValueError):
    """A resolution without an outcome: it must not be saved."""


@dataclass(frozen=True)
class ResolutionForm:
    """What the agent filled in to end a conversation."""

    problem: str
    resolution: str
    kind: ResolutionKind
    outcome: Outcome | None
    arrives_on: dt.date | None = None
    customer_words: str = ""  # what the customer asked about, as they would say it

    def checked(self) -> ResolutionForm:
        """The form trimmed to its limits.

        Raises:
            IncompleteResolutionError: the outcome is missing.
        """
        if self.outcome is None:
            raise IncompleteResolutionError("Choose the outcome: how did the customer take it?")
        problem = " ".join(self.problem.split())[:MAX_PROBLEM_CHARS]
        words = " ".join(self.customer_words.split())[:MAX_PROBLEM_CHARS]
        return ResolutionForm(problem, self.resolution.strip()[:MAX_RESOLUTION_CHARS],
                              self.kind, self.outcome, self.arrives_on, words)


def breather_suggested(outcome: Outcome, started_at: dt.datetime, ended_at: dt.datetime,
                       long_after_minutes: int) -> bool:
    """True after a hard outcome, or a conversation longer than ``long_after_minutes``."""
    long_call = ended_at - started_at >= dt.timedelta(minutes=max(long_after_minutes, 1))
    return outcome.is_hard or long_call
