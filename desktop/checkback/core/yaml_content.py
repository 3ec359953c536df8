"""Reading YAML content files (playbooks, phrases) with line numbers for every problem.

The file is decoded like a policy (any encoding an editor may write), parsed with a safe
loader that remembers the line of every mapping and key, and checked field by field: a bad
field is reported and skipped, so the rest of the file still loads.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from checkback.core.policies import MAX_FILE_BYTES, content_digest
from checkback.core.problems import ContentProblem
from checkback.core.safe_yaml import (
    LinedMapping,
    YamlRefused,
    duplicate_problem,
    load_fields,
    quoted,
)
from checkback.core.text import UndecodableTextError, decode_content

__all__ = ["FieldChecker", "LinedMapping", "LoadedYaml", "parse_yaml", "read_yaml_file"]


@dataclass(frozen=True)
class LoadedYaml:
    """What reading a YAML content file gave: its top mapping (or None) and problems."""

    data: LinedMapping | None
    problems: tuple[ContentProblem, ...]
    digest: str = ""


def read_yaml_file(path: Path) -> LoadedYaml:
    """Read, decode and parse one YAML content file; every failure becomes a problem."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return _unusable(path, f"The file is {size / 1_000_000:.1f} MB; a content file may "
                             "be at most 1 MB.", "Split it into smaller files.", f"size:{size}")
        raw = path.read_bytes()
    except OSError as error:
        return _unusable(path, f"The file cannot be read: {error.strerror}.",
                         "Check it exists and that you may read it.")
    loaded = parse_yaml(str(path), raw)
    return LoadedYaml(loaded.data, loaded.problems, content_digest(raw))


def parse_yaml(source: str, raw: bytes, *, repair: bool = True) -> LoadedYaml:
    """Parse the bytes of a YAML content file named ``source`` into its top mapping.

    ``repair`` mends mojibake and rejoins hard-wrapped paragraphs, as in content files; an
    import of the agent's own text keeps it exactly as written, as their tool pasted it.
    """
    if not raw.strip():
        return _unusable(source, "The file is empty.", "Add its fields, or delete it.")
    try:
        decoded = decode_content(raw, repair=repair)
    except UndecodableTextError as error:
        return _unusable(source, f"Not readable as text: {error}.", "Save it as UTF-8 text.")
    problems: list[ContentProblem] = []
    if decoded.note:
        problems.append(ContentProblem(source, None, f"Encoding: {decoded.note}.",
                                       "Re-save the file as UTF-8.", loaded=True))
    import yaml  # imported here: only the indexer parses content

    try:
        loaded = load_fields(decoded.text, rejoin_wrapped=repair)
    except YamlRefused as refused:
        return _unusable(source, refused.message, refused.fix, line=refused.line)
    except yaml.MarkedYAMLError as error:
        mark = error.context_mark or error.problem_mark
        line = mark.line + 1 if mark is not None else None
        return _unusable(source, f"Not valid YAML: {error.problem or error}.",
                         "Fix the YAML at that line (quote text holding ': ' or '#').", line=line)
    except yaml.YAMLError as error:
        return _unusable(source, f"Not valid YAML: {error}.", "Fix the YAML.")
    if not isinstance(loaded.data, LinedMapping):
        return _unusable(source, "The file must be a list of 'key: value' fields.",
                         "Start the file with its fields, as in the shipped examples.", line=1)
    problems += [duplicate_problem(source, duplicate) for duplicate in loaded.duplicates]
    return LoadedYaml(loaded.data, tuple(problems))


def _unusable(source: str | Path, message: str, fix: str, digest: str = "",
              line: int | None = None) -> LoadedYaml:
    return LoadedYaml(None, (ContentProblem(str(source), line, message, fix),), digest)


class FieldChecker:
    """Reads typed fields from one mapping, noting a problem (with its line) for each bad one."""

    def __init__(self, source: str, mapping: LinedMapping, known: frozenset[str],
                 what: str) -> None:
        self.source = source
        self.mapping = mapping
        self.known = known
        self.what = what
        self.problems: list[ContentProblem] = []

    def text(self, key: str, *, required: bool = False) -> str:
        """A line of text; empty when missing or of the wrong type."""
        value = self.mapping.get(key)
        if value is None or value == "":
            if required:
                self.missing(key)
            return ""
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return str(value).strip()
        self.wrong_type(key, "text")
        return ""

    def texts(self, key: str) -> tuple[str, ...]:
        """A list of text items (a single text counts as a list of one)."""
        value = self.mapping.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value.strip(),) if value.strip() else ()
        if isinstance(value, list) and all(
            isinstance(item, str | int | float) and not isinstance(item, bool) for item in value
        ):
            return tuple(str(item).strip() for item in value if str(item).strip())
        self.wrong_type(key, "a list of text items (one '- item' per line)")
        return ()

    def flag(self, key: str) -> bool:
        """A yes/no field; false when missing."""
        value = self.mapping.get(key)
        if value is None:
            return False
        if isinstance(value, bool):
            return value
        self.wrong_type(key, "true or false")
        return False

    def number(self, key: str, default: int) -> int:
        """A whole number; ``default`` when missing or wrong."""
        value = self.mapping.get(key)
        if value is None:
            return default
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        self.wrong_type(key, "a whole number")
        return default

    def items(self, key: str) -> list[LinedMapping]:
        """A list of mappings; entries that are not mappings are reported and skipped."""
        value = self.mapping.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.wrong_type(key, "a list of entries, each starting with '- '")
            return []
        good = [item for item in value if isinstance(item, LinedMapping)]
        if len(good) < len(value):
            self.problems.append(ContentProblem(
                self.source, self.line_of(key), f"Some entries of '{key}' are not "
                "'key: value' fields and were skipped.", "Write each entry as fields.",
                loaded=True))
        return good

    def missing(self, key: str) -> None:
        """Note that a required field is absent."""
        self.problems.append(ContentProblem(
            self.source, self.mapping.line, f"The {self.what} has no '{key}'.",
            f"Add '{key}: …' to it."))

    def wrong_type(self, key: str, expected: str) -> None:
        """Note that a field holds the wrong kind of value."""
        shown = quoted(self.mapping[key])
        self.problems.append(ContentProblem(
            self.source, self.line_of(key), f"'{key}' should be {expected}, not {shown}; "
            "it was ignored.", f"Write '{key}' as {expected}.", loaded=True))

    def report_unknown_keys(self) -> None:
        """Note every key this kind of entry does not have."""
        for key in sorted(set(self.mapping) - self.known):
            self.problems.append(ContentProblem(
                self.source, self.line_of(key), f"Unknown field '{key}' in the {self.what} "
                "was ignored.", f"Check its spelling; the fields are: "
                f"{', '.join(sorted(self.known))}.", loaded=True))

    def line_of(self, key: str) -> int:
        """The line ``key`` is on (the mapping's first line when unknown)."""
        return self.mapping.key_lines.get(key, self.mapping.line)
