"""The first run asks once, without stopping anything, for the agent's name and company:
what phrases and follow-up messages sign with ({agent_name}, {company})."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QLineEdit, QPushButton, QWidget

from checkback.settings import AGENT_NAME, ASKED_WHO, COMPANY, Settings


class FirstRunBar(QFrame):
    """A bar across the window: name, company, Save or Not now. Shown only while neither
    was given nor the question answered; the keyboard stays where the agent is."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(self.palette().ColorRole.AlternateBase)
        question = QLabel("Phrases and follow-ups sign with your name and company. "
                          "You can change them in Settings.", self)
        question.setWordWrap(True)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("Your name")
        self.name.setAccessibleName("Your name")
        self.company = QLineEdit(self)
        self.company.setPlaceholderText("Your company")
        self.company.setAccessibleName("Your company")
        self.save_button = QPushButton("Save", self)
        self.later_button = QPushButton("Not now", self)
        self.save_button.clicked.connect(self.save)
        self.later_button.clicked.connect(self.not_now)
        self.name.returnPressed.connect(self.company.setFocus)
        self.company.returnPressed.connect(self.save)
        layout = QGridLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(question, 0, 0, 1, 4)
        layout.addWidget(self.name, 1, 0)
        layout.addWidget(self.company, 1, 1)
        layout.addWidget(self.save_button, 1, 2)
        layout.addWidget(self.later_button, 1, 3)
        layout.setColumnStretch(0, 1)
        layout.setColumnStretch(1, 1)
        self.setVisible(not (settings.get(ASKED_WHO) or settings.get(AGENT_NAME)))

    @Slot()
    def save(self) -> None:
        """Keep the name and company typed (what is left empty stays as it was)."""
        for setting, box in ((AGENT_NAME, self.name), (COMPANY, self.company)):
            if box.text().strip():
                self._settings.set(setting, box.text().strip())
        self.not_now()

    @Slot()
    def not_now(self) -> None:
        """Ask no more; Settings still has both."""
        self._settings.set(ASKED_WHO, True)
        self.hide()
