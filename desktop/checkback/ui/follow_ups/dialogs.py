"""Small forms of the follow-up queue: picking a time, and asking for a reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDateTime, QTime, Slot
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from checkback.core.follow_ups import WorkingHours
from checkback.ui.checklist.dialogs import dialog_buttons, qdate
from checkback.ui.widgets.controls import buddy_label, error_label, saved

MAX_REASON_CHARS = 300


class PickTimeDialog(QDialog):
    """Asks for a new due time; says so when it falls outside working hours (allowed)."""

    def __init__(self, title: str, start: dt.datetime, hours: WorkingHours,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._hours = hours
        self.when = QDateTimeEdit(self)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("ddd d MMM yyyy  HH:mm")
        local = start.astimezone(hours.zone)
        self.when.setDateTime(QDateTime(qdate(local), QTime(local.hour, local.minute)))
        self.when.setAccessibleName("Due time")
        self.note = QLabel("This is outside your working hours (allowed).", self)
        self.note.setWordWrap(True)
        keep_its_place = self.note.sizePolicy()
        keep_its_place.setRetainSizeWhenHidden(True)  # the form never has to grow for it
        self.note.setSizePolicy(keep_its_place)
        buttons = dialog_buttons(self, "&Set time")
        layout = QVBoxLayout(self)
        layout.addWidget(buddy_label("Follow up &on:", self, self.when))
        layout.addWidget(self.when)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.when.dateTimeChanged.connect(self._check_hours)
        self._check_hours()
        self.when.setFocus()

    def chosen(self) -> dt.datetime:
        """The time picked, in the working hours' zone."""
        when = self.when.dateTime()
        return dt.datetime(*when.date().getDate(), when.time().hour(), when.time().minute(),
                           tzinfo=self._hours.zone)

    @Slot()
    def _check_hours(self) -> None:
        chosen = self.chosen()
        self.note.setHidden(self._hours.next_open(chosen) == chosen)


class ReasonDialog(QDialog):
    """Asks why; will not close on an empty answer."""

    def __init__(self, title: str, question: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.reason = QLineEdit(self)
        self.reason.setMaxLength(MAX_REASON_CHARS)
        self.reason.setAccessibleName("Reason")
        self.reason.setPlaceholderText("e.g. The customer asked not to be contacted")
        self.error = error_label(self)
        self.save: Callable[[], object] | None = None  # stores the form; closes only then
        layout = QVBoxLayout(self)
        layout.addWidget(buddy_label(question, self, self.reason))
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self, "&Cancel follow-up", "&Keep it"))

    def text(self) -> str:
        """The reason, trimmed."""
        return " ".join(self.reason.text().split())

    def accept(self) -> None:
        """Close only with a reason."""
        if not self.text():
            self.error.setText("Say why, so the history shows it.")
            self.reason.setFocus()
            return
        if saved(self.save, self.error):
            super().accept()
