"""The main window: a tall, narrow companion that sits beside the ticketing system.

Start-up shows the bare window frame first and builds its contents right after the first
paint. Everything the frame does not need (the panels, the menus and the Qt classes they
use) is imported in ``build`` and the methods it calls, so it does not delay the frame.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QMainWindow

from checkback.settings import (
    KEEP_ON_TOP,
    PICKER_HOTKEY,
    SPLITTER_STATE,
    TEAM_FOLDERS,
    WINDOW_GEOMETRY,
)
from checkback.ui.window_frame import app_icon, first_size

if TYPE_CHECKING:
    from PySide6.QtGui import (
        QAction,
        QCloseEvent,
        QKeyEvent,
        QMoveEvent,
        QPaintEvent,
        QResizeEvent,
    )
    from PySide6.QtWidgets import QDialog, QWidget

    from checkback.core.conversation import Customer
    from checkback.ui.checklist.actions import ConversationActions
    from checkback.ui.checklist.panel import ChecklistPanel
    from checkback.ui.follow_ups.alerts import FollowUpAlerts
    from checkback.ui.follow_ups.panel import FollowUpPanel
    from checkback.ui.helpdesk.outbox import OutboxSender
    from checkback.ui.helpdesk.settings_page import KeychainWrite
    from checkback.ui.log.panel import LogPanel
    from checkback.ui.phrases.global_picker import GlobalPicker
    from checkback.ui.phrases.panel import PhrasePanel
    from checkback.ui.phrases.words import PhraseWords
    from checkback.ui.policies.indexing import Indexing
    from checkback.ui.policies.panel import PolicyPanel
    from checkback.ui.reply.panel import ReplyCheckerPanel
    from checkback.ui.session import Session
    from checkback.ui.settings_dialog import SettingsDialog
    from checkback.ui.tray import TrayIcon
    from checkback.ui.widgets.banner import Banner
    from checkback.ui.widgets.lazy_tabs import LazyTabs

log = logging.getLogger(__name__)
MINIMUM_WIDTH = 360
_SAVE_DELAY_MS = 800
_BUILD_AT_THE_LATEST_MS = 300


class MainWindow(QMainWindow):
    """Holds the panels, the menus, the status line and (where there is one) the tray icon.

    The panels listen to the Session for what changed; the window only moves between them.
    ``index_ready`` fires after each indexing pass, once the panels show its result.
    """

    built = Signal()
    searchable = Signal()  # the policy panel is up, before the rest is built
    index_ready = Signal(object)
    policy_panel: PolicyPanel
    made_conversation_actions: ConversationActions  # made with the checklist
    phrase_words: PhraseWords
    alerts: FollowUpAlerts
    outbox: OutboxSender
    global_picker: GlobalPicker
    banner: Banner
    tabs: LazyTabs
    fault_bar: QWidget
    indexing: Indexing
    keep_on_top_action: QAction

    def __init__(self, session: Session, content_dir: Path) -> None:
        super().__init__()
        self.session = session
        self.setWindowTitle("Checkback")
        self.setWindowIcon(app_icon())
        self.setMinimumWidth(MINIMUM_WIDTH)
        self.resize(*first_size())
        self.data_dir = session.data_dir
        self.settings = settings = session.settings
        self.tray: TrayIcon | None = None
        self._content_dir = content_dir
        self._building = self._built = False
        self._typed_early = ""
        self._closed = False
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

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Typed before the panels exist (the frame is up at once): kept for the search box.
        if not self._building and event.text().isprintable() and event.text():
            self._typed_early += event.text()
            event.accept()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        # The frame's first paint builds the policy panel; the panel's first paint (the
        # window paints under its children) builds the rest.
        super().paintEvent(event)
        QTimer.singleShot(0, self, self._build_the_rest if self._building else self._build_search)

    @property
    def is_built(self) -> bool:
        """True once the panels, menus and indexer exist."""
        return self._built

    @Slot()
    def build(self) -> None:
        """Build everything now, and start indexing (once)."""
        self._build_search()
        self._build_the_rest()

    @Slot()
    def _build_search(self) -> None:
        """Build the policy panel in its tab, the search box ready with anything typed
        already; the rest follows once its first results are on screen (once)."""
        if self._building:
            return
        from checkback.ui.window_panels import build_panels

        self._building = True
        self.setCentralWidget(build_panels(self, self._typed_early))
        self._typed_early = ""
        self.policy_panel.focus_search()
        self.searchable.emit()

    @Slot()
    def _build_the_rest(self) -> None:
        """The tray, menus, reminders, outbox, global picker and indexer; then index."""
        if self._built:
            return
        self._built = True
        from checkback.ui.policies.indexing import Indexing
        from checkback.ui.window_menus import build_menus
        from checkback.ui.window_panels import build_helpers, build_tray, purge_what_was_deleted

        self.tray = build_tray(self)
        build_helpers(self)
        self.indexing = Indexing(self.session, self.content_packs, self)
        self.indexing.status_changed.connect(self.flash)
        self.indexing.ready.connect(self.policy_panel.pass_ended)
        self.indexing.ready.connect(self.index_ready)
        self.statusBar().addPermanentWidget(self.indexing.problems_button)
        build_menus(self)
        self.settings.changed.connect(self._setting_changed)
        QApplication.setQuitOnLastWindowClosed(self.tray is None)
        self.alerts.start()
        QTimer.singleShot(0, self, self.take_hotkey)
        purge_what_was_deleted(self.session)  # before the indexer writes
        self.built.emit()
        self.indexing.reindex()

    # Every panel but the policy panel is made when first shown or asked for.
    @property
    def checklist(self) -> ChecklistPanel:
        """The checklist panel (made now if it was not yet)."""
        return cast("ChecklistPanel", self.tabs.panel("checklist"))

    @property
    def conversation_actions(self) -> ConversationActions:
        """What the agent does to a conversation: start, edit, resolve, close."""
        self.tabs.panel("checklist")  # the actions are made with the checklist
        return self.made_conversation_actions

    @property
    def phrase_panel(self) -> PhrasePanel:
        """The phrase panel (made now if it was not yet)."""
        return cast("PhrasePanel", self.tabs.panel("phrase_panel"))

    @property
    def reply_checker(self) -> ReplyCheckerPanel:
        """The Check reply panel (made now if it was not yet)."""
        return cast("ReplyCheckerPanel", self.tabs.panel("reply_checker"))

    @property
    def follow_ups(self) -> FollowUpPanel:
        """The follow-up queue (made now if it was not yet)."""
        return cast("FollowUpPanel", self.tabs.panel("follow_ups"))

    @property
    def log(self) -> LogPanel:
        """The resolution log (made now if it was not yet)."""
        return cast("LogPanel", self.tabs.panel("log"))

    def content_packs(self) -> list[Path]:
        """The shipped pack, then each team folder from the settings."""
        return [self._content_dir, *(Path(folder) for folder in self.settings.get(TEAM_FOLDERS))]

    def _show_tab(self, panel: QWidget) -> None:
        self.bring_to_front()
        self.tabs.setCurrentWidget(panel)

    @Slot()
    def focus_policy_search(self) -> None:
        """Bring the policy panel forward with the cursor in its search box."""
        self._show_tab(self.policy_panel)
        self.policy_panel.focus_search()

    @Slot()
    def search_everything(self) -> None:
        """Open the one search over policies, phrases, the log and follow-ups (Ctrl+K)."""
        from checkback.ui.search_everywhere.wiring import search_everywhere

        self.bring_to_front()
        search_everywhere(self).start()

    @Slot()
    def show_checklist(self) -> None:
        """Bring the checklist forward with the focus on its steps."""
        from PySide6.QtCore import Qt

        self._show_tab(self.checklist)
        self.checklist.step_list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    @Slot()
    def new_conversation(self) -> None:
        """Show the checklist and ask for the new conversation's customer."""
        self.show_checklist()
        self.conversation_actions.new_conversation()

    @Slot(object)
    def new_conversation_for(self, customer: Customer) -> None:
        """Show the checklist and ask for a new conversation with ``customer``."""
        self.show_checklist()
        self.conversation_actions.new_conversation(customer)

    @Slot(int)
    def open_policy(self, policy_id: int) -> None:
        """Show a policy in the reference (from a link in the checklist or insights)."""
        self._show_tab(self.policy_panel)
        self.policy_panel.open_policy(policy_id)

    @Slot()
    def show_follow_ups(self) -> None:
        """Bring the follow-up queue forward."""
        self._show_tab(self.follow_ups)
        self.follow_ups.queue.setFocus()

    @Slot(int)
    def open_follow_up(self, follow_up_id: int) -> None:
        """Show one follow-up in the queue (from a reminder)."""
        self.show_follow_ups()
        self.follow_ups.open_follow_up(follow_up_id)

    @Slot()
    def show_log(self) -> None:
        """Bring the resolution log forward with the cursor in its search box."""
        self._show_tab(self.log)
        self.log.focus_search()

    @Slot()
    def quick_log(self) -> None:
        """Record a resolution without a checklist conversation."""
        self.show_log()
        self.log.record_actions.quick_log()

    @Slot()
    def check_reply(self) -> None:
        """Show the reply checker with the cursor in the draft."""
        self._show_tab(self.reply_checker)
        self.reply_checker.focus_draft()

    @Slot()
    def pick_phrase(self) -> None:
        """Open the quick phrase picker over the window."""
        self.bring_to_front()
        self.phrase_panel.open_picker()

    @Slot()
    def show_settings(self) -> SettingsDialog:
        """Open the Settings dialog (non-blocking); returns it."""
        from PySide6.QtCore import Qt

        from checkback.ui.helpdesk.settings_page import HelpdeskSettings
        from checkback.ui.settings_dialog import SettingsDialog

        helpdesk = HelpdeskSettings(self.session)
        helpdesk.keychain_write.connect(self._keychain_written)
        dialog = SettingsDialog(self.settings, self, helpdesk)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    @Slot(object)
    def _keychain_written(self, write: KeychainWrite) -> None:
        write.stored.connect(self.outbox.token_stored)
        write.finished.connect(self._keychain_problem)

    @Slot(str)
    def _keychain_problem(self, problem: str) -> None:
        if problem:  # stays until the next message: the agent must know
            self.statusBar().showMessage(problem)

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
        """Stop background work and close the Session, when the app ends (once)."""
        if self._closed:
            return
        self._closed = True
        self.save_state()
        self.session.close()  # the indexer, the reminders and the timers stop with it

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

    @Slot(str)
    def _setting_changed(self, key: str) -> None:
        if key == TEAM_FOLDERS.key:
            self.indexing.reindex()
        elif key == PICKER_HOTKEY.key:
            self.take_hotkey()
        elif key == KEEP_ON_TOP.key:
            self.set_keep_on_top(self.settings.get(KEEP_ON_TOP))

    @Slot()
    def show_shortcuts(self) -> QDialog:
        """Help → Keyboard shortcuts (F1), non-blocking; returns the dialog."""
        from PySide6.QtCore import Qt

        from checkback.ui.shortcuts import shortcuts_dialog

        dialog = shortcuts_dialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    @Slot()
    def pick_anywhere(self) -> None:
        """Open the picker over the window that has the keyboard (``checkback --pick``)."""
        if self.is_built:
            if self.global_picker.desktop is None:
                self.take_hotkey()
            self.global_picker.open_over_focused()

    @Slot()
    def take_hotkey(self) -> None:
        """Take the picker's hotkey from the desktop (once connected to it), saying in the
        status line why when it cannot be had."""
        from PySide6.QtGui import QGuiApplication

        from checkback.integrations.desktop_input import desktop_input

        picker = self.global_picker
        problem = ""
        if picker.desktop is None:
            picker.desktop, problem = desktop_input(QGuiApplication.platformName())
        # A layer may come with a note (macOS without the Accessibility permission copies
        # only): the key is taken all the same, and a key it cannot take says so first.
        problem = picker.take_hotkey() or problem
        log.info("Picker hotkey: %s", problem or f"{self.settings.get(PICKER_HOTKEY)} taken")
        if problem and QGuiApplication.platformName() not in ("offscreen", "minimal"):
            self.statusBar().showMessage(problem)

    @Slot(str)
    def flash(self, message: str) -> None:
        """Show ``message`` on the status line for a few seconds."""
        self.statusBar().showMessage(message, 4000)
