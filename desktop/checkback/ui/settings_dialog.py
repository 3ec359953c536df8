"""The Settings dialog: who the agent is, where team content lives, how policies age, and
when follow-ups fall due."""

from __future__ import annotations

import sys
import zoneinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QStringListModel, QTime, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from checkback.integrations.desktop_input import Chord, HotkeyError
from checkback.integrations.mac_input import ACCESSIBILITY_PANE
from checkback.settings import (
    AGENT_NAME,
    ARRIVAL_DAYS,
    COMPANY,
    FOLLOW_UP_HOURS,
    KEEP_ON_TOP,
    LONG_CONVERSATION_MINUTES,
    PASTE_INTO_WINDOW,
    PICKER_HOTKEY,
    RESTORE_CLIPBOARD_MS,
    REVIEW_DAYS,
    SUGGEST_BREATHER,
    TEAM_FOLDERS,
    TIME_ZONE,
    WORK_DAYS,
    WORK_END,
    WORK_START,
    Settings,
)
from checkback.ui.widgets.controls import error_label

if TYPE_CHECKING:
    from checkback.ui.helpdesk.settings_page import HelpdeskSettings

_DAY_NAMES = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_LOCAL_ZONE = "This computer's time zone"


class SettingsDialog(QDialog):
    """Edits the settings; nothing is stored until the agent presses OK."""

    def __init__(self, settings: Settings, parent: QWidget | None = None,
                 helpdesk: HelpdeskSettings | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Checkback settings")
        self.helpdesk = helpdesk
        self._settings = settings
        self.agent_name = _line_edit(settings.get(AGENT_NAME), "Your name", "e.g. Sam Lee")
        self.company = _line_edit(settings.get(COMPANY), "Company", "e.g. Fernway Outfitters")
        self.folders = QStringListModel(settings.get(TEAM_FOLDERS), self)
        self.folder_list = QListView(self)
        self.folder_list.setModel(self.folders)
        self.folder_list.setAccessibleName("Team content folders")
        self.folder_list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.review_days = _spin(1, 3650, "day", settings.get(REVIEW_DAYS),
                                 "Policy review interval")
        self.suggest_breather = QCheckBox("Suggest a short &breather after a hard "
                                          "conversation", self)
        self.suggest_breather.setChecked(settings.get(SUGGEST_BREATHER))
        self.long_minutes = _spin(1, 600, "minute", settings.get(LONG_CONVERSATION_MINUTES),
                                  "A conversation is long after")
        self.keep_on_top = QCheckBox("Keep Checkback above other windows", self)
        self.keep_on_top.setChecked(settings.get(KEEP_ON_TOP))
        self.follow_ups = FollowUpSettings(settings, self)
        self.picker = PickerSettings(settings, self)
        self.error = error_label(self)
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
        general = QWidget(self)
        general_layout = QVBoxLayout(general)
        general_layout.addLayout(form)
        general_layout.addWidget(self.picker)
        general_layout.addWidget(self.follow_ups)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(general, "&General")
        if helpdesk is not None:
            self.tabs.addTab(helpdesk, "Hel&pdesk")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.agent_name.setFocus()  # what is typed first lands in a field, not on a checkbox

    def add_folder(self, folder: str) -> None:
        """Add ``folder`` to the team folders (once)."""
        folders = self.folders.stringList()
        if folder and folder not in folders:
            self.folders.setStringList([*folders, folder])

    def accept(self) -> None:
        """Store every field, then close (or stay open, saying why they cannot be stored)."""
        if problem := self.picker.problem():
            self.error.setText(problem)
            self.tabs.setCurrentIndex(0)
            self.picker.hotkey.setFocus()
            return
        self._settings.set(AGENT_NAME, self.agent_name.text().strip())
        self._settings.set(COMPANY, self.company.text().strip())
        self._settings.set(TEAM_FOLDERS, self.folders.stringList())
        self._settings.set(REVIEW_DAYS, self.review_days.value())
        self._settings.set(SUGGEST_BREATHER, self.suggest_breather.isChecked())
        self._settings.set(LONG_CONVERSATION_MINUTES, self.long_minutes.value())
        self._settings.set(KEEP_ON_TOP, self.keep_on_top.isChecked())
        self.follow_ups.store()
        self.picker.store()
        if self.helpdesk is not None:
            self.helpdesk.store()
        if not self._settings.write_to_disk():
            self.error.setText(
                f"Not saved: Checkback cannot write its settings file in {self._settings.folder}. "
                "Make the folder writable (or free some space), then press OK again; your "
                "changes stay here.")
            return
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


class PickerSettings(QGroupBox):
    """The phrase picker from any window: its key, and whether Enter pastes or copies; on
    macOS, the way to the Accessibility permission pasting needs."""

    def __init__(self, settings: Settings, parent: QWidget | None = None,
                 on_mac: bool = sys.platform == "darwin") -> None:
        super().__init__("Phrase picker from any window", parent)
        self._settings = settings
        self.hotkey = _line_edit(_chord_shown(settings.get(PICKER_HOTKEY)), "Picker key",
                                 "e.g. Alt+Space or Ctrl+Shift+Space")
        self.paste = QCheckBox("Paste into the &window that had the keyboard (off: only "
                               "copy)", self)
        self.paste.setChecked(settings.get(PASTE_INTO_WINDOW))
        self.restore_ms = QSpinBox(self)
        self.restore_ms.setRange(50, 5000)
        self.restore_ms.setSingleStep(50)
        self.restore_ms.setSuffix(" ms")
        self.restore_ms.setValue(settings.get(RESTORE_CLIPBOARD_MS))
        self.restore_ms.setAccessibleName("Give the clipboard back after")
        form = QFormLayout(self)
        form.addRow("Picker &key:", self.hotkey)
        form.addRow("", self.paste)
        form.addRow("Cl&ipboard back after:", self.restore_ms)
        if on_mac:
            self.accessibility = QPushButton("Open System Settings → Accessibility", self)
            self.accessibility.setToolTip("Turn Checkback on there, then restart it: until "
                                          "then Enter copies only.")
            self.accessibility.clicked.connect(self._open_accessibility)
            form.addRow("Paste permission:", self.accessibility)

    def problem(self) -> str:
        """Why the key typed cannot be a hotkey, in words; "" when it can."""
        try:
            Chord.parse(self.hotkey.text())
        except HotkeyError as error:
            return error.message
        return ""

    def store(self) -> None:
        """Save the picker's settings (the window takes the new key at once)."""
        self._settings.set(PICKER_HOTKEY, Chord.parse(self.hotkey.text()).label)
        self._settings.set(PASTE_INTO_WINDOW, self.paste.isChecked())
        self._settings.set(RESTORE_CLIPBOARD_MS, self.restore_ms.value())

    @Slot()
    def _open_accessibility(self) -> None:
        QDesktopServices.openUrl(QUrl(ACCESSIBILITY_PANE))


class FollowUpSettings(QGroupBox):
    """When follow-ups fall due: the waits, and the working days and hours."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__("Follow-ups", parent)
        self._settings = settings
        self.after_hours = _spin(0, 720, "hour", settings.get(FOLLOW_UP_HOURS),
                                 "Follow up after a resolution that is no delivery")
        self.arrival_days = _spin(0, 60, "day", settings.get(ARRIVAL_DAYS),
                                  "Follow up after a delivery arrives")
        working = set(settings.get(WORK_DAYS))
        self.days = [QCheckBox(name, self) for name in _DAY_NAMES]
        for number, box in enumerate(self.days):
            box.setChecked(str(number) in working)
        self.start = _time_edit(settings.get(WORK_START), "Working day begins")
        self.end = _time_edit(settings.get(WORK_END), "Working day ends")
        self.zone = QComboBox(self)
        self.zone.setEditable(True)
        self.zone.addItems([_LOCAL_ZONE, *sorted(zoneinfo.available_timezones())])
        self.zone.setCurrentText(settings.get(TIME_ZONE) or _LOCAL_ZONE)
        self.zone.setAccessibleName("Time zone of the working hours")
        editor = self.zone.lineEdit()
        assert editor is not None  # an editable combo box always has one
        editor.setAccessibleName("Time zone of the working hours")
        self.zone.view().setAccessibleName("Time zones")
        form = QFormLayout(self)
        form.addRow("After a &fix, credit, escalation:", self.after_hours)
        form.addRow("After a deli&very arrives:", self.arrival_days)
        form.addRow("Working &days:", self._row(*self.days))
        form.addRow("Working &hours:", self._row(self.start, self.end))
        form.addRow("Time &zone:", self.zone)

    def store(self) -> None:
        """Save the follow-up settings."""
        self._settings.set(FOLLOW_UP_HOURS, self.after_hours.value())
        self._settings.set(ARRIVAL_DAYS, self.arrival_days.value())
        self._settings.set(WORK_DAYS, [str(n) for n, box in enumerate(self.days)
                                       if box.isChecked()])
        self._settings.set(WORK_START, self.start.time().toString("HH:mm"))
        self._settings.set(WORK_END, self.end.time().toString("HH:mm"))
        zone = self.zone.currentText().strip()
        self._settings.set(TIME_ZONE, "" if zone == _LOCAL_ZONE else zone)

    def _row(self, *widgets: QWidget) -> QWidget:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for widget in widgets:
            layout.addWidget(widget)
        layout.addStretch(1)
        return row


def _spin(low: int, high: int, unit: str, value: int, name: str) -> QSpinBox:
    """A spin box counting ``unit``s ("1 day", "2 days")."""
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.valueChanged.connect(lambda n: spin.setSuffix(f" {unit}" if n == 1 else f" {unit}s"))
    spin.setValue(value)
    spin.setSuffix(f" {unit}" if value == 1 else f" {unit}s")
    spin.setAccessibleName(name)
    return spin


def _time_edit(text: str, name: str) -> QTimeEdit:
    edit = QTimeEdit(QTime.fromString(text, "HH:mm"))
    edit.setDisplayFormat("HH:mm")
    edit.setAccessibleName(name)
    return edit


def _chord_shown(text: str) -> str:
    """A stored chord as this platform names it ("Option+Space" on macOS)."""
    try:
        return Chord.parse(text).label
    except HotkeyError:
        return text


def _line_edit(text: str, name: str, placeholder: str) -> QLineEdit:
    edit = QLineEdit(text)
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    return edit
