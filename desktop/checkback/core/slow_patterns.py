"""Telling a checker rule's pattern that can take seconds on some replies.

A pattern with nested repetition, like ``(\\w+\\s?)+\\?\\s*$``, backtracks through every way of
splitting a run of words when the draft nearly matches: seconds, or hours, on a short reply.
Such a pattern is tried, when its file is read, on probe texts (a realistic reply and
near-misses built to trip it) under a small timeout, and refused when it runs out of time.
"""

from __future__ import annotations

import regex

PROBE_TIMEOUT_S = 0.1
SLOW_PATTERN_FIX = ("Simplify it, e.g. avoid nested repetition like (\\w+\\s?)+; the rule was "
                    "skipped.")

_REPLY = (
    "Hi Dana,\n\nThank you for getting in touch, and I'm sorry the parcel is late. I understand "
    "how frustrating it is to wait for something you need this week. I've checked order "
    "#48213: it left our warehouse on 3 May, but the courier marked it as delayed at the depot. "
    "Here is what I can do for you: I've arranged a replacement by express delivery, at no "
    "cost, and it leaves today. You'll get a tracking link by email within the hour. If the "
    "first parcel arrives too, you can keep it or send it back with the prepaid label - "
    "whichever is easier. Is there anything else I can help with? Does that work for you?\n\n"
    "Kind regards,\nSam (Customer care)\n\n"
)
_WORDS = "we will send a new one today and call you back soon "

PROBE_TEXTS = (
    _REPLY * 3,
    "a" * 3000 + "!",  # one long word that never ends the way the pattern wants
    _WORDS * 50 + "!",  # words and single spaces, without the final "?"
    "ab cd " * 500 + "?x",  # a question mark that is not at the end
    "a " * 1500 + ".",
    " " * 3000 + "x",
    "1" * 3000 + "!",
)


def is_slow(pattern: regex.Pattern[str]) -> bool:
    """True when ``pattern`` runs out of time on a probe text."""
    for text in PROBE_TEXTS:
        try:
            # concurrent: the indexer's thread lets the window go on while it probes
            pattern.findall(text, timeout=PROBE_TIMEOUT_S, concurrent=True)
        except TimeoutError:
            return True
    return False
