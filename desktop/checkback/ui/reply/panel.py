"""The "Check reply" view: a draft reply, checked as the agent types, with what to change
marked in place and a better wording to copy."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from checkback.core.reply_checker import Mark, Review, Rule, check_reply
from checkback.storage.reply_rules import load_draft, save_draft
from checkback.ui.session import Change, Session
from checkback.ui.widgets.clipboard import COPY_FAILED, copy_to_clipboard

CHECK_DELAY_MS = 40
SAVE_DELAY_MS = 400
_MARK_COLOUR = QColor(230, 120, 0)
_EMPTY = "Paste or write a draft reply above. It is checked as you type."
_CLEAN = "✓ Nothing to change: it acknowledges, states what we will do and checks back."


class ReplyCheckerPanel(QWidget):
    """A draft, the checker's findings below it, and "Copy better wording".

    A finding is what a rule marked in the draft (underlined, with the reason on hover; one
    finding however often the rule matched) or a note of something missing. Selecting a
    finding highlights its marks and selects the first in the draft.
    """

    status_changed = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._rules: tuple[Rule, ...] = ()
        self.review = Review((), ())
        self._headlines: list[str] = []
        self.draft = _DraftEdit(self._tip_at, self)
        self.draft.setAccessibleName("Draft reply")
        self.draft.setPlaceholderText("Paste your draft reply here…")
        self.draft.setTabChangesFocus(True)
        self.summary = QLabel(_EMPTY, self)
        self.summary.setWordWrap(True)
        self.findings = QListWidget(self)
        self.findings.setAccessibleName("What to change")
        self.findings.setWordWrap(True)
        self.findings.setAlternatingRowColors(True)
        self.findings.setSpacing(2)
        self.copy_button = QPushButton("Copy better &wording", self)
        self.copy_button.setToolTip("Copy the suggested wording of the selected finding (Enter)")
        self.copy_button.setEnabled(False)
        self.clear_button = QPushButton("C&lear", self)
        self.clear_button.setToolTip("Empty the draft (Ctrl+Z in the draft brings it back)")
        self._check_timer = _single_shot(CHECK_DELAY_MS, self.check_now, self)
        self._save_timer = _single_shot(SAVE_DELAY_MS, self.save_now, self)
        self._layout()
        self.draft.setPlainText(load_draft(session.reader))  # the one saved last time
        self.draft.textChanged.connect(self._check_timer.start)
        self.draft.textChanged.connect(self._save_timer.start)
        self.findings.currentRowChanged.connect(self._show_finding)
        self.findings.itemActivated.connect(self._copy_wording)
        self.copy_button.clicked.connect(self._copy_wording)
        self.clear_button.clicked.connect(self.clear)

    @property
    def rules(self) -> tuple[Rule, ...]:
        """The rules the draft is checked with."""
        return self._rules

    def set_rules(self, rules: tuple[Rule, ...]) -> None:
        """Check with ``rules`` from now on (and check the draft again)."""
        self._rules = rules
        self.check_now()

    def reload_draft(self) -> None:
        """Show the draft as saved (after a customer's name was erased from it)."""
        self.draft.setPlainText(load_draft(self._session.reader))

    @Slot()
    def check_now(self) -> None:
        """Check the draft and show what was found."""
        self._check_timer.stop()
        text = self.draft.toPlainText()
        self.review = check_reply(text, self._rules)
        findings = self._findings(text)
        if [headline for headline, _rule, _marks in findings] == self._headlines:
            for row, (_headline, rule, marks) in enumerate(findings):  # only the places moved
                self.findings.item(row).setData(Qt.ItemDataRole.UserRole, (rule, marks))
        else:
            self._list_findings(findings)
        self._show_marks(self._selected_rule())
        self.summary.setText(self._summary(text))
        self.copy_button.setEnabled(bool(findings))

    @Slot()
    def save_now(self) -> None:
        """Save the draft now (it is saved on its own a moment after each change)."""
        self._save_timer.stop()
        text, now = self.draft.toPlainText(), self._session.now()
        # Kept under one key: when it cannot be stored now, the latest text is stored later.
        self._session.save("reply draft", Change.DRAFTS,
                           lambda conn: save_draft(conn, text, now))

    @Slot()
    def clear(self) -> None:
        """Empty the draft as one edit, so Ctrl+Z in the draft brings it back."""
        cursor = self.draft.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.removeSelectedText()
        self.draft.setFocus()
        self.status_changed.emit("Draft cleared. Ctrl+Z in the draft brings it back.")

    def focus_draft(self) -> None:
        """Put the cursor in the draft."""
        self.draft.setFocus()

    def _tip_at(self, position: int) -> str:
        mark = self.mark_at(position)
        return _tip(mark.rule) if mark else ""

    def mark_at(self, position: int) -> Mark | None:
        """The mark covering the character at ``position``, if any."""
        return next((mark for mark in self.review.marks
                     if mark.start <= position < mark.end), None)

    def _show_marks(self, selected: Rule | None = None) -> None:
        formats = {False: _mark_format(selected=False), True: _mark_format(selected=True)}
        selections = []
        for mark in self.review.marks:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self._cursor_over(mark)
            selection.format = formats[mark.rule is selected]
            selections.append(selection)
        self.draft.setExtraSelections(selections)

    def _findings(self, text: str) -> list[tuple[str, Rule, list[Mark]]]:
        """One finding per rule: its headline, the rule, and where it matched."""
        by_rule: dict[str, list[Mark]] = {}
        for mark in self.review.marks:
            by_rule.setdefault(mark.rule.rule_id, []).append(mark)
        found = []
        for marks in by_rule.values():
            words = " ".join(text[marks[0].start:marks[0].end].split())
            more = f" (and {len(marks) - 1} more)" if len(marks) > 1 else ""
            found.append((f"“{words}”{more}: {marks[0].rule.reason}", marks[0].rule, marks))
        found += [(f"Missing: {rule.reason}", rule, []) for rule in self.review.missing]
        return found

    def _list_findings(self, findings: list[tuple[str, Rule, list[Mark]]]) -> None:
        self._headlines = [headline for headline, _rule, _marks in findings]
        self.findings.blockSignals(True)
        self.findings.clear()
        for headline, rule, marks in findings:
            text = headline + (f"\n    → {rule.suggestion}" if rule.suggestion else "")
            item = QListWidgetItem(text, self.findings)
            item.setData(Qt.ItemDataRole.UserRole, (rule, marks))
            item.setToolTip(_tip(rule))
        self.findings.setCurrentRow(0 if findings else -1)
        self.findings.blockSignals(False)

    def _selected_rule(self) -> Rule | None:
        item = self.findings.currentItem()
        if item is None:
            return None
        rule, marks = item.data(Qt.ItemDataRole.UserRole)
        return rule if marks else None

    def _summary(self, text: str) -> str:
        if not text.strip():
            return _EMPTY
        if not self._rules:
            return "No checker rules are loaded. File → Content problems says why."
        if self.review.clean:
            return _CLEAN
        count = len(self.review.marks) + len(self.review.missing)
        return (f"{count} thing{'s' if count != 1 else ''} to look at. Enter copies a better "
                "wording.")

    @Slot(int)
    def _show_finding(self, row: int) -> None:
        item = self.findings.item(row)
        rule, marks = item.data(Qt.ItemDataRole.UserRole) if item else (None, [])
        self._show_marks(rule if marks else None)
        if marks and self.findings.hasFocus():  # never move the typing cursor
            cursor = self._cursor_over(marks[0])
            self.draft.setTextCursor(cursor)
            self.draft.ensureCursorVisible()

    @Slot()
    def _copy_wording(self) -> None:
        item = self.findings.currentItem()
        if item is None:
            return
        rule: Rule = item.data(Qt.ItemDataRole.UserRole)[0]
        if copy_to_clipboard(rule.wording):
            self.status_changed.emit(f"Copied “{rule.wording}”")
        else:
            self.status_changed.emit(COPY_FAILED)

    def _cursor_over(self, mark: Mark) -> QTextCursor:
        cursor = QTextCursor(self.draft.document())
        cursor.setPosition(mark.start)
        cursor.setPosition(mark.end, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _layout(self) -> None:
        below = QWidget(self)
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.summary)
        below_layout.addWidget(self.findings, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.draft)
        splitter.addWidget(below)
        splitter.setSizes([380, 260])
        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)


class _DraftEdit(QPlainTextEdit):
    """The draft box; resting the pointer on a mark shows its reason and suggestion."""

    def __init__(self, tip_at: Callable[[int], str], parent: QWidget) -> None:
        super().__init__(parent)
        self._tip_at = tip_at

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            tip = self._tip_at(self.cursorForPosition(event.pos()).position())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)


def _mark_format(selected: bool) -> QTextCharFormat:
    text_format = QTextCharFormat()
    text_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    text_format.setUnderlineColor(_MARK_COLOUR)
    background = QColor(_MARK_COLOUR)
    background.setAlpha(110 if selected else 45)
    text_format.setBackground(background)
    return text_format


def _tip(rule: Rule) -> str:
    return rule.reason + (f"\nBetter: {rule.suggestion}" if rule.suggestion else "")


def _single_shot(interval_ms: int, slot: Callable[[], None], parent: QObject) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval_ms)
    timer.timeout.connect(slot)
    return timer
