"""The phrases matching what the agent typed, best first, with typos forgiven."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)

from checkback.core.phrases import Phrase
from checkback.core.typos import close_words, load_matcher
from checkback.storage.phrase_library import (
    StoredPhrase,
    create_phrase,
    record_use,
    search_phrases,
    set_deleted,
    set_favourite,
    update_phrase,
)
from checkback.storage.policy_search import words_of
from checkback.ui.phrases.words import PhraseWords
from checkback.ui.session import Change, Session

Index = QModelIndex | QPersistentModelIndex


class PhraseRole(IntEnum):
    """Roles beyond Qt's own."""

    PHRASE = Qt.ItemDataRole.UserRole + 1


class PhraseListModel(QAbstractListModel):
    """Runs one bounded search per change of the query or the filters.

    Uses and favourites are saved through the Session (kept until stored when they cannot
    be stored now); creating, editing and deleting raise ``StorageError`` then.
    """

    def __init__(self, session: Session, parent: QObject | None = None,
                 words: PhraseWords | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._conn = session.reader
        self._rows: list[StoredPhrase] = []
        self._vocabulary = words or PhraseWords()
        self.query = ""
        self.tags: tuple[str, ...] = ()
        self.favourites_only = False
        self.content_changed()

    def set_query(self, text: str) -> None:
        """Search for ``text``."""
        self.query = text
        self.refresh()

    def set_filters(self, tags: tuple[str, ...], favourites_only: bool) -> None:
        """Keep only phrases with any of ``tags`` (all when empty), or only favourites."""
        self.tags = tags
        self.favourites_only = favourites_only
        self.refresh()

    def content_changed(self) -> None:
        """The phrases changed (an edit, an import, a re-index): search again.

        The words known for typo correction are read again once the app is idle, so the
        next keystroke does not wait for them.
        """
        self._vocabulary.forget()
        self.refresh()
        QTimer.singleShot(0, self, self._warm_vocabulary)

    def refresh(self) -> None:
        """Run the search again."""
        self.beginResetModel()
        self._rows = self._search()
        self.endResetModel()

    def record_use(self, stored: StoredPhrase, now: dt.datetime) -> None:
        """Count a copy of ``stored`` (it ranks higher among equal matches)."""
        self._session.save(("use", stored.key, now), Change.PHRASES,
                           lambda conn: record_use(conn, stored.key, now))

    def toggle_favourite(self, stored: StoredPhrase) -> bool:
        """Mark or unmark ``stored`` as a favourite; returns whether it now is one."""
        wanted = not stored.favourite
        self._session.save(("favourite", stored.key), Change.PHRASES,
                           lambda conn: set_favourite(conn, stored.key, wanted))
        self.refresh()
        return wanted

    def create(self, phrase: Phrase, now: dt.datetime) -> int:
        """Save a new own phrase and search again; returns its id."""
        phrase_id = self._session.write(Change.PHRASES,
                                         lambda conn: create_phrase(conn, phrase, now))
        self.content_changed()
        return phrase_id

    def update(self, phrase_id: int, phrase: Phrase, now: dt.datetime) -> None:
        """Save an edited own phrase and search again."""
        self._session.write(Change.PHRASES,
                            lambda conn: update_phrase(conn, phrase_id, phrase, now))
        self.content_changed()

    def set_deleted(self, phrase_id: int, deleted: bool) -> None:
        """Delete an own phrase, or bring it back."""
        self._session.write(Change.PHRASES, lambda conn: set_deleted(conn, phrase_id, deleted))
        self.content_changed()

    def phrase_at(self, row: int) -> StoredPhrase | None:
        """The phrase on ``row``."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        stored = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            star = "★ " if stored.favourite else ""
            short = f"  [{stored.phrase.abbreviation}]" if stored.phrase.abbreviation else ""
            return f"{star}{stored.phrase.title}{short}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return stored.phrase.text[:500]
        if role == PhraseRole.PHRASE:
            return stored
        return None

    def _search(self) -> list[StoredPhrase]:
        also = {}
        for word in words_of(self.query):
            if close := close_words(word, self._words()):
                also[word] = close
        return search_phrases(self._conn, self.query, also=also, tags=self.tags,
                               favourites_only=self.favourites_only)

    def _warm_vocabulary(self) -> None:
        # Only a head start: if the database is closed by now, the words load when needed.
        load_matcher()
        with contextlib.suppress(sqlite3.ProgrammingError):
            self._words()

    def _words(self) -> list[str]:
        return self._vocabulary.get(self._conn)
