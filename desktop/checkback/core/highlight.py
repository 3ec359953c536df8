"""Search excerpts: the matched words marked, and marked text turned into safe HTML."""

from __future__ import annotations

import re
from collections.abc import Sequence

from checkback.core.html_text import escape_html

MATCH_START = "\x02"
MATCH_END = "\x03"
EXCERPT_WORDS = 24


def word_pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    """A pattern for words that start with any of ``words`` (as the search matches them)."""
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})[^\W_]*", re.IGNORECASE)


def mark_matches(text: str, pattern: re.Pattern[str] | None) -> str:
    """``text`` with every match of ``pattern`` between MATCH_START and MATCH_END."""
    if pattern is None:
        return text
    return pattern.sub(lambda match: f"{MATCH_START}{match.group(0)}{MATCH_END}", text)


def excerpt(text: str, pattern: re.Pattern[str] | None, words: int = EXCERPT_WORDS) -> str:
    """About ``words`` words of ``text`` around its first match, with the matches marked."""
    first = pattern.search(text) if pattern is not None else None
    start = 0 if first is None else first.start()
    before = text[max(0, start - 200) : start].split()
    lead = before[-3:]
    rest = text[start:].split(maxsplit=words - len(lead))
    tail = rest[: words - len(lead)]
    prefix = "…" if len(before) > len(lead) or start > 200 else ""
    suffix = "…" if len(rest) > len(tail) else ""
    return prefix + mark_matches(" ".join(lead + tail), pattern) + suffix


def marked_to_html(marked: str, open_tag: str = "<b>", close_tag: str = "</b>") -> str:
    """Escape ``marked`` for HTML (on one line) and wrap each match in the given tags."""
    escaped = escape_html(marked.replace("\n", " "), quote=False)
    return escaped.replace(MATCH_START, open_tag).replace(MATCH_END, close_tag)


def strip_marks(marked: str) -> str:
    """The text of ``marked`` without its match markers."""
    return marked.replace(MATCH_START, "").replace(MATCH_END, "")
