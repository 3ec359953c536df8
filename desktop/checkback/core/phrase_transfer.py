"""Bringing phrases in from other tools, and taking the agent's own phrases out.

Three kinds of file come in:

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
  the whole file.

Every phrase dropped or changed on the way in (a trigger not kept, a variable not run…)
is a problem, so the preview lists it. Titles never hold a placeholder.

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
from checkback.core.placeholders import MAX_DAYS, TOKEN, unknown_placeholders
from checkback.core.problems import ContentProblem
from checkback.core.text import UndecodableTextError, decode_content
from checkback.core.yaml_content import FieldChecker, LinedMapping, parse_yaml

MAX_IMPORT_BYTES = 5_000_000
IMPORT_SUFFIXES = (".yaml", ".yml", ".csv")
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
_FORM = "form_"  # the name given to a match's own form, whose fields are [[name]]
_MAX_DEPTH = 5  # variables inside variables, as deep as Espanso users nest them
_DATE_FORMAT = re.compile(r"[^{}]{1,40}")
_NOT_RUN = {"shell": "the shell command", "script": "the script",
            "clipboard": "the clipboard variable"}


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


def _espanso_match(source: str, entry: LinedMapping, global_vars: dict[str, LinedMapping],
                   problems: list[ContentProblem]) -> Phrase | None:
    fields = FieldChecker(source, entry, frozenset(), "match")
    triggers = fields.texts("triggers") or (fields.text("trigger"),)
    label = fields.text("label")
    key = next((key for key in _ESPANSO_TEXT_KEYS if key in entry), "")
    written = _espanso_text(fields, key)
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
    if len(triggers) > 1:
        problems.append(ContentProblem(source, entry.line, f"The match '{name}' kept "
                                       f"{triggers[0]}; also had {', '.join(triggers[1:])}.",
                                       "A phrase has one abbreviation; type the one kept.",
                                       loaded=True))
    variables = {**global_vars, **_variables(fields.items("vars"))}
    if key == "form":
        variables[_FORM] = LinedMapping({"type": "form",
                                         "params": {"fields": entry.get("form_fields")}})
        written = _FORM_FIELD.sub(r"{{" + _FORM + r".\1}}", written)
    resolver = _EspansoVariables(source, entry.line, name, variables, problems)
    text = resolver.ours(written)
    plain = _plain_text(text) if key == "html" else text
    return Phrase(title=_title(label, triggers[0], plain), text=plain,
                   html=text if key == "html" else "", abbreviation=triggers[0])


def _espanso_text(fields: FieldChecker, key: str) -> str:
    """The replacement without Espanso's cursor marker, stripped as an export would be
    (so a re-import matches it); a text that is only a non-breaking space is kept."""
    written = fields.text(key) if key else ""
    raw = fields.mapping.get(key) if key else None
    if not written and isinstance(raw, str):
        return raw.strip(" \t\r\n")
    return written.replace("$|$", "").strip() or written.replace("$|$", "")


def _variables(entries: list[LinedMapping]) -> dict[str, LinedMapping]:
    return {str(entry["name"]): entry for entry in entries if isinstance(entry.get("name"), str)}


@dataclass
class _EspansoVariables:
    """Turns Espanso's ``{{var}}`` into our placeholders, following a variable used inside
    another one (``_MAX_DEPTH`` deep) and noting every variable that was not run."""

    source: str
    line: int
    match_name: str
    variables: dict[str, LinedMapping]
    problems: list[ContentProblem]

    def ours(self, text: str, within: tuple[str, ...] = ()) -> str:
        """``text`` in our placeholders; lone braces escaped as ``{{``/``}}``. ``within``
        names the variables whose value ``text`` is, outermost first."""
        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name is None:
                return match.group(0) * 2
            return self.placeholder(name, within)
        return _ESPANSO_VAR.sub(replace, text)

    def placeholder(self, name: str, within: tuple[str, ...] = ()) -> str:
        """Our placeholder for the Espanso variable ``name`` (``form.field`` for a field)."""
        base, _, field = name.partition(".")
        variable = self.variables.get(base)
        if variable and (base in within or len(within) >= _MAX_DEPTH):
            self._note(f"The match '{self.match_name}': the variable '{base}' is used inside "
                       "itself or too deeply; you will be asked for it.",
                       "Give the phrase the value itself in the editor.")
            return _fill_in(field or base, [])
        kind = str(variable.get("type", "")) if variable else ""
        params = _mapping(variable.get("params")) if variable else {}
        echo = params.get("echo")
        if kind == "echo" and isinstance(echo, str):
            return self.ours(echo, (*within, base))
        if kind == "date":
            return self._date(base, params)
        if kind == "form" and field:
            return self._field(base, field, _mapping(_mapping(params.get("fields")).get(field)))
        if kind in _NOT_RUN:
            self._note(f"The match '{self.match_name}': not run: {_NOT_RUN[kind]} '{base}'; "
                       "you will be asked for its value when you copy.",
                       "Type the value, or edit the phrase to hold it.")
        if not variable and name.lower() in _KNOWN_NAMES:
            return "{" + _KNOWN_NAMES[name.lower()] + "}"
        inserted: list[str] = []
        if kind == "choice":
            inserted = _choice_texts(params.get("values"))
        elif kind == "random":
            inserted = _choice_texts(params.get("choices", params.get("values")))
        return _fill_in(field or base, self._choices(base, inserted))

    def _field(self, form: str, name: str, config: dict[str, Any]) -> str:
        """A form field as a fill-in: its choices (the default first) or its default."""
        default = config.get("default")
        default = str(default).strip() if isinstance(default, str | int | float) else ""
        inserted = _choice_texts(config.get("values")) \
            if config.get("type") in {"choice", "list"} else []
        if default in inserted:
            inserted = [default, *(choice for choice in inserted if choice != default)]
        elif default and not inserted:
            inserted = [default]
        return _fill_in(name, self._choices(name if form == _FORM else f"{form}.{name}",
                                            inserted))

    def _choices(self, name: str, inserted: list[str]) -> list[str]:
        choices = _cleaned(inserted)
        if choices != inserted:
            self._note(f"The match '{self.match_name}': some choices of '{name}' lost braces, "
                       "'|' or '/', which a choice cannot hold.", "Check its choices in "
                       "the editor.")
        return choices

    def _date(self, name: str, params: dict[str, Any]) -> str:
        offset = params.get("offset", 0)
        seconds = offset if isinstance(offset, int) and not isinstance(offset, bool) else 0
        days = max(-MAX_DAYS, min(MAX_DAYS, round(seconds / 86_400)))
        if seconds != days * 86_400:
            self._note(f"The match '{self.match_name}': the date '{name}' moves by {seconds} "
                       f"seconds; it was kept as {days} days.", "Edit the phrase if the hours "
                       "matter.")
        written = params.get("format")
        fmt = written if isinstance(written, str) and _DATE_FORMAT.fullmatch(written) else ""
        if isinstance(written, str) and written and not fmt:
            self._note(f"The match '{self.match_name}': the date format of '{name}' cannot be "
                       "kept; the date is written as \"3 March 2027\".",
                       "Edit the phrase to use a format of at most 40 characters, no braces.")
        shift = f"{'-' if days < 0 else '+'}{abs(days)}d" if days else ""
        if not fmt:
            return f"{{date{shift}}}" if shift else "{today}"
        return f"{{date{shift}:{fmt}}}"

    def _note(self, message: str, fix: str) -> None:
        problem = ContentProblem(self.source, self.line, message, fix, loaded=True)
        if problem not in self.problems:
            self.problems.append(problem)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _fill_in(name: str, choices: list[str]) -> str:
    return "{?" + _question(name) + ("|" + "/".join(choices) if choices else "") + "}"


def _question(name: str) -> str:
    words = re.sub(r"[_\-]+", " ", name).strip() or "Value"
    return words[0].upper() + words[1:]


def _choice_texts(values: Any) -> list[str]:
    """What a choice inserts: a value itself, or the ``id`` of a ``{label, id}`` value."""
    if isinstance(values, str):
        values = values.splitlines()
    if not isinstance(values, list):
        return []
    inserted = [value.get("id", value.get("label")) if isinstance(value, dict) else value
                for value in values]
    return [str(value).strip() for value in inserted
            if isinstance(value, str | int) and str(value).strip()]


def _cleaned(texts: list[str]) -> list[str]:
    return [clean for text in texts if (clean := re.sub(r"[{}|/]", "", text).strip())]


def _plain_text(markup: str) -> str:
    text = re.sub(r"<br\s*/?>|</p>|</div>|</li>", "\n", markup, flags=re.IGNORECASE)
    return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()


def _title(label: str, abbreviation: str, text: str) -> str:
    """The label, else the first words of the text without its placeholders, else the
    abbreviation: a title is never a placeholder."""
    if label:
        return label
    words = TOKEN.sub(lambda match: match.group(0)[0] if match.group(0) in ("{{", "}}")
                      else "", text)
    lines = [line for line in (" ".join(line.split()) for line in words.splitlines()) if line]
    first_line = re.sub(r"\s+(?=[,.;:!?])|^[,.;:!?\s]+|[,;:\s]+$", "", lines[0]) \
        if lines else ""
    if not any(char.isalnum() for char in first_line):
        return abbreviation or "Imported phrase"
    if len(first_line) <= _TITLE_CHARS:
        return first_line
    return first_line[:_TITLE_CHARS].rsplit(" ", 1)[0] + "…"


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
    columns = tuple(_CSV_HEADER_WORDS.get(cell.strip().lower(), "") for cell in row)
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
    return Phrase(title=_title(row.get("title", "").strip(), abbreviation, text), text=text,
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
