"""Policies: Markdown files with YAML front matter, parsed into plain records.

A policy file that cannot be read is reported and skipped; a field with a wrong type or
an unknown key is reported and ignored, so the rest of the policy still loads.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from checkback.core.policy_links import link_problems
from checkback.core.problems import ContentProblem
from checkback.core.safe_yaml import (
    LinedMapping,
    LoadedFields,
    YamlRefused,
    duplicate_problem,
    empty_mapping,
    load_fields,
    quoted,
)
from checkback.core.text import UndecodableTextError, decode_content, rejoin_wrapped_lines

MAX_FILE_BYTES = 1_000_000
DEFAULT_REVIEW_DAYS = 180
PARAMETER_KEYS = ("can", "with_approval", "cannot")
KNOWN_KEYS = frozenset(
    {"title", "category", "tags", *PARAMETER_KEYS, "reviewed", "owner", "review_every_days"}
)
_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)
_DATE_SHAPE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
# The front matter starts on the file's second line, after the opening '---'.
_FRONT_OFFSET = 1


@dataclass(frozen=True)
class Policy:
    """One policy as the agent reads it: parameters first, then the prose."""

    source: str
    title: str
    category: str = "General"
    tags: tuple[str, ...] = ()
    can: tuple[str, ...] = ()
    with_approval: tuple[str, ...] = ()
    cannot: tuple[str, ...] = ()
    reviewed: dt.date | None = None
    owner: str = ""
    review_every_days: int | None = None
    body: str = ""

    @property
    def slug(self) -> str:
        """The file name without its extension: a stable handle for links."""
        return Path(self.source).stem


@dataclass(frozen=True)
class ParsedPolicy:
    """What reading one file gave: the policy (unless the file is unusable) and problems.

    ``digest`` identifies the file's content, so an unchanged file is never parsed twice.
    """

    policy: Policy | None
    problems: tuple[ContentProblem, ...] = field(default=())
    digest: str = ""


def content_digest(raw: bytes) -> str:
    """A short fingerprint of a file's bytes."""
    import hashlib  # imported here: only the indexing thread needs it

    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def read_policy_file(path: Path) -> ParsedPolicy:
    """Read and parse one policy file, turning every failure into a problem."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problem = _unusable(
                path,
                f"The file is {size / 1_000_000:.1f} MB; a policy may be at most 1 MB.",
                "Split it into smaller policies.",
            )
            return replace(problem, digest=f"size:{size}")
        raw = path.read_bytes()
    except OSError as error:
        return _unusable(path, f"The file cannot be read: {error.strerror}.", "Check it exists "
                         "and that you may read it.")
    return replace(parse_policy(str(path), raw), digest=content_digest(raw))


def parse_policy(source: str, raw: bytes) -> ParsedPolicy:
    """Parse the bytes of a policy file named ``source``."""
    if not raw.strip():
        return _unusable(source, "The file is empty.", "Add front matter and text, or delete it.")
    try:
        decoded = decode_content(raw)
    except UndecodableTextError as error:
        return _unusable(source, f"Not readable as text: {error}.", "Save it as UTF-8 text.")
    problems = []
    if decoded.note:
        problems.append(ContentProblem(source, None, f"Encoding: {decoded.note}.",
                                       "Re-save the file as UTF-8.", loaded=True))
    result = _parse_text(source, decoded.text)
    return ParsedPolicy(result.policy, tuple(problems) + result.problems)


def _parse_text(source: str, text: str) -> ParsedPolicy:
    split = _split_front_matter(text)
    if split is None:
        return _unusable(source, "No front matter: the file must start with a line '---', "
                         "the fields, and another '---'.", "Add front matter with at least a "
                         "title.", line=1)
    front, body = split
    try:
        loaded = _load_yaml(front)
    except YamlRefused as refused:
        line = refused.line + _FRONT_OFFSET if refused.line is not None else 2
        message = refused.message[0].lower() + refused.message[1:]
        return _unusable(source, f"The front matter was refused: {message}", refused.fix,
                         line=line)
    except _YamlError as error:
        return _unusable(source, f"The front matter is not valid YAML: {error.message}.",
                         "Fix the YAML at that line (quote text holding ':' or '#').",
                         line=error.line + 2 if error.line is not None else 2)
    fields = loaded.data
    reader = _FieldReader(source, fields)
    reader.problems += [duplicate_problem(source, duplicate, _FRONT_OFFSET)
                        for duplicate in loaded.duplicates]
    title = reader.text("title")
    if not title:
        return ParsedPolicy(None, (*reader.problems, ContentProblem(
            source, 1, "The policy has no title.", "Add 'title: …' to the front matter.")))
    policy = Policy(
        source=source,
        title=title,
        category=reader.text("category") or "General",
        tags=reader.texts("tags"),
        can=reader.texts("can"),
        with_approval=reader.texts("with_approval"),
        cannot=reader.texts("cannot"),
        reviewed=reader.date("reviewed"),
        owner=reader.text("owner"),
        review_every_days=reader.positive_int("review_every_days"),
        body=rejoin_wrapped_lines(body.strip()),
    )
    reader.report_unknown_keys()
    body_line = text.count("\n", 0, len(text) - len(body)) + 1
    reader.problems += link_problems(source, body, body_line)
    return ParsedPolicy(policy, tuple(reader.problems))


def _split_front_matter(text: str) -> tuple[str, str] | None:
    lines = text.split("\n", 1)
    if len(lines) < 2 or not _FENCE.fullmatch(lines[0].rstrip("\r")):
        return None
    rest = lines[1]
    end = _FENCE.search(rest)
    if end is None:
        return None
    return rest[: end.start()], rest[end.end() :]


class _YamlError(Exception):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def _load_yaml(front: str) -> LoadedFields:
    import yaml  # imported here: only the indexer parses content

    try:
        loaded = load_fields(front)
    except yaml.MarkedYAMLError as error:
        # Where the broken construct starts (an unclosed '[') is more useful than where
        # the parser gave up, which is often the end of the front matter.
        mark = error.context_mark or error.problem_mark
        message = error.problem or str(error)
        raise _YamlError(message, mark.line if mark is not None else None) from error
    except yaml.YAMLError as error:
        raise _YamlError(str(error), None) from error
    if loaded.data is None:
        return LoadedFields(empty_mapping(), ())
    if not isinstance(loaded.data, LinedMapping):
        raise _YamlError("it must be a list of 'key: value' fields", 0)
    return loaded


class _FieldReader:
    """Reads typed fields from front matter, noting a problem for each bad one."""

    def __init__(self, source: str, fields: LinedMapping) -> None:
        self.source = source
        self.fields = fields
        self.problems: list[ContentProblem] = []

    def text(self, key: str) -> str:
        value = self.fields.get(key)
        if value is None:
            return ""
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return str(value).strip()
        self._wrong_type(key, "a line of text")
        return ""

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.fields.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        if isinstance(value, list) and all(isinstance(item, str | int | float) for item in value):
            return tuple(str(item).strip() for item in value if str(item).strip())
        self._wrong_type(key, "a list of text items (one '- item' per line)")
        return ()

    def date(self, key: str) -> dt.date | None:
        value = self.fields.get(key)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            pass
        if isinstance(value, str) and _DATE_SHAPE.fullmatch(value.strip()):
            self.problems.append(ContentProblem(
                self.source, self._line_of(key), f"'{key}' is {quoted(value.strip())}, which "
                "is not a day on the calendar; it was ignored.", f"Write '{key}' as a real "
                "date, YYYY-MM-DD (month 01–12, a day that month has).", loaded=True))
        else:
            self._wrong_type(key, "a date written as YYYY-MM-DD")
        return None

    def positive_int(self, key: str) -> int | None:
        value = self.fields.get(key)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
        self._wrong_type(key, "a whole number of days above zero")
        return None

    def report_unknown_keys(self) -> None:
        for key in sorted(set(self.fields) - KNOWN_KEYS):
            allowed = ", ".join(sorted(KNOWN_KEYS))
            self.problems.append(ContentProblem(
                self.source, self._line_of(key), f"Unknown field '{key}' was ignored.",
                f"Check its spelling; the fields are: {allowed}.", loaded=True))

    def _wrong_type(self, key: str, expected: str) -> None:
        shown = quoted(self.fields[key])
        self.problems.append(ContentProblem(
            self.source, self._line_of(key), f"'{key}' should be {expected}, not {shown}; "
            "it was ignored.", f"Write '{key}' as {expected}.", loaded=True))

    def _line_of(self, key: str) -> int | None:
        line = self.fields.key_lines.get(key)
        return line + _FRONT_OFFSET if line is not None else None


def _unusable(source: str | Path, message: str, fix: str, line: int | None = None) -> ParsedPolicy:
    return ParsedPolicy(None, (ContentProblem(str(source), line, message, fix),))
