"""Search excerpts: text with marked matches, turned into safe HTML for display."""

from __future__ import annotations

import html

MATCH_START = "\x02"
MATCH_END = "\x03"


def marked_to_html(marked: str, open_tag: str = "<b>", close_tag: str = "</b>") -> str:
    """Escape ``marked`` for HTML (on one line) and wrap each match in the given tags."""
    escaped = html.escape(marked.replace("\n", " "), quote=False)
    return escaped.replace(MATCH_START, open_tag).replace(MATCH_END, close_tag)


def strip_marks(marked: str) -> str:
    """The text of ``marked`` without its match markers."""
    return marked.replace(MATCH_START, "").replace(MATCH_END, "")
