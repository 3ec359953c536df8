"""Raycast, Alfred and Text Blaze snippets as phrases.

- Raycast exports a JSON list of ``{name, text, keyword}``; ``{date}``, ``{time}``,
  ``{datetime}`` and ``{date format="..." offset="+3d"}`` become our dates,
  ``{argument name="x"}`` a fill-in (its ``options`` or ``default`` the answers offered).
- Alfred's snippets are ``{"alfredsnippet": {snippet, name, keyword}}``;
  ``{date}``, ``{time}``, ``{datetime}`` and ``{date:format}`` become our dates.
- Text Blaze's are ``{name, shortcut, text or html}``; ``{formtext: name=x}`` and
  ``{formmenu: a; b; name=x}`` become fill-ins, ``{time: format}`` (a moment.js format,
  ``shift=+3D`` in days) our dates.

In all three the clipboard is never pasted (a fill-in), the cursor position is dropped,
anything else in braces of theirs is asked for, and every change is said.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from checkback.core.espanso import phrase_title
from checkback.core.expander_placeholders import (
    MOMENT_DATE,
    UNICODE_DATE,
    PhraseNotes,
    date_placeholder,
    fill_in,
    literal,
    plain_text,
    text_field,
)
from checkback.core.phrases import Phrase
from checkback.core.placeholders import MAX_DAYS
from checkback.core.problems import ContentProblem

Translate = Callable[[str, PhraseNotes], str]
_RAYCAST = re.compile(r"\{(clipboard|cursor|date|time|datetime|day|argument|selection|uuid"
                      r"|snippet|browser-tab)((?:\s+[a-z]+\s*=\s*\"[^\"]*\")*)\s*(\|[^{}]*)?\}")
_RAYCAST_ATTRIBUTE = re.compile(r"([a-z]+)\s*=\s*\"([^\"]*)\"")
_ALFRED = re.compile(r"\{(clipboard|cursor|date|time|datetime|isodate|random|snippet)"
                     r"(?::([^{}]*))?\}")
_BLAZE = re.compile(r"\{([a-z]+)(?::((?:[^{}]|\{[^{}]*\})*))?\}")
_SHIFT = re.compile(r"([+-]?\d{1,4})\s*([dDwW])")
_ALFRED_STYLES = {"short": "%d/%m/%Y", "medium": "%d %b %Y", "long": "{today}",
                  "full": "%A %d %B %Y"}


def phrases_from_entries(source: str, entries: list[Mapping[str, object]], tool: str,
                         translate: Translate, abbreviation_key: str
                         ) -> tuple[tuple[Phrase, ...], tuple[ContentProblem, ...]]:
    """``entries`` ({name, text or snippet or html, and ``abbreviation_key``}) as phrases."""
    phrases: list[Phrase] = []
    problems: list[ContentProblem] = []
    for entry in entries:
        name = text_field(entry, "name")
        abbreviation = text_field(entry, abbreviation_key)
        written = text_field(entry, "text", "snippet")
        markup = text_field(entry, "html") if not written else ""
        label = name or abbreviation or "(no name)"
        if not (written or markup):
            problems.append(ContentProblem(source, None, f"The {tool} snippet '{label}' has no "
                                           "text, so it was not imported.",
                                           "Add it by hand if you need it."))
            continue
        notes = PhraseNotes(source, label)
        text = translate(written or plain_text(markup), notes)
        if markup:
            notes.note("its formatting was dropped; the text was kept.", "Nothing to do.")
        problems.extend(notes.problems)
        phrases.append(Phrase(title=phrase_title(name, abbreviation, text), text=text,
                              abbreviation=abbreviation))
    return tuple(phrases), tuple(problems)


def _translated(pattern: re.Pattern[str], text: str,
                placeholder: Callable[[re.Match[str]], str]) -> str:
    parts: list[str] = []
    end = 0
    for match in pattern.finditer(text):
        parts += [literal(text[end:match.start()]), placeholder(match)]
        end = match.end()
    return "".join(parts) + literal(text[end:])


def raycast_text(text: str, notes: PhraseNotes) -> str:
    """A Raycast snippet's text in our placeholders."""
    def placeholder(match: re.Match[str]) -> str:
        kind, attributes = match.group(1), dict(_RAYCAST_ATTRIBUTE.findall(match.group(2)))
        if match.group(3):
            notes.note(f"the change '{match.group(3).strip('| ')}' of {{{kind}}} was dropped.",
                       "Check that text in the editor.")
        if kind == "argument":
            options = tuple(option.strip() for option in attributes.get("options", "")
                            .split(",") if option.strip())
            offered = options or tuple(filter(None, (attributes.get("default", ""),)))
            return fill_in(attributes.get("name") or "Value", offered)
        if kind in ("date", "time", "datetime", "day"):
            return _date(kind, attributes.get("format", ""), attributes.get("offset", ""),
                         UNICODE_DATE, notes)
        return _common(kind, notes, "Raycast")
    return _translated(_RAYCAST, text, placeholder)


