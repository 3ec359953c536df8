"""The "Content problems" view: every bad content file, the line, and what to fix."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from checkback.core.problems import ContentProblem
from checkback.ui.policies.problems_model import ContentProblemsModel


class ContentProblemsDialog(QDialog):
    """Lists content problems; Enter or "Open file" opens the file to fix it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Content problems")
        self.resize(720, 360)
        self.model = ContentProblemsModel(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Content problems")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(0, 160)
        self.table.setColumnWidth(1, 44)
        self.table.setColumnWidth(2, 280)
        self.table.activated.connect(self._open_file)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        open_button = QPushButton("&Open file", self)
        open_button.setAccessibleName("Open the file with the selected problem")
        open_button.clicked.connect(self._open_selected_file)
        buttons.addButton(open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def set_problems(self, problems: list[ContentProblem]) -> None:
        """Show ``problems``, or say that all content loaded cleanly."""
        self.model.set_problems(problems)
        self.table.resizeRowsToContents()
        files = len({problem.source for problem in problems})
        if not problems:
            self.summary.setText("All content loaded without problems.")
        else:
            self.summary.setText(
                f"{len(problems)} problem(s) in {files} file(s). Fix the file and save it: "
                "Checkback picks up the change by itself. Files marked as not loaded are "
                "left out until fixed; the others loaded without the field named."
            )

    @Slot()
    def _open_selected_file(self) -> None:
        self._open_file(self.table.currentIndex())

    @Slot(QModelIndex)
    def _open_file(self, index: QModelIndex) -> None:
        if index.isValid():
            path = Path(self.model.problem(index.row()).source)
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
