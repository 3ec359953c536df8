"""The search across everything: one box over the window, one list grouped by kind.

Up/Down move from item to item past the headings, Enter opens a policy, a log record or a
follow-up in its tab, or copies a phrase filled in for the open conversation; Esc closes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from checkback.core.follow_ups import FollowUp
from checkback.settings import agent_keeper
from checkback.storage.phrase_library import StoredPhrase
from checkback.storage.policy_search import PolicyHit, words_of
from checkback.storage.resolution_log import LogRow
from checkback.ui.search_everywhere.delegate import FoundDelegate
from checkback.ui.search_everywhere.model import EverythingModel, Item
from checkback.ui.session import Change, Session
from checkback.ui.widgets.phrase_copier import PhraseCopier

WHAT_CAN_BE_FOUND = (
    "Find a policy, a phrase, a resolution in the log or a follow-up: type a customer's "
    "name, a ticket number or a few words of the issue.\n\n"
    "↑ / ↓ move · Enter opens it (a phrase: copies it, filled in) · Esc closes")
_STEPS = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}
_ENTER_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter}
_QUOTED_CHARS = 40


class SearchEverywhere(QDialog):
    """The popup over ``parent`` (the main window). ``policy_chosen``, ``record_chosen``
    (the record and the text searched) and ``follow_up_chosen`` ask the window to open
    what Enter chose; a phrase is copied here, filled from ``values``, and
    ``status_changed`` says what happened."""

    policy_chosen = Signal(int)
    record_chosen = Signal(int, str)
    follow_up_chosen = Signal(int)
    status_changed = Signal(str)

    def __init__(self, session: Session, values: Callable[[], dict[str, str]],
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Search everything")
        self._session = session
        self._values = values
        self._window = parent
        self.model = EverythingModel(session, self)
        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText("Search policies, phrases, the log, follow-ups")
        self.search_box.setAccessibleName("Search everything")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.installEventFilter(self)
        self.results = QListView(self)
        self.results.setModel(self.model)
        self.results.setAccessibleName("Found")
        self.results.setItemDelegate(FoundDelegate(self.results))
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the box keeps the keyboard
        self.results.activated.connect(self._activated)
        self.hint = QLabel(WHAT_CAN_BE_FOUND, self)
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search_box)
        layout.addWidget(self.hint, 1)
        layout.addWidget(self.results, 1)
        # The fill-in form belongs to the window: it stays when this popup closes.
        self.copier = PhraseCopier(parent, agent_keeper(session.settings))
        self.copier.status_changed.connect(self.status_changed)
        self.copier.copied.connect(self._count_use)
        self._copying: StoredPhrase | None = None
        self.search_box.textChanged.connect(self._search)
        session.changed.connect(self._data_changed)
        self._search("")

    def start(self) -> None:
        """Open over the top of the window, searching afresh what was typed last (its
        text selected, so typing replaces it)."""
        window = self._window
        width = max(window.width() - 24, 320)
        self.resize(width, max(min(window.height() - 80, 680), 240))
        self.move(window.mapToGlobal(QPoint((window.width() - width) // 2, 40)))
        self._search(self.search_box.text())
        self.open()
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def current(self) -> Item | None:
        """The item highlighted."""
        return self.model.item_at(self.results.currentIndex().row())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_box and isinstance(event, QKeyEvent) and (
                event.type() == QEvent.Type.KeyPress):
            if event.key() in _STEPS:
                self._move(_STEPS[Qt.Key(event.key())])
                return True
            if event.key() in _ENTER_KEYS:
                self._choose(self.current())
                return True
        return super().eventFilter(watched, event)

    @Slot(str)
    def _search(self, text: str) -> None:
        self.model.search(text)
        self._select(self.model.item_row_after(-1, 1))
        found = self.model.rowCount() > 0
        self.results.setVisible(found)
        self.hint.setVisible(not found)
        self.hint.setText(_nothing_found(text) if words_of(text) else WHAT_CAN_BE_FOUND)

    def _move(self, step: int) -> None:
        self._select(self.model.item_row_after(self.results.currentIndex().row(), step))

    def _select(self, row: int) -> None:
        self.results.setCurrentIndex(self.model.index(row) if row >= 0 else QModelIndex())

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        self._choose(self.model.item_at(index.row()))

    def _choose(self, item: Item | None) -> None:
        if item is None:
            return
        self.accept()
        if isinstance(item, PolicyHit):
            self.policy_chosen.emit(item.policy_id)
        elif isinstance(item, StoredPhrase):
            self._copy(item)
        elif isinstance(item, LogRow):
            self.record_chosen.emit(item.resolution_id, self.model.query)
        elif isinstance(item, FollowUp):
            self.follow_up_chosen.emit(item.follow_up_id)

    def _copy(self, stored: StoredPhrase) -> None:
        phrase = stored.phrase
        self._copying = stored
        self.copier.copy(phrase.title, phrase.text, phrase.html, self._values(),
                         self._session.now().astimezone().date())

    @Slot(str)
    def _count_use(self, _text: str) -> None:
        if self._copying is not None:
            self.model.record_use(self._copying)
            self._copying = None

    @Slot(object)
    def _data_changed(self, _changes: Change) -> None:
        if self.isVisible():  # what is listed may have changed or gone
            self._search(self.search_box.text())


def _nothing_found(text: str) -> str:
    typed = " ".join(text.split())
    quoted = typed if len(typed) <= _QUOTED_CHARS else typed[:_QUOTED_CHARS] + "…"
    return (f"Nothing matches “{quoted}”: no policy, phrase, log record or pending "
            "follow-up has every word. Try fewer or shorter words.")
