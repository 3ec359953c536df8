"""The tray icon: Show/Hide and Quit, where the desktop has a tray."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon


class TrayIcon(QObject):
    """Wraps QSystemTrayIcon; ``toggle_requested`` and ``quit_requested`` drive the window."""

    toggle_requested = Signal()
    quit_requested = Signal()
    message_clicked = Signal()

    def __init__(self, icon: QIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.menu = QMenu()
        self.toggle_action = QAction("Show/Hide Checkback", self.menu)
        self.toggle_action.triggered.connect(self.toggle_requested)
        quit_action = QAction("Quit Checkback", self.menu)
        quit_action.triggered.connect(self.quit_requested)
        self.menu.addAction(self.toggle_action)
        self.menu.addSeparator()
        self.menu.addAction(quit_action)
        self.icon = QSystemTrayIcon(icon, self)
        self.icon.setToolTip("Checkback")
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.icon.messageClicked.connect(self._message_clicked)
        self.icon.show()
        self._told = False
        self._reminding = False

    def tell_once(self, message: str) -> None:
        """Show ``message`` by the tray icon, the first time only."""
        if not self._told:
            self._told = True
            self._reminding = False
            self.icon.showMessage("Checkback", message, QSystemTrayIcon.MessageIcon.Information)

    def notify(self, title: str, message: str) -> None:
        """Show a reminder by the tray icon; clicking it emits ``message_clicked``."""
        self._reminding = True
        self.icon.showMessage(title, message, QSystemTrayIcon.MessageIcon.Information, 15_000)

    def set_overdue(self, count: int) -> None:
        """Say in the tooltip how many follow-ups are overdue."""
        plural = "s" if count != 1 else ""
        self.icon.setToolTip(f"Checkback · {count} follow-up{plural} overdue" if count
                             else "Checkback")

    @staticmethod
    def shows_messages() -> bool:
        """True when the tray can show notifications."""
        return QSystemTrayIcon.supportsMessages()

    @Slot()
    def _message_clicked(self) -> None:
        if self._reminding:
            self.message_clicked.emit()

    @staticmethod
    def available() -> bool:
        """True when the desktop shows tray icons."""
        return QSystemTrayIcon.isSystemTrayAvailable()

    @Slot(QSystemTrayIcon.ActivationReason)
    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.toggle_requested.emit()
