"""Reminders: telling the agent when a follow-up falls due.

A single timer wakes at the next due time, not a busy poll. It never sleeps longer than a
minute, so a computer waking from sleep or a changed clock is noticed within a minute, and
it checks again when the app becomes active. Whether a reminder was shown is kept in the
database, so each one is shown once: what fell due while the app was closed is shown at
the first check after start-up.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication

from checkback.core.follow_ups import FollowUp
from checkback.storage.follow_up_store import mark_notified, newly_due, next_due

LONGEST_WAIT = dt.timedelta(minutes=1)


class Reminders(QObject):
    """Emits ``fell_due`` with the follow-ups that have just fallen due (each only once), and
    whether they fell due while the app was closed (the first check after ``start``)."""

    fell_due = Signal(list, bool)
    checked = Signal()

    def __init__(self, clock: Callable[[], dt.datetime], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self._conn: sqlite3.Connection | None = None
        self._starting = False
        self.timer = QTimer(self, singleShot=True, timerType=Qt.TimerType.CoarseTimer)
        self.timer.timeout.connect(self.check)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._state_changed)

    def start(self, conn: sqlite3.Connection) -> None:
        """Check now (showing what fell due while the app was closed), then keep watching."""
        self._conn = conn
        self._starting = True
        self.check()
        self._starting = False

    def stop(self) -> None:
        """Stop watching (the app is ending)."""
        self.timer.stop()
        self._conn = None

    @Slot()
    def check(self) -> None:
        """Announce what has fallen due, then sleep until the next due time."""
        if self._conn is None:
            return
        now = self.clock()
        due: list[FollowUp] = newly_due(self._conn, now)
        if due:
            mark_notified(self._conn, [item.follow_up_id for item in due], now)
            self.fell_due.emit(due, self._starting)
        self.checked.emit()
        self.rearm()

    @Slot()
    def rearm(self) -> None:
        """Set the timer for the next due time (at most a minute away)."""
        if self._conn is None:
            return
        now = self.clock()
        upcoming = next_due(self._conn, now)
        wait = LONGEST_WAIT if upcoming is None else min(upcoming - now, LONGEST_WAIT)
        self.timer.start(max(int(wait.total_seconds() * 1000) + 50, 50))

    @Slot(Qt.ApplicationState)
    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.check()
