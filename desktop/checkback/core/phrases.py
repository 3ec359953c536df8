"""Phrase phrases: short phrases and reply templates, as YAML content files.

A phrases file holds a list under ``phrases:``; each entry has a title, the text, an
optional HTML version, tags (the playbook steps and situations it fits) and an optional
abbreviation. A bad entry is reported with its line and skipped; the others still load.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from checkback.core.problems import ContentProblem
from checkback.core.yaml_content import FieldChecker, LinedMapping, LoadedYaml, read_yaml_file

MAX_TEXT_CHARS = 20_000
_FILE_KEYS = frozenset({"snippets"})
_PHRASE_KEYS = frozenset({"title", "text", "html", "tags", "abbreviation"})


@dataclass(frozen=True)
class Phrase:
    """One phrase or template, as written in a content file or by the agent."""

    title: str
    text: str
    tags: tuple[str, ...] = ()
    html: str = ""
    abbreviation: str = ""


@dataclass(frozen=True)
class ParsedPhrases:
    """What reading one phrases file gave."""

    phrases: tuple[Phrase, ...]
    problems: tuple[ContentProblem, ...] = field(default=())
    digest: str = ""


def read_phrases_file(path: Path) -> ParsedPhrases:
    """Read and check one phrases file."""
    return phrases_from_yaml(str(path), read_yaml_file(path))


def phrases_from_yaml(source: str, loaded: LoadedYaml) -> ParsedPhrases:
    """The phrases of a parsed YAML file, reporting every entry that is wrong."""
    if loaded.data is None:
        return ParsedPhrases((), loaded.problems, loaded.digest)
    fields = FieldChecker(source, loaded.data, _FILE_KEYS, "phrases file")
    entries = fields.items("snippets")
    if not entries and "snippets" not in loaded.data:
        fields.missing("snippets")
    fields.report_unknown_keys()
    problems = [*loaded.problems, *fields.problems]
    phrases = []
    for entry in entries:
        phrase = _read_phrase(source, entry, problems)
        if phrase is not None:
            phrases.append(phrase)
    return ParsedPhrases(tuple(phrases), tuple(problems), loaded.digest)


def _read_phrase(source: str, entry: LinedMapping,
                  problems: list[ContentProblem]) -> Phrase | None:
    checker = FieldChecker(source, entry, _PHRASE_KEYS, "phrase")
    title = checker.text("title", required=True)
    text = checker.text("text", required=True)
    phrase = Phrase(title=title, text=text, html=checker.text("html"),
                      tags=normalised_tags(checker.texts("tags")),
                      abbreviation=checker.text("abbreviation"))
    checker.report_unknown_keys()
    if len(text) > MAX_TEXT_CHARS:
        checker.problems.append(ContentProblem(
            source, entry.line, f"The phrase '{title}' is {len(text):,} characters long; "
            f"at most {MAX_TEXT_CHARS:,} are allowed, so it was skipped.",
            "Shorten it or split it in two."))
        text = ""
    problems.extend(checker.problems)
    return phrase if title and text else None


def normalised_tags(tags: tuple[str, ...]) -> tuple[str, ...]:
    """Tags in lower case, without duplicates, in their first order."""
    return tuple(dict.fromkeys(tag.strip().lower() for tag in tags if tag.strip()))
