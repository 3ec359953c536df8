"""The two forms around a conversation: starting one, and resolving it."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

from PySide6.QtCore import QDate, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from checkback.core.conversation import CHANNELS, Customer
from checkback.core.follow_ups import DELIVERY_KINDS
from checkback.core.helpdesk import TicketDetails
from checkback.core.playbooks import Playbook
from checkback.core.resolutions import (
    MAX_PROBLEM_CHARS,
    Outcome,
    ResolutionForm,
    ResolutionKind,
)
from checkback.core.tickets import MAX_REFERENCE_CHARS, parse_ticket_reference
from checkback.ui.widgets.controls import error_label, saved

MAX_NAME_CHARS = 120


class NewConversationDialog(QDialog):
    """Asks who the conversation is with. The ticket or the customer's name is enough."""

    def __init__(self, categories: list[str], playbooks: list[Playbook],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New conversation")
        self.ticket, self.name, self.channel, self.contact = customer_fields(self)
        self.ticket_hint = QLabel(self)
        self.ticket_hint.setWordWrap(True)
        self.ticket_hint.setAccessibleName("What the helpdesk says")
        self.fill_button = QPushButton("&Fill from helpdesk", self)
        self.fill_button.setToolTip("Read the ticket's subject and requester from the helpdesk")
        self.earlier_title = QLabel("Seen before:", self)
        self.earlier = QListView(self)
        self.earlier.setAccessibleName("Earlier contacts of this ticket or customer")
        self.earlier.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.earlier.setWordWrap(True)
        self.earlier.setMaximumHeight(96)
        self.channel_chosen = False  # once the agent picks one, the helpdesk does not change it
        self.subject = ""  # the ticket's subject, once read from the helpdesk
        self._filled: dict[str, str] = {}  # what the helpdesk put in each field
        self.category = QComboBox(self)
        self.category.addItem("(not known yet)", "")
        for category in categories:
            self.category.addItem(category, category)
        self.category.setAccessibleName("Issue category")
        self.playbook = QComboBox(self)
        for playbook in playbooks:
            self.playbook.addItem(playbook.name, playbook.slug)
        self.playbook.setAccessibleName("Playbook")
        self.error = error_label(self)
        self.save: Callable[[], object] | None = None  # stores the form; closes only then
        self.buttons = dialog_buttons(self, "&Start")
        form = QFormLayout()
        ticket_row = QHBoxLayout()
        ticket_row.addWidget(self.ticket, 1)
        ticket_row.addWidget(self.fill_button)
        ticket_label = QLabel("&Ticket:", self)
        ticket_label.setBuddy(self.ticket)
        form.addRow(ticket_label, ticket_row)
        form.addRow("", self.ticket_hint)
        form.addRow("Customer's &name:", self.name)
        form.addRow("C&hannel:", self.channel)
        form.addRow("C&ontact:", self.contact)
        form.addRow("&Issue:", self.category)
        form.addRow("&Playbook:", self.playbook)
        self._form = form
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.earlier_title)
        layout.addWidget(self.earlier)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.ticket.textChanged.connect(self._show_ticket_hint)
        self.channel.activated.connect(self._channel_chosen)
        self.ticket.textEdited.connect(self._ticket_edited)
        self.ticket_hint.hide()
        self.fill_button.hide()
        self.show_earlier(False)
        chain_tab_order(self.ticket, self.fill_button, self.name, self.channel, self.contact,
                        self.category, self.playbook, self.earlier)
        self.ticket.setFocus()

    def show_earlier(self, shown: bool) -> None:
        """Show or hide the list of earlier contacts."""
        self.earlier_title.setVisible(shown)
        self.earlier.setVisible(shown)

    def say(self, words: str) -> None:
        """Show ``words`` under the ticket (what the helpdesk said, or why it did not)."""
        self.ticket_hint.setText(words)
        self.ticket_hint.setVisible(bool(words))

    def fill_from_helpdesk(self, details: TicketDetails) -> None:
        """Fill from the ticket's details what the agent has not typed: a field still empty,
        or still holding what an earlier ticket filled in. Every field stays editable."""
        self.subject = details.subject
        for field, value in ((self.name, details.name), (self.contact, details.contact)):
            shown = field.text().strip()
            if value and (not shown or shown == self._filled.get(field.accessibleName())):
                field.setText(value)
                self._filled[field.accessibleName()] = value
        if details.channel and not self.channel_chosen:
            self.channel.setCurrentIndex(max(self.channel.findData(details.channel), 0))
        if self.category.currentData() in ("", self._filled.get("category")):
            self._choose_category(details)

    def _choose_category(self, details: TicketDetails) -> None:
        words = {" ".join(tag.replace("_", " ").replace("-", " ").split()).lower()
                 for tag in details.tags}
        for row in range(1, self.category.count()):
            if str(self.category.itemData(row)).lower() in words:
                self.category.setCurrentIndex(row)
                self._filled["category"] = str(self.category.itemData(row))
                return

    @Slot()
    def _channel_chosen(self) -> None:
        self.channel_chosen = True

    @Slot()
    def _ticket_edited(self) -> None:
        self.subject = ""  # another ticket: its subject comes with its details, if read

    def show_customer(self, customer: Customer, playbook_name: str) -> None:
        """Edit an existing conversation's details (its playbook stays as it is)."""
        self.setWindowTitle("Conversation details")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Save")
        self.fill_customer(customer)
        self.playbook.clear()
        self.playbook.addItem(playbook_name, "current")
        self.playbook.setEnabled(False)

    def fill_customer(self, customer: Customer) -> None:
        """Show ``customer``'s details in the fields."""
        self.ticket.setText(customer.ticket_url or customer.ticket)
        self.name.setText(customer.name)
        self.channel.setCurrentIndex(max(self.channel.findData(customer.channel), 0))
        self.contact.setText(customer.contact)
        self.subject = customer.subject
        if customer.category and self.category.findData(customer.category) < 0:
            self.category.addItem(customer.category, customer.category)
        self.category.setCurrentIndex(max(self.category.findData(customer.category), 0))

    def customer(self) -> Customer:
        """The customer as entered."""
        reference = parse_ticket_reference(self.ticket.text())
        return Customer(
            ticket=reference.ticket, ticket_url=reference.url,
            name=" ".join(self.name.text().split()), channel=self.channel.currentData(),
            contact=self.contact.text().strip(), category=self.category.currentData(),
            subject=self.subject,
        )

    def playbook_slug(self) -> str:
        """The chosen playbook's handle."""
        return str(self.playbook.currentData() or "")

    def accept(self) -> None:
        """Start only with a ticket or a name, and a playbook."""
        customer = self.customer()
        if not customer.ticket and not customer.name:
            self._refuse("Enter the ticket or the customer's name (one is enough).", self.ticket)
        elif not self.playbook_slug():
            self._refuse("No playbook is available. Check File → Content problems.",
                         self.playbook)
        elif saved(self.save, self.error):
            super().accept()

    def _refuse(self, message: str, field: QWidget) -> None:
        self.error.setText(message)
        field.setFocus()

    @Slot(str)
    def _show_ticket_hint(self, text: str) -> None:
        reference = parse_ticket_reference(text)
        self.say(f"Ticket {reference.ticket}, from the link" if reference.url else "")


