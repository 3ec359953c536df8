"""The quick picker: a small search over every phrase, opened with a shortcut over the
window; type, move with the arrows, Enter copies and closes, Esc closes."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from checkback.storage.phrase_library import StoredPhrase
from checkback.ui.phrases.model import PhraseListModel
from checkback.ui.phrases.search import PhraseSearch


class QuickPicker(QDialog):
    """Picks one phrase; ``picked`` carries it. Stays inside Checkback's own window."""

    picked = Signal(object)

    def __init__(self, model: PhraseListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Copy a phrase")
        self.search = PhraseSearch(model, "Type to find a phrase; Enter copies", self)
        self.search.chosen.connect(self._pick)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)

    def start(self) -> None:
        """Open over the parent window with an empty search box focused."""
        self.search.search_box.clear()
        self.search.model.set_query("")
        parent = self.parentWidget()
        if parent is not None:
            width = max(parent.width() - 40, 320)
            self.resize(width, min(parent.height() - 120, 420))
            self.move(parent.mapToGlobal(parent.rect().center()) - self.rect().center())
        self.open()
        self.search.focus_search()

    @Slot(object)
    def _pick(self, phrase: StoredPhrase) -> None:
        self.accept()
        self.picked.emit(phrase)
