"""How to reach the customer for a follow-up: the message to copy or open as an e-mail,
and for a call the number and a script. Both come from content (the phrases tagged
``follow-up-message`` and ``call-script``) and are filled like any phrase: nothing leaves
half-filled."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from urllib.parse import quote

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from checkback.core.follow_ups import FollowUp, contact_email, contact_phone
from checkback.core.phrases import Phrase
from checkback.core.placeholders import fill
from checkback.settings import AGENT_NAME, COMPANY, Settings, agent_keeper, follow_up_rules
from checkback.storage.phrase_library import search_phrases
from checkback.ui.session import Session
from checkback.ui.widgets.clipboard import COPY_FAILED, copy_to_clipboard
from checkback.ui.widgets.controls import buddy_label, push_button
from checkback.ui.widgets.phrase_copier import PhraseCopier

_TITLE = "Follow-up message"


class FollowUpContact(QWidget):
    """The message (editable) with Copy and Open in e-mail; the number and call script."""

    status_changed = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings: Settings = session.settings
        self.clock: Callable[[], dt.datetime] = session.now
        self._conn = session.reader
        self._item: FollowUp | None = None
        self._template_html = self._generated = ""
        self.copier = PhraseCopier(self, agent_keeper(session.settings))
        self.copier.status_changed.connect(self.status_changed)
        self.message = QPlainTextEdit(self)
        self.message.setAccessibleName("Follow-up message")
        self.message.setTabChangesFocus(True)
        self.script = QPlainTextEdit(self)
        self.script.setReadOnly(True)
        self.script.setAccessibleName("Call script")
        self.script.setTabChangesFocus(True)
        self.number = QLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._email_box(), 2)
        layout.addWidget(self._phone_box(), 1)
        self.settings.changed.connect(self._setting_changed)

    def show_item(self, item: FollowUp | None) -> None:
        """Show how to reach the customer of ``item`` (the message starts afresh)."""
        self._item = item
        if item is None:
            self.message.clear()
            return
        self._show_message(item)
        self._show_call(item)

    @Slot()
    def copy_message(self) -> None:
        """Copy the follow-up message, asking first for any placeholder still empty."""
        if self._item is not None:
            edited = self.message.toPlainText() != self._generated
            self.copier.copy(_TITLE, self.message.toPlainText(),
                             "" if edited else self._template_html, self._values(self._item),
                             self._today())

    @Slot()
    def open_in_email(self) -> None:
        """Open a new e-mail to the customer with the filled message (mailto:)."""
        item = self._item
        if item is None:
            return
        address = contact_email(item.contact)
        subject = f"Following up on your case {item.ticket}".rstrip()
        self.copier.complete(_TITLE, self.message.toPlainText(), self._values(item),
                             self._today(),
                             lambda body, _answers: self._mail(address, subject, body),
                             "Not opened")

    @Slot(str)
    def _setting_changed(self, key: str) -> None:
        """The agent's name or company changed: the message shows them now (unless the
        agent has edited it: their words stay)."""
        if key in (AGENT_NAME.key, COMPANY.key) and self._item is not None and (
                self.message.toPlainText() == self._generated):
            self.show_item(self._item)

    @Slot()
    def copy_script(self) -> None:
        """Copy the call script, asking first for any placeholder still empty."""
        if self._item is not None:
            self.copier.copy("Call script", self.script.toPlainText(), "",
                             self._values(self._item), self._today())

    @Slot()
    def copy_number(self) -> None:
        """Copy the customer's phone number."""
        number = contact_phone(self._item.contact) if self._item else ""
        if number:
            ok = copy_to_clipboard(number)
            self.status_changed.emit("Copied the number" if ok else COPY_FAILED)

    def _mail(self, address: str, subject: str, body: str) -> None:
        url = f"mailto:{quote(address, safe='@')}?subject={quote(subject)}&body={quote(body)}"
        if QDesktopServices.openUrl(QUrl(url, QUrl.ParsingMode.StrictMode)):
            self.status_changed.emit("Opened a new e-mail")
        elif copy_to_clipboard(body):
            self.status_changed.emit("No e-mail program answered: the message is copied instead")
        else:
            self.status_changed.emit(COPY_FAILED)

    def _show_message(self, item: FollowUp) -> None:
        by_email = "email" in item.channels
        self.email_box.setVisible(by_email)
        if not by_email:
            return
        template = self._template("follow-up-message")
        text = template.text if template else "Hello {customer_name},\n\n"
        self._template_html = template.html if template else ""
        self._generated = fill(text, self._values(item), self._today()).text
        self.message.setPlainText(self._generated)
        address = contact_email(item.contact)
        self.mail_button.setEnabled(bool(address))
        self.mail_button.setToolTip("" if address else
                                    "No e-mail address is known for this customer.")

    def _show_call(self, item: FollowUp) -> None:
        by_phone = "phone" in item.channels
        self.phone_box.setVisible(by_phone)
        if not by_phone:
            return
        number = contact_phone(item.contact)
        self.number.setText(f"Call <b>{number}</b>" if number else
                            "No phone number is known: find it in the helpdesk.")
        self.number_button.setEnabled(bool(number))
        script = self._template("call-script")
        self.script.setPlainText(
            fill(script.text if script else "", self._values(item), self._today()).text)

    def _template(self, tag: str) -> Phrase | None:
        found = search_phrases(self._conn, "", tags=(tag,), limit=1)
        return found[0].phrase if found else None

    def _values(self, item: FollowUp) -> Mapping[str, str]:
        return {"customer_name": item.customer_name, "ticket": item.ticket,
                "issue": customer_issue(item),
                "agent_name": self.settings.get(AGENT_NAME),
                "company": self.settings.get(COMPANY)}

    def _today(self) -> dt.date:
        return self.clock().astimezone(follow_up_rules(self.settings).hours.zone).date()

    def _email_box(self) -> QWidget:
        self.email_box = QWidget(self)
        self.copy_button = push_button("&Copy message", "Copy the message, filled in")
        self.copy_button.clicked.connect(self.copy_message)
        self.mail_button = push_button("Open in &e-mail", "A new e-mail with this message")
        self.mail_button.clicked.connect(self.open_in_email)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.mail_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self.email_box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(buddy_label("&Message (edit before sending if you like)", self,
                                     self.message))
        layout.addWidget(self.message, 1)
        layout.addLayout(buttons)
        return self.email_box

    def _phone_box(self) -> QWidget:
        self.phone_box = QWidget(self)
        self.number_button = push_button("Copy num&ber", "Copy the phone number")
        self.number_button.clicked.connect(self.copy_number)
        self.script_button = push_button("Co&py script", "Copy the call script, filled in")
        self.script_button.clicked.connect(self.copy_script)
        row = QHBoxLayout()
        row.addWidget(self.number, 1)
        row.addWidget(self.number_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.script_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self.phone_box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(buddy_label("Call scrip&t", self, self.script))
        layout.addWidget(self.script, 1)
        layout.addLayout(buttons)
        return self.phone_box


def customer_issue(item: FollowUp) -> str:
    """What the message says the customer got in touch about: their own words when the
    agent gave them, else the issue's category; never the agent's internal summary."""
    return _in_a_sentence(item.customer_words or item.category or "your recent request")


def _in_a_sentence(summary: str) -> str:
    """A one-line summary as it reads after "about": "Parcel late." → "parcel late"."""
    text = summary.strip().rstrip(".")
    if len(text) > 1 and text[1].isupper():  # an acronym: "VAT invoice"
        return text
    return text[:1].lower() + text[1:]
