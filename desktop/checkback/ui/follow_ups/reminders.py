"""Reminders: telling the agent when a follow-up falls due.

A single timer wakes at the next due time, not a busy poll. It never sleeps longer than a
minute, so a computer waking from sleep or a changed clock is noticed within a minute, and
it checks again when the app becomes active. Whether a reminder was shown is kept in the
database, so each one is shown once: what fell due while the app was closed is shown at
the first check after start-up.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication

from checkback.core.follow_ups import FollowUp
from checkback.storage.follow_up_store import mark_notified, newly_due, next_due
from checkback.ui.session import Change, Session

LONGEST_WAIT = dt.timedelta(minutes=1)


class Reminders(QObject):
    """Emits ``fell_due`` with the follow-ups that have just fallen due (each only once), and
    whether they fell due while the app was closed (the first check after ``start``)."""

    fell_due = Signal(list, bool)
    checked = Signal()

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._conn = session.reader
        self._told: set[tuple[int, dt.datetime | None]] = set()  # shown: (id, due)
        self._starting = False
        self._stopped = True
        session.closing.connect(self.stop)
        self.timer = QTimer(self, singleShot=True, timerType=Qt.TimerType.CoarseTimer)
        self.timer.timeout.connect(self.check)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._state_changed)

    def start(self) -> None:
        """Check now (showing what fell due while the app was closed), then keep watching."""
        self._stopped = False
        self._starting = True
        self.check()
        self._starting = False

    @Slot()
    def stop(self) -> None:
        """Stop watching (the app is ending)."""
        self.timer.stop()
        self._stopped = True

    @Slot()
    def check(self) -> None:
        """Announce what has fallen due, then sleep until the next due time."""
        if self._stopped:
            return
        now = self._session.now()
        due = [item for item in newly_due(self._conn, now)
               if (item.follow_up_id, item.due) not in self._told]
        if due:
            self._tell(due, now)
        self.checked.emit()
        self.rearm()

    @Slot()
    def rearm(self) -> None:
        """Set the timer for the next due time (at most a minute away)."""
        if self._stopped:
            return
        now = self._session.now()
        upcoming = next_due(self._conn, now)
        wait = LONGEST_WAIT if upcoming is None else min(upcoming - now, LONGEST_WAIT)
        self.timer.start(max(int(wait.total_seconds() * 1000) + 50, 50))

    def _tell(self, due: list[FollowUp], now: dt.datetime) -> None:
        ids = [item.follow_up_id for item in due]
        # Stored as shown when the database lets it; until then _told keeps it shown once
        # (a snoozed one falls due again at its new time).
        self._told.update((item.follow_up_id, item.due) for item in due)
        self._session.save(("notified", *ids), Change.FOLLOW_UPS,
                           lambda conn: mark_notified(conn, ids, now))
        self.fell_due.emit(due, self._starting)

    @Slot(Qt.ApplicationState)
    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.check()
