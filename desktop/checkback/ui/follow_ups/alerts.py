"""Telling the agent about follow-ups wherever they are looking: the overdue count on the
tab and the tray, and a reminder (a tray message, or the banner) as each one falls due."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QApplication, QTabWidget

from checkback.core.follow_ups import FollowUp, reminder_text
from checkback.core.html_text import escape_html
from checkback.storage.follow_up_store import load_follow_up, overdue_count
from checkback.ui.follow_ups.reminders import Reminders
from checkback.ui.session import RECORDS, Change, Session
from checkback.ui.tray import TrayIcon
from checkback.ui.widgets.banner import Banner
from checkback.ui.widgets.desktop_notice import notify

if TYPE_CHECKING:
    from checkback.ui.follow_ups.panel import FollowUpPanel


class FollowUpAlerts(QObject):
    """Keeps the overdue count shown and shows each reminder once; ``open_requested``
    carries the follow-up the agent chose to open from a reminder.

    The queue's panel may not be made yet (it is made when first shown): ``panel`` gives
    it when it is, to be read again as follow-ups fall due.
    """

    open_requested = Signal(int)

    def __init__(self, session: Session, panel: Callable[[], FollowUpPanel | None],
                 tabs: QTabWidget, tab_index: int, banner: Banner,
                 tray: TrayIcon | None) -> None:
        super().__init__(tabs)
        self._session, self._panel = session, panel
        self._tabs, self._tab_index, self._banner, self._tray = tabs, tab_index, banner, tray
        self._tab_text = tabs.tabText(tab_index)  # "Follow-ups", to which the count is added
        self._reminded: list[int] = []
        self.reminders = Reminders(session, self)
        self.reminders.fell_due.connect(self._remind)
        self.reminders.checked.connect(self._new_day_perhaps)
        banner.open_requested.connect(self.open_reminded)
        if tray is not None:
            tray.message_clicked.connect(self.open_reminded)
        session.changed.connect(self._data_changed)

    def start(self) -> None:
        """Show the count, and what fell due while the app was closed; then keep watching."""
        self.show_overdue()
        self.reminders.start()

    def overdue_count(self) -> int:
        """How many follow-ups are overdue now."""
        return overdue_count(self._session.reader, self._session.now())

    def still_due(self, follow_up_id: int) -> bool:
        """True while the follow-up is pending and its time has come."""
        item = load_follow_up(self._session.reader, follow_up_id)
        return (item is not None and item.status == "pending" and item.due is not None
                and item.due <= self._session.now())

    def show_overdue(self) -> None:
        """Put the overdue count on the tab, the tray and the window's title (which the
        taskbar shows, with no tray and the window minimised)."""
        count = self.overdue_count()
        text = self._tab_text
        self._tabs.setTabText(self._tab_index, f"{text} ({count})" if count else text)
        self._tabs.setTabToolTip(self._tab_index, f"{count} overdue" if count else "")
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

    @Slot()
    def _new_day_perhaps(self) -> None:
        if (panel := self._panel()) is not None:
            panel.refresh_if_a_new_day()

    def _take_back_banner(self) -> None:
        """The banner goes once none of its follow-ups is still due (done, snoozed,
        rescheduled or cancelled)."""
        if self._banner.isHidden() or not self._reminded:
            return
        if not any(self.still_due(follow_up_id) for follow_up_id in self._reminded):
            self._banner.hide()

    @Slot(list, bool)
    def _remind(self, due: list[FollowUp], while_closed: bool) -> None:
        self._reminded = [item.follow_up_id for item in due]
        if (panel := self._panel()) is not None:
            panel.refresh()
        self.show_overdue()
        title, message = reminder_text(due, while_closed)
        if self._tray is not None and self._tray.shows_messages():
            self._tray.notify(title, message)
        else:
            self._banner.show_message(f"<b>{escape_html(title)}</b><br>{escape_html(message)}")
            notify(title, message)  # the banner is seen only in the window
        QApplication.alert(self._tabs.window())  # the taskbar flashes, the dock bounces
