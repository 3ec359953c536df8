"""Bringing phrases in from other tools, and taking the agent's own phrases out.

These files come in:

- a Checkback phrases file (``phrases:``), which is also what Export writes, so an
  agent's phrases can move to another machine or into a team pack;
- an Espanso match file (``matches:`` with ``trigger`` or ``triggers`` and ``replace``,
  ``html``, ``markdown`` or ``form``); its ``{{var}}`` placeholders become ours: a name we
  know becomes that value, a date ``{date±Nd:FORMAT}`` (its offset in whole days), an echo
  its text (variables inside it followed), a choice or a form field a choice fill-in
  inserting what Espanso would (a value's ``id`` before its ``label``), anything else a
  fill-in the agent is asked for. Shell, script and clipboard variables are never run;
- a CSV file of abbreviation, text and title (a header row may name them in any order, in
  other tools' words too: keyword, snippet, content, label…), its delimiter chosen from
  the whole file (Beeftext's CSV export is one);
- the JSON exports of Beeftext (``comboList.json``), Raycast and Text Blaze, and Alfred's
  ``.alfredsnippets`` collections, their placeholders made ours or said (see
  ``other_expanders``).

Every phrase dropped or changed on the way in (a trigger not kept, a variable not run…)
is a problem, so the preview lists it. Titles never hold a placeholder.

Reading a file touches nothing stored: it gives phrases and problems, and the caller adds
the phrases as new ones.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from checkback.core.espanso import phrase_title, phrases_from_espanso
from checkback.core.files import write_atomically
from checkback.core.other_expanders import ExpanderFile, phrases_from_alfred, phrases_from_json
from checkback.core.phrases import MAX_TEXT_CHARS, Phrase, normalised_tags, phrases_from_yaml
from checkback.core.placeholders import unknown_placeholders
from checkback.core.problems import ContentProblem
from checkback.core.text import UndecodableTextError, decode_content
from checkback.core.yaml_content import parse_yaml

MAX_IMPORT_BYTES = 5_000_000
IMPORT_SUFFIXES = (".yaml", ".yml", ".csv", ".json", ".alfredsnippets")
CSV_COLUMNS = ("abbreviation", "text", "title")
_CSV_DELIMITERS = (",", ";", "\t")
# Header words of Checkback and of other tools' exports (TextExpander, aText, PhraseExpress…).
_CSV_HEADER_WORDS = {
    **{word: "text" for word in ("text", "content", "snippet", "phrase", "replacement",
                                 "expansion", "replace")},
    **{word: "abbreviation" for word in ("abbreviation", "abbrev", "keyword", "shortcut",
                                         "trigger", "shortcode")},
    **{word: "title" for word in ("title", "label", "name", "description")},
    "tags": "tags", "html": "html",
}
@dataclass(frozen=True)
class ImportedFile:
    """What reading a file to import gave."""

    phrases: tuple[Phrase, ...]
    problems: tuple[ContentProblem, ...]
    file_format: str


def read_import_file(path: Path) -> ImportedFile:
    """Read a Checkback, Espanso, CSV, Beeftext, Raycast, Text Blaze or Alfred file of
    phrases; every fault becomes a problem."""
    source = str(path)
    if not path.name.lower().endswith(IMPORT_SUFFIXES):
        return _unusable(source, "This is not a file Checkback can import.",
                         "Choose a .yaml or .yml file (Checkback or Espanso), a .csv file, a "
                         ".json file (Beeftext, Raycast, Text Blaze) or an .alfredsnippets "
                         "file.")
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            return _unusable(source, "The file is larger than 5 MB.", "Split it into parts.")
        raw = path.read_bytes()
    except OSError as error:
        return _unusable(source, f"The file cannot be read: {error.strerror}.",
                         "Check that it exists and that you may read it.")
    name = path.name.lower()
    if name.endswith(".csv"):
        return phrases_from_csv(source, raw)
    if name.endswith(".json"):
        return _from_expander(source, phrases_from_json(source, raw))
    if name.endswith(".alfredsnippets"):
        return _from_expander(source, phrases_from_alfred(source, raw))
    return phrases_from_yaml_bytes(source, raw)


def phrases_from_yaml_bytes(source: str, raw: bytes) -> ImportedFile:
    """The phrases of a Checkback or an Espanso YAML file."""
    loaded = parse_yaml(source, raw, repair=False)
    if loaded.data is not None and "matches" in loaded.data:
        phrases, problems = phrases_from_espanso(source, loaded.data, loaded.problems)
        return _checked(source, ImportedFile(phrases, problems, "Espanso"))
    parsed = phrases_from_yaml(source, loaded)
    return _checked(source, ImportedFile(parsed.phrases, parsed.problems, "Checkback"))


def phrases_from_csv(source: str, raw: bytes) -> ImportedFile:
    """The rows of a CSV file (abbreviation, text, title) as phrases."""
    try:
        text = decode_content(raw, repair=False).text
    except UndecodableTextError as error:
        return _unusable(source, f"Not readable as text: {error}.", "Save it as UTF-8 CSV.")
    reader = csv.reader(io.StringIO(text, newline=""), dialect=_dialect(text))
    columns: tuple[str, ...] = CSV_COLUMNS
    phrases: list[Phrase] = []
    problems: list[ContentProblem] = []
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if reader.line_num == 1 and _is_header(row):
                columns = _header_columns(source, row, problems)
                continue
            phrase = _csv_row(source, reader.line_num, dict(zip(columns, row, strict=False)),
                               problems)
            if phrase is not None:
                phrases.append(phrase)
    except csv.Error as error:
        problems.append(ContentProblem(source, reader.line_num, f"The CSV is broken here: "
                                       f"{error}.", "Fix the quotes on that line; the rows "
                                       "before it were read."))
    return _checked(source, ImportedFile(tuple(phrases), tuple(problems), "CSV"))


def write_export(path: Path, phrases: Iterable[Phrase]) -> None:
    """Write ``phrases`` to ``path`` as a phrases file; an existing file is replaced only
    once the new one is complete.

    Raises:
        OSError: the file could not be written.
    """
    write_atomically(path, phrases_to_yaml(phrases))


def phrases_to_yaml(phrases: Iterable[Phrase]) -> str:
    """A Checkback phrases file holding ``phrases`` (empty fields left out)."""
    import yaml  # imported here: only export writes YAML

    entries = [{key: value for key, value in (
        ("title", s.title), ("abbreviation", s.abbreviation), ("tags", list(s.tags)),
        ("text", s.text), ("html", s.html)) if value} for s in phrases]
    body = yaml.dump({"snippets": entries}, Dumper=_literal_dumper(), sort_keys=False,
                     allow_unicode=True, width=100)
    return "# Phrases exported from Checkback. Import them, or put this file in a pack's "\
           "snippets/ folder.\n" + body


def _dialect(text: str) -> type[csv.Dialect]:
    """The dialect that reads the whole of ``text`` best: a header row it recognises, then
    the most rows of two cells or more, quoted cells starting where cells start, and the
    most cells with something in them."""
    def score(delimiter: str) -> tuple[bool, int, int, int]:
        rows = [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
                if any(cell.strip() for cell in row)]
        quotes = len(re.findall(rf'(?:^|{re.escape(delimiter)})"', text, re.MULTILINE))
        return (bool(rows) and _is_header(rows[0]), sum(len(row) > 1 for row in rows), quotes,
                sum(bool(cell.strip()) for row in rows for cell in row))

    best = max(_CSV_DELIMITERS, key=score)

    class Whole(csv.excel):
        """Excel's dialect with the delimiter found; ``""`` is a quote, a stray quote an
        error (reported, not read as text)."""

        delimiter = best
        strict = True

    return Whole


def _is_header(row: list[str]) -> bool:
    names = [_CSV_HEADER_WORDS.get(cell.strip().lower()) for cell in row if cell.strip()]
    return "text" in names and sum(name is not None for name in names) * 2 > len(names)


def _header_columns(source: str, row: list[str], problems: list[ContentProblem]) -> \
        tuple[str, ...]:
    # A second column of one kind (Beeftext's name and description) is not read over the
    # first: it is said as not imported.
    kinds = [_CSV_HEADER_WORDS.get(cell.strip().lower(), "") for cell in row]
    columns = tuple(kind if kind not in kinds[:index] else ""
                    for index, kind in enumerate(kinds))
    unknown = [cell.strip() for cell, column in zip(row, columns, strict=True)
               if cell.strip() and not column]
    if unknown:
        problems.append(ContentProblem(source, 1, f"The column{'s' if len(unknown) > 1 else ''}"
                                       f" {', '.join(unknown)} was not imported.",
                                       "Checkback keeps abbreviation, text, title, tags and "
                                       "html.", loaded=True))
    return columns


def _csv_row(source: str, line: int, row: dict[str, str],
             problems: list[ContentProblem]) -> Phrase | None:
    text = row.get("text", "").strip()
    abbreviation = row.get("abbreviation", "").strip()
    if not text:
        problems.append(ContentProblem(source, line, "This row has no text, so it was not "
                                       "imported.", "Put the text in the column after the "
                                       "abbreviation (abbreviation, text, title)."))
        return None
    return Phrase(title=phrase_title(row.get("title", "").strip(), abbreviation, text), text=text,
                   tags=normalised_tags(tuple(row.get("tags", "").replace(",", " ").split())),
                   html=row.get("html", "").strip(), abbreviation=abbreviation)


def _checked(source: str, imported: ImportedFile) -> ImportedFile:
    """Drop phrases too long to keep or repeated, and note placeholders nobody knows."""
    kept: list[Phrase] = []
    problems = list(imported.problems)
    seen: set[tuple[str, str]] = set()
    for phrase in imported.phrases:
        # An export is read back as it was written; another tool's file is told of its
        # repeats, which import_phrases would skip anyway.
        if imported.file_format != "Checkback" and (phrase.abbreviation, phrase.text) in seen:
            problems.append(ContentProblem(source, None, f"'{phrase.title}' is in the file "
                                           "twice (same abbreviation and text); it is "
                                           "imported once.", "Nothing to do.", loaded=True))
            continue
        seen.add((phrase.abbreviation, phrase.text))
        if len(phrase.text) > MAX_TEXT_CHARS:
            problems.append(ContentProblem(source, None, f"'{phrase.title}' is longer than "
                                           f"{MAX_TEXT_CHARS:,} characters, so it was not "
                                           "imported.", "Shorten it or split it in two."))
            continue
        unknown = unknown_placeholders(phrase.text)
        if unknown:
            problems.append(ContentProblem(source, None, f"'{phrase.title}' has "
                                           f"{', '.join(unknown)}, which Checkback does not "
                                           "know; you will be asked for it when you copy.",
                                           "Edit the phrase to use a known placeholder.",
                                           loaded=True))
        kept.append(phrase)
    return ImportedFile(tuple(kept), tuple(problems), imported.file_format)


def _from_expander(source: str, found: ExpanderFile) -> ImportedFile:
    return _checked(source, ImportedFile(found.phrases, found.problems, found.tool))


def _unusable(source: str, message: str, fix: str) -> ImportedFile:
    return ImportedFile((), (ContentProblem(source, None, message, fix),), "")


def _literal_dumper() -> type:
    import yaml

    class LiteralDumper(yaml.SafeDumper):
        """Writes text of several lines as a ``|`` block, as a person would."""

    def represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        # YAML reads these as line breaks unless they are written escaped.
        if any(char in value for char in "\x85\u2028\u2029"):
            style: str | None = '"'
        else:
            style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    LiteralDumper.add_representer(str, represent_text)
    return LiteralDumper
