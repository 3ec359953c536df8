"""The checklist's keys on its lists: 1–9 and Space check steps, Enter goes to the phrases
and copies one there, Esc comes back to the steps. A letter typed on the steps starts a
note: it and what follows go to the Note, so a sentence never ticks steps."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

if TYPE_CHECKING:
    from checkback.ui.checklist.panel import ChecklistPanel

_ENTER_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter}


class ChecklistKeys(QObject):
    """Watches the panel's step and phrase lists for the keys the checklist gives them."""

    def __init__(self, panel: ChecklistPanel) -> None:
        super().__init__(panel)
        self._panel = panel

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if watched is self._panel.step_list:
                return self._step_list_key(event)
            if watched is self._panel.phrase_list:
                return self._phrase_list_key(event)
        return super().eventFilter(watched, event)

    def _step_list_key(self, event: QKeyEvent) -> bool:
        panel = self._panel
        text = event.text()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if text.isdigit() and text != "0" and plain:
            panel.toggle_step(int(text) - 1)
            return True
        if event.key() == Qt.Key.Key_Space:
            position = panel.selected_position()
            if position is not None:
                panel.toggle_step(position)
            return True
        if event.key() in _ENTER_KEYS and panel.phrases.rowCount():
            panel.phrase_list.setCurrentIndex(panel.phrases.index(0))
            panel.phrase_list.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        if text.isalpha() and plain or text.isalpha() and event.modifiers() == (
                Qt.KeyboardModifier.ShiftModifier):
            return self._start_a_note(text)
        return False

    def _start_a_note(self, text: str) -> bool:
        """Move to the Note with ``text`` typed at its end (when the step takes a note)."""
        note = self._panel.note
        if note.isReadOnly():
            return False
        note.setFocus(Qt.FocusReason.OtherFocusReason)
        note.moveCursor(note.textCursor().MoveOperation.End)
        note.insertPlainText(text)
        self._panel.status_changed.emit("Typing goes to the step's note (Ctrl+L goes back to "
                                        "the steps)")
        return True

    def _phrase_list_key(self, event: QKeyEvent) -> bool:
        panel = self._panel
        if event.key() in _ENTER_KEYS:
            index = panel.phrase_list.currentIndex()
            panel.copy_phrase(index.row() if index.isValid() else 0)
            return True
        if event.key() == Qt.Key.Key_Escape:
            panel.step_list.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False
