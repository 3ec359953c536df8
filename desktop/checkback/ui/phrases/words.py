"""The words of every phrase, for typo correction."""

from __future__ import annotations

import sqlite3


class PhraseWords:
    """Every word of the phrases: read once, shared by the phrase lists (the window's and
    the picker's), so the one made at start-up loads nothing until a list needs them."""

    def __init__(self) -> None:
        self._words: list[str] | None = None

    def forget(self) -> None:
        """The phrases changed: read the words again when next needed."""
        self._words = None

    def get(self, conn: sqlite3.Connection) -> list[str]:
        """The words, read through ``conn`` if they are not known yet."""
        if self._words is None:
            from checkback.storage.phrase_library import vocabulary

            self._words = vocabulary(conn)
        return self._words
