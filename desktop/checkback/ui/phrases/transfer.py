"""Importing phrases from a file (Checkback, Espanso, CSV, Beeftext,
Raycast, Text Blaze, Alfred) and exporting one's own."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from checkback.core.phrase_transfer import ImportedFile, read_import_file, write_export
from checkback.storage.faults import StorageError
from checkback.storage.phrase_library import import_phrases, own_phrases
from checkback.ui.session import Change, Session

IMPORT_FILTER = "Phrases (*.yaml *.yml *.csv *.json *.alfredsnippets);;All files (*)"
EXPORT_FILTER = "Checkback phrases (*.yaml)"
EXPORT_NAME = "checkback-phrases.yaml"


class PhraseTransfer(QObject):
    """Asks for a file, shows what it holds before anything is stored, and imports or exports.

    The preview opens at once, saying the file is being read on the Session's worker;
    ``preview_ready`` fires once it shows what the file holds, and ``imported`` after phrases
    were added, so lists can refresh.
    """

    imported = Signal()
    preview_ready = Signal()
    status_changed = Signal(str)

    def __init__(self, session: Session, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._session = session
        self.file_dialog: QFileDialog | None = None
        self.preview: ImportPreview | None = None
        self.message: QMessageBox | None = None

    @Slot()
    def choose_import(self) -> None:
        """Ask which file to import."""
        self._ask_for_file("Import phrases", QFileDialog.AcceptMode.AcceptOpen, "",
                           IMPORT_FILTER, self.preview_import)

    @Slot()
    def choose_export(self) -> None:
        """Ask where to export one's own phrases (if there are any)."""
        if not own_phrases(self._session.reader):
            self.status_changed.emit("You have no phrases of your own to export yet: New… "
                                     "writes one.")
            return
        self._ask_for_file("Export my phrases", QFileDialog.AcceptMode.AcceptSave, EXPORT_NAME,
                           EXPORT_FILTER, self.export_to)

    @Slot(str)
    def preview_import(self, path: str) -> None:
        """Read ``path`` on the worker, then show what it holds and what is wrong with it
        (an unreadable file too); nothing is stored yet."""
        self.preview = ImportPreview(Path(path).name, self._parent)
        self.preview.filled.connect(self.preview_ready)
        self.preview.accepted.connect(self._store_previewed)
        self.preview.open()
        job = self._session.worker.submit(partial(read_import_file, Path(path)))
        job.done.connect(self.preview.show_file)
        job.failed.connect(self.preview.show_failure)

    @Slot()
    def _store_previewed(self) -> None:
        if self.preview is not None and self.preview.imported is not None:
            self._store(self.preview.imported)

    @Slot(str)
    def export_to(self, path: str) -> None:
        """Write one's own phrases to ``path``."""
        phrases = own_phrases(self._session.reader)
        try:
            write_export(Path(path), phrases)
        except OSError as error:
            self._warn("Phrases not exported", f"{Path(path).name} could not be written: "
                       f"{error.strerror}. Choose another folder, or check the disk has space.")
            return
        self.status_changed.emit(f"Exported {_count(len(phrases))} to {Path(path).name}")

    def _ask_for_file(self, title: str, mode: QFileDialog.AcceptMode, name: str,
                      name_filter: str, chosen: Callable[[str], None]) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        self.file_dialog = QFileDialog(self._parent, title, str(Path(folder) / name),
                                       name_filter)
        self.file_dialog.setAcceptMode(mode)
        if mode == QFileDialog.AcceptMode.AcceptOpen:
            self.file_dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        else:
            self.file_dialog.setDefaultSuffix("yaml")
        self.file_dialog.fileSelected.connect(chosen)
        self.file_dialog.open()

    def _store(self, imported: ImportedFile) -> None:
        now = self._session.now()
        try:
            added, skipped = self._session.write(
                Change.PHRASES, lambda conn: import_phrases(conn, imported.phrases, now))
        except StorageError as error:
            self._warn("Phrases not imported", f"Nothing was imported. {error.message} "
                       "Your phrases are as they were; import the file again then.")
            return
        self.imported.emit()
        already = f"; {_count(skipped)} you already had" if skipped else ""
        self.status_changed.emit(f"Imported {_count(added)}{already}")

    def _warn(self, title: str, text: str) -> None:
        self.message = QMessageBox(QMessageBox.Icon.Warning, title, text,
                                   QMessageBox.StandardButton.Ok, self._parent)
        self.message.open()


class ImportPreview(QDialog):
    """What a file to import holds, and what is wrong with it, before anything is stored.

    It opens while the file is still being read, busy and cancellable; ``show_file`` fills
    it (and emits ``filled``) unless it was cancelled meanwhile.
    """

    filled = Signal()

    def __init__(self, name: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import phrases")
        self.imported: ImportedFile | None = None
        self._name = name
        self.summary = QLabel(f"Reading {name}…", self)
        self.summary.setWordWrap(True)
        self.reading = QProgressBar(self)
        self.reading.setRange(0, 0)  # busy: the reader does not know how far it got
        self.reading.setAccessibleName(f"Reading {name}")
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setAccessibleName("What the file holds")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.reading)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self.resize(560, 380)

    @Slot(object)
    def show_file(self, imported: ImportedFile) -> None:
        """Show what the file holds, with a button to import it when it holds any phrase."""
        if not self.isVisible():
            return  # cancelled while the file was read
        self.imported = imported
        count = len(imported.phrases)
        kind = f" ({imported.file_format})" if imported.file_format else ""
        self.summary.setText(self._summary(self._name + kind, count, len(imported.problems)))
        self.details.setPlainText(_details(imported))
        self._end_reading(QDialogButtonBox.StandardButton.Cancel if count
                          else QDialogButtonBox.StandardButton.Close)
        if count:
            import_button = self.buttons.addButton(
                f"&Import {_count(count)}", QDialogButtonBox.ButtonRole.AcceptRole)
            import_button.setDefault(True)
            import_button.setFocus()
        self.filled.emit()

    @Slot(object)
    def show_failure(self, _error: object) -> None:
        """Say the file could not be read (the fault itself is shown or logged by the
        worker)."""
        if self.isVisible():
            self.summary.setText(f"{self._name} could not be read, so nothing was imported.")
            self._end_reading(QDialogButtonBox.StandardButton.Close)

    def _end_reading(self, button: QDialogButtonBox.StandardButton) -> None:
        self.reading.hide()
        self.buttons.setStandardButtons(button)

    @staticmethod
    def _summary(name: str, count: int, problems: int) -> str:
        if not count:
            return (f"Nothing can be imported from {name}. What is wrong is listed below; "
                    "fix the file and import it again.")
        found = f"{name} holds {_count(count)}."
        if problems:
            found += f" {problems} thing{'s' if problems != 1 else ''} to know first, below."
        return found + " They are added to your own phrases; nothing you have is changed."


def _details(imported: ImportedFile) -> str:
    lines = [f"Line {p.line}: {p.message} {p.fix}" if p.line else f"{p.message} {p.fix}"
             for p in imported.problems]
    if imported.problems and imported.phrases:
        lines.append("")
    lines += [f"• {phrase.title}" + (f"  ({phrase.abbreviation})" if phrase.abbreviation
                                      else "") for phrase in imported.phrases]
    return "\n".join(lines)


def _count(number: int) -> str:
    return f"{number} phrase{'s' if number != 1 else ''}"
