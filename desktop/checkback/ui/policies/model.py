"""The policy result list: search hits as the agent types, or every policy by category."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from checkback.core.highlight import strip_marks
from checkback.storage.policy_search import (
    PolicyHit,
    browse_policies,
    search_policies,
    words_of,
)

_PAGE = 50
_BROWSE_PAGE = 200
_Index = QModelIndex | QPersistentModelIndex


class PolicyRole(IntEnum):
    """Data roles beyond Qt's own."""

    ID = Qt.ItemDataRole.UserRole + 1
    CATEGORY = Qt.ItemDataRole.UserRole + 2
    MARKED_TITLE = Qt.ItemDataRole.UserRole + 3
    EXCERPT = Qt.ItemDataRole.UserRole + 4
    IS_HEADER = Qt.ItemDataRole.UserRole + 5


@dataclass(frozen=True)
class CategoryHeader:
    """A row naming the category of the policies below it (browse mode only)."""

    category: str


class PolicyListModel(QAbstractListModel):
    """Rows of PolicyHit (and, when browsing, CategoryHeader), fetched a page at a time."""

    def __init__(self, conn: sqlite3.Connection, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._conn = conn
        self._rows: list[PolicyHit | CategoryHeader] = []
        self._query = ""
        self._any_word = False
        self._fetched = 0
        self._exhausted = True

    @property
    def query(self) -> str:
        """The text the rows were found for."""
        return self._query

    @property
    def matched_any_word(self) -> bool:
        """True when no policy had every word, so the rows match some of them."""
        return self._any_word

    def hit_count(self) -> int:
        """How many policies are listed (category rows not counted)."""
        return sum(isinstance(row, PolicyHit) for row in self._rows)

    def set_query(self, text: str) -> None:
        """List the policies for ``text``; an empty text lists them all by category."""
        self.beginResetModel()
        self._query = text
        self._rows = []
        self._fetched = 0
        self._exhausted = False
        self._any_word = False
        self._rows = self._first_page()
        self.endResetModel()

    def refresh(self) -> None:
        """List again after the index changed."""
        self.set_query(self._query)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if isinstance(row, CategoryHeader):
            return _header_data(row, role)
        return _hit_data(row, role)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if isinstance(self._rows[index.row()], CategoryHeader):
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: _Index) -> None:
        if parent.isValid() or self._exhausted:
            return
        rows = self._next_page()
        if not rows:
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def row_of(self, policy_id: int) -> int:
        """The row of the policy with ``policy_id`` among those listed, or -1."""
        return next((number for number, row in enumerate(self._rows)
                     if isinstance(row, PolicyHit) and row.policy_id == policy_id), -1)

    def first_policy_row(self) -> int:
        """The row of the first policy (skipping category rows), or -1 when there is none."""
        return next((i for i, row in enumerate(self._rows) if isinstance(row, PolicyHit)), -1)

    def _first_page(self) -> list[PolicyHit | CategoryHeader]:
        rows = self._next_page()
        if not rows and len(words_of(self._query)) > 1:
            self._any_word = True
            self._exhausted = False
            rows = self._next_page()
        return rows

    def _next_page(self) -> list[PolicyHit | CategoryHeader]:
        if not self._query.strip():
            hits = browse_policies(self._conn, _BROWSE_PAGE, self._fetched)
            page = _BROWSE_PAGE
        else:
            hits = search_policies(self._conn, self._query, _PAGE, self._fetched,
                                   any_word=self._any_word)
            page = _PAGE
        self._fetched += len(hits)
        self._exhausted = len(hits) < page
        if self._query.strip():
            return list(hits)
        return self._with_headers(hits)

    def _with_headers(self, hits: list[PolicyHit]) -> list[PolicyHit | CategoryHeader]:
        last = next((r.category for r in reversed(self._rows) if isinstance(r, PolicyHit)), None)
        rows: list[PolicyHit | CategoryHeader] = []
        for hit in hits:
            if hit.category != last:
                rows.append(CategoryHeader(hit.category))
                last = hit.category
            rows.append(hit)
        return rows


def _header_data(row: CategoryHeader, role: int) -> Any:
    if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
        return row.category
    if role == PolicyRole.IS_HEADER:
        return True
    return None


def _hit_data(row: PolicyHit, role: int) -> Any:
    if role == Qt.ItemDataRole.DisplayRole:
        return row.title
    if role == Qt.ItemDataRole.AccessibleTextRole:
        return f"{row.title}, {row.category}"
    if role == Qt.ItemDataRole.ToolTipRole:
        return strip_marks(row.excerpt)
    values: dict[int, Any] = {
        PolicyRole.ID: row.policy_id,
        PolicyRole.CATEGORY: row.category,
        PolicyRole.MARKED_TITLE: row.marked_title,
        PolicyRole.EXCERPT: row.excerpt,
        PolicyRole.IS_HEADER: False,
    }
    return values.get(role)
