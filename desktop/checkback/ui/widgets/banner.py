"""A banner across the top of the window: reminders where the desktop has no tray."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class Banner(QFrame):
    """A message with Open and Dismiss; ``open_requested`` fires on Open."""

    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(self.palette().ColorRole.ToolTipBase)
        self.setForegroundRole(self.palette().ColorRole.ToolTipText)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.open_button = QPushButton("&Open", self)
        self.open_button.setAccessibleName("Open the follow-up")
        self.open_button.clicked.connect(self.open_requested)
        self.open_button.clicked.connect(self.hide)
        dismiss = QPushButton("Dismiss", self)
        dismiss.setAccessibleName("Dismiss the reminder")
        dismiss.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.open_button)
        layout.addWidget(dismiss)
        self.hide()

    def show_message(self, message: str) -> None:
        """Show ``message`` (replacing any earlier one)."""
        self.text.setText(message)
        self.show()
