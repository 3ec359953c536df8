"""The start-up marks the benchmarks read (``checkback --exit-when-shown``): the time of
the window's first paint ("shown"), of a key typed at that paint painted in the policy
results ("usable"), and of the rest built ("ready"); then the app quits. Loaded only then.
"""

from __future__ import annotations

import time
from functools import partial

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from checkback.app import say
from checkback.ui.main_window import MainWindow


class _FirstPaint(QObject):
    """Prints the time of the window's first paint, and types a key as soon as it is
    painted, as an agent would (for benchmarks)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            say(f"shown {time.time_ns()}")
            watched.removeEventFilter(self)
            QTimer.singleShot(0, partial(_type_first_key, watched))
        return False


class _FirstKeyPainted(QObject):
    """Prints the time the result list is first painted with the typed key's results."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._window.policy_panel.search_box.text():
            say(f"usable {time.time_ns()}")
            watched.removeEventFilter(self)
            if self._window.is_built:  # else once it is, "ready" printed
                QTimer.singleShot(0, QApplication.quit)
            else:
                self._window.built.connect(lambda: QTimer.singleShot(0, QApplication.quit))
        return False


def _type_first_key(window: QObject) -> None:
    """Type "r" where the keyboard goes: the focused widget, else the window."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeyEvent

    target = QApplication.focusWidget() or window
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(target, QKeyEvent(kind, Qt.Key.Key_R,
                                                 Qt.KeyboardModifier.NoModifier, "r"))


def report_start_up_and_quit(window: MainWindow) -> None:
    """Print "shown", "usable" and "ready" with the time of each, then quit."""
    window.installEventFilter(_FirstPaint(window))
    window.built.connect(lambda: say(f"ready {time.time_ns()}"))
    window.searchable.connect(lambda: window.policy_panel.results.viewport().installEventFilter(
        _FirstKeyPainted(window)))
