"""The small form that asks for whatever a phrase still needs before it may be copied."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from checkback.core.placeholders import Placeholder

MAX_ANSWER_CHARS = 500


class PlaceholderForm(QDialog):
    """One field per missing placeholder: the first is focused, Enter fills, Esc cancels.

    Copy is only possible once every field has an answer.
    """

    def __init__(self, missing: list[Placeholder], title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Fill in the phrase")
        self._fields: dict[str, QLineEdit | QComboBox] = {}
        intro = QLabel(f"“{title}” needs these before it can be copied:", self)
        intro.setWordWrap(True)
        form = QFormLayout()
        for placeholder in missing:
            field = _field(placeholder, self)
            self._fields[placeholder.token] = field
            form.addRow(f"{placeholder.question}:", field)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Fill and &copy")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        for field in self._fields.values():
            if isinstance(field, QLineEdit):
                field.textChanged.connect(self._update_ok)
        self._update_ok()
        first = next(iter(self._fields.values()), None)
        if first is not None:
            first.setFocus()

    def field(self, token: str) -> QLineEdit | QComboBox:
        """The field asking for the placeholder written as ``token``."""
        return self._fields[token]

    def answers(self) -> dict[str, str]:
        """The answers given, by placeholder token."""
        return {token: _answer(field) for token, field in self._fields.items()}

    def accept(self) -> None:
        """Close only when every field has an answer."""
        if all(self.answers().values()):
            super().accept()

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(all(self.answers().values()))


def _field(placeholder: Placeholder, parent: QWidget) -> QLineEdit | QComboBox:
    if placeholder.choices:
        combo = QComboBox(parent)
        combo.addItems(list(placeholder.choices))
        combo.setAccessibleName(placeholder.question)
        return combo
    edit = QLineEdit(placeholder.default, parent)
    edit.setMaxLength(MAX_ANSWER_CHARS)
    edit.setAccessibleName(placeholder.question)
    edit.selectAll()
    return edit


def _answer(field: QLineEdit | QComboBox) -> str:
    text = field.currentText() if isinstance(field, QComboBox) else field.text()
    return " ".join(text.split())
