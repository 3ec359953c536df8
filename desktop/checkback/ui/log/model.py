"""The resolution log as a table, read a page at a time.

Filtering and sorting happen in SQL; the table holds only the rows scrolled to so far, so
a new search shows its first rows at once however large the log is.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from checkback.core.follow_ups import State
from checkback.core.resolutions import Outcome, ResolutionKind
from checkback.storage.resolution_log import SORT_COLUMNS, LogFilter, LogRow, log_page

Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 100
HEADERS = ("Date", "Ticket", "Customer", "Category", "Kind", "Outcome", "Follow-up")
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


class ResolutionLogModel(QAbstractTableModel):
    """The records the filter selects, in its order; ``ROW_ROLE`` gives a row's ``LogRow``."""

    def __init__(self, conn: sqlite3.Connection, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._conn = conn
        self._filter = LogFilter()
        self._rows: list[LogRow] = []
        self._more = False
        self._zone: dt.tzinfo = dt.UTC

    @property
    def log_filter(self) -> LogFilter:
        """The filter in force."""
        return self._filter

    def load(self, log_filter: LogFilter, zone: dt.tzinfo) -> None:
        """Show the first page of what ``log_filter`` selects (dates shown in ``zone``)."""
        self.beginResetModel()
        self._filter, self._zone = log_filter, zone
        self._rows = log_page(self._conn, log_filter, 0, PAGE_SIZE)
        self._more = len(self._rows) == PAGE_SIZE
        self.endResetModel()

    def reload(self) -> None:
        """Read the rows again (after a change), as far as they had been scrolled."""
        shown = max(len(self._rows), PAGE_SIZE)
        self.beginResetModel()
        self._rows = log_page(self._conn, self._filter, 0, shown)
        self._more = len(self._rows) == shown
        self.endResetModel()

    def row_at(self, row: int) -> LogRow | None:
        """The record on ``row``, if any."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, resolution_id: int) -> int:
        """The row of a record among those read so far, or -1."""
        ids = [row.resolution_id for row in self._rows]
        return ids.index(resolution_id) if resolution_id in ids else -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        page = log_page(self._conn, self._filter, len(self._rows), PAGE_SIZE)
        self._more = len(page) == PAGE_SIZE
        if page:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
            self._rows += page
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(SORT_COLUMNS):
            return
        self.load(dataclasses.replace(
            self._filter, sort=SORT_COLUMNS[column],
            descending=order == Qt.SortOrder.DescendingOrder), self._zone)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(HEADERS)):
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cell(row, index.column())
        return None

    def _cell(self, row: LogRow, column: int) -> str:
        match column:
            case 0:
                return f"{row.resolved_at.astimezone(self._zone):%Y-%m-%d %H:%M}"
            case 1:
                return f"#{row.ticket}" if row.ticket else ""
            case 2:
                return row.customer_name
            case 3:
                return row.category
            case 4:
                return label_of(ResolutionKind, row.kind)
            case 5:
                return label_of(Outcome, row.outcome)
            case _:
                return label_of(State, row.follow_up)


def label_of(kind: type[ResolutionKind] | type[Outcome] | type[State], value: str) -> str:
    """The label of ``value`` in an enum of labelled values (the value itself if unknown)."""
    try:
        return str(kind(value).label)
    except ValueError:
        return value
