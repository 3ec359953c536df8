"""A search box over a phrase list: type, Up/Down to move, Enter to copy."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListView, QVBoxLayout, QWidget

from checkback.storage.phrase_library import StoredPhrase
from checkback.ui.phrases.model import PhraseListModel, PhraseRole

_MOVE_KEYS = {Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp}
_ENTER_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter}


class PhraseSearch(QWidget):
    """The search box keeps the focus; the list follows the arrows.

    ``chosen`` fires with the phrase on Enter or a double-click; ``current_changed`` with
    the highlighted one (or None).
    """

    chosen = Signal(object)
    current_changed = Signal(object)

    def __init__(self, model: PhraseListModel, placeholder: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText(placeholder)
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName("Search phrases")
        self.search_box.installEventFilter(self)
        self.results = QListView(self)
        self.results.setModel(model)
        self.results.setAccessibleName("Phrases")
        self.results.setUniformItemSizes(True)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.doubleClicked.connect(self._double_clicked)
        self.results.selectionModel().currentChanged.connect(self._highlighted)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_box)
        layout.addWidget(self.results, 1)
        self.search_box.textChanged.connect(self._search)
        model.modelReset.connect(self._select_first)

    def current(self) -> StoredPhrase | None:
        """The highlighted phrase."""
        index = self.results.currentIndex()
        return index.data(PhraseRole.PHRASE) if index.isValid() else None

    def focus_search(self) -> None:
        """Put the cursor in the search box, its text selected."""
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in _MOVE_KEYS:
                QListView.keyPressEvent(self.results, event)
                return True
            if event.key() in _ENTER_KEYS:
                self._choose(self.results.currentIndex().row())
                return True
        return super().eventFilter(watched, event)

    @Slot(QModelIndex)
    def _double_clicked(self, index: QModelIndex) -> None:
        self._choose(index.row())

    @Slot(QModelIndex, QModelIndex)
    def _highlighted(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_changed.emit(self.current())

    @Slot(str)
    def _search(self, text: str) -> None:
        self.model.set_query(text)

    def _select_first(self) -> None:
        if self.model.rowCount():
            self.results.setCurrentIndex(self.model.index(0))
        self.current_changed.emit(self.current())

    def _choose(self, row: int) -> None:
        phrase = self.model.phrase_at(row)
        if phrase is not None:
            self.chosen.emit(phrase)
