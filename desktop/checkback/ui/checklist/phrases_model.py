"""The phrases suggested for the current step, shown filled for the conversation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from checkback.core.placeholders import fill
from checkback.storage.guidance import Phrase

Index = QModelIndex | QPersistentModelIndex


class StepPhraseRole(IntEnum):
    """Roles beyond Qt's own."""

    PHRASE = Qt.ItemDataRole.UserRole + 1


class StepPhrasesModel(QAbstractListModel):
    """Phrases for one step; each row reads as it will be copied (gaps shown as [Question])."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._phrases: list[Phrase] = []
        self._values: Mapping[str, str] = {}
        self._previews: list[str] = []

    def set_phrases(self, phrases: list[Phrase], values: Mapping[str, str],
                    today: dt.date) -> None:
        """Show ``phrases`` filled with ``values``."""
        self.beginResetModel()
        self._phrases = phrases
        self._values = values
        self._previews = [_preview(phrase.text, values, today) for phrase in phrases]
        self.endResetModel()

    def phrase_at(self, row: int) -> Phrase | None:
        """The phrase on ``row``."""
        return self._phrases[row] if 0 <= row < len(self._phrases) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._phrases)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._phrases):
            return None
        phrase = self._phrases[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._previews[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{phrase.title}\nEnter or click copies it."
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{phrase.title}: {self._previews[index.row()]}"
        if role == StepPhraseRole.PHRASE:
            return phrase
        return None


def _preview(text: str, values: Mapping[str, str], today: dt.date) -> str:
    filled = fill(text, values, today)
    preview = filled.text
    for placeholder in filled.missing:
        preview = preview.replace(placeholder.token, f"[{placeholder.question}]")
    return preview
