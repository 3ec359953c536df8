"""Text made safe to show in Qt's rich text (HTML).

The same as the standard library's ``html.escape``, without importing ``html``: that loads
the table of 2,231 named entities only ``html.unescape`` uses, half a megabyte held from the
start for nothing.
"""

from __future__ import annotations


def escape_html(text: str, quote: bool = True) -> str:
    """``text`` with ``&``, ``<`` and ``>`` (and, given ``quote``, both quotes) as entities."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;").replace("'", "&#x27;") if quote else text
