"""The log's forms: a quick log without a conversation, and correcting a record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from checkback.core.conversation import Customer
from checkback.core.resolutions import MAX_PROBLEM_CHARS, MAX_RESOLUTION_CHARS
from checkback.core.tickets import MAX_REFERENCE_CHARS, parse_ticket_reference
from checkback.storage.resolution_log import EditableText
from checkback.ui.checklist.dialogs import (
    MAX_NAME_CHARS,
    ResolveDialog,
    chain_tab_order,
    customer_fields,
    dialog_buttons,
    line_edit,
)
from checkback.ui.widgets.controls import error_label, saved


class QuickLogDialog(ResolveDialog):
    """Records a resolution reached without a checklist conversation: who, then how it
    ended (the outcome is required, as when resolving)."""

    def __init__(self, categories: list[str], today: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__("", [], today, parent)
        self.setWindowTitle("Quick log")
        self.buttons.button(self.buttons.StandardButton.Ok).setText("&Save")
        self.ticket, self.name, self.channel, self.contact = customer_fields(self)
        self.category = QComboBox(self)
        self.category.setEditable(True)
        self.category.addItems(["", *categories])
        self.category.setAccessibleName("Issue category")
        editor = self.category.lineEdit()
        assert editor is not None  # an editable combo box always has one
        editor.setAccessibleName("Issue category")
        for row, (label, field) in enumerate((
                ("&Ticket:", self.ticket), ("Customer's &name:", self.name),
                ("C&hannel:", self.channel), ("C&ontact:", self.contact),
                ("&Issue:", self.category))):
            self._form.insertRow(row, label, field)
        chain_tab_order(self.ticket, self.name, self.channel, self.contact, self.category,
                        self.problem)
        self.ticket.setFocus()

    def customer(self) -> Customer:
        """Who the resolution was for."""
        reference = parse_ticket_reference(self.ticket.text())
        return Customer(reference.ticket, reference.url, " ".join(self.name.text().split()),
                        self.channel.currentData(), self.contact.text().strip(),
                        " ".join(self.category.currentText().split()))

    def accept(self) -> None:
        """Save only with a ticket or a name, and the outcome."""
        customer = self.customer()
        if not customer.ticket and not customer.name:
            self.error.setText("Enter the ticket or the customer's name (one is enough).")
            self.ticket.setFocus()
            return
        super().accept()


class EditResolutionDialog(QDialog):
    """Corrects the text fields of a record."""

    def __init__(self, text: EditableText, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit the record")
        self.ticket = _filled_line(text.ticket, "Ticket", MAX_REFERENCE_CHARS)
        self.name = _filled_line(text.customer_name, "Customer's name", MAX_NAME_CHARS)
        self.contact = _filled_line(text.contact, "Contact", MAX_NAME_CHARS)
        self.category = _filled_line(text.category, "Issue category", MAX_NAME_CHARS)
        self.problem = _filled_line(text.problem, "What was wrong", MAX_PROBLEM_CHARS)
        self.resolution = _text_box(text.resolution, "What we did")
        self.notes = _text_box(text.notes, "Notes")
        form = QFormLayout(self)
        for label, field in (("&Ticket:", self.ticket), ("Customer's &name:", self.name),
                             ("C&ontact:", self.contact), ("&Issue:", self.category),
                             ("What was &wrong:", self.problem),
                             ("What we &did:", self.resolution), ("N&otes:", self.notes)):
            form.addRow(label, field)
        self.error = error_label(self)
        self.save: Callable[[], object] | None = None  # stores the record; closes only then
        form.addRow(self.error)
        form.addRow(dialog_buttons(self, "&Save"))

    def accept(self) -> None:
        """Close once the corrected record is stored."""
        if saved(self.save, self.error):
            super().accept()

    def text(self) -> EditableText:
        """The fields as corrected."""
        return EditableText(
            self.ticket.text().strip(), " ".join(self.name.text().split()),
            self.contact.text().strip(), " ".join(self.category.text().split()),
            " ".join(self.problem.text().split()),
            self.resolution.toPlainText().strip()[:MAX_RESOLUTION_CHARS],
            self.notes.toPlainText().strip()[:MAX_RESOLUTION_CHARS])


def _filled_line(text: str, name: str, max_length: int) -> QLineEdit:
    edit = line_edit(name, "", max_length)
    edit.setText(text)
    return edit


def _text_box(text: str, name: str) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    box.setMaximumHeight(90)
    return box
