"""The Follow-ups tab: the queue, and for the chosen item its message, call and actions.

A follow-up is only ever done when the agent says so. Every action saves at once, is kept
in the item's history, and is announced by the Session (the queue, the log, the overdue
count and the reminders then read it again).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QStringListModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from checkback.core.conversation import Customer
from checkback.core.follow_ups import (
    CHANNEL_LABELS,
    FollowUp,
    Result,
    snooze_options,
    when_text,
)
from checkback.core.helpdesk import follow_up_done_note
from checkback.core.html_text import escape_html
from checkback.settings import POST_FOLLOW_UP_NOTES, Settings, follow_up_rules
from checkback.storage.follow_up_store import (
    Event,
    cancel,
    history,
    mark_done,
    move,
)
from checkback.ui.follow_ups.calendar_export import CalendarExport
from checkback.ui.follow_ups.contact import FollowUpContact
from checkback.ui.follow_ups.dialogs import PickTimeDialog, ReasonDialog
from checkback.ui.follow_ups.model import FollowUpQueueModel
from checkback.ui.helpdesk.notes import note_target
from checkback.ui.session import Change, Session
from checkback.ui.widgets.controls import buddy_label, push_button, stored

_EMPTY_TEXT = ("Nothing to follow up.\n\nWhen you resolve a conversation (or use Quick log), "
               "its follow-up appears here at the right time.")
_ACTION_WORDS = {"scheduled": "Scheduled", "snoozed": "Snoozed", "rescheduled": "Rescheduled",
                 "received": "Marked received", "done": "Done", "cancelled": "Cancelled"}


class FollowUpPanel(QWidget):
    """The queue on top; the chosen follow-up's details, message and actions below."""

    status_changed = Signal(str)
    new_conversation_requested = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.settings: Settings = session.settings
        self._conn = session.reader
        self.model = FollowUpQueueModel(session.reader, self)
        self.queue = QListView(self)
        self.queue.setModel(self.model)
        self.queue.setAccessibleName("Follow-up queue")
        self.queue.setWordWrap(True)
        self.queue.setAlternatingRowColors(True)
        self.queue.setSpacing(1)
        self.contact = FollowUpContact(session, self)
        self.contact.status_changed.connect(self.status_changed)
        self.history = QStringListModel(self)
        self.time_dialog: PickTimeDialog | None = None
        self.reason_dialog: ReasonDialog | None = None
        self.reopen_question: QMessageBox | None = None
        self.file_dialog: QFileDialog | None = None
        self.calendar = CalendarExport(session, self)
        self.calendar.status_changed.connect(self.status_changed)
        self._shown_id: int | None = None  # whose message the contact pane shows
        self._build()
        self.queue.selectionModel().currentChanged.connect(self._current_changed)
        session.on_records_changed(self, self.refresh)
        self.refresh()

    def clock(self) -> dt.datetime:
        """The current time, by the Session's clock."""
        return self.session.now()

    @property
    def current(self) -> FollowUp | None:
        """The follow-up chosen in the queue."""
        return self.model.follow_up_at(self.queue.currentIndex().row())

    @Slot()
    def refresh(self) -> None:
        """Read the queue again, keeping the chosen item (or the one after it) chosen."""
        row, chosen = self.queue.currentIndex().row(), self.current
        self.model.load(self.clock(), follow_up_rules(self.settings).hours.zone)
        self.pages.setCurrentIndex(0 if self.model.total else 1)
        found = self.model.row_of(chosen.follow_up_id) if chosen else -1
        self._choose(found if found >= 0 else max(row, 0))

    @Slot()
    def refresh_if_a_new_day(self) -> None:
        """Read the queue again once a new day has begun (Today and Upcoming move on)."""
        zone = follow_up_rules(self.settings).hours.zone
        if self.clock().astimezone(zone).date() != self.model.read_at.astimezone(zone).date():
            self.refresh()

    def open_follow_up(self, follow_up_id: int) -> None:
        """Choose a follow-up in the queue (from a reminder), reading it fresh."""
        self.refresh()
        row = self.model.row_of(follow_up_id)
        if row >= 0:
            self._choose(row)
            self.queue.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def choose_calendar_export(self) -> None:
        """Ask where to save the follow-ups as a calendar file (.ics); or say there is
        nothing to export."""
        self.file_dialog = self.calendar.choose(self)

    @Slot(str)
    def export_calendar(self, path: str) -> None:
        """Write the follow-ups to ``path`` as a calendar (see ``CalendarExport``)."""
        self.calendar.export_to(path)

    def mark_done(self, result: Result) -> None:
        """Close the follow-up with how it went; after "not satisfied", offer a new
        conversation on the same ticket."""
        item = self.current
        if item is None:
            return
        now = self.clock()
        note = self._done_note(item, result, now)

        def done(conn: sqlite3.Connection) -> None:
            mark_done(conn, item.follow_up_id, result, now)
            if note is not None:
                note(conn)

        if not self._store(done, f"Done: {item.who}, {result.label.lower()}"):
            return
        if result is Result.NOT_SATISFIED:
            self._offer_new_conversation(item)

    def _done_note(self, item: FollowUp, result: Result,
                   now: dt.datetime) -> Callable[[sqlite3.Connection], object] | None:
        """What queues the short note for the ticket, when one is to be posted."""
        target = note_target(self.settings, item.ticket, item.ticket_url)
        if target is None or not self.settings.get(POST_FOLLOW_UP_NOTES):
            return None
        channel = item.channels[0] if item.channels else item.channel
        text = follow_up_done_note(channel, result.label, now,
                                   follow_up_rules(self.settings).hours.zone)
        return partial(target.queue, text=text, now=now, resolution_id=item.resolution_id,
                       follow_up_id=item.follow_up_id)

    def snooze(self, label: str) -> None:
        """Move the follow-up by one of the quick snoozes ("1 hour", "Tomorrow morning")."""
        item = self.current
        if item is None:
            return
        now = self.clock()
        due = snooze_options(now, follow_up_rules(self.settings).hours)[label]
        self._store(lambda conn: move(conn, item.follow_up_id, due, now, "snoozed"),
                    f"Snoozed {item.who} until {self._when(due)}")

    @Slot()
    def pick_time(self, action: str = "rescheduled") -> None:
        """Ask for a due time, then move the follow-up there (``action`` names why)."""
        item = self.current
        if item is None:
            return
        hours = follow_up_rules(self.settings).hours
        start = item.due or hours.start_of_next_day(self.clock())
        title = "Snooze until" if action == "snoozed" else "Follow up on"
        self.time_dialog = PickTimeDialog(title, start, hours, self)
        self.time_dialog.accepted.connect(lambda: self._moved(item, action))
        self.time_dialog.open()

    @Slot()
    def mark_received(self) -> None:
        """The delivery has arrived: follow up after the set days, in working hours."""
        from checkback.core.follow_ups import due_after_arrival

        item = self.current
        if item is None:
            return
        now = self.clock()
        due = due_after_arrival(now.astimezone(follow_up_rules(self.settings).hours.zone).date(),
                                now, follow_up_rules(self.settings))
        self._store(lambda conn: move(conn, item.follow_up_id, due, now, "received"),
                    f"Received: follow up with {item.who} {self._when(due)}")

    @Slot()
    def cancel_follow_up(self) -> None:
        """Ask why, then cancel the follow-up."""
        item = self.current
        if item is None:
            return
        self.reason_dialog = ReasonDialog("Cancel the follow-up",
                                          f"Why skip the follow-up with {item.who}?", self)
        self.reason_dialog.save = lambda: self._cancelled(item)
        self.reason_dialog.finished.connect(self._reason_closed)
        self.reason_dialog.open()

    def _moved(self, item: FollowUp, action: str) -> None:
        assert self.time_dialog is not None
        due, now = self.time_dialog.chosen(), self.clock()
        self.time_dialog.deleteLater()
        self.time_dialog = None
        self._store(lambda conn: move(conn, item.follow_up_id, due, now, action),
                    f"{_ACTION_WORDS[action]}: {item.who}, {self._when(due)}")

    def _cancelled(self, item: FollowUp) -> None:
        """Store the cancellation; raises StorageError (the reason stays in its form) if it
        cannot be stored now."""
        assert self.reason_dialog is not None
        reason, now = self.reason_dialog.text(), self.clock()
        self.session.write(Change.FOLLOW_UPS,
                           lambda conn: cancel(conn, item.follow_up_id, reason, now))
        self._changed(f"Cancelled the follow-up with {item.who}")

    @Slot()
    def _reason_closed(self) -> None:
        if self.reason_dialog is not None:
            self.reason_dialog.deleteLater()
            self.reason_dialog = None

    def _store(self, work: Callable[[sqlite3.Connection], object], done: str) -> bool:
        """Store a change to the queue and say ``done``; or say why it is not stored."""
        if not stored(lambda: self.session.write(Change.FOLLOW_UPS | Change.NOTES, work),
                      self.status_changed.emit):
            return False
        self._changed(done)
        return True

    def _offer_new_conversation(self, item: FollowUp) -> None:
        question = QMessageBox(
            QMessageBox.Icon.Question, "Not satisfied",
            f"{item.who} is not satisfied. Start a new conversation on the same ticket?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        customer = Customer(item.ticket, item.ticket_url, item.customer_name, item.channel,
                            item.contact, item.category)
        question.accepted.connect(lambda: self.new_conversation_requested.emit(customer))
        self.reopen_question = question
        question.open()

    def _changed(self, message: str) -> None:
        self.status_changed.emit(message)

    def _choose(self, row: int) -> None:
        while row < self.model.rowCount() and self.model.follow_up_at(row) is None:
            row += 1
        index = self.model.index(row, 0)
        self.queue.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._show(self.current)

    @Slot(QModelIndex, QModelIndex)
    def _current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._show(self.current)

    def _show(self, item: FollowUp | None) -> None:
        self.details.setEnabled(item is not None)
        if item is None:
            self._shown_id = None
            self.summary.setText("Choose a follow-up in the queue.")
            self.contact.show_item(None)
            self.history.setStringList([])
            return
        self.summary.setText(self._summary(item))
        if item.follow_up_id != self._shown_id:  # a refresh keeps what the agent wrote
            self._shown_id = item.follow_up_id
            self.contact.show_item(item)
        waiting = item.due is None
        self.received_button.setVisible(waiting)
        self.snooze_button.setVisible(not waiting)
        self.history.setStringList([self._event_line(e) for e in
                                    history(self._conn, item.follow_up_id)])

    def _summary(self, item: FollowUp) -> str:
        how = " and ".join(CHANNEL_LABELS.get(c, c) for c in item.channels)
        due = f"due {self._when(item.due)}" if item.due else "waiting for the delivery"
        about = item.problem or item.category or "(no summary)"
        return (f"<b>{escape_html(item.who)}</b><br>{escape_html(about)}"
                f"<br>{escape_html(item.resolution[:200])}"
                f"<br><i>By {how}, {due}</i> · {escape_html(item.contact) or 'no contact known'}")

    def _event_line(self, event: Event) -> str:
        when = self._when(event.at)
        words = _ACTION_WORDS.get(event.action, event.action)
        due = f" for {self._when(event.due)}" if event.due else ""
        detail = f": {event.detail}" if event.detail else ""
        return f"{when} · {words}{due}{detail}"

    def _when(self, moment: dt.datetime) -> str:
        return when_text(moment, self.clock(), follow_up_rules(self.settings).hours.zone)

    def _build(self) -> None:
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._queue_page())
        self.pages.addWidget(_empty_page(self))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.pages)

    def _queue_page(self) -> QWidget:
        self.details = QWidget(self)
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.addWidget(self.summary)
        details.addLayout(self._action_row())
        details.addWidget(self.contact, 1)
        history_view = QListView(self)
        history_view.setModel(self.history)
        history_view.setAccessibleName("History of this follow-up")
        history_view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        history_view.setMaximumHeight(90)
        details.addWidget(buddy_label("Histor&y", self, history_view))
        details.addWidget(history_view)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.queue)
        splitter.addWidget(self.details)
        splitter.setSizes([220, 480])
        return splitter

    def _action_row(self) -> QHBoxLayout:
        self.done_button = push_button("&Done ▾", "Mark it done, with how it went")
        done_menu = QMenu(self.done_button)
        for result in Result:
            done_menu.addAction(result.label, partial(self.mark_done, result))
        self.done_button.setMenu(done_menu)
        self.snooze_button = push_button("S&nooze ▾", "Move it for a while")
        snooze_menu = QMenu(self.snooze_button)
        for label in ("1 hour", "Tomorrow morning"):
            snooze_menu.addAction(label, lambda chosen=label: self.snooze(chosen))
        snooze_menu.addAction("Pick a time…", lambda: self.pick_time("snoozed"))
        self.snooze_button.setMenu(snooze_menu)
        self.received_button = push_button("&Received", "The customer has the delivery")
        self.received_button.clicked.connect(self.mark_received)
        self.reschedule_button = push_button("Re&schedule…", "Choose another day and time")
        self.reschedule_button.clicked.connect(lambda: self.pick_time("rescheduled"))
        self.cancel_button = push_button("Cance&l…", "Skip this follow-up, saying why")
        self.cancel_button.clicked.connect(self.cancel_follow_up)
        row = QHBoxLayout()
        for button in (self.done_button, self.snooze_button, self.received_button,
                       self.reschedule_button, self.cancel_button):
            row.addWidget(button)
        row.addStretch(1)
        return row

def _empty_page(parent: QWidget) -> QWidget:
    page = QWidget(parent)
    text = QLabel(_EMPTY_TEXT, page)
    text.setWordWrap(True)
    text.setAlignment(Qt.AlignmentFlag.AlignCenter)
    layout = QVBoxLayout(page)
    layout.addStretch(1)
    layout.addWidget(text)
    layout.addStretch(2)
    return page
