"""The Log tab: every resolution, searched as you type, filtered, sorted, read in detail,
corrected, deleted (with undo), anonymised on request, and exported."""

from __future__ import annotations

import datetime as dt
import html
import sqlite3
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from checkback.core.files import write_atomically
from checkback.core.follow_ups import plan_follow_up, when_text
from checkback.core.record_export import records_to_csv, records_to_json
from checkback.core.resolutions import Outcome, ResolutionKind
from checkback.settings import Settings, follow_up_rules
from checkback.storage.conversations import load_resolution
from checkback.storage.database import open_reader
from checkback.storage.resolution_log import (
    EXPORT_COLUMNS,
    LogFilter,
    TimelineEntry,
    edit_resolution,
    editable_text,
    forget_customer,
    log_categories,
    log_count,
    log_records,
    quick_log,
    records_of_customer,
    set_deleted,
    timeline,
)
from checkback.ui.controls import push_button
from checkback.ui.log_dialogs import EditResolutionDialog, QuickLogDialog
from checkback.ui.models.resolution_log import ResolutionLogModel, label_of

_PERIODS = {"Any date": None, "Today": 0, "Last 7 days": 7, "Last 30 days": 30,
            "Last 90 days": 90, "Between dates…": -1}
_COUNT_DELAY_MS = 150
_EXPORT_FILTERS = "CSV table (*.csv);;JSON (*.json)"


