"""The follow-ups as a calendar file (.ics), for the agent's own calendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QWidget

from checkback.core.files import write_atomically
from checkback.core.record_export import CalendarEntry, follow_ups_to_ics
from checkback.storage.database import database_id
from checkback.storage.follow_up_store import calendar_entries
from checkback.ui.session import Change, Session
from checkback.ui.widgets.controls import stored

# How long a closed follow-up stays in the exports, marked cancelled: long enough for a
# calendar that imported it while pending to be given the next export.
CLOSED_SHOWN_FOR = dt.timedelta(days=30)
NOTHING_TO_EXPORT = ("Nothing to export: no follow-up has a due time, and none was closed in "
                     f"the last {CLOSED_SHOWN_FOR.days} days. No file was written.")


class CalendarExport(QObject):
    """Writes every pending follow-up with a due time as an event, and those closed lately
    as cancelled; ``status_changed`` says how it went."""

    status_changed = Signal(str)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session

    def choose(self, parent: QWidget) -> QFileDialog | None:
        """Ask where to save the calendar (the dialog, open); or say there is nothing to
        export (None)."""
        if not self._entries():
            self.status_changed.emit(NOTHING_TO_EXPORT)
            return None
        dialog = QFileDialog(parent, "Export follow-ups to a calendar", str(Path.home()),
                             "Calendar (*.ics)")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("ics")
        dialog.selectFile("checkback-follow-ups.ics")
        dialog.fileSelected.connect(self.export_to)
        dialog.open()
        return dialog

    @Slot(str)
    def export_to(self, path: str) -> None:
        """Write the calendar to ``path``; with nothing to put in it, say so and write
        nothing."""
        entries = self._entries()
        if not entries:
            self.status_changed.emit(NOTHING_TO_EXPORT)
            return
        made: list[str] = []  # the id is made once, by the first export: that writes
        if not stored(lambda: made.append(self._session.write(Change.NONE, database_id)),
                      self.status_changed.emit):
            return
        try:
            write_atomically(Path(path), follow_ups_to_ics(entries, self._session.now(),
                                                           made[0]))
        except OSError as error:
            self.status_changed.emit(f"Not exported: {error.strerror or error}. Choose "
                                     "another folder.")
            return
        closed = sum(entry.closed for entry in entries)
        pending = len(entries) - closed
        also = f" (and {closed} closed, marked cancelled)" if closed else ""
        self.status_changed.emit(f"Exported {pending} follow-up{'s' if pending != 1 else ''}"
                                 f"{also} to {Path(path).name}")

    def _entries(self) -> list[CalendarEntry]:
        return calendar_entries(self._session.reader, self._session.now() - CLOSED_SHOWN_FOR)
