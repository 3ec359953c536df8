"""A conversation in progress: its customer, and the playbook's steps round by round.

This is the state machine behind the checklist panel: checking, unchecking, notes and
rounds. It holds no storage; the panel saves each change as it is made.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from checkback.core.playbooks import Step

CHANNELS = {"phone": "Phone", "email": "E-mail", "chat": "Chat"}
MAX_NOTE_CHARS = 5_000


@dataclass
class StepState:
    """One step of one round: when it was checked (None while open) and the agent's note."""

    key: str
    title: str
    checked_at: dt.datetime | None = None
    note: str = ""

    @property
    def checked(self) -> bool:
        """True once the step is done."""
        return self.checked_at is not None


@dataclass
class Round:
    """One pass through the playbook's steps; a conversation may go round several times."""

    number: int
    steps: list[StepState]

    @property
    def done(self) -> int:
        """How many steps of this round are checked."""
        return sum(step.checked for step in self.steps)


@dataclass
class Customer:
    """Who the conversation is with, and about what. Only ticket or name is required."""

    ticket: str = ""
    ticket_url: str = ""
    name: str = ""
    channel: str = "email"
    contact: str = ""
    category: str = ""
    subject: str = ""  # the helpdesk ticket's subject, when it was filled from there

    @property
    def label(self) -> str:
        """How the switcher names the conversation: "#4411 · Dana Reyes"."""
        parts = [f"#{self.ticket}" if self.ticket else "", self.name]
        return " · ".join(part for part in parts if part) or "Conversation"


@dataclass
class Conversation:
    """An open conversation, as the checklist shows it and the database keeps it."""

    customer: Customer
    playbook: str
    playbook_name: str
    started_at: dt.datetime
    rounds: list[Round] = field(default_factory=list)
    current_step: int = 0
    conversation_id: int | None = None

    @classmethod
    def start(cls, customer: Customer, playbook_slug: str, playbook_name: str,
              steps: tuple[Step, ...], now: dt.datetime) -> Conversation:
        """A new conversation on the first step of the first round."""
        first = Round(1, [StepState(step.key, step.title) for step in steps])
        return cls(customer, playbook_slug, playbook_name, now, [first])

    @property
    def current_round(self) -> Round:
        """The round being worked through (the last one)."""
        return self.rounds[-1]

    def step(self, index: int) -> StepState:
        """The step at ``index`` (0-based) of the current round."""
        return self.current_round.steps[index]

    def check(self, index: int, now: dt.datetime) -> None:
        """Mark a step done now, and move on to the next step still open."""
        step = self.step(index)
        if step.checked_at is None:
            step.checked_at = now
        self.current_step = self._next_open(index)

    def uncheck(self, index: int) -> None:
        """Mark a step open again; it becomes the current step."""
        self.step(index).checked_at = None
        self.current_step = index

    def toggle(self, index: int, now: dt.datetime) -> bool:
        """Check an open step or uncheck a done one; returns whether it is now checked."""
        if self.step(index).checked:
            self.uncheck(index)
            return False
        self.check(index, now)
        return True

    def set_note(self, index: int, note: str) -> None:
        """Keep a short note on a step of the current round."""
        self.step(index).note = note[:MAX_NOTE_CHARS]

    def another_round(self) -> Round:
        """Start the steps again in the same conversation; earlier rounds are kept."""
        fresh = [StepState(step.key, step.title) for step in self.current_round.steps]
        self.rounds.append(Round(len(self.rounds) + 1, fresh))
        self.current_step = 0
        return self.current_round

    def open_steps(self) -> list[str]:
        """The titles of the current round's steps not checked yet."""
        return [step.title for step in self.current_round.steps if not step.checked]

    def steps_done(self) -> int:
        """Checked steps over all rounds."""
        return sum(round_.done for round_ in self.rounds)

    def steps_total(self) -> int:
        """Steps over all rounds."""
        return sum(len(round_.steps) for round_ in self.rounds)

    def notes_text(self) -> str:
        """Every step note, one per line, named by round and step."""
        lines = []
        for round_ in self.rounds:
            for step in round_.steps:
                if step.note.strip():
                    prefix = f"Round {round_.number} · " if len(self.rounds) > 1 else ""
                    lines.append(f"{prefix}{step.title}: {step.note.strip()}")
        return "\n".join(lines)

    def _next_open(self, after: int) -> int:
        steps = self.current_round.steps
        order = list(range(after + 1, len(steps))) + list(range(after + 1))
        return next((i for i in order if not steps[i].checked), after)
