"""Every keyboard shortcut the agent can use, declared once: Help → Keyboard shortcuts
shows this list, and the README's table is checked against it by a test."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

Index = QModelIndex | QPersistentModelIndex

SHORTCUTS: tuple[tuple[str, str], ...] = (
    ('F1',
     'Help → Keyboard shortcuts: this list, in the app'),
    ('Alt+1 … Alt+6',
     'The tabs: Policies, Checklist, Phrases, Check reply, Follow-ups, Log (an Alt+letter'
     " is always the open panel's own)"),
    ('Ctrl+K',
     'Search everything: policies, phrases, log records and follow-ups in one list, from '
     'anywhere in the window; ↑ / ↓ move, Enter opens (a phrase: copies it filled in), '
     'Esc closes'),
    ('Ctrl+Shift+K',
     'Search policies, from anywhere in the window (Ctrl+F inside the panel)'),
    ('↑ / ↓, Enter',
     'Move through the results without leaving the search box; open one'),
    ('Esc',
     'From the policy back to the search box'),
    ('Ctrl+Shift+C',
     'Copy the open policy (plain text and HTML)'),
    ('Ctrl+Shift+T',
     'Keep the window on top of others (remembered)'),
    ('Ctrl+,',
     'Settings: your name and company, team folders, review interval, breathers; the '
     'Helpdesk tab'),
    ('F5',
     'Look at every content file again now'),
    ('Ctrl+N',
     'New conversation: the ticket (a number, or paste the helpdesk link: it fills the '
     "rest) or the customer's name"),
    ('1–9, Space',
     'On the steps: check or uncheck step 1–9, or the selected one (a letter starts the '
     "step's note instead)"),
    ('Enter',
     "On the steps: go to the step's phrases; there, Enter copies one (Esc goes back)"),
    ('Ctrl+Shift+R',
     'Another round of the steps in the same conversation'),
    ('Ctrl+Enter',
     'Resolve: what was wrong, what you did, its kind and the outcome (required)'),
    ('Ctrl+E',
     "Edit the conversation's details (category, contact, …)"),
    ('Alt+PgDown / Alt+PgUp',
     'Next / previous open conversation'),
    ('Ctrl+L',
     'Back to the steps of the conversation'),
    ('Ctrl+P',
     'Pick a phrase: type, ↑ / ↓, Enter copies it filled in; Esc closes'),
    ('Alt+Space',
     'From any window: the picker over it; Enter pastes the phrase there, Ctrl+Tab picks '
     'whose conversation fills it'),
    ('Ctrl+Z',
     'In the phrase list: bring back the phrase of yours just deleted'),
    ('Ctrl+R',
     'Check a reply: the cursor goes to the draft; Tab to the findings, Enter copies a '
     'better wording'),
    ('Ctrl+U',
     "Follow-ups: the queue, with the chosen follow-up's message, Done, Snooze, "
     'Reschedule and Cancel'),
    ('Ctrl+Shift+L',
     'The resolution log, with the cursor in its search box; Enter goes to the records'),
    ('Ctrl+Shift+N',
     'Quick log: record a resolution without a checklist conversation'),
    ('Delete, Ctrl+Z',
     'In the log: delete the chosen record; bring it back'),
    ('Ctrl+Shift+I',
     'Insights for the last week, month or quarter'),
)


def shortcuts_dialog(parent: QWidget) -> QDialog:
    """Help → Keyboard shortcuts: the declared list in a table, closed with Esc."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("Keyboard shortcuts")
    table = QTableView(dialog)
    table.setModel(ShortcutsModel(table))
    table.setAccessibleName("Keyboard shortcuts")
    table.setWordWrap(True)
    table.verticalHeader().hide()
    # Rows as tall as their wrapped text at the width the dialog gives them.
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.resizeColumnToContents(0)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(buttons)
    dialog.resize(560, 520)
    return dialog


class ShortcutsModel(QAbstractTableModel):
    """The shortcuts: keys, and what they do."""

    HEADERS = ("Keys", "What they do")

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(SHORTCUTS)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        return SHORTCUTS[index.row()][index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None
