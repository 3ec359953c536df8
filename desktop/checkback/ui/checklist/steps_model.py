"""The checklist of one conversation: its rounds, each with the playbook's steps.

Top-level rows are rounds; their children are the steps. Only the current (last) round's
steps can be checked: earlier rounds are the record of what was done.
"""

from __future__ import annotations

import datetime as dt
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtGui import QFont

from checkback.core.conversation import Conversation, Round, StepState
from checkback.storage.conversations import save_current_step, save_new_round, save_step
from checkback.ui.session import Change, Session

_ROUND = 0  # internal id of a round row; a step row's id is its round's row + 1
Index = QModelIndex | QPersistentModelIndex


class StepRole(IntEnum):
    """Roles beyond Qt's own."""

    IS_CURRENT_ROUND = Qt.ItemDataRole.UserRole + 1
    POSITION = Qt.ItemDataRole.UserRole + 2


class StepTreeModel(QAbstractItemModel):
    """Shows and changes the steps of one conversation, saving every change at once.

    A check the Session could not store yet shows half-checked, "not saved yet", until it is.
    """

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.conversation: Conversation | None = None
        session.changed.connect(self._show_saved)

    def set_conversation(self, conversation: Conversation | None) -> None:
        """Show ``conversation`` (or nothing)."""
        self.beginResetModel()
        self.conversation = conversation
        self.endResetModel()

    def step_index(self, position: int) -> QModelIndex:
        """The index of step ``position`` (0-based) of the current round."""
        if self.conversation is None:
            return QModelIndex()
        return self.index(position, 0, self.round_index(len(self.conversation.rounds) - 1))

    def round_index(self, row: int) -> QModelIndex:
        """The index of round ``row`` (0-based)."""
        return self.index(row, 0)

    def toggle(self, position: int, now: dt.datetime) -> bool:
        """Check or uncheck a step of the current round; returns whether it is checked."""
        conversation = self._require()
        checked = conversation.toggle(position, now)
        self._save(position)
        return checked

    def set_note(self, position: int, note: str) -> None:
        """Keep a note on a step of the current round."""
        conversation = self._require()
        if conversation.step(position).note == note:
            return
        conversation.set_note(position, note)
        self._save(position)

    def set_current(self, position: int) -> None:
        """Remember the step the agent is looking at."""
        conversation = self._require()
        if conversation.current_step != position:
            conversation.current_step = position
            self._session.save(("current step", conversation.conversation_id),
                               Change.CONVERSATIONS,
                               lambda conn: save_current_step(conn, conversation))

    def another_round(self) -> None:
        """Start the steps again; the earlier rounds stay, as the record."""
        conversation = self._require()
        row = len(conversation.rounds)
        self.beginInsertRows(QModelIndex(), row, row)
        conversation.another_round()
        self.endInsertRows()
        # Kept rounds are stored in order, before any change to their steps.
        self._session.save(("round", conversation.conversation_id, row + 1),
                           Change.CONVERSATIONS, lambda conn: save_new_round(conn, conversation))
        previous = self.round_index(row - 1)
        self.dataChanged.emit(previous, previous)
        last = len(conversation.rounds[row - 1].steps) - 1
        self.dataChanged.emit(self.index(0, 0, previous), self.index(last, 0, previous))

    # Qt's model interface

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _ROUND)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not child.isValid() or child.internalId() == _ROUND:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _ROUND)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if self.conversation is None or parent.column() > 0:
            return 0
        if not parent.isValid():
            return len(self.conversation.rounds)
        if parent.internalId() == _ROUND:
            return len(self.conversation.rounds[parent.row()].steps)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._in_current_round(index):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.conversation is None:
            return None
        if index.internalId() == _ROUND:
            return self._round_data(self.conversation.rounds[index.row()], role)
        round_ = self.conversation.rounds[index.internalId() - 1]
        return self._step_data(round_, index.row(), role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not self._in_current_round(index):
            return False
        conversation = self._require()
        wanted = Qt.CheckState(value) == Qt.CheckState.Checked
        if conversation.step(index.row()).checked != wanted:
            self.toggle(index.row(), self._session.now())
        return True

    def _round_data(self, round_: Round, role: int) -> Any:
        current = round_ is self._require().current_round
        if role == Qt.ItemDataRole.DisplayRole:
            return f"Round {round_.number} · {round_.done} of {len(round_.steps)} done"
        if role == Qt.ItemDataRole.FontRole and current:
            font = QFont()
            font.setBold(True)
            return font
        if role == StepRole.IS_CURRENT_ROUND:
            return current
        return None

    def _step_data(self, round_: Round, position: int, role: int) -> Any:
        step = round_.steps[position]
        kept = self._session.is_kept(self._key(round_.number, position))
        if role == Qt.ItemDataRole.DisplayRole:
            current = round_ is self._require().current_round
            return _step_label(position, step, current, kept)
        if role == Qt.ItemDataRole.CheckStateRole:
            if step.checked:
                return Qt.CheckState.PartiallyChecked if kept else Qt.CheckState.Checked
            return Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return _step_tooltip(step)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            done = f"done at {_clock(step.checked_at)}" if step.checked_at else "not done"
            return f"Step {position + 1}, {step.title}, {done}"
        if role == StepRole.IS_CURRENT_ROUND:
            return round_ is self._require().current_round
        if role == StepRole.POSITION:
            return position
        return None

    def _in_current_round(self, index: Index) -> bool:
        return (self.conversation is not None and index.isValid()
                and index.internalId() == len(self.conversation.rounds))

    def is_saved(self, position: int) -> bool:
        """True when step ``position`` of the current round is stored as shown."""
        conversation = self._require()
        return not self._session.is_kept(self._key(conversation.current_round.number, position))

    def _key(self, round_number: int, position: int) -> tuple[object, ...]:
        return ("step", self._require().conversation_id, round_number, position)

    def _save(self, position: int) -> None:
        conversation = self._require()
        number = conversation.current_round.number
        self._session.save(self._key(number, position), Change.CONVERSATIONS,
                           lambda conn: save_step(conn, conversation, position, number))
        changed = self.step_index(position)
        self.dataChanged.emit(changed, changed)
        round_row = self.round_index(len(conversation.rounds) - 1)
        self.dataChanged.emit(round_row, round_row)

    @Slot(object)
    def _show_saved(self, _changes: Change) -> None:
        # A kept change was stored: its step shows checked, without "not saved yet".
        for row in range(self.rowCount()):
            round_row = self.round_index(row)
            last = self.rowCount(round_row) - 1
            self.dataChanged.emit(round_row, round_row)
            if last >= 0:
                self.dataChanged.emit(self.index(0, 0, round_row), self.index(last, 0, round_row))

    def _require(self) -> Conversation:
        if self.conversation is None:
            raise RuntimeError("No conversation is shown.")
        return self.conversation


def _step_label(position: int, step: StepState, current: bool, kept: bool = False) -> str:
    label = f"{position + 1}. {step.title}" if current else step.title
    if kept:
        label += "   … not saved yet"
    elif step.checked_at is not None:
        label += f"   ✓ {_clock(step.checked_at)}"
    if step.note.strip():
        label += "   ✎" if current else f" — {_one_line(step.note)}"
    return label


def _step_tooltip(step: StepState) -> str:
    lines = [f"Done at {_clock(step.checked_at)}" if step.checked_at else "Not done yet"]
    if step.note.strip():
        lines.append(f"Note: {step.note.strip()}")
    return "\n".join(lines)


def _clock(moment: dt.datetime | None) -> str:
    return "" if moment is None else moment.astimezone().strftime("%H:%M")


def _one_line(note: str, limit: int = 80) -> str:
    text = " ".join(note.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
