"""Starting, editing, resolving and closing conversations: the forms and what follows them."""

from __future__ import annotations

import datetime as dt
from functools import partial

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QDialog, QMessageBox

from checkback.core.conversation import Conversation, Customer
from checkback.core.follow_ups import Plan, missing_contact, plan_follow_up
from checkback.core.helpdesk import follow_up_line, resolution_note
from checkback.core.resolutions import ResolutionForm, breather_suggested
from checkback.settings import (
    LONG_CONVERSATION_MINUTES,
    POST_NOTES,
    SUGGEST_BREATHER,
    follow_up_rules,
)
from checkback.storage.faults import StorageError
from checkback.ui.checklist.dialogs import NewConversationDialog, ResolveDialog
from checkback.ui.checklist.panel import ChecklistPanel
from checkback.ui.helpdesk.notes import note_target
from checkback.ui.helpdesk.ticket_fill import TicketFill
from checkback.ui.widgets.controls import stored


class ConversationActions(QObject):
    """Opens the conversation forms over the checklist panel and applies what they return.

    Every form is non-blocking; the one open is kept as an attribute (for the keyboard,
    and for tests). ``resolved`` carries the id of each saved resolution.
    """

    resolved = Signal(int)

    def __init__(self, panel: ChecklistPanel) -> None:
        super().__init__(panel)
        self.panel = panel
        self.new_dialog: NewConversationDialog | None = None
        self.edit_dialog: NewConversationDialog | None = None
        self.resolve_dialog: ResolveDialog | None = None
        self.close_question: QMessageBox | None = None
        panel.new_requested.connect(self.new_conversation)
        panel.resolve_button.clicked.connect(self.resolve)
        panel.breather.turned_off.connect(self._breather_off)

    @Slot()
    def new_conversation(self, customer: Customer | None = None) -> None:
        """Ask who the new conversation is with (starting from ``customer``, if given), then
        start it."""
        if not self.panel.ready:
            self.panel.status_changed.emit("Still preparing the database; try again shortly.")
            return
        dialog = NewConversationDialog(self.panel.categories(), self.panel.playbooks,
                                       self.panel)
        if customer is not None:
            dialog.fill_customer(customer)
        TicketFill(self.panel.session, dialog)
        dialog.save = self._start
        dialog.finished.connect(self._closed)
        self.new_dialog = dialog
        dialog.open()

    @Slot()
    def edit_details(self) -> None:
        """Change the ticket, customer, channel, contact or category of this conversation."""
        conversation = self.panel.conversation
        if conversation is None:
            return
        dialog = NewConversationDialog(self.panel.categories(), self.panel.playbooks,
                                       self.panel)
        dialog.show_customer(conversation.customer, conversation.playbook_name)
        dialog.save = self._details_edited
        dialog.finished.connect(self._closed)
        self.edit_dialog = dialog
        dialog.open()

    @Slot()
    def resolve(self) -> None:
        """Ask how the conversation ended (naming any step not checked), then save it."""
        conversation = self.panel.conversation
        if conversation is None:
            return
        customer = conversation.customer
        dialog = ResolveDialog(customer.subject or customer.category, conversation.open_steps(),
                               self._today(), self.panel)
        settings = self.panel.settings
        target = note_target(settings, customer.ticket, customer.ticket_url)
        if target is not None:
            dialog.offer_note(target.label, settings.get(POST_NOTES),
                              partial(self._note_text, conversation))
        dialog.show_follow_up(partial(self._follow_up_text, conversation))
        dialog.save = self._resolved
        dialog.finished.connect(self._closed)
        self.resolve_dialog = dialog
        dialog.open()

    def _plan(self, conversation: Conversation, form: ResolutionForm,
              now: dt.datetime) -> Plan | None:
        customer = conversation.customer
        return plan_follow_up(form.kind, customer.channel, customer.contact, now,
                              follow_up_rules(self.panel.settings), form.arrives_on)

    def _note_text(self, conversation: Conversation, form: ResolutionForm) -> str:
        rules = follow_up_rules(self.panel.settings)
        return resolution_note(form, self._plan(conversation, form, self.panel.clock()),
                               rules.hours.zone)

    def _follow_up_text(self, conversation: Conversation, form: ResolutionForm) -> str:
        plan = self._plan(conversation, form, self.panel.clock())
        zone = follow_up_rules(self.panel.settings).hours.zone
        lacking = missing_contact(plan, conversation.customer.contact)
        return f"Follow-up: {follow_up_line(plan, zone)}." + (f" {lacking}" if lacking else "")

    def _today(self) -> dt.date:
        zone = follow_up_rules(self.panel.settings).hours.zone
        return self.panel.clock().astimezone(zone).date()

    @Slot()
    def close_without_resolving(self) -> None:
        """Ask once, then close the conversation without recording a resolution."""
        conversation = self.panel.conversation
        if conversation is None:
            return
        question = QMessageBox(
            QMessageBox.Icon.Question, "Close without resolving",
            f"Close {conversation.customer.label} without recording a resolution? Its steps "
            "and notes are kept, but it will not appear in the resolution log.",
            QMessageBox.StandardButton.Cancel, self.panel)
        close = question.addButton("Close conversation", QMessageBox.ButtonRole.AcceptRole)
        question.setDefaultButton(QMessageBox.StandardButton.Cancel)
        close.clicked.connect(self._close)
        self.close_question = question
        question.open()

    @Slot()
    def _closed(self) -> None:
        dialog = self.sender()
        for name in ("new_dialog", "edit_dialog", "resolve_dialog"):
            if getattr(self, name) is dialog:
                setattr(self, name, None)
        if isinstance(dialog, QDialog):
            dialog.deleteLater()

    def _start(self) -> None:
        dialog = self.new_dialog
        assert dialog is not None
        playbook = self.panel.playbook(dialog.playbook_slug())
        if playbook is None:
            return
        conversation = Conversation.start(dialog.customer(), playbook.slug, playbook.name,
                                          playbook.steps, self.panel.clock())
        self.panel.start(conversation)
        self.panel.status_changed.emit(f"Started {conversation.customer.label}")

    def _details_edited(self) -> None:
        dialog = self.edit_dialog
        conversation = self.panel.conversation
        if conversation is None or dialog is None:
            return
        kept, conversation.customer = conversation.customer, dialog.customer()
        try:
            self.panel.customer_changed()
        except StorageError:
            conversation.customer = kept
            raise

    def _resolved(self) -> None:
        dialog = self.resolve_dialog
        conversation = self.panel.conversation
        if conversation is None or dialog is None:
            return
        form = dialog.form()
        now = self.panel.clock()
        customer = conversation.customer
        plan = self._plan(conversation, form, now)
        target = note_target(self.panel.settings, customer.ticket, customer.ticket_url)
        note = dialog.note_to_post()
        resolution_id = self.panel.conversations.resolve(
            conversation, form, now, plan, partial(target.queue, text=note, now=now)
            if target is not None and note else None)
        if target is not None:
            self.panel.settings.set(POST_NOTES, dialog.post_note.isChecked())
        self.panel.conversation_ended()
        self.panel.status_changed.emit(f"Resolved {conversation.customer.label}: saved")
        settings = self.panel.settings
        if form.outcome is not None and settings.get(SUGGEST_BREATHER) and breather_suggested(
            form.outcome, conversation.started_at, now, settings.get(LONG_CONVERSATION_MINUTES)
        ):
            self.panel.breather.show()
        self.resolved.emit(resolution_id)

    @Slot()
    def _close(self) -> None:
        self.close_question = None
        conversation = self.panel.conversation
        if conversation is None:
            return
        now = self.panel.clock()
        if not stored(lambda: self.panel.conversations.close(conversation, now),
                      self.panel.status_changed.emit):
            return
        self.panel.conversation_ended()
        self.panel.status_changed.emit(f"Closed {conversation.customer.label}")

    @Slot()
    def _breather_off(self) -> None:
        self.panel.settings.set(SUGGEST_BREATHER, False)
        self.panel.status_changed.emit("Breather suggestions are off (turn them on in Settings)")


