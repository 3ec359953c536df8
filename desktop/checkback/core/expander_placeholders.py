"""What the readers of other text expanders share: their date formats as ``strftime``,
fill-ins, literal text, and the problems said about one phrase."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from checkback.core.problems import ContentProblem

MAX_DEPTH = 5  # a phrase inside a phrase, as deep as anyone nests them
# Qt's and Unicode's (LDML) date patterns, used by Beeftext, Raycast and Alfred.
UNICODE_DATE = {
    "dddd": "%A", "ddd": "%a", "dd": "%d", "d": "%d", "EEEE": "%A", "EEE": "%a", "E": "%a",
    "MMMM": "%B", "MMM": "%b", "MM": "%m", "M": "%m", "yyyy": "%Y", "yy": "%y", "y": "%Y",
    "HH": "%H", "H": "%H", "hh": "%I", "h": "%I", "mm": "%M", "m": "%M", "ss": "%S",
    "s": "%S", "AP": "%p", "ap": "%p", "a": "%p",
}
# moment.js patterns, used by Text Blaze.
MOMENT_DATE = {
    "dddd": "%A", "ddd": "%a", "DD": "%d", "D": "%d", "Do": "%d", "MMMM": "%B", "MMM": "%b",
    "MM": "%m", "M": "%m", "YYYY": "%Y", "YY": "%y", "HH": "%H", "H": "%H", "hh": "%I",
    "h": "%I", "mm": "%M", "m": "%M", "ss": "%S", "s": "%S", "A": "%p", "a": "%p",
}
_MAX_FORMAT = 40  # what placeholders.py lets a date format hold
# Parts strftime can only write with a leading zero (or, for "Do", without "st", "nd"…).
_PADDED = frozenset({"d", "D", "Do", "M", "H", "h", "m", "s"})


def strftime_format(pattern: str, table: Mapping[str, str]) -> tuple[str, bool] | None:
    """``pattern`` (quoted parts literal) as a ``strftime`` format, and whether a part of it
    is written with a leading zero it did not have; None when a letter of it means nothing
    we can write or the result is too long for a date placeholder."""
    tokens = sorted(table, key=len, reverse=True)
    scanner = re.compile(r"'([^']*)'|\[([^\]]*)\]|" + "|".join(map(re.escape, tokens))
                         + r"|([A-Za-z])|([^A-Za-z'\[])")
    written: list[str] = []
    padded = False
    for match in scanner.finditer(pattern):
        quoted, bracketed, letter, other = match.groups()
        if letter:
            return None
        literal = next((part for part in (quoted, bracketed, other) if part is not None), None)
        padded = padded or match.group(0) in _PADDED
        written.append(literal.replace("%", "%%") if literal is not None
                       else table[match.group(0)])
    result = "".join(written).strip()
    if not result or len(result) > _MAX_FORMAT or re.search(r"[{}]", result):
        return None
    return result, padded


def date_placeholder(days: int, fmt: str) -> str:
    """Our date placeholder ``days`` away, in ``fmt`` (``""`` for "3 March 2027")."""
    shift = f"{'-' if days < 0 else '+'}{abs(days)}d" if days else ""
    if not fmt:
        return f"{{date{shift}}}" if shift else "{today}"
    return f"{{date{shift}:{fmt}}}"


def fill_in(question: str, choices: tuple[str, ...] = ()) -> str:
    """A fill-in asking ``question``; its first choice is offered first."""
    words = re.sub(r"[{}|_]+", " ", question).strip() or "Value"
    kept = [clean for choice in choices if (clean := re.sub(r"[{}|/]", "", choice).strip())]
    return "{?" + words[0].upper() + words[1:] + ("|" + "/".join(kept) if kept else "") + "}"


def literal(text: str) -> str:
    """``text`` as it is: its braces doubled, so none is read as a placeholder."""
    return text.replace("{", "{{").replace("}", "}}")


def plain_text(markup: str) -> str:
    """The text of an HTML snippet, one line per paragraph."""
    text = re.sub(r"<br\s*/?>|</p>|</div>|</li>", "\n", markup, flags=re.IGNORECASE)
    return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()


def text_field(entry: Mapping[str, object], *keys: str) -> str:
    """The first of ``keys`` that holds text in ``entry``, stripped; "" for none."""
    for key in keys:
        value = entry.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


@dataclass
class PhraseNotes:
    """The problems said about one phrase as it comes across, each said once."""

    source: str
    phrase: str
    problems: list[ContentProblem] = field(default_factory=list)

    def note(self, message: str, fix: str) -> None:
        """Say that ``phrase`` changed on the way in: ``message``, and what to do."""
        problem = ContentProblem(self.source, None, f"'{self.phrase}': {message}", fix,
                                 loaded=True)
        if problem not in self.problems:
            self.problems.append(problem)

    def clipboard(self) -> str:
        """The clipboard, never pasted: a fill-in."""
        self.note("the clipboard is not pasted; you will be asked for that text.",
                  "Paste it when you copy the phrase.")
        return fill_in("Clipboard text")

    def cursor(self) -> str:
        """Where the cursor goes: dropped."""
        self.note("the cursor position was dropped.", "Nothing to do.")
        return ""

    def not_run(self, what: str) -> str:
        """Something that would run a program or read the machine: a fill-in."""
        self.note(f"{what} is not run; you will be asked for its value.",
                  "Type the value, or edit the phrase to hold it.")
        return fill_in(what)

    def date_format(self, written: str, table: Mapping[str, str]) -> str:
        """The ``strftime`` format for ``written`` ("" for "3 March 2027"), and what it
        could not keep said."""
        converted = strftime_format(written, table)
        if converted is None:
            self.note(f"the date format '{written}' cannot be kept; the date is written as "
                      "\"3 March 2027\".", "Edit the phrase to use a format like "
                      "{date:%d/%m/%Y}.")
            return ""
        if converted[1]:
            self.note(f"the date format '{written}' now writes days, months or hours with a "
                      "leading zero (05, not 5).", "Edit the format if that matters.")
        return converted[0]
