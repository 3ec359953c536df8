"""The picker's own window, made the first time the hotkey opens it (see global_picker)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCursor, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from checkback.ui.phrases.model import PhraseListModel
from checkback.ui.phrases.search import PhraseSearch
from checkback.ui.phrases.words import PhraseWords
from checkback.ui.session import Session


class PickerWindow(QWidget):
    """The picker as its own window, on top of every other: whose it is, and the search.

    Its keys are read from the search box itself (the window may not count as active to
    the platform, so window shortcuts could miss them): Esc ``cancelled``, Ctrl+Tab
    ``next_requested``, Ctrl+N ``new_requested``.
    """

    cancelled = Signal()
    next_requested = Signal()
    new_requested = Signal()

    def __init__(self, session: Session, words: PhraseWords) -> None:
        super().__init__(None, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.setWindowTitle("Checkback: paste a phrase")
        model = PhraseListModel(session, self, words)  # lives and dies with this window
        self.header = QLabel(self)
        self.header.setAccessibleName("Whose conversation fills the phrase")
        self.header.setWordWrap(True)
        self.search = PhraseSearch(model, "Type to find a phrase; Enter pastes it", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.header)
        layout.addWidget(self.search)
        self.resize(460, 380)
        self.search.search_box.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QKeyEvent) or event.type() != QEvent.Type.KeyPress:
            return False
        control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        signal = {(Qt.Key.Key_Escape, False): self.cancelled,
                  (Qt.Key.Key_Tab, True): self.next_requested,
                  (Qt.Key.Key_N, True): self.new_requested}.get(
                      (Qt.Key(event.key()), bool(control)))
        if signal is None:
            return False
        signal.emit()
        return True

    def show_near_pointer(self) -> None:
        """Show on the pointer's screen, centred on it where it fits, with the keyboard."""
        self.search.search_box.clear()
        self.search.model.set_query("")
        self.search.model.refresh()  # phrases of the agent's own may have changed
        screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        spot = QCursor.pos() - self.rect().center()
        spot.setX(min(max(spot.x(), area.left()), area.right() - self.width()))
        spot.setY(min(max(spot.y(), area.top()), area.bottom() - self.height()))
        self.move(spot)
        self.show()
        self.raise_()
        self.activateWindow()
        self.search.focus_search()
