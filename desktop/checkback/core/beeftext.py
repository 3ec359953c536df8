"""Beeftext's ``comboList.json`` as phrases.

A combo is ``{keyword, snippet, name, ...}``. Its ``#{...}`` placeholders become ours:
``#{date}``, ``#{time}`` and ``#{dateTime:format}`` (a Qt date format) our dates,
``#{input:question}`` a fill-in, ``#{combo:keyword}`` the other combo's text (followed
``MAX_DEPTH`` deep). The clipboard is never pasted, and ``#{envVar:...}`` and
``#{powershell:...}`` never run: each is a fill-in, and said.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from checkback.core.espanso import phrase_title
from checkback.core.expander_placeholders import (
    MAX_DEPTH,
    UNICODE_DATE,
    PhraseNotes,
    date_placeholder,
    fill_in,
    literal,
    text_field,
)
from checkback.core.phrases import Phrase
from checkback.core.problems import ContentProblem

_PLACEHOLDER = re.compile(r"#\{([A-Za-z]+)(?::((?:[^{}\\]|\\.)*))?\}")
_NOT_RUN = {"envVar": "The environment variable", "powershell": "The PowerShell script"}
_DROPPED = {"key": "a key press", "shortcut": "a key press", "delay": "a pause"}


def is_beeftext(data: object) -> bool:
    """True for a Beeftext combo list: an object with a ``combos`` list."""
    return isinstance(data, dict) and isinstance(data.get("combos"), list)


def phrases_from_beeftext(source: str, data: Mapping[str, object]
                          ) -> tuple[tuple[Phrase, ...], tuple[ContentProblem, ...]]:
    """The combos of a Beeftext combo list as phrases, and what changed on the way in."""
    listed = data.get("combos")
    combos = [combo for combo in listed if isinstance(combo, dict)] \
        if isinstance(listed, list) else []
    by_keyword = {text_field(combo, "keyword"): combo for combo in combos}
    phrases: list[Phrase] = []
    problems: list[ContentProblem] = []
    for combo in combos:
        keyword = text_field(combo, "keyword")
        snippet = combo.get("snippet")
        name = text_field(combo, "name") or keyword or "(no keyword)"
        if not isinstance(snippet, str) or not snippet.strip():
            problems.append(ContentProblem(source, None, f"The combo '{name}' has no text, so "
                                           "it was not imported.", "Add it by hand if you "
                                           "need it."))
            continue
        notes = PhraseNotes(source, name)
        text = _BeeftextText(by_keyword, notes).ours(snippet.strip(), (keyword,))
        problems.extend(notes.problems)
        phrases.append(Phrase(title=phrase_title(text_field(combo, "name"), keyword, text),
                              text=text, abbreviation=keyword))
    if not combos:
        problems.append(ContentProblem(source, None, "The Beeftext file holds no combos.",
                                       "Export the combos again from Beeftext."))
    return tuple(phrases), tuple(problems)


@dataclass
class _BeeftextText:
    """Turns a combo's text into ours, inlining the combos it names."""

    by_keyword: Mapping[str, Mapping[str, object]]
    notes: PhraseNotes

    def ours(self, snippet: str, within: tuple[str, ...]) -> str:
        """``snippet`` in our placeholders; ``within`` the keywords being inlined."""
        parts: list[str] = []
        end = 0
        for match in _PLACEHOLDER.finditer(snippet):
            parts.append(literal(snippet[end:match.start()]))
            parts.append(self.placeholder(match.group(1), _unescaped(match.group(2)), within))
            end = match.end()
        parts.append(literal(snippet[end:]))
        return "".join(parts)

    def placeholder(self, kind: str, argument: str | None, within: tuple[str, ...]) -> str:
        """Our placeholder for ``#{kind:argument}``."""
        if kind == "clipboard":
            return self.notes.clipboard()
        if kind in ("date", "time", "dateTime"):
            return self._date(kind, argument)
        if kind == "input":
            return fill_in(argument or "Value")
        if kind in ("combo", "upper", "lower", "trim"):
            return self._combo(kind, argument or "", within)
        if kind == "cursor":
            return self.notes.cursor()
        if kind in _NOT_RUN:
            return self.notes.not_run(f"{_NOT_RUN[kind]} {argument or ''}".strip())
        if kind in _DROPPED:
            self.notes.note(f"{_DROPPED[kind]} (#{{{kind}}}) was dropped.", "Nothing to do.")
            return ""
        self.notes.note(f"the Beeftext placeholder #{{{kind}}} is unknown; you will be asked "
                        "for it.", "Edit the phrase to hold the text itself.")
        return fill_in(kind)

    def _date(self, kind: str, argument: str | None) -> str:
        if not argument:
            return {"date": "{today}", "time": "{date:%H:%M}",
                    "dateTime": "{date:%d %B %Y %H:%M}"}[kind]
        return date_placeholder(0, self.notes.date_format(argument, UNICODE_DATE))

    def _combo(self, kind: str, keyword: str, within: tuple[str, ...]) -> str:
        combo = self.by_keyword.get(keyword)
        snippet = combo.get("snippet") if combo else None
        if not isinstance(snippet, str) or keyword in within or len(within) > MAX_DEPTH:
            self.notes.note(f"the combo '{keyword}' it holds is missing, holds itself or is "
                            "nested too deeply; you will be asked for its text.",
                            "Edit the phrase to hold that text itself.")
            return fill_in(keyword or "Combo text")
        if kind != "combo":
            self.notes.note(f"the text of '{keyword}' was inlined without #{{{kind}}}'s change "
                            "of case or spaces.", "Check that text in the editor.")
        return self.ours(snippet, (*within, keyword))


def _unescaped(argument: str | None) -> str | None:
    # Beeftext escapes braces and backslashes only; a Windows path keeps its backslashes.
    return re.sub(r"\\([\\{}])", r"\1", argument) if argument is not None else None
