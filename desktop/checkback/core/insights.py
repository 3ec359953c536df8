"""Insights: which problems keep coming back, how they ended, and whether follow-ups kept time.

Everything here works on the small aggregate counts storage hands over, never on records.
Periods are rolling: the last 7, 30 or 91 days ending now, against as many days just before.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from checkback.core.resolutions import Outcome

# The rule of thumb in seed 002, credited there to the White House Office of Consumer Affairs.
SILENT_PER_COMPLAINT = 26
TOP_RECURRING = 3
MIN_RECURRING = 3
MAX_BARS = 10
NO_CATEGORY = "(no category)"
MINUS = "\N{MINUS SIGN}"


class Period(Enum):
    """A rolling period to look back over; the value is its length in days."""

    WEEK = 7
    MONTH = 30
    QUARTER = 91

    @property
    def days(self) -> int:
        """How many days the period spans."""
        return int(self.value)

    @property
    def label(self) -> str:
        """The period's name in the chooser."""
        return self.name.title()

    @property
    def description(self) -> str:
        """What is compared with what, in plain words."""
        return f"Last {self.days} days, against the {self.days} days before"


@dataclass(frozen=True)
class Window:
    """The bounds of a period and of the one just before it: [previous_start, start, end)."""

    previous_start: dt.datetime
    start: dt.datetime
    end: dt.datetime

    @classmethod
    def ending(cls, period: Period, now: dt.datetime) -> Window:
        """The period ending at ``now`` and the one before it."""
        length = dt.timedelta(days=period.days)
        return cls(now - 2 * length, now - length, now)


@dataclass(frozen=True)
class Tally:
    """How many resolutions had one category and outcome, in this period or the one before."""

    category: str
    outcome: str
    current: bool
    count: int


@dataclass(frozen=True)
class CategoryCount:
    """Resolutions in one category, this period and the one before."""

    category: str
    current: int
    previous: int

    @property
    def name(self) -> str:
        """The category as shown; records without one are grouped by name."""
        return self.category or NO_CATEGORY

    @property
    def change(self) -> str:
        """The change against the period before: "+3", "−2", "new" or "same"."""
        if self.previous == 0 and self.current > 0:
            return "new"
        difference = self.current - self.previous
        if difference == 0:
            return "same"
        return f"+{difference}" if difference > 0 else f"{MINUS}{-difference}"

    @property
    def comparison(self) -> str:
        """This period's count with the previous one, e.g. "12 (was 9, +3)"."""
        if self.change == "new":
            return f"{self.current} (new)"
        return f"{self.current} (was {self.previous}, {self.change})"


@dataclass(frozen=True)
class OutcomeCount:
    """How many resolutions of the period ended one way, and their share in whole percent."""

    outcome: Outcome
    count: int
    share: int


@dataclass(frozen=True)
class FollowUpTimeliness:
    """Follow-ups that fell due in the period, those done by the end of their due day, and
    how many are overdue now (whenever they fell due)."""

    due: int
    on_time: int
    overdue_now: int

    @property
    def summary(self) -> str:
        """The on-time figure in words."""
        if self.due == 0:
            return "No follow-ups fell due in this period."
        return (f"{self.on_time} of {self.due} due in this period done on time "
                f"({percent(self.on_time, self.due)}%)")

    @property
    def overdue_text(self) -> str:
        """How many pending follow-ups are past their due time."""
        if self.overdue_now == 0:
            return "None overdue now."
        return f"{self.overdue_now} overdue now."


@dataclass(frozen=True)
class PolicyLink:
    """A policy to open from the insights."""

    policy_id: int
    title: str


@dataclass(frozen=True)
class Recurring:
    """A category that keeps coming back, with the policies worth reviewing for it."""

    count: CategoryCount
    policies: tuple[PolicyLink, ...]


