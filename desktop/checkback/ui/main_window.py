"""The main window: a tall, narrow companion that sits beside the ticketing system.

Start-up shows the bare window frame first and builds its contents right after the first
paint. Everything the frame does not need (the panels, the menus and the Qt classes they
use) is imported in ``build`` and the methods it calls, so it does not delay the frame.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMainWindow

from checkback.paths import resources_dir
from checkback.settings import (
    KEEP_ON_TOP,
    REVIEW_DAYS,
    SPLITTER_STATE,
    TEAM_FOLDERS,
    WINDOW_GEOMETRY,
)

if TYPE_CHECKING:
    import sqlite3

    from PySide6.QtGui import QAction, QCloseEvent, QMoveEvent, QPaintEvent, QResizeEvent
    from PySide6.QtWidgets import QPushButton, QTabWidget, QWidget

    from checkback.core.conversation import Customer
    from checkback.core.follow_ups import FollowUp
    from checkback.storage.content_index import IndexReport
    from checkback.ui.checklist.actions import ConversationActions
    from checkback.ui.checklist.panel import ChecklistPanel
    from checkback.ui.content_indexer import ContentIndexer
    from checkback.ui.follow_ups.panel import FollowUpPanel
    from checkback.ui.follow_ups.reminders import Reminders
    from checkback.ui.log.insights import InsightsView
    from checkback.ui.log.panel import LogPanel
    from checkback.ui.phrases.panel import SnippetPanel
    from checkback.ui.policies.panel import PolicyPanel
    from checkback.ui.policies.problems_dialog import ContentProblemsDialog
    from checkback.ui.session import Session
    from checkback.ui.settings_dialog import SettingsDialog
    from checkback.ui.tray import TrayIcon
    from checkback.ui.widgets.banner import Banner

DEFAULT_SIZE = (440, 760)
MINIMUM_WIDTH = 360
_SAVE_DELAY_MS = 800
_BUILD_AT_THE_LATEST_MS = 300


class MainWindow(QMainWindow):
    """Holds the panels, the menus, the status line and (where there is one) the tray icon.

    ``index_ready`` fires after each indexing pass, once the panel shows its result.
    """

    built = Signal()
    index_ready = Signal(object)
    policy_panel: PolicyPanel
    checklist: ChecklistPanel
    conversation_actions: ConversationActions
    snippet_panel: SnippetPanel
    follow_ups: FollowUpPanel
    log: LogPanel
    reminders: Reminders
    banner: Banner
    tabs: QTabWidget
    problems_button: QPushButton
    indexer: ContentIndexer
    keep_on_top_action: QAction

    def __init__(self, session: Session, content_dir: Path) -> None:
        super().__init__()
        self.session = session
        self.setWindowTitle("Checkback")
        self.setWindowIcon(app_icon())
        self.setMinimumWidth(MINIMUM_WIDTH)
        self.resize(*DEFAULT_SIZE)
        self.data_dir = session.data_dir
        self.settings = settings = session.settings
        self.tray: TrayIcon | None = None
        self._content_dir = content_dir
        self._conn = session.reader
        self._built = False
        self._writer: sqlite3.Connection | None = None
        self._problems_dialog: ContentProblemsDialog | None = None
        self._reminded: list[int] = []
        self._insights: InsightsView | None = None
        self._save_timer = QTimer(self, singleShot=True, interval=_SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_state)
        geometry = settings.get(WINDOW_GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        if settings.get(KEEP_ON_TOP):
            self._stay_on_top(True)
        # The window frame is painted first and its contents built right after, so the
        # agent sees Checkback as fast as a bare Qt window (and it is built even if the
        # platform never paints it, as offscreen with no screen may not).
        QTimer.singleShot(_BUILD_AT_THE_LATEST_MS, self.build)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.is_built:
            QTimer.singleShot(0, self.build)

    @property
    def is_built(self) -> bool:
        """True once the panels, menus and indexer exist."""
        return self._built

    @Slot()
    def build(self) -> None:
        """Build the panels, menus, tray icon and indexer, and start indexing (once)."""
        if self.is_built:
            return
        from checkback.storage.database import database_path
        from checkback.ui.content_indexer import ContentIndexer

        self._built = True
        self._build_tabs(self._conn)
        self._build_status_bar()
        self._build_tray()
        self.indexer = ContentIndexer(database_path(self.data_dir), self.content_packs, self)
        self.indexer.indexed.connect(self._indexed)
        self.indexer.failed.connect(self._index_failed)
        from checkback.ui.window_menus import build_menus

        build_menus(self)
        self.settings.changed.connect(self._setting_changed)
        self._open_conversations()
        QApplication.setQuitOnLastWindowClosed(self.tray is None)
        self.policy_panel.focus_search()
        self.built.emit()
        self.indexer_reindex()

    def content_packs(self) -> list[Path]:
        """The shipped pack, then each team folder from the settings."""
        return [self._content_dir, *(Path(folder) for folder in self.settings.get(TEAM_FOLDERS))]

    @Slot()
    def focus_policy_search(self) -> None:
        """Bring the policy panel forward with the cursor in its search box."""
        self.bring_to_front()
        self.tabs.setCurrentWidget(self.policy_panel)
        self.policy_panel.focus_search()

    @Slot()
    def show_checklist(self) -> None:
        """Bring the checklist forward with the focus on its steps."""
        from PySide6.QtCore import Qt

        self.bring_to_front()
        self.tabs.setCurrentWidget(self.checklist)
        self.checklist.step_list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    @Slot()
    def new_conversation(self) -> None:
        """Show the checklist and ask for the new conversation's customer."""
        self.show_checklist()
        self.conversation_actions.new_conversation()

    @Slot(int)
    def open_policy(self, policy_id: int) -> None:
        """Show a policy in the reference (from a link in the checklist)."""
        self.tabs.setCurrentWidget(self.policy_panel)
        self.policy_panel.open_policy(policy_id)

    @Slot()
    def bring_to_front(self) -> None:
        """Show the window, restore it if minimised, and raise it above others."""
        from PySide6.QtCore import Qt

        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        self.raise_()
        self.activateWindow()

    @Slot()
    def toggle_visible(self) -> None:
        """Hide the window to the tray, or bring it back."""
        if self.isVisible() and not self.isMinimized():
            self.hide()
        else:
            self.bring_to_front()

    @Slot(bool)
    def set_keep_on_top(self, on: bool) -> None:
        """Keep the window above other windows (remembered)."""
        self.settings.set(KEEP_ON_TOP, on)
        self.keep_on_top_action.setChecked(on)
        self._stay_on_top(on)

    def _stay_on_top(self, on: bool) -> None:
        from PySide6.QtCore import Qt  # the Qt namespace is slow to load: not at start-up

        if bool(self.windowFlags() & Qt.WindowType.WindowStaysOnTopHint) != on:
            visible = self.isVisible()
            self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, on)
            if visible:
                self.show()

    @property
    def problems_dialog(self) -> ContentProblemsDialog:
        """The Content problems view, made the first time it is needed."""
        if self._problems_dialog is None:
            from checkback.ui.policies.problems_dialog import ContentProblemsDialog

            self._problems_dialog = ContentProblemsDialog(self)
        return self._problems_dialog

    @Slot()
    def show_settings(self) -> SettingsDialog:
        """Open the Settings dialog (non-blocking); returns it."""
        from PySide6.QtCore import Qt

        from checkback.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    @Slot()
    def show_problems(self) -> None:
        """Open the Content problems view."""
        from checkback.storage.policy_search import content_problems

        self.problems_dialog.set_problems(content_problems(self._conn))
        self.problems_dialog.show()
        self.problems_dialog.raise_()

    @Slot()
    def save_state(self) -> None:
        """Remember size, position, and layout."""
        self.settings.set(WINDOW_GEOMETRY, self.saveGeometry())
        if self.is_built:
            self.settings.set(SPLITTER_STATE, self.policy_panel.splitter.saveState())

    @Slot()
    def quit(self) -> None:
        """Save and leave the application."""
        self.save_state()
        QApplication.quit()

    def shutdown(self) -> None:
        """Stop background work and close the database, when the app ends (once)."""
        if not self.is_built or self._writer is None:
            return
        self.save_state()
        self.indexer.stop()
        self.reminders.stop()
        self.log.stop()
        self.reply_checker.save_now()
        self.session.close()
        self._writer = None

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        if self.tray is not None:
            self.hide()
            event.ignore()
            self.tray.tell_once("Checkback is still running here. Quit from this menu.")
            return
        event.accept()

    def moveEvent(self, event: QMoveEvent) -> None:
        super().moveEvent(event)
        self._save_timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._save_timer.start()

    def _build_tabs(self, conn: sqlite3.Connection) -> None:
        from PySide6.QtWidgets import QTabWidget

        from checkback.storage.content_index import ever_indexed
        from checkback.ui.checklist.actions import ConversationActions
        from checkback.ui.checklist.panel import ChecklistPanel
        from checkback.ui.phrases.panel import SnippetPanel
        from checkback.ui.policies.panel import PolicyPanel
        from checkback.ui.reply.panel import ReplyCheckerPanel

        # Until the first start has indexed the content, the panel waits for it.
        self.policy_panel = PolicyPanel(conn if ever_indexed(conn) else None, self)
        self.policy_panel.status_changed.connect(self._flash)
        self.policy_panel.reader.set_default_review_days(self.settings.get(REVIEW_DAYS))
        splitter = self.settings.get(SPLITTER_STATE)
        if not splitter.isEmpty():
            self.policy_panel.splitter.restoreState(splitter)
        self.checklist = ChecklistPanel(self.session, self)
        self.checklist.status_changed.connect(self._flash)
        self.checklist.policy_requested.connect(self.open_policy)
        self.conversation_actions = ConversationActions(self.checklist)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        # Beside a helpdesk the window is narrow: tighter tabs keep all six in view.
        self.tabs.tabBar().setStyleSheet("QTabBar::tab { padding: 4px 7px; }")
        self.tabs.addTab(self.policy_panel, "&Policies")
        self.tabs.addTab(self.checklist, "&Checklist")
        self.snippet_panel = SnippetPanel(self.session, self.checklist.fill_values,
                                          self.checklist.current_phrase_tags, self)
        self.snippet_panel.status_changed.connect(self._flash)
        self.tabs.addTab(self.snippet_panel, "Phra&ses")
        self.reply_checker = ReplyCheckerPanel(self.session, self)
        self.reply_checker.status_changed.connect(self._flash)
        self.tabs.addTab(self.reply_checker, "Check &reply")
        self._build_follow_ups()
        self.setCentralWidget(self._with_banner(self.tabs))

    def _build_follow_ups(self) -> None:
        from checkback.ui.follow_ups.panel import FollowUpPanel
        from checkback.ui.follow_ups.reminders import Reminders

        self.follow_ups = FollowUpPanel(self.session, self)
        self.follow_ups.status_changed.connect(self._flash)
        self.follow_ups.queue_changed.connect(self._queue_changed)
        self.follow_ups.new_conversation_requested.connect(self._new_conversation_for)
        self.conversation_actions.resolved.connect(self._resolution_saved)
        self.tabs.addTab(self.follow_ups, "Follow-&ups")
        self.reminders = Reminders(self._checklist_clock, self)
        self.reminders.fell_due.connect(self._remind)
        self.reminders.checked.connect(self.follow_ups.refresh_if_a_new_day)
        from checkback.ui.log.panel import LogPanel

        self.log = LogPanel(self.session, self)
        self.log.status_changed.connect(self._flash)
        self.log.record_actions.changed.connect(self._log_changed)
        self.log.record_actions.forgetting.connect(self.reply_checker.save_now)
        self.log.record_actions.customer_forgotten.connect(self._customer_forgotten)
        self.tabs.addTab(self.log, "&Log")

    def _with_banner(self, tabs: QTabWidget) -> QWidget:
        from PySide6.QtWidgets import QVBoxLayout, QWidget

        from checkback.ui.widgets.banner import Banner
        from checkback.ui.widgets.fault_bar import fault_bar

        self.banner = Banner(self)
        self.banner.open_requested.connect(self.open_reminded)
        self.fault_bar = fault_bar(self.session, self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.fault_bar)
        layout.addWidget(self.banner)
        layout.addWidget(tabs, 1)
        return central

    @Slot()
    def show_follow_ups(self) -> None:
        """Bring the follow-up queue forward."""
        self.bring_to_front()
        self.tabs.setCurrentWidget(self.follow_ups)
        self.follow_ups.queue.setFocus()

    @Slot()
    def open_reminded(self) -> None:
        """Open the follow-up the last reminder was about."""
        self.show_follow_ups()
        if self._reminded:
            self.follow_ups.open_follow_up(self._reminded[0])

    @Slot(list, bool)
    def _remind(self, due: list[FollowUp], while_closed: bool) -> None:
        from checkback.core.follow_ups import reminder_text

        self._reminded = [item.follow_up_id for item in due]
        self.follow_ups.refresh()
        self._show_overdue()
        title, message = reminder_text(due, while_closed)
        if self.tray is not None and self.tray.shows_messages():
            self.tray.notify(title, message)
        else:
            self.banner.show_message(f"<b>{html.escape(title)}</b><br>{html.escape(message)}")

    @Slot()
    def show_log(self) -> None:
        """Bring the resolution log forward with the cursor in its search box."""
        self.bring_to_front()
        self.tabs.setCurrentWidget(self.log)
        self.log.focus_search()

    @Slot()
    def show_insights(self) -> None:
        """Open the insights view (counted afresh each time it is shown)."""
        from checkback.ui.log.insights import InsightsView

        if self._insights is None:
            self._insights = InsightsView(self._conn, self._checklist_clock, self)
            self._insights.policy_requested.connect(self._open_policy_from_insights)
        else:
            self._insights.refresh()
        self._insights.show()
        self._insights.raise_()

    @Slot(int)
    def _open_policy_from_insights(self, policy_id: int) -> None:
        self.bring_to_front()
        self.open_policy(policy_id)

    @Slot()
    def quick_log(self) -> None:
        """Record a resolution without a checklist conversation."""
        self.show_log()
        self.log.record_actions.quick_log()

    @Slot()
    def _queue_changed(self) -> None:
        self._show_overdue()
        self.reminders.rearm()
        self.log.refresh()

    @Slot()
    def _log_changed(self) -> None:
        self.follow_ups.refresh()
        self._show_overdue()
        self.reminders.rearm()

    @Slot()
    def _customer_forgotten(self) -> None:
        if self._writer is not None:
            self.checklist.reload_conversations()
            self.reply_checker.reload_draft()

    @Slot(int)
    def _resolution_saved(self, _resolution_id: int) -> None:
        self.follow_ups.refresh()
        self._queue_changed()

    @Slot(object)
    def _new_conversation_for(self, customer: Customer) -> None:
        self.show_checklist()
        self.conversation_actions.new_conversation(customer)

    def _show_overdue(self) -> None:
        count = self.follow_ups.overdue_count()
        index = self.tabs.indexOf(self.follow_ups)
        self.tabs.setTabText(index, f"Follow-&ups ({count})" if count else "Follow-&ups")
        self.tabs.setTabToolTip(index, f"{count} overdue" if count else "")
        if self.tray is not None:
            self.tray.set_overdue(count)

    def _open_conversations(self) -> None:
        """Open the conversation store and bring back open conversations, once the schema is
        there (on a first start, the indexer creates it)."""
        if self._writer is not None:
            return
        from checkback.storage.snippet_library import purge_deleted

        self._writer = self.session.writer
        from checkback.storage.resolution_log import purge_deleted as purge_records

        # What was deleted in an earlier session (phrases, records) is gone for good; a
        # locked or full database only delays that.
        from checkback.ui.session import Change

        self.session.save("purge phrases", Change.SNIPPETS, purge_deleted)
        self.session.save("purge records", Change.RESOLUTIONS, purge_records)
        self.checklist.reload_content()
        self.checklist.reload_conversations()
        self._reload_rules()
        self.log.set_connection(self._writer)
        self._show_overdue()
        self.reminders.start(self._writer)

    def _reload_rules(self) -> None:
        from checkback.storage.reply_rules import load_rules

        if self._writer is not None:
            self.reply_checker.set_rules(load_rules(self._conn))

    @Slot()
    def check_reply(self) -> None:
        """Show the reply checker with the cursor in the draft."""
        self.bring_to_front()
        self.tabs.setCurrentWidget(self.reply_checker)
        self.reply_checker.focus_draft()

    def _checklist_clock(self) -> dt.datetime:
        return self.session.now()

    @Slot()
    def pick_phrase(self) -> None:
        """Open the quick phrase picker over the window."""
        self.bring_to_front()
        self.snippet_panel.open_picker()

    def _build_status_bar(self) -> None:
        from PySide6.QtWidgets import QPushButton

        self.problems_button = QPushButton(self)
        self.problems_button.setFlat(True)
        self.problems_button.setAccessibleName("Content problems")
        self.problems_button.clicked.connect(self.show_problems)
        self.problems_button.hide()
        self.statusBar().addPermanentWidget(self.problems_button)

    def _build_tray(self) -> None:
        from checkback.ui.tray import TrayIcon

        if not TrayIcon.available():
            return
        self.tray = TrayIcon(app_icon(), self)
        self.tray.toggle_requested.connect(self.toggle_visible)
        self.tray.quit_requested.connect(self.quit)
        self.tray.message_clicked.connect(self.open_reminded)

    @Slot()
    def indexer_reindex(self) -> None:
        """Look at every content file again now."""
        self._flash("Indexing policies…")
        self.indexer.reindex()

    @Slot(object)
    def _indexed(self, report: IndexReport) -> None:
        if report.changed or self.policy_panel.model.rowCount() == 0:
            self.policy_panel.set_connection(self._conn)
        self._open_conversations()
        if report.changed:
            self.checklist.reload_content()
            self.snippet_panel.content_changed()
            self._reload_rules()
        from checkback.storage.policy_search import content_problems, count_policies

        problems = content_problems(self._conn)
        self._show_problem_count(len(problems))
        if self._problems_dialog is not None and self._problems_dialog.isVisible():
            self._problems_dialog.set_problems(problems)
        self._flash(f"{count_policies(self._conn)} policies ready")
        self.index_ready.emit(report)

    @Slot(str)
    def _index_failed(self, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        self.statusBar().showMessage(message)
        QMessageBox.warning(self, "Policies not updated", message)

    @Slot(str)
    def _setting_changed(self, key: str) -> None:
        if key == TEAM_FOLDERS.key:
            self.indexer_reindex()
        elif key == REVIEW_DAYS.key:
            self.policy_panel.reader.set_default_review_days(self.settings.get(REVIEW_DAYS))
        elif key == KEEP_ON_TOP.key:
            self.set_keep_on_top(self.settings.get(KEEP_ON_TOP))
        elif key.startswith("follow_ups/"):  # the groups and times read in the new zone
            self.follow_ups.refresh()
            self.log.refresh()

    @Slot(str)
    def _flash(self, message: str) -> None:
        self.statusBar().showMessage(message, 4000)

    def _show_problem_count(self, count: int) -> None:
        self.problems_button.setVisible(count > 0)
        self.problems_button.setText(f"⚠ {count} content problem{'s' if count != 1 else ''}")

    @Slot()
    def show_about(self) -> None:
        """Say what Checkback is and where its data lives."""
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, "About Checkback",
                          "Checkback: policies, checklist, phrases and follow-ups, beside your "
                          f"helpdesk.\n\nYour data: {self.data_dir}")


def app_icon() -> QIcon:
    """The application icon (scalable, so it stays crisp on high-DPI screens)."""
    return QIcon(str(resources_dir() / "icons" / "checkback.svg"))
