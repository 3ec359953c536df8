"""What the agent does to the log's records: quick log, edit, delete with undo, forget a
customer, and export. Each change is saved at once through the Session, which announces it
(the log and the follow-ups read again)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox

from checkback.core.files import write_atomically
from checkback.core.follow_ups import plan_follow_up
from checkback.core.record_export import records_to_csv, records_to_json
from checkback.settings import follow_up_rules
from checkback.storage.conversations import load_resolution
from checkback.storage.database import database_path, open_reader
from checkback.storage.forgetting import erase_old_copies, forget_customer, records_of_customer
from checkback.storage.resolution_log import (
    EXPORT_COLUMNS,
    LogFilter,
    edit_resolution,
    editable_text,
    log_categories,
    log_records,
    quick_log,
    set_deleted,
)
from checkback.ui.log.dialogs import EditResolutionDialog, QuickLogDialog
from checkback.ui.session import Change
from checkback.ui.widgets.controls import stored

if TYPE_CHECKING:
    from checkback.ui.log.panel import LogPanel

_CSV_FILTER = "CSV table (*.csv)"
_EXCEL_FILTER = "CSV for Excel (*.csv)"
_EXPORT_FILTERS = ";;".join((_CSV_FILTER, _EXCEL_FILTER, "JSON (*.json)"))


class LogActions(QObject):
    """Opens the log's forms over the panel and applies what they return.

    Every form is non-blocking and kept as an attribute while open (for the keyboard and
    for tests). What they change the Session announces, so the panels read it again;
    ``exported`` says how an export went; ``undo_available`` whether a delete can be undone.
    """

    status_changed = Signal(str)
    exported = Signal(str)
    undo_available = Signal(bool)

    def __init__(self, panel: LogPanel) -> None:
        super().__init__(panel)
        self.panel = panel
        self._deleted: list[int] = []
        self._exporting: Path | None = None  # where an export is being written
        self.quick_dialog: QuickLogDialog | None = None
        self.edit_dialog: EditResolutionDialog | None = None
        self.forget_question: QMessageBox | None = None
        self.file_dialog: QFileDialog | None = None
        self.exported.connect(self.status_changed)

    @Slot()
    def quick_log(self) -> None:
        """Record a resolution without a checklist conversation."""
        self.quick_dialog = QuickLogDialog(log_categories(self.panel.connection),
                                           self.panel.today(), self.panel)
        self.quick_dialog.save = self._quick_logged
        self.quick_dialog.finished.connect(self._quick_closed)
        self.quick_dialog.open()

    @Slot()
    def edit_record(self) -> None:
        """Correct the chosen record's text fields."""
        chosen = self.panel.chosen_id()
        text = editable_text(self.panel.connection, chosen) if chosen else None
        if chosen is None or text is None:
            return
        self.edit_dialog = EditResolutionDialog(text, self.panel)
        self.edit_dialog.save = lambda: self._edited(chosen)
        self.edit_dialog.finished.connect(self._edit_closed)
        self.edit_dialog.open()

    @Slot()
    def delete_record(self) -> None:
        """Delete the chosen record (and its follow-up); Undo brings it back."""
        chosen = self.panel.chosen_row()
        if chosen is None:
            return
        if not self._write(lambda conn: set_deleted(conn, chosen.resolution_id, True)):
            return
        self._deleted.append(chosen.resolution_id)
        self.undo_available.emit(True)
        self.status_changed.emit(f"Deleted the record of {chosen.customer_name or 'the customer'}"
                           ". Ctrl+Z brings it back.")

    @Slot()
    def undo_delete(self) -> None:
        """Bring back the record deleted last."""
        if not self._deleted:
            return
        restored = self._deleted[-1]
        if not self._write(lambda conn: set_deleted(conn, restored, False)):
            return
        self._deleted.pop()
        self.undo_available.emit(bool(self._deleted))
        self.status_changed.emit("Record restored")

    @Slot()
    def forget_customer(self) -> None:
        """Ask, then erase the chosen record's customer from every record."""
        chosen = self.panel.chosen_row()
        record = load_resolution(self.panel.connection, chosen.resolution_id) if chosen else None
        if record is None or not (record.customer.name.strip() or record.customer.contact):
            self.status_changed.emit("Choose a record with the customer's name first.")
            return
        name, contact = record.customer.name, record.customer.contact
        count = records_of_customer(self.panel.connection, name, contact)
        question = QMessageBox(
            QMessageBox.Icon.Warning, "Forget customer",
            f"Erase “{name or contact}” and their contact details from {count} record"
            f"{'s' if count != 1 else ''}, and wherever their name, e-mail or phone is written"
            " (notes, reasons, drafts, other customers' records)? The records stay for the"
            " counts. This cannot be undone.", QMessageBox.StandardButton.Cancel, self.panel)
        forget = question.addButton("Forget customer", QMessageBox.ButtonRole.DestructiveRole)
        question.setDefaultButton(QMessageBox.StandardButton.Cancel)
        forget.clicked.connect(lambda: self._forget(name, contact))
        self.forget_question = question
        question.open()

    @Slot()
    def choose_export(self) -> None:
        """Ask where to save the records shown: as CSV, CSV for Excel, or JSON."""
        dialog = QFileDialog(self.panel, "Export the records shown", str(Path.home()),
                             _EXPORT_FILTERS)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("csv")
        dialog.selectFile(f"checkback-log-{self.panel.today():%Y-%m-%d}.csv")
        dialog.fileSelected.connect(self._file_chosen)
        self.file_dialog = dialog
        dialog.open()

    @Slot(str)
    def _file_chosen(self, path: str) -> None:
        assert self.file_dialog is not None
        self.export_to(path, for_excel=self.file_dialog.selectedNameFilter() == _EXCEL_FILTER)

    def export_to(self, path: str, for_excel: bool = False) -> None:
        """Write the records the filter selects to ``path`` (JSON for .json, else CSV; with
        ``for_excel``, the CSV that Excel opens right), on the worker (the whole log takes
        seconds); ``exported`` says how it went."""
        if self._exporting:
            self.status_changed.emit("An export is still being written; try again shortly.")
            return
        self._exporting = Path(path)
        zone = follow_up_rules(self.panel.settings).hours.zone  # the times as the log shows
        job = self.panel.session.worker.submit(partial(
            export_records, database_path(self.panel.session.data_dir),
            self.panel.current_filter(), Path(path), zone, for_excel), must_finish=True)
        job.done.connect(self._exported)
        job.failed.connect(self._export_failed)
        self.status_changed.emit("Exporting…")

    @Slot(object)
    def _exported(self, count: int) -> None:
        target, self._exporting = self._exporting, None
        assert target is not None
        self.exported.emit(f"Exported {records_text(count)} to {target.name}")

    @Slot(object)
    def _export_failed(self, error: Exception) -> None:
        self._exporting = None
        if isinstance(error, sqlite3.Error):
            self.exported.emit(f"Not exported: the log could not be read ({error}). Try "
                               "again in a moment.")
        else:
            strerror = error.strerror if isinstance(error, OSError) else None
            self.exported.emit(f"Not exported: {strerror or error}. Choose another folder.")

    def _quick_logged(self) -> None:
        """Store the quick log's record; raises StorageError (the form stays open) if it
        cannot be stored now."""
        dialog = self.quick_dialog
        assert dialog is not None
        form, customer, now = dialog.form(), dialog.customer(), self.panel.clock()
        plan = plan_follow_up(form.kind, customer.channel, customer.contact, now,
                              follow_up_rules(self.panel.settings), form.arrives_on)
        self.panel.session.write(Change.RESOLUTIONS | Change.FOLLOW_UPS,
                                 lambda conn: quick_log(conn, customer, form, now, plan))
        self.status_changed.emit(f"Logged {customer.name or '#' + customer.ticket}")

    @Slot()
    def _quick_closed(self) -> None:
        if self.quick_dialog is not None:
            self.quick_dialog.deleteLater()
            self.quick_dialog = None

    def _edited(self, resolution_id: int) -> None:
        """Store the corrected record; raises StorageError (the form stays open) if it
        cannot be stored now."""
        assert self.edit_dialog is not None
        text = self.edit_dialog.text()
        self.panel.session.write(Change.RESOLUTIONS,
                                 lambda conn: edit_resolution(conn, resolution_id, text))
        self.status_changed.emit("Record saved")

    @Slot()
    def _edit_closed(self) -> None:
        if self.edit_dialog is not None:
            self.edit_dialog.deleteLater()
            self.edit_dialog = None

    def _write(self, work: Callable[[sqlite3.Connection], object],
               also: Change = Change.NONE) -> bool:
        """Store a change to the log; False, saying why, when it cannot be stored now."""
        return stored(lambda: self.panel.session.write(
            Change.RESOLUTIONS | Change.FOLLOW_UPS | also, work), self.status_changed.emit)

    def _forget(self, name: str, contact: str) -> None:
        self.forget_question = None
        self.panel.session.flush()  # a draft naming them is erased too
        changed: list[int] = []
        if not self._write(lambda conn: changed.append(forget_customer(conn, name, contact)),
                           Change.FORGOTTEN):
            return
        # Earlier versions of the erased pages stay in the write-ahead log until it is
        # emptied; the GUI thread's reader holds no transaction, so it does not stop this.
        leftover = "" if erase_old_copies(self.panel.session.writer) else (
            " (old copies on disk are erased when Checkback closes)")
        self.status_changed.emit(f"Forgot the customer in {records_text(changed[0])}{leftover}")


def records_text(count: int) -> str:
    """"1 record", "2,000 records"."""
    return f"{count:,} record{'s' if count != 1 else ''}"


def export_records(database: Path, log_filter: LogFilter, target: Path, zone: dt.tzinfo,
                   for_excel: bool = False) -> int:
    """Write what ``log_filter`` selects to ``target``; how many records. Runs on the worker,
    with a connection of its own. A CSV file has its times in ``zone``; ``for_excel`` makes
    it the variant for Excel (see ``records_to_csv``)."""
    conn = open_reader(database)
    try:
        records = list(log_records(conn, log_filter))
    finally:
        conn.close()
    text = (records_to_json(records) if target.suffix.lower() == ".json"
            else records_to_csv(EXPORT_COLUMNS, records, zone, for_excel=for_excel))
    write_atomically(target, text)
    return len(records)
