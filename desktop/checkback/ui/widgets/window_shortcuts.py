"""The window's own shortcuts before a text box's editing keys.

On Linux, Qt gives single-line text boxes the Emacs editing keys of X11: Ctrl+U erases the
line, Ctrl+E goes to its end, Ctrl+K erases to the end. A text box claims a key before the
window's shortcuts see it, so in a search box Ctrl+U (Follow-ups), Ctrl+E (Edit details) and
Ctrl+K (Search policies) did nothing but edit the text. Here the window's chords win.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget


class WindowShortcutsFirst(QObject):
    """Watches the single-line text boxes of ``window``'s panels (``watch`` each panel)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window

    def watch(self, panel: QWidget) -> None:
        """Let the window's shortcuts through every single-line box of ``panel``."""
        for box in panel.findChildren(QLineEdit):
            box.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        chord = QKeySequence(event.keyCombination())
        if any(action.shortcut() == chord for action in self._window.actions()):
            event.ignore()  # not claimed by the box: the window's shortcut runs
            return True
        return False
