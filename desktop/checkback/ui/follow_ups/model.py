"""The follow-up queue as a list: group headings with counts, then their items by due time.

Pending items come from the database a page at a time (``fetchMore``), so the queue opens
at once with 50,000 of them. Items sorted by due time fall into the groups in order
(Overdue, Today, Upcoming, then Waiting for delivery), so a heading goes wherever the
group changes.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from checkback.core.follow_ups import CHANNEL_LABELS, FollowUp, Group, group_of, when_text
from checkback.storage.follow_up_store import group_counts, pending_page

Index = QModelIndex | QPersistentModelIndex
FOLLOW_UP_ROLE = Qt.ItemDataRole.UserRole + 1
PAGE_SIZE = 200
_OVERDUE_COLOUR = QColor("#d9534f")


class FollowUpQueueModel(QAbstractListModel):
    """Pending follow-ups under their group headings; ``FOLLOW_UP_ROLE`` gives an item's
    ``FollowUp`` (None on a heading)."""

    def __init__(self, conn: sqlite3.Connection, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._conn = conn
        self._rows: list[Group | FollowUp] = []
        self._fetched = 0
        self._exhausted = False
        self._counts: dict[Group, int] = dict.fromkeys(Group, 0)
        self._now = dt.datetime.now(dt.UTC)
        self._zone: dt.tzinfo = dt.UTC

    def load(self, now: dt.datetime, zone: dt.tzinfo) -> None:
        """Read the queue as it stands at ``now`` (groups in ``zone``), first page only."""
        self.beginResetModel()
        self._now, self._zone = now, zone
        self._counts = group_counts(self._conn, now, zone)
        self._rows, self._fetched, self._exhausted = [], 0, False
        self._append(pending_page(self._conn, 0, PAGE_SIZE))
        self.endResetModel()

    @property
    def counts(self) -> dict[Group, int]:
        """How many pending items each group holds."""
        return dict(self._counts)

    @property
    def read_at(self) -> dt.datetime:
        """The time the queue was last read (its groups hold as of then)."""
        return self._now

    @property
    def total(self) -> int:
        """How many follow-ups are pending."""
        return sum(self._counts.values())

    def follow_up_at(self, row: int) -> FollowUp | None:
        """The item on ``row`` (None for a heading or no row)."""
        entry = self._rows[row] if 0 <= row < len(self._rows) else None
        return entry if isinstance(entry, FollowUp) else None

    def row_of(self, follow_up_id: int) -> int:
        """The row of a pending item, fetching pages until it is found; -1 if it is not."""
        while True:
            for row, entry in enumerate(self._rows):
                if isinstance(entry, FollowUp) and entry.follow_up_id == follow_up_id:
                    return row
            if not self.canFetchMore(QModelIndex()):
                return -1
            self.fetchMore(QModelIndex())

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._exhausted and self._fetched < self.total

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        page = pending_page(self._conn, self._fetched, PAGE_SIZE)
        if not page:  # the queue shrank since it was counted
            self._exhausted = True
            return
        start = len(self._rows)
        entries = self._entries(page)
        self.beginInsertRows(QModelIndex(), start, start + len(entries) - 1)
        self._rows += entries
        self._fetched += len(page)
        self.endInsertRows()

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if isinstance(self._rows[index.row()], Group):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        if isinstance(entry, Group):
            return self._heading_data(entry, role)
        return self._item_data(entry, role)

    def _heading_data(self, group: Group, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{group.value} · {self._counts[group]}"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{group.value}: {self._counts[group]} follow-ups"
        return None

    def _item_data(self, item: FollowUp, role: int) -> Any:
        if role == FOLLOW_UP_ROLE:
            return item
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{item.who}\n{self._item_line(item)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.problem or None
        if role == Qt.ItemDataRole.ForegroundRole and self._group(item) is Group.OVERDUE:
            return _OVERDUE_COLOUR
        return None

    def _item_line(self, item: FollowUp) -> str:
        how = " and ".join(CHANNEL_LABELS.get(channel, channel) for channel in item.channels)
        if item.due is None:
            return f"{how} · not received"
        return f"{how} · due {when_text(item.due, self._now, self._zone)}"

    def _group(self, item: FollowUp) -> Group:
        return group_of(item.due, self._now, self._zone)

    def _append(self, page: list[FollowUp]) -> None:
        self._rows += self._entries(page)
        self._fetched += len(page)

    def _entries(self, page: list[FollowUp]) -> list[Group | FollowUp]:
        last = next((self._group(e) for e in reversed(self._rows) if isinstance(e, FollowUp)),
                    None)
        entries: list[Group | FollowUp] = []
        for item in page:
            group = self._group(item)
            if group is not last:
                entries.append(group)
                last = group
            entries.append(item)
        return entries
