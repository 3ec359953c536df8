"""Espanso match files as phrases: its ``{{var}}`` placeholders become ours (see
``phrase_transfer``), and whatever cannot come across as it was is said as a problem."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from checkback.core.phrases import Phrase
from checkback.core.placeholders import MAX_DAYS, TOKEN
from checkback.core.problems import ContentProblem
from checkback.core.yaml_content import FieldChecker, LinedMapping

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


def phrases_from_espanso(source: str, data: LinedMapping, problems: Iterable[ContentProblem] = ()
                         ) -> tuple[tuple[Phrase, ...], tuple[ContentProblem, ...]]:
    """The matches of an Espanso file as phrases, and the problems: a match we cannot use,
    and whatever was dropped or changed on the way in."""
    fields = FieldChecker(source, data, frozenset(), "Espanso file")
    global_vars = _variables(fields.items("global_vars"))
    found: list[Phrase] = []
    found_problems = list(problems)
    for entry in fields.items("matches"):
        phrase = _espanso_match(source, entry, global_vars, found_problems)
        if phrase is not None:
            found.append(phrase)
    return tuple(found), (*found_problems, *fields.problems)


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
    return Phrase(title=phrase_title(label, triggers[0], plain), text=plain,
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


def phrase_title(label: str, abbreviation: str, text: str) -> str:
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
