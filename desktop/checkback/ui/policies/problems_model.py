"""The content problems table: file, line, what is wrong, what to do."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from checkback.core.problems import ContentProblem

_Index = QModelIndex | QPersistentModelIndex
_HEADERS = ("File", "Line", "Problem", "What to do")


class ContentProblemsModel(QAbstractTableModel):
    """One row per problem found in a content file."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._problems: list[ContentProblem] = []

    def set_problems(self, problems: list[ContentProblem]) -> None:
        """Show ``problems`` in place of the current rows."""
        self.beginResetModel()
        self._problems = list(problems)
        self.endResetModel()

    def problem(self, row: int) -> ContentProblem:
        """The problem shown in ``row``."""
        return self._problems[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._problems)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[section] if 0 <= section < len(_HEADERS) else None
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._problems):
            return None
        problem = self._problems[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell(problem, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return problem.source if index.column() == 0 else _cell(problem, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        return None


def _cell(problem: ContentProblem, column: int) -> str:
    if column == 0:
        return Path(problem.source).name
    if column == 1:
        return "" if problem.line is None else str(problem.line)
    if column == 2:
        return problem.message + ("" if problem.loaded else " The file was not loaded.")
    return problem.fix
