"""The open conversations, as the switcher lists them: by ticket and customer."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from checkback.core.conversation import Conversation
from checkback.core.follow_ups import Plan
from checkback.core.resolutions import ResolutionForm
from checkback.storage.conversations import (
    close_conversation,
    open_conversations,
    resolve_conversation,
    save_customer,
    start_conversation,
)
from checkback.ui.session import Change, Session

Index = QModelIndex | QPersistentModelIndex
QueueNote = Callable[..., object]  # stores a note about the resolution, given its id


class ConversationListModel(QAbstractListModel):
    """Every open conversation, oldest first; starting, resolving and closing save at once.

    Those raise ``StorageError`` when the Session cannot store them; nothing changes then.
    """

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._conversations: list[Conversation] = []

    def load(self) -> None:
        """Read the open conversations as stored."""
        self.beginResetModel()
        self._conversations = open_conversations(self._session.reader)
        self.endResetModel()

    @property
    def conversations(self) -> list[Conversation]:
        """The open conversations, in the switcher's order."""
        return list(self._conversations)

    def conversation_at(self, row: int) -> Conversation | None:
        """The conversation on ``row``, if there is one."""
        return self._conversations[row] if 0 <= row < len(self._conversations) else None

    def row_of(self, conversation_id: int | None) -> int:
        """The row of the conversation with ``conversation_id``, or -1."""
        ids = [c.conversation_id for c in self._conversations]
        return ids.index(conversation_id) if conversation_id in ids else -1

    def start(self, conversation: Conversation) -> int:
        """Save a new conversation and list it last; returns its row."""
        self._session.write(Change.CONVERSATIONS,
                            lambda conn: start_conversation(conn, conversation))
        row = len(self._conversations)
        self.beginInsertRows(QModelIndex(), row, row)
        self._conversations.append(conversation)
        self.endInsertRows()
        return row

    def resolve(self, conversation: Conversation, form: ResolutionForm, now: dt.datetime,
                plan: Plan | None = None, queue_note: QueueNote | None = None) -> int:
        """Save the resolution (and its follow-up, and its note for the helpdesk through
        ``queue_note``, all in one transaction), close the conversation and unlist it;
        returns the record id."""

        def store(conn: sqlite3.Connection) -> int:
            resolution_id = resolve_conversation(conn, conversation, form, now, plan)
            if queue_note is not None:
                queue_note(conn, resolution_id=resolution_id)
            return resolution_id

        changes = Change.CONVERSATIONS | Change.RESOLUTIONS | Change.FOLLOW_UPS
        resolution_id = self._session.write(
            changes | Change.NOTES if queue_note else changes, store)
        self._unlist(conversation)
        return resolution_id

    def close(self, conversation: Conversation, now: dt.datetime) -> None:
        """Close a conversation without a resolution, and unlist it."""
        self._session.write(Change.CONVERSATIONS,
                            lambda conn: close_conversation(conn, conversation, now))
        self._unlist(conversation)

    def customer_changed(self, conversation: Conversation) -> None:
        """Save edited customer details and show the new label."""
        self._session.write(Change.CONVERSATIONS, lambda conn: save_customer(conn, conversation))
        self.refresh(conversation)

    def refresh(self, conversation: Conversation) -> None:
        """Show the conversation's progress again after a change."""
        row = self.row_of(conversation.conversation_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row), self.index(row))

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._conversations)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._conversations):
            return None
        conversation = self._conversations[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            round_ = conversation.current_round
            return f"{conversation.customer.label}  ({round_.done}/{len(round_.steps)})"
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(conversation)
        if role == Qt.ItemDataRole.UserRole:
            return conversation.conversation_id
        return None

    def _unlist(self, conversation: Conversation) -> None:
        row = self.row_of(conversation.conversation_id)
        if row < 0:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._conversations[row]
        self.endRemoveRows()


def _tooltip(conversation: Conversation) -> str:
    customer = conversation.customer
    started = conversation.started_at.astimezone().strftime("%H:%M")
    parts = [customer.label, customer.category, f"{conversation.playbook_name}, started {started}"]
    return "\n".join(part for part in parts if part)
