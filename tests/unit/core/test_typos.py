from checkback.core.typos import allowed_edits, close_words

VOCABULARY = sorted(["apologize", "apology", "refund", "refunds", "exchange", "delay", "delivery",
              "sorry"])


def test_a_typo_finds_the_word_meant():
    assert close_words("apolgize", VOCABULARY) == ["apologize"]
    assert close_words("refnud", VOCABULARY) == ["refund"]  # a swap counts as one edit
    assert close_words("exhcange", VOCABULARY) == ["exchange"]


def test_prefixes_and_short_words_get_no_corrections():
    assert close_words("apol", VOCABULARY) == []
    assert close_words("dly", VOCABULARY) == []


def test_long_words_allow_two_edits():
    assert allowed_edits("sorr") == 1
    assert allowed_edits("apologize") == 2
    assert close_words("delivary", VOCABULARY) == ["delivery"]
    assert close_words("xyzxyzxyz", VOCABULARY) == []
