"""Bringing phrases in from other tools, and taking the agent's own phrases out.

Three kinds of file come in:

- a Checkback phrases file (``phrases:``), which is also what Export writes, so an
  agent's phrases can move to another machine or into a team pack;
- an Espanso match file (``matches:`` with ``trigger`` and ``replace``); its ``{{var}}``
  placeholders become ours: a name we know becomes that value, a date becomes ``{today}``,
  a choice becomes a choice fill-in, anything else a fill-in the agent is asked for;
- a CSV file of abbreviation, text and title (a header row may name them in any order).

Reading a file touches nothing stored: it gives phrases and problems, and the caller adds
the phrases as new ones.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checkback.core.files import write_atomically
from checkback.core.phrases import MAX_TEXT_CHARS, Phrase, normalised_tags, phrases_from_yaml
from checkback.core.placeholders import unknown_placeholders
from checkback.core.problems import ContentProblem
from checkback.core.text import UndecodableTextError, decode_content
from checkback.core.yaml_content import FieldChecker, LinedMapping, parse_yaml

MAX_IMPORT_BYTES = 5_000_000
IMPORT_SUFFIXES = (".yaml", ".yml", ".csv")
CSV_COLUMNS = ("abbreviation", "text", "title")
_TITLE_CHARS = 60
_ESPANSO_VAR = re.compile(r"\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}|[{}]")
_FORM_FIELD = re.compile(r"\[\[\s*([A-Za-z_][\w-]*)\s*\]\]")
_KNOWN_NAMES = {
    "customer": "customer_name", "customer_name": "customer_name", "name": "customer_name",
    "client": "customer_name", "agent": "agent_name", "agent_name": "agent_name",
    "my_name": "agent_name", "myname": "agent_name", "company": "company",
    "ticket": "ticket", "issue": "issue", "date": "today", "today": "today",
}
_ESPANSO_TEXT_KEYS = ("replace", "html", "markdown", "form")


@dataclass(frozen=True)
class ImportedFile:
    """What reading a file to import gave."""

    phrases: tuple[Phrase, ...]
    problems: tuple[ContentProblem, ...]
    file_format: str


def read_import_file(path: Path) -> ImportedFile:
    """Read a Checkback, Espanso or CSV file of phrases; every fault becomes a problem."""
    source = str(path)
    if not path.name.lower().endswith(IMPORT_SUFFIXES):
        return _unusable(source, "This is not a file Checkback can import.",
                         "Choose a .yaml or .yml file (Checkback or Espanso) or a .csv file.")
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            return _unusable(source, "The file is larger than 5 MB.", "Split it into parts.")
        raw = path.read_bytes()
    except OSError as error:
        return _unusable(source, f"The file cannot be read: {error.strerror}.",
                         "Check that it exists and that you may read it.")
    if path.name.lower().endswith(".csv"):
        return phrases_from_csv(source, raw)
    return phrases_from_yaml_bytes(source, raw)


def phrases_from_yaml_bytes(source: str, raw: bytes) -> ImportedFile:
    """The phrases of a Checkback or an Espanso YAML file."""
    loaded = parse_yaml(source, raw, repair=False)
    if loaded.data is not None and "matches" in loaded.data:
        return _checked(source, phrases_from_espanso(source, loaded.data, loaded.problems))
    parsed = phrases_from_yaml(source, loaded)
    return _checked(source, ImportedFile(parsed.phrases, parsed.problems, "Checkback"))


def phrases_from_espanso(source: str, data: LinedMapping,
                          problems: Iterable[ContentProblem] = ()) -> ImportedFile:
    """The matches of an Espanso file as phrases; a match we cannot use is reported."""
    fields = FieldChecker(source, data, frozenset(), "Espanso file")
    global_vars = _variables(fields.items("global_vars"))
    found: list[Phrase] = []
    found_problems = list(problems)
    for entry in fields.items("matches"):
        phrase = _espanso_match(source, entry, global_vars, found_problems)
        if phrase is not None:
            found.append(phrase)
    return ImportedFile(tuple(found), (*found_problems, *fields.problems), "Espanso")


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
                columns = tuple(cell.strip().lower() for cell in row)
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


def _espanso_match(source: str, entry: LinedMapping, global_vars: dict[str, LinedMapping],
                   problems: list[ContentProblem]) -> Phrase | None:
    fields = FieldChecker(source, entry, frozenset(), "match")
    triggers = fields.texts("triggers") or (fields.text("trigger"),)
    label = fields.text("label")
    key = next((key for key in _ESPANSO_TEXT_KEYS if key in entry), "")
    written = fields.text(key) if key else ""
    name = label or triggers[0] or fields.text("regex") or "(no trigger)"
    problems.extend(fields.problems)
    if not written:
        what = "an image" if "image_path" in entry else "no text"
        problems.append(ContentProblem(source, entry.line, f"The match '{name}' has {what}, "
                                       "so it was not imported.", "Only text replacements "
                                       "can be imported; add it by hand if you need it."))
        return None
    if "regex" in entry:
        problems.append(ContentProblem(source, entry.line, f"The match '{name}' has a regex "
                                       "trigger; it was imported without an abbreviation.",
                                       "Give it an abbreviation in the editor.", loaded=True))
    variables = {**global_vars, **_variables(fields.items("vars"))}
    if key == "form":
        written = _FORM_FIELD.sub(r"{{\1}}", written)
    text = _ours(written.replace("$|$", ""), variables)
    plain = _plain_text(text) if key == "html" else text
    return Phrase(title=_title(label, triggers[0], plain), text=plain,
                   html=text if key == "html" else "", abbreviation=triggers[0])


def _variables(entries: list[LinedMapping]) -> dict[str, LinedMapping]:
    return {str(entry["name"]): entry for entry in entries if isinstance(entry.get("name"), str)}


def _ours(text: str, variables: dict[str, LinedMapping]) -> str:
    """Espanso's ``{{var}}`` as our placeholders; lone braces escaped as ``{{``/``}}``."""
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name is None:
            return match.group(0) * 2
        return _placeholder(name, variables.get(name))
    return _ESPANSO_VAR.sub(replace, text)