class LogPanel(QWidget):
    """The log; ``changed`` fires after the agent adds, edits or deletes a record.
    ``forgetting`` fires before a customer is erased (what is not saved yet must be) and
    ``customer_forgotten`` after (what else shows them must read it again)."""

    status_changed = Signal(str)
    changed = Signal()
    forgetting = Signal()
    exported = Signal(str)
    customer_forgotten = Signal()

    def __init__(self, settings: Settings, clock: Callable[[], dt.datetime],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.clock = clock
        self._conn: sqlite3.Connection | None = None
        self._deleted: list[int] = []
        self._export: threading.Thread | None = None
        self.model = ResolutionLogModel(self)
        self.quick_dialog: QuickLogDialog | None = None
        self.edit_dialog: EditResolutionDialog | None = None
        self.forget_question: QMessageBox | None = None
        self.file_dialog: QFileDialog | None = None
        self._count_timer = QTimer(self, singleShot=True, interval=_COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self._show_count)
        self._build()
        self._connect()

    def set_connection(self, conn: sqlite3.Connection) -> None:
        """Read and save the log through ``conn``, and show it."""
        self._conn = conn
        self._fill_categories()
        self.apply_filter()

    def stop(self) -> None:
        """Stop reading the log (the database is closing); an export is finished first."""
        self._count_timer.stop()
        self._conn = None
        if self._export is not None:
            self._export.join()

    def focus_search(self) -> None:
        """Put the cursor in the search box."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    @Slot()
    def apply_filter(self) -> None:
        """Show the records the search and filters select (their count follows shortly)."""
        if self._conn is None:
            return
        self.model.load(self._conn, self.current_filter(), self._zone())
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
        """Read the records again after a change elsewhere (a resolution, a follow-up)."""
        if self._conn is not None:
            chosen = self._chosen_id()
            self._fill_categories()
            self.model.reload()
            self._count_timer.start()
            self._select(max(self.model.row_of(chosen), 0) if chosen else 0)

    @Slot()
    def quick_log(self) -> None:
        """Record a resolution without a checklist conversation."""
        if self._conn is None:
            return
        self.quick_dialog = QuickLogDialog(log_categories(self._conn), self._today(), self)
        self.quick_dialog.accepted.connect(self._quick_logged)
        self.quick_dialog.open()

    @Slot()
    def edit_record(self) -> None:
        """Correct the chosen record's text fields."""
        chosen = self._chosen_id()
        text = editable_text(self._require(), chosen) if chosen else None
        if chosen is None or text is None:
            return
        self.edit_dialog = EditResolutionDialog(text, self)
        self.edit_dialog.accepted.connect(lambda: self._edited(chosen))
        self.edit_dialog.open()

    @Slot()
    def delete_record(self) -> None:
        """Delete the chosen record (and its follow-up); Undo brings it back."""
        chosen = self.model.row_at(self.table.currentIndex().row())
        if chosen is None:
            return
        set_deleted(self._require(), chosen.resolution_id, True)
        self._deleted.append(chosen.resolution_id)
        self.undo_button.show()
        self._after_change(f"Deleted the record of {chosen.customer_name or 'the customer'}"
                           ". Ctrl+Z brings it back.")

    @Slot()
    def undo_delete(self) -> None:
        """Bring back the record deleted last."""
        if not self._deleted:
            return
        set_deleted(self._require(), self._deleted.pop(), False)
        self.undo_button.setVisible(bool(self._deleted))
        self._after_change("Record restored")

    @Slot()
    def forget_customer(self) -> None:
        """Ask, then erase the chosen record's customer from every record."""
        chosen = self.model.row_at(self.table.currentIndex().row())
        record = load_resolution(self._require(), chosen.resolution_id) if chosen else None
        if record is None or not (record.customer.name.strip() or record.customer.contact):
            self.status_changed.emit("Choose a record with the customer's name first.")
            return
        name, contact = record.customer.name, record.customer.contact
        count = records_of_customer(self._require(), name, contact)
        question = QMessageBox(
            QMessageBox.Icon.Warning, "Forget customer",
            f"Erase “{name or contact}” and their contact details from {count} record"
            f"{'s' if count != 1 else ''}? The records stay for the counts, without the name."
            " This cannot be undone.", QMessageBox.StandardButton.Cancel, self)
        forget = question.addButton("Forget customer", QMessageBox.ButtonRole.DestructiveRole)
        question.setDefaultButton(QMessageBox.StandardButton.Cancel)
        forget.clicked.connect(lambda: self._forget(name, contact))
        self.forget_question = question
        question.open()

    @Slot()
    def choose_export(self) -> None:
        """Ask where to save the records shown, as CSV or JSON."""
        dialog = QFileDialog(self, "Export the records shown", str(Path.home()),
                             _EXPORT_FILTERS)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("csv")
        dialog.selectFile(f"checkback-log-{self._today():%Y-%m-%d}.csv")
        dialog.fileSelected.connect(self.export_to)
        self.file_dialog = dialog
        dialog.open()

    @Slot(str)
    def export_to(self, path: str) -> None:
        """Write the records the filter selects to ``path`` (JSON for .json, else CSV), off
        the GUI thread (the whole log takes seconds); ``exported`` says how it went."""
        if self._export is not None and self._export.is_alive():
            self.status_changed.emit("An export is still being written; try again shortly.")
            return
        database = self._require().execute("PRAGMA database_list").fetchone()[2]
        self._export = threading.Thread(
            target=self._write_export, args=(database, self.current_filter(), Path(path)),
            name="log export", daemon=True)
        self.status_changed.emit("Exporting…")
        self._export.start()

    def _write_export(self, database: str, log_filter: LogFilter, target: Path) -> None:
        """Runs on the export thread, with a connection of its own."""
        conn = open_reader(Path(database))
        try:
            records = list(log_records(conn, log_filter))
            text = (records_to_json(records) if target.suffix.lower() == ".json"
                    else records_to_csv(EXPORT_COLUMNS, records))
            write_atomically(target, text)
        except OSError as error:
            self.exported.emit(f"Not exported: {error.strerror or error}. Choose another "
                               "folder.")
            return
        except sqlite3.Error as error:
            self.exported.emit(f"Not exported: the log could not be read ({error}). Try "
                               "again in a moment.")
            return
        finally:
            conn.close()
        self.exported.emit(f"Exported {_records(len(records))} to {target.name}")

    def _quick_logged(self) -> None:
        dialog = self.quick_dialog
        assert dialog is not None
        self.quick_dialog = None
        dialog.deleteLater()
        form, customer, now = dialog.form(), dialog.customer(), self.clock()
        plan = plan_follow_up(form.kind, customer.channel, customer.contact, now,
                              follow_up_rules(self.settings), form.arrives_on)
        quick_log(self._require(), customer, form, now, plan)
        self._after_change(f"Logged {customer.name or '#' + customer.ticket}")

    def _edited(self, resolution_id: int) -> None:
        dialog = self.edit_dialog
        assert dialog is not None
        self.edit_dialog = None
        dialog.deleteLater()
        edit_resolution(self._require(), resolution_id, dialog.text())
        self._after_change("Record saved")

    def _forget(self, name: str, contact: str) -> None:
        self.forget_question = None
        self.forgetting.emit()
        changed = forget_customer(self._require(), name, contact)
        self._after_change(f"Forgot the customer in {_records(changed)}")
        self.customer_forgotten.emit()

    def _after_change(self, message: str) -> None:
        self.refresh()
        self.status_changed.emit(message)
        self.changed.emit()

    @Slot()
    def _show_count(self) -> None:
        if self._conn is not None:
            count = log_count(self._conn, self.model.log_filter)
            self.count.setText(_records(count))
            self.empty.setVisible(count == 0)

    @Slot(QModelIndex, QModelIndex)
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row())
        self.detail.setHtml(self._detail_html(row.resolution_id) if row else "")
        for widget in (self.edit_button, self.delete_button, self.forget_action):
            widget.setEnabled(row is not None)

    def _detail_html(self, resolution_id: int) -> str:
        record = load_resolution(self._require(), resolution_id)
        if record is None:
            return ""
        customer = record.customer
        lines = [f"<b>{html.escape(customer.label or '(no name)')}</b>"
                 f" · {html.escape(customer.contact)}",
                 f"<b>Issue:</b> {html.escape(customer.category or '(none)')}"
                 f" — {html.escape(record.problem)}",
                 f"<b>What we did:</b> {html.escape(record.resolution)}"]
        if record.notes:
            lines.append(f"<b>Notes:</b> {html.escape(record.notes)}".replace("\n", "<br>"))
        if record.rounds:
            lines.append(f"{record.rounds} round{'s' if record.rounds != 1 else ''},"
                         f" {record.steps_done} of {record.steps_total} steps checked")
        story = "".join(f"<li>{self._entry_html(e)}</li>"
                        for e in timeline(self._require(), resolution_id))
        return "<br>".join(lines) + f"<p><b>Timeline</b></p><ul>{story}</ul>"

    def _entry_html(self, entry: TimelineEntry) -> str:
        when = self._when(entry.at)
        detail = entry.detail
        if entry.what == "Resolved":
            kind, _, outcome = detail.partition("|")
            detail = f"{label_of(ResolutionKind, kind)}, {label_of(Outcome, outcome).lower()}"
        due = f" for {self._when(entry.due)}" if entry.due else ""
        text = f"{entry.what}{due}" + (f": {detail}" if detail else "")
        return f"{html.escape(when)} · {html.escape(text)}"

    def _when(self, moment: dt.datetime) -> str:
        return when_text(moment, self.clock(), self._zone())

    def _period(self) -> tuple[dt.datetime | None, dt.datetime | None]:
        days = self.period.currentData()
        zone = self._zone()
        if days is None:
            return None, None
        if days < 0:
            start = self.since.date().toPython()
            end = self.until.date().toPython() + dt.timedelta(days=1)
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
        for category in log_categories(self._require()):
            self.category.addItem(category, category)
        self.category.setCurrentIndex(max(self.category.findData(chosen), 0))
        self.category.blockSignals(False)

    def _select(self, row: int) -> None:
        index = self.model.index(min(row, self.model.rowCount() - 1), 0)
        self.table.setCurrentIndex(index)
        self._current_changed(index, QModelIndex())

    def _chosen_id(self) -> int | None:
        row = self.model.row_at(self.table.currentIndex().row())
        return row.resolution_id if row else None

    def _zone(self) -> dt.tzinfo:
        return follow_up_rules(self.settings).hours.zone

    def _today(self) -> dt.date:
        return self.clock().astimezone(self._zone()).date()

    def _require(self) -> sqlite3.Connection:
        assert self._conn is not None
        return self._conn

    def _connect(self) -> None:
        self.search.textChanged.connect(self.apply_filter)
        self.exported.connect(self.status_changed)
        self.search.returnPressed.connect(lambda: self.table.setFocus())
        for combo in (self.category, self.kind, self.outcome):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.period.currentIndexChanged.connect(self._period_changed)
        self.since.dateChanged.connect(self.apply_filter)
        self.until.dateChanged.connect(self.apply_filter)
        self.table.selectionModel().currentChanged.connect(self._current_changed)
        self.table.doubleClicked.connect(self.edit_record)
        self.quick_button.clicked.connect(self.quick_log)
        self.edit_button.clicked.connect(self.edit_record)
        self.delete_button.clicked.connect(self.delete_record)
        self.undo_button.clicked.connect(self.undo_delete)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo_delete,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_record,
                  context=Qt.ShortcutContext.WidgetShortcut)

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
        self.forget_action = more.addAction("&Forget customer…", self.forget_customer)
        self.export_action = more.addAction("E&xport the records shown…", self.choose_export)
        self.more_button.setMenu(more)
        row = QHBoxLayout()
        for button in (self.quick_button, self.edit_button, self.delete_button,
                       self.undo_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.more_button)
        return row


def _records(count: int) -> str:
    return f"{count:,} record{'s' if count != 1 else ''}"


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
