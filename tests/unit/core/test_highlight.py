from checkback.core.highlight import (
    MATCH_END,
    MATCH_START,
    excerpt,
    mark_matches,
    marked_to_html,
    strip_marks,
    word_pattern,
)


def marked(text: str) -> str:
    return text.replace(MATCH_START, "[").replace(MATCH_END, "]")


def test_words_are_marked_as_prefixes_of_whole_words():
    pattern = word_pattern(["ref", "CARD"])
    assert marked(mark_matches("Refunds to a card, not preferences or postcards.", pattern)) == (
        "[Refunds] to a [card], not preferences or postcards.")


def test_no_words_marks_nothing():
    assert word_pattern([]) is None
    assert mark_matches("text", None) == "text"


def test_excerpt_starts_near_the_first_match_and_says_what_was_cut():
    text = " ".join(f"w{n}" for n in range(100)) + " refund " + " ".join("x" * 5 for _ in range(50))
    cut = marked(excerpt(text, word_pattern(["refund"]), words=10))
    assert cut == "…w97 w98 w99 [refund] xxxxx xxxxx xxxxx xxxxx xxxxx xxxxx…"


def test_excerpt_of_short_text_without_match_is_the_text():
    assert excerpt("Short text\nhere", None) == "Short text here"


def test_html_is_escaped_and_marks_become_tags():
    assert marked_to_html(f"<a> & {MATCH_START}b{MATCH_END}", "<u>", "</u>") == (
        "&lt;a&gt; &amp; <u>b</u>")
    assert strip_marks(f"{MATCH_START}b{MATCH_END}") == "b"