def _placeholder(name: str, variable: LinedMapping | None) -> str:
    kind = str(variable.get("type", "")) if variable else ""
    params = variable.get("params") if variable else None
    params = params if isinstance(params, dict) else {}
    echo = params.get("echo")
    if kind == "echo" and isinstance(echo, str):
        return echo.replace("{", "{{").replace("}", "}}")
    if kind == "date" or name.lower() in _KNOWN_NAMES:
        return "{" + _KNOWN_NAMES.get(name.lower(), "today") + "}"
    question = _question(name.rsplit(".", 1)[-1])
    choices = _choices(params.get("values")) if kind in {"choice", "random"} else []
    return "{?" + question + ("|" + "/".join(choices) if choices else "") + "}"


def _question(name: str) -> str:
    words = re.sub(r"[_\-]+", " ", name).strip() or "Value"
    return words[0].upper() + words[1:]


def _choices(values: Any) -> list[str]:
    if isinstance(values, str):
        values = values.splitlines()
    if not isinstance(values, list):
        return []
    labels = [value.get("label", value.get("id")) if isinstance(value, dict) else value
              for value in values]
    return [clean for label in labels if isinstance(label, str | int)
            if (clean := re.sub(r"[{}|/]", "", str(label)).strip())]


def _plain_text(markup: str) -> str:
    text = re.sub(r"<br\s*/?>|</p>|</div>|</li>", "\n", markup, flags=re.IGNORECASE)
    return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()


def _title(label: str, abbreviation: str, text: str) -> str:
    if label:
        return label
    first_line = text.strip().splitlines()[0] if text.strip() else abbreviation
    short = first_line if len(first_line) <= _TITLE_CHARS else\
        first_line[:_TITLE_CHARS].rsplit(" ", 1)[0] + "…"
    return short or abbreviation


def _dialect(text: str) -> type[csv.Dialect]:
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _is_header(row: list[str]) -> bool:
    names = {cell.strip().lower() for cell in row}
    return "text" in names and names <= {*CSV_COLUMNS, "tags", "html", ""}


def _csv_row(source: str, line: int, row: dict[str, str],
             problems: list[ContentProblem]) -> Phrase | None:
    text = row.get("text", "").strip()
    abbreviation = row.get("abbreviation", "").strip()
    if not text:
        problems.append(ContentProblem(source, line, "This row has no text, so it was not "
                                       "imported.", "Put the text in the column after the "
                                       "abbreviation (abbreviation, text, title)."))
        return None
    return Phrase(title=_title(row.get("title", "").strip(), abbreviation, text), text=text,
                   tags=normalised_tags(tuple(row.get("tags", "").replace(",", " ").split())),
                   html=row.get("html", "").strip(), abbreviation=abbreviation)


def _checked(source: str, imported: ImportedFile) -> ImportedFile:
    """Drop phrases too long to keep, and note placeholders nobody knows."""
    kept: list[Phrase] = []
    problems = list(imported.problems)
    for phrase in imported.phrases:
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
