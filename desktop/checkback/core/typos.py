"""Forgiving a typo: the known words a mistyped word was probably meant to be."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

MIN_WORD_LENGTH = 4
MAX_CORRECTIONS = 5


def allowed_edits(word: str) -> int:
    """How many letters may be wrong: none in short words, one, or two in long ones."""
    if len(word) < MIN_WORD_LENGTH:
        return 0
    return 1 if len(word) < 8 else 2


def load_matcher() -> None:
    """Import the fuzzy matcher now, so the first typo typed does not wait for it."""
    from rapidfuzz import process  # noqa: F401
    from rapidfuzz.distance import DamerauLevenshtein  # noqa: F401


def close_words(word: str, vocabulary: Sequence[str]) -> list[str]:
    """Words of the sorted ``vocabulary`` within a few edits of ``word``, best first.

    A prefix of a known word is not a typo (the search matches prefixes already), so a
    word that starts any vocabulary word gets no corrections.
    """
    edits = allowed_edits(word)
    word = word.lower()
    at = bisect_left(vocabulary, word)
    if not edits or (at < len(vocabulary) and vocabulary[at].startswith(word)):
        return []
    from rapidfuzz import process
    from rapidfuzz.distance import DamerauLevenshtein

    found = process.extract(word, vocabulary, scorer=DamerauLevenshtein.distance,
                            score_cutoff=edits, limit=MAX_CORRECTIONS)
    return [term for term, _distance, _index in sorted(found, key=lambda hit: hit[1])]
