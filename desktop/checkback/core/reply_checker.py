"""The reply checker: what the method warns against in a draft, and what it misses.

Rules are content (a YAML file of patterns, reasons and better wordings), so a team can add
its own. A rule with a bad pattern is reported and skipped; the others still run.

``avoid`` rules mark every match in place. ``expect`` rules look for something in part of
the draft (its start, its end, or anywhere) and note it as missing when it is not there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from checkback.core.problems import ContentProblem
from checkback.core.yaml_content import FieldChecker, LinedMapping, LoadedYaml, read_yaml_file

KINDS = ("avoid", "expect")
PLACES = ("start", "end", "anywhere")
START_CHARS = 300
END_CHARS = 300
_QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”')
_FILE_KEYS = frozenset({"rules"})
_RULE_KEYS = frozenset({"id", "kind", "pattern", "reason", "suggestion", "where"})


@dataclass(frozen=True)
class Rule:
    """One thing the checker looks for."""

    rule_id: str
    kind: str
    pattern: re.Pattern[str]
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

    @property
    def clean(self) -> bool:
        """True when nothing was found."""
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


def compile_pattern(text: str) -> re.Pattern[str]:
    """A rule's pattern, matched without regard to case.

    Raises:
        re.error: the pattern is not a regular expression.
    """
    return re.compile(text, re.IGNORECASE)


def check_reply(text: str, rules: tuple[Rule, ...]) -> Review:
    """Check a draft reply against ``rules``."""
    marks: list[Mark] = []
    missing: list[Rule] = []
    for rule in rules:
        if rule.kind == "avoid":
            marks += [Mark(m.start(), m.end(), rule) for m in rule.pattern.finditer(text)
                      if m.end() > m.start()]
        elif not rule.pattern.search(_part(text, rule.where)):
            missing.append(rule)
    marks.sort(key=lambda mark: (mark.start, mark.end))
    return Review(tuple(marks), tuple(missing) if text.strip() else ())


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
    try:
        pattern = compile_pattern(pattern_text)
    except re.error as error:
        problems.append(ContentProblem(source, checker.line_of("pattern"), f"Rule '{rule_id}' "
                                       f"has a bad pattern: {error}.", "Fix the regular "
                                       "expression; the rule was skipped."))
        return None
    return Rule(rule_id, kind, pattern, reason, checker.text("suggestion"), where)
