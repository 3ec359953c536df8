"""A quiet suggestion to step away for a minute after a hard conversation."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

BREATHER_TEXT = (
    "That one was hard. Before the next customer, take a short breather: stand up, "
    "drink some water, look away from the screen for a minute. You will be calmer for it."
)


class BreatherBanner(QFrame):
    """Shown in the panel (never as a pop-up), until the agent dismisses it.

    ``turned_off`` fires when the agent asks not to be reminded again.
    """

    turned_off = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Breather suggestion")
        self.text = QLabel(BREATHER_TEXT, self)
        self.text.setWordWrap(True)
        self.dismiss_button = QPushButton("&Dismiss", self)
        self.dismiss_button.clicked.connect(self.hide)
        self.off_button = QPushButton("Don't suggest again", self)
        self.off_button.setFlat(True)
        self.off_button.clicked.connect(self._turn_off)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.off_button)
        buttons.addWidget(self.dismiss_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.hide()

    def _turn_off(self) -> None:
        self.hide()
        self.turned_off.emit()
