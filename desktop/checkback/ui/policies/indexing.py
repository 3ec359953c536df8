"""The content index as the agent sees it: passes on the worker, what they found wrong
(a button on the status bar and the Content problems view), and a word when one fails."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from checkback.storage.content_index import IndexReport
from checkback.storage.policy_search import content_problems, count_policies
from checkback.ui.content_indexer import ContentIndexer
from checkback.ui.policies.problems_dialog import ContentProblemsDialog
from checkback.ui.session import Session


class Indexing(QObject):
    """Runs the indexer and shows its results; ``status_changed`` carries short words for
    the status bar and ``ready`` the report of each pass, once it is shown."""

    status_changed = Signal(str)
    ready = Signal(object)

    def __init__(self, session: Session, packs: Callable[[], list[Path]],
                 window: QWidget) -> None:
        super().__init__(window)
        self._conn = session.reader
        self._window = window
        self.indexer = ContentIndexer(session, packs, self)
        self.indexer.indexed.connect(self._indexed)
        self.indexer.failed.connect(self._failed)
        self.problems_button = QPushButton(window)
        self.problems_button.setFlat(True)
        self.problems_button.setAccessibleName("Content problems")
        self.problems_button.clicked.connect(self.show_problems)
        self.problems_button.hide()
        self._problems_dialog: ContentProblemsDialog | None = None
        self.failure: QMessageBox | None = None

    @property
    def problems_dialog(self) -> ContentProblemsDialog:
        """The Content problems view, made the first time it is needed."""
        if self._problems_dialog is None:
            self._problems_dialog = ContentProblemsDialog(self._window)
        return self._problems_dialog

    @Slot()
    def reindex(self) -> None:
        """Look at every content file again now."""
        self.status_changed.emit("Indexing policies…")
        self.indexer.reindex()

    @Slot()
    def show_problems(self) -> None:
        """Open the Content problems view."""
        self.problems_dialog.set_problems(content_problems(self._conn))
        self.problems_dialog.show()
        self.problems_dialog.raise_()

    @Slot(object)
    def _indexed(self, report: IndexReport) -> None:
        problems = content_problems(self._conn)
        count = len(problems)
        self.problems_button.setVisible(count > 0)
        self.problems_button.setText(f"⚠ {count} content problem{'s' if count != 1 else ''}")
        if self._problems_dialog is not None and self._problems_dialog.isVisible():
            self._problems_dialog.set_problems(problems)
        self.status_changed.emit(f"{count_policies(self._conn)} policies ready")
        self.ready.emit(report)

    @Slot(str)
    def _failed(self, message: str) -> None:
        self.status_changed.emit(message)
        self.failure = QMessageBox(QMessageBox.Icon.Warning, "Policies not updated", message,
                                   QMessageBox.StandardButton.Ok, self._window)
        self.failure.open()
