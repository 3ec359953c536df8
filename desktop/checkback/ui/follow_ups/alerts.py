"""Telling the agent about follow-ups wherever they are looking: the overdue count on the
tab and the tray, and a reminder (a tray message, or the banner) as each one falls due."""

from __future__ import annotations

import html

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QApplication, QTabWidget

from checkback.core.follow_ups import FollowUp, reminder_text
from checkback.ui.follow_ups.panel import FollowUpPanel
from checkback.ui.follow_ups.reminders import Reminders
from checkback.ui.session import RECORDS, Change, Session
from checkback.ui.tray import TrayIcon
from checkback.ui.widgets.banner import Banner
from checkback.ui.widgets.desktop_notice import notify

TAB_TEXT = "Follow-ups"


class FollowUpAlerts(QObject):
    """Keeps the overdue count shown and shows each reminder once; ``open_requested``
    carries the follow-up the agent chose to open from a reminder."""

    open_requested = Signal(int)

    def __init__(self, session: Session, panel: FollowUpPanel, tabs: QTabWidget,
                 banner: Banner, tray: TrayIcon | None) -> None:
        super().__init__(panel)
        self._panel, self._tabs, self._banner, self._tray = panel, tabs, banner, tray
        self._reminded: list[int] = []
        self.reminders = Reminders(session, self)
        self.reminders.fell_due.connect(self._remind)
        self.reminders.checked.connect(panel.refresh_if_a_new_day)
        banner.open_requested.connect(self.open_reminded)
        if tray is not None:
            tray.message_clicked.connect(self.open_reminded)
        session.changed.connect(self._data_changed)

    def start(self) -> None:
        """Show the count, and what fell due while the app was closed; then keep watching."""
        self.show_overdue()
        self.reminders.start()

    def show_overdue(self) -> None:
        """Put the overdue count on the tab, the tray and the window's title (which the
        taskbar shows, with no tray and the window minimised)."""
        count = self._panel.overdue_count()
        index = self._tabs.indexOf(self._panel)
        self._tabs.setTabText(index, f"{TAB_TEXT} ({count})" if count else TAB_TEXT)
        self._tabs.setTabToolTip(index, f"{count} overdue" if count else "")
        self._tabs.window().setWindowTitle(f"Checkback ({count} overdue)" if count
                                           else "Checkback")
        if self._tray is not None:
            self._tray.set_overdue(count)

    @Slot()
    def open_reminded(self) -> None:
        """Ask to open the follow-up the last reminder was about."""
        if self._reminded:
            self.open_requested.emit(self._reminded[0])

    @Slot(object)
    def _data_changed(self, changes: Change) -> None:
        if changes & RECORDS:
            self.show_overdue()
            self.reminders.rearm()
            self._take_back_banner()

    def _take_back_banner(self) -> None:
        """The banner goes once none of its follow-ups is still due (done, snoozed,
        rescheduled or cancelled)."""
        if self._banner.isHidden() or not self._reminded:
            return
        if not any(self._panel.still_due(follow_up_id) for follow_up_id in self._reminded):
            self._banner.hide()

    @Slot(list, bool)
    def _remind(self, due: list[FollowUp], while_closed: bool) -> None:
        self._reminded = [item.follow_up_id for item in due]
        self._panel.refresh()
        self.show_overdue()
        title, message = reminder_text(due, while_closed)
        if self._tray is not None and self._tray.shows_messages():
            self._tray.notify(title, message)
        else:
            self._banner.show_message(f"<b>{html.escape(title)}</b><br>{html.escape(message)}")
            notify(title, message)  # the banner is seen only in the window
        QApplication.alert(self._tabs.window())  # the taskbar flashes, the dock bounces
