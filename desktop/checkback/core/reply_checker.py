"""The reply checker: what the method warns against in a draft, and what it misses.

Rules are content (a YAML file of patterns, reasons and better wordings), so a team can add
its own. A rule with a bad pattern, or one that can take seconds on some replies, is reported
and skipped; the others still run. Every match runs under a timeout, so a check never holds
up the agent's typing: a rule too slow on one draft is skipped for that check.

``avoid`` rules mark every match in place. ``expect`` rules look for something in part of
the draft (its start, its end, or anywhere) and note it as missing when it is not there.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import regex

from checkback.core.problems import ContentProblem
from checkback.core.slow_patterns import SLOW_PATTERN_FIX, is_slow
from checkback.core.yaml_content import FieldChecker, LinedMapping, LoadedYaml, read_yaml_file

KINDS = ("avoid", "expect")
PLACES = ("start", "end", "anywhere")
START_CHARS = 300
END_CHARS = 300
RULE_TIMEOUT_S = 0.05
CHECK_BUDGET_S = 0.1
MIN_RULE_TIMEOUT_S = 0.005  # past the budget: plenty for a fast rule, little for a slow one
_QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”')
_FILE_KEYS = frozenset({"rules"})
_RULE_KEYS = frozenset({"id", "kind", "pattern", "reason", "suggestion", "where"})


@dataclass(frozen=True)
class Rule:
    """One thing the checker looks for."""

    rule_id: str
    kind: str
    pattern: regex.Pattern[str]
    reason: str
    suggestion: str = ""
    where: str = "anywhere"

    @property
    def wording(self) -> str:
        """The better wording to copy: the first quoted part of the suggestion, or all of it."""
        quoted = _QUOTED.search(self.suggestion)
        return (quoted.group(1) or quoted.group(2)) if quoted else self.suggestion


@dataclass(frozen=True)
class Mark:
    """Where a draft trips an ``avoid`` rule."""

    start: int
    end: int
    rule: Rule


@dataclass(frozen=True)
class Review:
    """What the checker found in one draft."""

    marks: tuple[Mark, ...]
    missing: tuple[Rule, ...]
    skipped: tuple[Rule, ...] = ()  # too slow on this draft

    @property
    def clean(self) -> bool:
        """True when nothing was found (by the rules that were not skipped)."""
        return not self.marks and not self.missing


@dataclass(frozen=True)
class ParsedRules:
    """What reading a rules file gave."""

    rules: tuple[Rule, ...]
    problems: tuple[ContentProblem, ...] = field(default=())
    digest: str = ""


def read_rules_file(path: Path) -> ParsedRules:
    """Read and check one rules file."""
    return rules_from_yaml(str(path), read_yaml_file(path))


def rules_from_yaml(source: str, loaded: LoadedYaml) -> ParsedRules:
    """The rules of a parsed YAML file; a bad rule is reported with its line and skipped."""
    if loaded.data is None:
        return ParsedRules((), loaded.problems, loaded.digest)
    fields = FieldChecker(source, loaded.data, _FILE_KEYS, "rules file")
    entries = fields.items("rules")
    fields.report_unknown_keys()
    problems = [*loaded.problems, *fields.problems]
    rules = [rule for entry in entries if (rule := _read_rule(source, entry, problems))]
    return ParsedRules(tuple(rules), tuple(problems), loaded.digest)


def compile_pattern(text: str) -> regex.Pattern[str]:
    """A rule's pattern, matched without regard to case (with ``regex``, for its timeouts).

    Raises:
        regex.error: the pattern is not a regular expression.
    """
    return regex.compile(text, regex.IGNORECASE)


def check_reply(text: str, rules: tuple[Rule, ...]) -> Review:
    """Check a draft reply against ``rules`` in about CHECK_BUDGET_S at most.

    Each rule gets RULE_TIMEOUT_S, or what is left of the budget (but MIN_RULE_TIMEOUT_S at
    least, so one slow rule never costs the others their turn); one that runs out of time is
    skipped for this check and listed in the review's ``skipped``.
    """
    marks: list[Mark] = []
    missing: list[Rule] = []
    skipped: list[Rule] = []
    deadline = time.perf_counter() + CHECK_BUDGET_S
    for rule in rules:
        # never negative: regex reads a negative timeout as none at all
        timeout = max(MIN_RULE_TIMEOUT_S, min(RULE_TIMEOUT_S, deadline - time.perf_counter()))
        try:
            if rule.kind == "avoid":
                marks += _marks(rule, text, timeout)
            elif not rule.pattern.search(_part(text, rule.where), timeout=timeout):
                missing.append(rule)
        except TimeoutError:
            skipped.append(rule)
    marks.sort(key=lambda mark: (mark.start, mark.end))
    return Review(tuple(marks), tuple(missing) if text.strip() else (), tuple(skipped))


def _marks(rule: Rule, text: str, timeout: float) -> list[Mark]:
    """Where ``rule`` matches ``text``; the timeout covers all the matches.

    Raises:
        TimeoutError: the rule took longer than ``timeout`` seconds.
    """
    return [Mark(m.start(), m.end(), rule) for m in rule.pattern.finditer(text, timeout=timeout)
            if m.end() > m.start()]


def _part(text: str, where: str) -> str:
    if where == "start":
        return text.lstrip()[:START_CHARS]
    if where == "end":
        return text.rstrip()[-END_CHARS:]
    return text


def _read_rule(source: str, entry: LinedMapping, problems: list[ContentProblem]) -> Rule | None:
    checker = FieldChecker(source, entry, _RULE_KEYS, "rule")
    rule_id = checker.text("id", required=True)
    kind = checker.text("kind") or "avoid"
    where = checker.text("where") or "anywhere"
    pattern_text = checker.text("pattern", required=True)
    reason = checker.text("reason", required=True)
    checker.report_unknown_keys()
    problems.extend(checker.problems)
    if kind not in KINDS or where not in PLACES:
        problems.append(ContentProblem(source, entry.line, f"Rule '{rule_id}': kind must be "
                                       f"one of {', '.join(KINDS)} and where one of "
                                       f"{', '.join(PLACES)}.", "Fix the rule; it was skipped."))
        return None
    if not (rule_id and pattern_text and reason):
        return None
    pattern = _read_pattern(source, rule_id, pattern_text, checker.line_of("pattern"), problems)
    if pattern is None:
        return None
    return Rule(rule_id, kind, pattern, reason, checker.text("suggestion"), where)


def _read_pattern(source: str, rule_id: str, text: str, line: int | None,
                  problems: list[ContentProblem]) -> regex.Pattern[str] | None:
    """The rule's compiled pattern; None (and a problem) when it is bad or can be slow."""
    try:
        pattern = compile_pattern(text)
    except regex.error as error:
        problems.append(ContentProblem(source, line, f"Rule '{rule_id}' has a bad pattern: "
                                       f"{error}.", "Fix the regular expression; the rule was "
                                       "skipped."))
        return None
    if is_slow(pattern):
        problems.append(ContentProblem(source, line, f"Rule '{rule_id}': this pattern can take "
                                       "seconds on some replies, which would freeze the "
                                       "checker.", SLOW_PATTERN_FIX))
        return None
    return pattern