def alfred_text(text: str, notes: PhraseNotes) -> str:
    """An Alfred snippet's text in our placeholders."""
    def placeholder(match: re.Match[str]) -> str:
        kind, argument = match.group(1), (match.group(2) or "").strip()
        if kind in ("date", "time", "datetime", "isodate"):
            style = _ALFRED_STYLES.get(argument)
            if style == "{today}":
                return style
            return _date(kind, style or argument, "", UNICODE_DATE, notes, bool(style))
        return _common(kind, notes, "Alfred")
    return _translated(_ALFRED, text, placeholder)


def text_blaze_text(text: str, notes: PhraseNotes) -> str:
    """A Text Blaze snippet's text in our placeholders."""
    def placeholder(match: re.Match[str]) -> str:
        kind = match.group(1)
        settings = [part.strip() for part in (match.group(2) or "").split(";")]
        named = dict(part.split("=", 1) for part in settings if "=" in part)
        named = {key.strip(): value.strip() for key, value in named.items()}
        positional = tuple(part for part in settings if part and "=" not in part)
        if kind in ("formtext", "formparagraph", "formdate"):
            return fill_in(named.get("name") or "Value",
                           tuple(filter(None, (named.get("default", ""),))))
        if kind == "formmenu":
            default = named.get("default", "")
            return fill_in(named.get("name") or "Choice",
                           (default, *(choice for choice in positional if choice != default)))
        if kind == "time":
            return _date(kind, positional[0] if positional else "", named.get("shift", ""),
                         MOMENT_DATE, notes)
        return _common(kind, notes, "Text Blaze")
    return _translated(_BLAZE, text, placeholder)


def _common(kind: str, notes: PhraseNotes, tool: str) -> str:
    if kind == "clipboard":
        return notes.clipboard()
    if kind == "cursor":
        return notes.cursor()
    notes.note(f"the {tool} placeholder {{{kind}}} is not one Checkback has; you will be asked "
               "for it.", "Edit the phrase to hold the text itself.")
    return fill_in(kind)


def _date(kind: str, written: str, shift: str, table: Mapping[str, str], notes: PhraseNotes,
          converted: bool = False) -> str:
    """A date ``shift`` away (``+3d``, ``-1w``) in the format ``written``."""
    days = 0
    if shift:
        found = _SHIFT.fullmatch(shift.strip())
        if found:
            days = int(found.group(1)) * (7 if found.group(2) in "wW" else 1)
            days = max(-MAX_DAYS, min(MAX_DAYS, days))
        else:
            notes.note(f"the date moves by '{shift}', which is not whole days or weeks; "
                       "today's date is written.", "Edit the phrase to move it in days.")
    if not written:
        default = {"time": "%H:%M", "datetime": "%d %B %Y %H:%M", "day": "%A",
                   "isodate": "%Y-%m-%dT%H:%M:%S"}.get(kind, "")
        return date_placeholder(days, default)
    return date_placeholder(days, written if converted else notes.date_format(written, table))
