"""The editor for the agent's own phrases, with a live preview of the filled text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from checkback.core.phrases import MAX_TEXT_CHARS, Phrase, normalised_tags
from checkback.core.placeholders import fill, unknown_placeholders
from checkback.ui.widgets.controls import error_label, saved

_KNOWN = ("{customer_name}, {agent_name}, {company}, {ticket}, {issue}, {today}, {date+3bd}, "
          "{?Question}")


class PhraseEditor(QDialog):
    """Title, text, tags and abbreviation; an unknown placeholder is reported on saving."""

    def __init__(self, phrase: Phrase, values: Callable[[], dict[str, str]],
                 today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Your phrase")
        self._values = values
        self._today = today
        self._confirmed_unknown: list[str] = []
        self.title = _line("Title", phrase.title, 120)
        self.text = QPlainTextEdit(phrase.text, self)
        self.text.setAccessibleName("Text")
        self.text.setTabChangesFocus(True)
        self.tags = _line("Tags", ", ".join(phrase.tags), 300)
        self.tags.setPlaceholderText("e.g. acknowledge, delay")
        self.abbreviation = _line("Abbreviation", phrase.abbreviation, 30)
        self.preview = QTextBrowser(self)
        self.preview.setAccessibleName("Preview")
        self.warning = error_label(self)
        self.save: Callable[[], object] | None = None  # stores the phrase; closes only then
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("Te&xt:", self.text)
        form.addRow("T&ags:", self.tags)
        form.addRow("A&bbreviation:", self.abbreviation)
        form.addRow("Preview:", self.preview)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(f"Placeholders: {_KNOWN}", self))
        layout.addWidget(self.warning)
        layout.addWidget(self.buttons)
        self.text.textChanged.connect(self._update_preview)
        self._update_preview()
        self.title.setFocus()

    def phrase(self) -> Phrase:
        """The phrase as edited."""
        return Phrase(
            title=" ".join(self.title.text().split()),
            text=self.text.toPlainText().strip()[:MAX_TEXT_CHARS],
            tags=normalised_tags(tuple(self.tags.text().split(","))),
            abbreviation=self.abbreviation.text().strip(),
        )

    def accept(self) -> None:
        """Save when title and text are there; report unknown placeholders once first."""
        phrase = self.phrase()
        if not phrase.title or not phrase.text:
            self.warning.setText("A phrase needs a title and a text.")
            return
        unknown = unknown_placeholders(phrase.text)
        if unknown and unknown != self._confirmed_unknown:
            self._confirmed_unknown = unknown
            self.warning.setText(f"Not a placeholder Checkback knows: {', '.join(unknown)}. "
                                 "It will be asked for each time you copy. Fix the spelling, "
                                 "or press Save again to keep it.")
            return
        if saved(self.save, self.warning):
            super().accept()

    @Slot()
    def _update_preview(self) -> None:
        filled = fill(self.text.toPlainText(), self._values(), self._today)
        text = filled.text
        for placeholder in filled.missing:
            text = text.replace(placeholder.token, f"[{placeholder.question}]")
        self.preview.setPlainText(text)


def _line(name: str, text: str, max_length: int) -> QLineEdit:
    edit = QLineEdit(text)
    edit.setAccessibleName(name)
    edit.setMaxLength(max_length)
    return edit
