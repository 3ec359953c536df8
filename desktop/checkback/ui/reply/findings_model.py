"""What the reply checker found in a draft, one row per finding, for the list below it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from checkback.core.reply_checker import Mark, Review, Rule

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Finding:
    """One rule's finding: what the agent reads, the rule, and where it matched (no marks
    for something missing)."""

    headline: str
    rule: Rule
    marks: tuple[Mark, ...]


def findings_of(review: Review, text: str) -> list[Finding]:
    """One finding per rule that marked ``text`` (however often it matched), then one per
    thing missing."""
    by_rule: dict[str, list[Mark]] = {}
    for mark in review.marks:
        by_rule.setdefault(mark.rule.rule_id, []).append(mark)
    found = []
    for marks in by_rule.values():
        words = " ".join(text[marks[0].start:marks[0].end].split())
        more = f" (and {len(marks) - 1} more)" if len(marks) > 1 else ""
        found.append(Finding(f"“{words}”{more}: {marks[0].rule.reason}", marks[0].rule,
                             tuple(marks)))
    found += [Finding(f"Missing: {rule.reason}", rule, ()) for rule in review.missing]
    return found


def rule_tip(rule: Rule) -> str:
    """Why ``rule`` matters, and its better wording if it has one."""
    return rule.reason + (f"\nBetter: {rule.suggestion}" if rule.suggestion else "")


class FindingsModel(QAbstractListModel):
    """The findings of the last check; each row reads as its headline, then the better
    wording."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []

    def set_findings(self, findings: list[Finding]) -> bool:
        """Show ``findings``.

        When the headlines are the ones shown, only the places of the marks are updated, so
        the rows (and the view's current row) stay.

        Returns:
            True when the rows were replaced, False when only the places moved.
        """
        if _headlines(findings) == _headlines(self._findings):
            self._findings = list(findings)
            if findings:
                self.dataChanged.emit(self.index(0), self.index(len(findings) - 1))
            return False
        self.beginResetModel()
        self._findings = list(findings)
        self.endResetModel()
        return True

    def finding(self, row: int) -> Finding | None:
        """The finding on ``row``."""
        return self._findings[row] if 0 <= row < len(self._findings) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._findings)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        found = self.finding(index.row()) if index.isValid() else None
        if found is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            suggestion = found.rule.suggestion
            return found.headline + (f"\n    → {suggestion}" if suggestion else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return rule_tip(found.rule)
        return None


def _headlines(findings: list[Finding]) -> list[str]:
    return [found.headline for found in findings]
