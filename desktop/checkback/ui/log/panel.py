"""The Log tab: every resolution, searched as you type, filtered, sorted, read in detail,
corrected, deleted (with undo), anonymised on request, and exported."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable

from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from checkback.core.follow_ups import when_text
from checkback.core.html_text import escape_html
from checkback.core.resolutions import Outcome, ResolutionKind
from checkback.settings import Settings, follow_up_rules
from checkback.storage.conversations import load_resolution
from checkback.storage.outbox import FAILED, POSTED, OutboxNote, notes_of_resolution, retry_note
from checkback.storage.resolution_log import (
    LogFilter,
    LogRow,
    TimelineEntry,
    log_categories,
    log_count,
    timeline,
)
from checkback.ui.log.actions import LogActions, records_text
from checkback.ui.log.insights import InsightsView
from checkback.ui.log.model import ResolutionLogModel, label_of
from checkback.ui.session import Change, Session
from checkback.ui.widgets.controls import push_button, stored

_PERIODS = {"Any date": None, "Today": 0, "Last 7 days": 7, "Last 30 days": 30,
            "Last 90 days": 90, "Between dates…": -1}
_COUNT_DELAY_MS = 150


class LogPanel(QWidget):
    """The log: the search, filters, records and the chosen one's details; what the agent
    does to the records is in ``actions``."""

    status_changed = Signal(str)
    policy_requested = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.insights: InsightsView | None = None
        self.settings: Settings = session.settings
        self.connection = session.reader
        self.model = ResolutionLogModel(session.reader, self)
        self.record_actions = LogActions(self)
        self._count_timer = QTimer(self, singleShot=True, interval=_COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self._show_count)
        self._build()
        self._connect()
        self._fill_categories()
        self.apply_filter()

    def clock(self) -> dt.datetime:
        """The current time, by the Session's clock."""
        return self.session.now()

    @Slot()
    def show_insights(self) -> None:
        """Open the insights view (counted afresh each time it is shown)."""
        if self.insights is None:
            self.insights = InsightsView(self.session, self)
            self.insights.policy_requested.connect(self.policy_requested)
        else:
            self.insights.refresh()
        self.insights.show()
        self.insights.raise_()

    def focus_search(self) -> None:
        """Put the cursor in the search box."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def show_record(self, resolution_id: int, text: str) -> None:
        """Search ``text`` newest first with no other filter (so the record found for it is
        listed), with the record chosen and the keyboard on the list."""
        for choice in (self.period, self.category, self.kind, self.outcome):
            choice.setCurrentIndex(0)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.search.setText(text)
        row = self.model.row_of(resolution_id)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def apply_filter(self) -> None:
        """Show the records the search and filters select (their count follows shortly)."""
        self.model.load(self.current_filter(), self._zone())
        self._count_timer.start()
        self._select(0)

    def current_filter(self) -> LogFilter:
        """The filter the search box and the filter controls make."""
        since, until = self._period()
        kept = self.model.log_filter
        return LogFilter(self.search.text(), since, until, self.category.currentData(),
                         self.kind.currentData() or "", self.outcome.currentData() or "",
                         kept.sort, kept.descending)

    @Slot()
    def refresh(self) -> None:
        """Read the records again after a change (a resolution, a follow-up)."""
        chosen = self.chosen_id()
        self._fill_categories()
        self.model.reload()
        self._count_timer.start()
        self._select(max(self.model.row_of(chosen), 0) if chosen else 0)

    @Slot()
    def _show_count(self) -> None:
        count = log_count(self.connection, self.model.log_filter)
        self.count.setText(records_text(count))
        self.empty.setVisible(count == 0)

    @Slot(QModelIndex, QModelIndex)
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row())
        self.detail.setHtml(self._detail_html(row.resolution_id) if row else "")
        for widget in (self.edit_button, self.delete_button, self.forget_action):
            widget.setEnabled(row is not None)
        self.retry_note_action.setEnabled(row is not None and any(
            note.state != POSTED for note in notes_of_resolution(self.connection,
                                                                 row.resolution_id)))

    def _detail_html(self, resolution_id: int) -> str:
        record = load_resolution(self.connection, resolution_id)
        if record is None:
            return ""
        customer = record.customer
        contact = f" · {escape_html(customer.contact)}" if customer.contact else ""
        lines = [f"<b>{escape_html(customer.label or '(no name)')}</b>{contact}",
                 f"<b>Issue:</b> {escape_html(customer.category or '(none)')}"
                 f" — {escape_html(record.problem)}",
                 f"<b>What we did:</b> {escape_html(record.resolution)}"]
        if record.notes:
            lines.append(f"<b>Notes:</b> {escape_html(record.notes)}".replace("\n", "<br>"))
        if record.rounds:
            lines.append(f"{record.rounds} round{'s' if record.rounds != 1 else ''},"
                         f" {record.steps_done} of {record.steps_total} steps checked")
        story = "".join(f"<li>{self._entry_html(e)}</li>"
                        for e in timeline(self.connection, resolution_id))
        notes = "".join(f"<li>{escape_html(self._note_line(note))}</li>"
                        for note in notes_of_resolution(self.connection, resolution_id))
        return "<br>".join(lines) + f"<p><b>Timeline</b></p><ul>{story}</ul>" + (
            f"<p><b>Notes to the helpdesk</b></p><ul>{notes}</ul>" if notes else "")

    def _note_line(self, note: OutboxNote) -> str:
        where = f"#{note.ticket}" + (f" in {note.account.kind.label}" if note.account else "")
        first = note.text.splitlines()[0] if note.text else ""
        if note.state == POSTED and note.posted_at is not None:
            state = f"posted {self._when(note.posted_at)}"
        elif note.state == FAILED:
            state = f"not posted: {note.problem} Then choose More → Retry the note."
        elif note.attempts and note.next_try_at is not None:
            state = f"waiting, next try {self._when(note.next_try_at)}: {note.problem}"
        else:
            state = "queued, being sent"
        return f"To {where} ({first[:60]}…): {state}" if first else f"To {where}: {state}"

    @Slot()
    def retry_notes(self) -> None:
        """Send the chosen record's notes that are not posted again, now."""
        chosen = self.chosen_id()
        if chosen is None:
            return
        now = self.clock()
        waiting = [note.note_id for note in notes_of_resolution(self.connection, chosen)
                   if note.state != POSTED]

        def queue_again(conn: sqlite3.Connection) -> None:
            for note_id in waiting:
                retry_note(conn, note_id, now)

        if stored(lambda: self.session.write(Change.NOTES, queue_again),
                  self.status_changed.emit):
            self.status_changed.emit("Sending the note to the helpdesk again")

    def _entry_html(self, entry: TimelineEntry) -> str:
        when = self._when(entry.at)
        detail = entry.detail
        if entry.what == "Resolved":
            kind, _, outcome = detail.partition("|")
            detail = f"{label_of(ResolutionKind, kind)}, {label_of(Outcome, outcome).lower()}"
        due = f" for {self._when(entry.due)}" if entry.due else ""
        text = f"{entry.what}{due}" + (f": {detail}" if detail else "")
        return f"{escape_html(when)} · {escape_html(text)}"

    def _when(self, moment: dt.datetime) -> str:
        return when_text(moment, self.clock(), self._zone())

    def _period(self) -> tuple[dt.datetime | None, dt.datetime | None]:
        days = self.period.currentData()
        zone = self._zone()
        if days is None:
            return None, None
        if days < 0:
            start = dt.date(*self.since.date().getDate())
            end = dt.date(*self.until.date().getDate()) + dt.timedelta(days=1)
            return (dt.datetime.combine(start, dt.time(0), zone),
                    dt.datetime.combine(end, dt.time(0), zone))
        today = self.clock().astimezone(zone).date()
        return dt.datetime.combine(today - dt.timedelta(days=days), dt.time(0), zone), None

    @Slot()
    def _period_changed(self) -> None:
        between = self.period.currentData() == -1
        self.since.setVisible(between)
        self.until.setVisible(between)
        self.apply_filter()

    def _fill_categories(self) -> None:
        chosen = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem("Any issue", None)
        self.category.addItem("(no category)", "")
        for category in log_categories(self.connection):
            self.category.addItem(category, category)
        self.category.setCurrentIndex(max(self.category.findData(chosen), 0))
        self.category.blockSignals(False)

    def _select(self, row: int) -> None:
        index = self.model.index(min(row, self.model.rowCount() - 1), 0)
        self.table.setCurrentIndex(index)
        self._current_changed(index, QModelIndex())

    def chosen_row(self) -> LogRow | None:
        """The record chosen in the table."""
        return self.model.row_at(self.table.currentIndex().row())

    def chosen_id(self) -> int | None:
        """The id of the record chosen in the table."""
        row = self.chosen_row()
        return row.resolution_id if row else None

    def _zone(self) -> dt.tzinfo:
        return follow_up_rules(self.settings).hours.zone

    def today(self) -> dt.date:
        """Today, in the working hours' zone."""
        return self.clock().astimezone(self._zone()).date()

    def _connect(self) -> None:
        self.search.textChanged.connect(self.apply_filter)
        self.search.returnPressed.connect(lambda: self.table.setFocus())
        for combo in (self.category, self.kind, self.outcome):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.period.currentIndexChanged.connect(self._period_changed)
        self.since.dateChanged.connect(self.apply_filter)
        self.until.dateChanged.connect(self.apply_filter)
        self.table.selectionModel().currentChanged.connect(self._current_changed)
        actions = self.record_actions
        actions.status_changed.connect(self.status_changed)
        actions.undo_available.connect(self.undo_button.setVisible)
        self.table.doubleClicked.connect(actions.edit_record)
        self.quick_button.clicked.connect(actions.quick_log)
        self.edit_button.clicked.connect(actions.edit_record)
        self.delete_button.clicked.connect(actions.delete_record)
        self.undo_button.clicked.connect(actions.undo_delete)
        QShortcut(QKeySequence.StandardKey.Undo, self, actions.undo_delete,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, actions.delete_record,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.session.on_records_changed(self, self.refresh)
        self.session.closing.connect(self._count_timer.stop)

    def _build(self) -> None:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search customer, ticket, issue, resolution, notes")
        self.search.setAccessibleName("Search the log")
        self.search.setClearButtonEnabled(True)
        self.period = _combo("Date range", _PERIODS.items())
        self.category = _combo("Issue category", [])
        self.kind = _combo("Kind", [("Any kind", None), *((k.label, k.value)
                                                         for k in ResolutionKind)])
        self.outcome = _combo("Outcome", [("Any outcome", None), *((o.label, o.value)
                                                                  for o in Outcome)])
        self.since, self.until = _date("From"), _date("To")
        self.table = self._table()
        self.detail = QTextBrowser(self)
        self.detail.setAccessibleName("Record details")
        self.count = QLabel(self)
        self.empty = QLabel("No records match. Clear the search or the filters, or record "
                            "one with Quick log.", self)
        self.empty.setWordWrap(True)
        self.empty.hide()
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setSizes([360, 240])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addLayout(self._filter_grid())
        layout.addWidget(self.count)
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)
        layout.addLayout(self._button_row())

    def _table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.setAccessibleName("Resolution log")
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSortingEnabled(True)
        table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.setWordWrap(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setStretchLastSection(True)
        table.setColumnWidth(0, 118)
        return table

    def _filter_grid(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.period, 0, 0)
        grid.addWidget(self.category, 0, 1)
        grid.addWidget(self.kind, 1, 0)
        grid.addWidget(self.outcome, 1, 1)
        dates = QHBoxLayout()
        dates.addWidget(self.since)
        dates.addWidget(self.until)
        grid.addLayout(dates, 2, 0, 1, 2)
        self.since.hide()
        self.until.hide()
        return grid

    def _button_row(self) -> QHBoxLayout:
        self.quick_button = push_button("&Quick log…", "Record a resolution without a conversation")
        self.edit_button = push_button("&Edit…", "Correct this record")
        self.delete_button = push_button("&Delete", "Delete this record (Ctrl+Z brings it back)")
        self.undo_button = push_button("&Undo delete", "Bring back the record just deleted")
        self.undo_button.hide()
        self.more_button = push_button("&More ▾", "Forget a customer, export the records")
        more = QMenu(self.more_button)
        self.forget_action = more.addAction("&Forget customer…",
                                            self.record_actions.forget_customer)
        self.export_action = more.addAction("E&xport the records shown…",
                                            self.record_actions.choose_export)
        self.retry_note_action = more.addAction("&Retry the note to the helpdesk",
                                                self.retry_notes)
        self.more_button.setMenu(more)
        row = QHBoxLayout()
        for button in (self.quick_button, self.edit_button, self.delete_button,
                       self.undo_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.more_button)
        return row


def _combo(name: str, items: Iterable[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.view().setAccessibleName(f"{name} choices")
    for label, value in items:
        combo.addItem(label, value)
    return combo


def _date(name: str) -> QDateEdit:
    edit = QDateEdit(QDate.currentDate())
    edit.setCalendarPopup(True)
    edit.setAccessibleName(name)
    edit.setDisplayFormat("d MMM yyyy")
    return edit