_DEFAULT_DELIVERY_DAYS = 3


class ResolveDialog(QDialog):
    """How the conversation ended. The outcome is required: without it nothing is saved.

    For a delivery (exchange, replacement, refund) it also asks when the customer will have
    it, since the follow-up waits until then.
    """

    def __init__(self, problem: str, open_steps: list[str], today: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Resolve the conversation")
        self.problem = line_edit("What was wrong", "One line, for you and your colleagues",
                                 MAX_PROBLEM_CHARS)
        self.problem.setText(problem)
        self.customer_words = line_edit(
            "The customer asked about", "In their words, for the follow-up: e.g. the "
            "parcel that never arrived", MAX_PROBLEM_CHARS)
        self.resolution = QPlainTextEdit(self)
        self.resolution.setAccessibleName("What we did")
        self.resolution.setPlaceholderText("e.g. Sent a replacement by express, arriving Friday")
        self.resolution.setTabChangesFocus(True)
        self.resolution.setMaximumHeight(90)
        self.kind = QComboBox(self)
        for kind in ResolutionKind:
            self.kind.addItem(kind.label, kind.value)
        self.kind.setAccessibleName("Kind of resolution")
        self.outcome = QComboBox(self)
        self.outcome.addItem("Choose the outcome…", None)
        for outcome in Outcome:
            self.outcome.addItem(outcome.label, outcome.value)
        self.outcome.setAccessibleName("Outcome")
        self.arrives = QDateEdit(qdate(today + dt.timedelta(days=_DEFAULT_DELIVERY_DAYS)), self)
        self.arrives.setCalendarPopup(True)
        self.arrives.setDisplayFormat("ddd d MMM yyyy")
        self.arrives.setMinimumDate(qdate(today - dt.timedelta(days=365)))
        self.arrives.setAccessibleName("Expected arrival")
        self.mark_received = QCheckBox("Not known: I'll mark it &received", self)
        self.mark_received.toggled.connect(self.arrives.setDisabled)
        self.error = error_label(self)
        self.save: Callable[[], object] | None = None  # stores the form; closes only then
        self.buttons = dialog_buttons(self, "&Save and close")
        form = QFormLayout()
        form.addRow("What was &wrong:", self.problem)
        form.addRow("&Customer asked about:", self.customer_words)
        form.addRow("What we &did:", self.resolution)
        form.addRow("&Kind:", self.kind)
        form.addRow("&Outcome:", self.outcome)
        form.addRow("&Arrives on:", self.arrives)
        form.addRow("", self.mark_received)
        self._form = form
        self.post_note = QCheckBox(self)
        self.post_note.hide()
        self.note = QPlainTextEdit(self)
        self.note.setAccessibleName("Internal note")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(110)
        self.note.hide()
        self.note_hint = QLabel("Internal: colleagues see it on the ticket; the customer "
                                "does not.", self)
        self.note_hint.hide()
        self.compose_note: Callable[[ResolutionForm], str] | None = None
        self.follow_up = QLabel(self)
        self.follow_up.setWordWrap(True)
        self.follow_up.setAccessibleName("The follow-up this schedules")
        self.follow_up.hide()
        self.describe_follow_up: Callable[[ResolutionForm], str] | None = None
        self._note_edited = False
        self.open_steps = QLabel(self)
        self.open_steps.setWordWrap(True)
        self.open_steps.setText(f"Not checked: {', '.join(open_steps)}. Save anyway, or "
                                "cancel and finish them first." if open_steps else "")
        self.open_steps.setVisible(bool(open_steps))
        layout = QVBoxLayout(self)
        layout.addWidget(self.open_steps)
        layout.addLayout(form)
        layout.addWidget(self.follow_up)
        layout.addWidget(self.post_note)
        layout.addWidget(self.note)
        layout.addWidget(self.note_hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.outcome.currentIndexChanged.connect(self._outcome_chosen)
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        self._kind_chosen()
        self.resolution.setFocus()

    def offer_note(self, ticket: str, checked: bool,
                   compose: Callable[[ResolutionForm], str]) -> None:
        """Offer to post an internal note to ``ticket``, composed from the form as it is
        filled in, and editable (once edited, it is the agent's text)."""
        self.compose_note = compose
        self.post_note.setText(f"Post an internal &note to {ticket}")
        self.post_note.setChecked(checked)
        self.post_note.show()
        self.post_note.toggled.connect(self._show_note)
        for signal in (self.problem.textChanged, self.resolution.textChanged,
                       self.kind.currentIndexChanged, self.outcome.currentIndexChanged,
                       self.arrives.dateChanged, self.mark_received.toggled):
            signal.connect(self._compose)
        self.note.textChanged.connect(self._note_changed)
        self._compose()
        self._show_note(checked)

    def show_follow_up(self, describe: Callable[[ResolutionForm], str]) -> None:
        """Say, as the form is filled in, which follow-up saving it schedules (and what it
        lacks to reach the customer)."""
        self.describe_follow_up = describe
        for signal in (self.kind.currentIndexChanged, self.arrives.dateChanged,
                       self.mark_received.toggled):
            signal.connect(self._follow_up_changed)
        self._follow_up_changed()

    @Slot()
    def _follow_up_changed(self) -> None:
        if self.describe_follow_up is not None:
            self.follow_up.setText(self.describe_follow_up(self.form()))
            self.follow_up.show()

    def note_to_post(self) -> str:
        """The note to post, "" when none is to be posted."""
        if not self.post_note.isChecked():
            return ""
        return self.note.toPlainText().strip()

    def form(self) -> ResolutionForm:
        """What the agent entered."""
        outcome = self.outcome.currentData()
        kind = ResolutionKind(self.kind.currentData())
        arrives_on = None
        if kind in DELIVERY_KINDS and not self.mark_received.isChecked():
            arrives_on = dt.date(*self.arrives.date().getDate())
        return ResolutionForm(
            problem=self.problem.text(), resolution=self.resolution.toPlainText(), kind=kind,
            outcome=Outcome(outcome) if outcome else None, arrives_on=arrives_on,
            customer_words=self.customer_words.text(),
        )

    def accept(self) -> None:
        """Close only once what was wrong, what we did and the outcome are given."""
        if not self.problem.text().strip():
            self.error.setText("Say what was wrong, in one line: the log, the reports and "
                               "the note on the ticket show it.")
            self.problem.setFocus()
            return
        if not self.resolution.toPlainText().strip():
            self.error.setText("Say what you did for the customer: the follow-up and the "
                               "note on the ticket tell it.")
            self.resolution.setFocus()
            return
        if self.form().outcome is None:
            self.error.setText("Choose the outcome: how did the customer take it? Reports "
                               "depend on it, so the record is not saved without one.")
            self.outcome.setFocus()
            return
        if saved(self.save, self.error):
            super().accept()

    @Slot(int)
    def _outcome_chosen(self, _row: int) -> None:
        self.error.clear()

    @Slot()
    def _compose(self) -> None:
        if self.compose_note is None or self._note_edited:
            return
        self.note.blockSignals(True)
        self.note.setPlainText(self.compose_note(self.form()))
        self.note.blockSignals(False)

    @Slot()
    def _note_changed(self) -> None:
        self._note_edited = True

    @Slot(bool)
    def _show_note(self, shown: bool) -> None:
        self.note.setVisible(shown)
        self.note_hint.setVisible(shown)

    @Slot()
    def _kind_chosen(self) -> None:
        delivery = ResolutionKind(self.kind.currentData()) in DELIVERY_KINDS
        self._form.setRowVisible(self.arrives, delivery)
        self._form.setRowVisible(self.mark_received, delivery)


def customer_fields(parent: QWidget) -> tuple[QLineEdit, QLineEdit, QComboBox, QLineEdit]:
    """The fields that say who a customer is: ticket, name, channel and contact."""
    channel = QComboBox(parent)
    for key, label in CHANNELS.items():
        channel.addItem(label, key)
    channel.setAccessibleName("Channel")
    return (line_edit("Ticket", "Number, or paste the helpdesk link", MAX_REFERENCE_CHARS),
            line_edit("Customer's name", "e.g. Dana Reyes", MAX_NAME_CHARS), channel,
            line_edit("Contact", "E-mail address or phone number", MAX_NAME_CHARS))


def chain_tab_order(*widgets: QWidget) -> None:
    """Tab goes through ``widgets`` in the order given: the order the form shows them."""
    for before, after in itertools.pairwise(widgets):
        QWidget.setTabOrder(before, after)


def line_edit(name: str, placeholder: str, max_length: int) -> QLineEdit:
    """A named, length-limited line edit."""
    edit = QLineEdit()
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(max_length)
    return edit


def qdate(day: dt.date) -> QDate:
    """``day`` as a ``QDate``."""
    return QDate(day.year, day.month, day.day)


def dialog_buttons(dialog: QDialog, ok_text: str, cancel_text: str = "") -> QDialogButtonBox:
    """OK (named ``ok_text``) and Cancel, wired to the dialog."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    if cancel_text:
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
