"""The Settings dialog: who the agent is, where team content lives, how policies age."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from checkback.settings import (
    AGENT_NAME,
    COMPANY,
    KEEP_ON_TOP,
    LONG_CONVERSATION_MINUTES,
    REVIEW_DAYS,
    SUGGEST_BREATHER,
    TEAM_FOLDERS,
    Settings,
)


class SettingsDialog(QDialog):
    """Edits the settings; nothing is stored until the agent presses OK."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Checkback settings")
        self._settings = settings
        self.agent_name = _line_edit(settings.get(AGENT_NAME), "Your name", "e.g. Sam Lee")
        self.company = _line_edit(settings.get(COMPANY), "Company", "e.g. Fernway Outfitters")
        self.folders = QStringListModel(settings.get(TEAM_FOLDERS), self)
        self.folder_list = QListView(self)
        self.folder_list.setModel(self.folders)
        self.folder_list.setAccessibleName("Team content folders")
        self.folder_list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.review_days = QSpinBox(self)
        self.review_days.setRange(1, 3650)
        self.review_days.setSuffix(" days")
        self.review_days.setValue(settings.get(REVIEW_DAYS))
        self.review_days.setAccessibleName("Policy review interval")
        self.suggest_breather = QCheckBox("Suggest a short &breather after a hard "
                                          "conversation", self)
        self.suggest_breather.setChecked(settings.get(SUGGEST_BREATHER))
        self.long_minutes = QSpinBox(self)
        self.long_minutes.setRange(1, 600)
        self.long_minutes.setSuffix(" minutes")
        self.long_minutes.setValue(settings.get(LONG_CONVERSATION_MINUTES))
        self.long_minutes.setAccessibleName("A conversation is long after")
        self.keep_on_top = QCheckBox("Keep Checkback above other windows", self)
        self.keep_on_top.setChecked(settings.get(KEEP_ON_TOP))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Your name:", self.agent_name)
        form.addRow("&Company:", self.company)
        form.addRow("&Team folders:", self._folder_editor())
        form.addRow("Policy &review every:", self.review_days)
        form.addRow("", self.suggest_breather)
        form.addRow("&Long conversation after:", self.long_minutes)
        form.addRow("", self.keep_on_top)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def add_folder(self, folder: str) -> None:
        """Add ``folder`` to the team folders (once)."""
        folders = self.folders.stringList()
        if folder and folder not in folders:
            self.folders.setStringList([*folders, folder])

    def accept(self) -> None:
        """Store every field, then close."""
        self._settings.set(AGENT_NAME, self.agent_name.text().strip())
        self._settings.set(COMPANY, self.company.text().strip())
        self._settings.set(TEAM_FOLDERS, self.folders.stringList())
        self._settings.set(REVIEW_DAYS, self.review_days.value())
        self._settings.set(SUGGEST_BREATHER, self.suggest_breather.isChecked())
        self._settings.set(LONG_CONVERSATION_MINUTES, self.long_minutes.value())
        self._settings.set(KEEP_ON_TOP, self.keep_on_top.isChecked())
        super().accept()

    @Slot()
    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose a team content folder")
        self.add_folder(folder)

    @Slot()
    def _remove_folder(self) -> None:
        index = self.folder_list.currentIndex()
        if index.isValid():
            self.folders.removeRow(index.row())

    def _folder_editor(self) -> QWidget:
        add = QPushButton("&Add folder…", self)
        add.setAccessibleName("Add team folder")
        add.clicked.connect(self._choose_folder)
        remove = QPushButton("Re&move", self)
        remove.setAccessibleName("Remove team folder")
        remove.clicked.connect(self._remove_folder)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        editor = QWidget(self)
        layout = QVBoxLayout(editor)
        layout.setContentsMargins(0, 0, 0, 0)
        self.folder_list.setMaximumHeight(110)
        layout.addWidget(self.folder_list)
        layout.addLayout(buttons)
        return editor


def _line_edit(text: str, name: str, placeholder: str) -> QLineEdit:
    edit = QLineEdit(text)
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    return edit
