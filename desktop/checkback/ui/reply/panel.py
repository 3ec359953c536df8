"""The "Check reply" view: a draft reply, checked as the agent types, with what to change
marked in place and a better wording to copy."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from checkback.core.reply_checker import Mark, Review, Rule, check_reply
from checkback.storage.reply_rules import load_draft, load_rules, save_draft
from checkback.ui.reply.findings_model import Finding, FindingsModel, findings_of, rule_tip
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
        self._selecting_first = False
        self.draft = _DraftEdit(self._tip_at, self)
        self.draft.setAccessibleName("Draft reply")
        self.draft.setPlaceholderText("Paste your draft reply here…")
        self.draft.setTabChangesFocus(True)
        self.summary = QLabel(_EMPTY, self)
        self.summary.setWordWrap(True)
        self.model = FindingsModel(self)
        self.findings = QListView(self)
        self.findings.setModel(self.model)
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
        self.findings.selectionModel().currentChanged.connect(self._show_finding)
        self.findings.activated.connect(self._copy_wording)
        self.copy_button.clicked.connect(self._copy_wording)
        self.clear_button.clicked.connect(self.clear)
        session.changed.connect(self._data_changed)
        session.flushing.connect(self._save_if_typed)
        self.set_rules(load_rules(session.reader))

    @Slot(object)
    def _data_changed(self, changes: Change) -> None:
        if changes & Change.CONTENT:
            self.set_rules(load_rules(self._session.reader))
        if changes & Change.FORGOTTEN:
            self.reload_draft()

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
        findings = findings_of(self.review, text)
        if self.model.set_findings(findings):  # new ones, not the same ones moved
            self._select_first()
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
    def _save_if_typed(self) -> None:
        if self._save_timer.isActive():  # typed since the last save
            self.save_now()

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
        return rule_tip(mark.rule) if mark else ""

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

    def _select_first(self) -> None:
        self._selecting_first = True  # the agent did not move, so the typing cursor stays
        self.findings.setCurrentIndex(self.model.index(0))  # none when there are no rows
        self._selecting_first = False

    def _current(self) -> Finding | None:
        return self.model.finding(self.findings.currentIndex().row())

    def _selected_rule(self) -> Rule | None:
        found = self._current()
        return found.rule if found and found.marks else None

    def _summary(self, text: str) -> str:
        if not text.strip():
            return _EMPTY
        if not self._rules:
            return "No checker rules are loaded. File → Content problems says why."
        if self.review.clean:
            return _CLEAN + self._skipped_note()
        count = len(self.review.marks) + len(self.review.missing)
        return (f"{count} thing{'s' if count != 1 else ''} to look at. Enter copies a better "
                "wording." + self._skipped_note())

    def _skipped_note(self) -> str:
        skipped = len(self.review.skipped)
        if not skipped:
            return ""
        return f" {skipped} rule{'s' if skipped != 1 else ''} skipped: too slow on this draft."

    @Slot()
    def _show_finding(self) -> None:
        if self._selecting_first:
            return
        self._show_marks(self._selected_rule())
        found = self._current()
        if found and found.marks and self.findings.hasFocus():  # never move the typing cursor
            self.draft.setTextCursor(self._cursor_over(found.marks[0]))
            self.draft.ensureCursorVisible()

    @Slot()
    def _copy_wording(self) -> None:
        found = self._current()
        if found is None:
            return
        wording = found.rule.wording
        if copy_to_clipboard(wording):
            self.status_changed.emit(f"Copied “{wording}”")
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


def _single_shot(interval_ms: int, slot: Callable[[], None], parent: QObject) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval_ms)
    timer.timeout.connect(slot)
    return timer