@dataclass(frozen=True)
class Insights:
    """Everything the insights view shows for one period."""

    period: Period
    categories: tuple[CategoryCount, ...]
    outcomes: tuple[OutcomeCount, ...]
    follow_ups: FollowUpTimeliness
    recurring: tuple[Recurring, ...]

    @property
    def total(self) -> int:
        """Resolutions in the period."""
        return _current(self.categories)

    @property
    def previous_total(self) -> int:
        """Resolutions in the period before."""
        return sum(count.previous for count in self.categories)

    @property
    def charted(self) -> tuple[CategoryCount, ...]:
        """The categories the chart draws: the busiest, up to ``MAX_BARS``."""
        return self.categories[:MAX_BARS]

    @property
    def chart_note(self) -> str:
        """How to read the chart, and what it leaves out."""
        note = "Bar: this period. Thin line: the period before."
        rest = self.categories[MAX_BARS:]
        if rest:
            categories = _counted(len(rest), "more category", "more categories")
            note += (f" {categories}, with {_counted(_current(rest), 'resolution', 'resolutions')}"
                     " in this period, not shown.")
        return note

    @property
    def summary(self) -> str:
        """The period's totals in a sentence, or what to do when it holds none."""
        days = self.period.days
        if self.total == 0:
            return (f"No resolutions in the last {days} days. Resolve a conversation or use "
                    "Quick log, and they'll show here.")
        return (f"{_counted(self.total, 'resolution', 'resolutions')} in the last {days} days; "
                f"{self.previous_total} in the {days} days before.")

    @property
    def estimate(self) -> str | None:
        """The silent-customer estimate for the most recurring category, if there is one."""
        return silent_estimate(self.recurring[0].count) if self.recurring else None


def category_counts(tallies: Iterable[Tally]) -> list[CategoryCount]:
    """Counts per category for both periods, the busiest this period first."""
    current: Counter[str] = Counter()
    previous: Counter[str] = Counter()
    for tally in tallies:
        (current if tally.current else previous)[tally.category] += tally.count
    counts = [CategoryCount(category, current[category], previous[category])
              for category in current.keys() | previous.keys()]
    return sorted(counts, key=lambda c: (-c.current, -c.previous, c.name.casefold()))


def outcome_counts(tallies: Iterable[Tally]) -> list[OutcomeCount]:
    """This period's count and share for every outcome, in the outcomes' own order."""
    counted: Counter[str] = Counter()
    for tally in tallies:
        if tally.current:
            counted[tally.outcome] += tally.count
    total = sum(counted[outcome.value] for outcome in Outcome)
    return [OutcomeCount(outcome, counted[outcome.value], percent(counted[outcome.value], total))
            for outcome in Outcome]


def top_recurring(counts: Iterable[CategoryCount], limit: int = TOP_RECURRING,
                  minimum: int = MIN_RECURRING) -> list[CategoryCount]:
    """The busiest named categories of the period with at least ``minimum`` resolutions."""
    named = [count for count in counts if count.category and count.current >= minimum]
    return sorted(named, key=lambda c: (-c.current, c.name.casefold()))[:limit]


def silent_estimate(count: CategoryCount) -> str:
    """The rule-of-thumb estimate of customers who had the same problem and said nothing."""
    complaints = _counted(count.current, "complaint", "complaints")
    silent = roughly(count.current * SILENT_PER_COMPLAINT)
    return (f"Estimate, by a rule of thumb: for each customer who complains, about "
            f"{SILENT_PER_COMPLAINT} others with the same problem say nothing. {complaints} "
            f"about {count.name} may stand for roughly {silent:,} more customers. "
            "The figure is often quoted from the White House Office of Consumer Affairs; "
            "it is not a count.")


def roughly(number: int) -> int:
    """``number`` rounded to two significant figures, and at least to the nearest ten."""
    step = int(10 ** max(1, len(str(abs(number))) - 2))
    return (number + step // 2) // step * step


def percent(part: int, whole: int) -> int:
    """``part`` as a whole percentage of ``whole`` (0 when ``whole`` is 0)."""
    return round(100 * part / whole) if whole else 0


def _current(counts: Iterable[CategoryCount]) -> int:
    return sum(count.current for count in counts)


def _counted(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"
