"""Refusing, when a rules file is read, patterns that can take seconds on some replies."""

import time
from pathlib import Path

import pytest

from checkback.core.reply_checker import check_reply, compile_pattern, read_rules_file
from checkback.core.slow_patterns import PROBE_TEXTS, PROBE_TIMEOUT_S, is_slow
from checkback.paths import shipped_content_dir

SLOW = [r"(\w+\s?)+\?\s*$", r"(a+)+$", r"(a|aa)+$", r"(\w|\s|\w\s)+$"]


def write_rules(folder: Path, pattern: str) -> Path:
    """A team rules file: a fast rule, then one with ``pattern`` (on line 7)."""
    path = folder / "team.yaml"
    path.write_text(
        "rules:\n"
        "  - id: no-unfortunately\n"
        "    pattern: '\\bunfortunately\\b'\n"
        "    reason: Bad news opens with what we can do.\n"
        "  - id: slow-question\n"
        "    kind: avoid\n"
        f"    pattern: '{pattern}'\n"
        "    reason: Ends on a question.\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("pattern", SLOW)
def test_a_pattern_with_nested_repetition_is_refused_naming_file_and_line(tmp_path, pattern):
    path = write_rules(tmp_path, pattern)
    parsed = read_rules_file(path)
    assert [rule.rule_id for rule in parsed.rules] == ["no-unfortunately"]
    (problem,) = parsed.problems
    assert (problem.source, problem.line) == (str(path), 7)
    assert problem.message == ("Rule 'slow-question': this pattern can take seconds on some "
                               "replies, which would freeze the checker.")
    assert problem.fix.startswith("Simplify it, e.g. avoid nested repetition like (\\w+\\s?)+")


def test_a_fast_rule_is_accepted_and_works(tmp_path):
    path = write_rules(tmp_path, r"\?\s*$")
    parsed = read_rules_file(path)
    assert parsed.problems == ()
    assert [rule.rule_id for rule in parsed.rules] == ["no-unfortunately", "slow-question"]
    review = check_reply("Unfortunately not. Is that ok?", parsed.rules)
    assert [mark.rule.rule_id for mark in review.marks] == ["no-unfortunately", "slow-question"]


def test_every_shipped_rule_passes_the_probe_quickly():
    parsed = read_rules_file(shipped_content_dir() / "checker" / "rules.yaml")
    assert parsed.problems == ()
    for rule in parsed.rules:
        started = time.perf_counter()
        assert not is_slow(rule.pattern)
        assert time.perf_counter() - started < PROBE_TIMEOUT_S  # far below, on any machine


def test_the_probe_is_a_few_thousand_characters_of_reply_and_near_misses():
    assert all(1000 <= len(text) <= 10_000 for text in PROBE_TEXTS)
    assert "Does that work for you?" in PROBE_TEXTS[0]
    assert not any(text.rstrip().endswith("?") for text in PROBE_TEXTS[1:])


def test_refusing_a_slow_pattern_takes_a_fraction_of_a_second():
    started = time.perf_counter()
    assert is_slow(compile_pattern(r"(\w+\s?)+\?\s*$"))
    assert time.perf_counter() - started < len(PROBE_TEXTS) * PROBE_TIMEOUT_S + 0.5
