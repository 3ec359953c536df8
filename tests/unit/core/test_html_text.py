"""Escaping for Qt's rich text: the standard library's, without its entity table."""

import html

import pytest

from checkback.core.html_text import escape_html

TEXTS = ["", "plain", "<b>bold</b> & 'single' \"double\"", "&amp; already", "a<b>c", "ß → ✓\n"]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("quote", [True, False])
def test_it_escapes_as_the_standard_library_does(text: str, quote: bool):
    assert escape_html(text, quote) == html.escape(text, quote)


def test_what_it_gives_is_shown_as_the_text_was():
    assert html.unescape(escape_html("<script>&'\"")) == "<script>&'\""
