"""The main window's panels, tabs and bars, built once the window frame is on screen.

Only the policy panel is made at start-up; every other panel is made (its module imported
too) the first time its tab is shown or a command needs it, through ``LazyTabs``.
"""

from __future__ import annotations

import sqlite3
from functools import partial
from typing import TYPE_CHECKING, cast

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QVBoxLayout, QWidget

from checkback.settings import SPLITTER_STATE
from checkback.ui.policies.panel import PolicyPanel
from checkback.ui.session import Change, Session
from checkback.ui.widgets.banner import Banner
from checkback.ui.widgets.fault_bar import fault_bar
from checkback.ui.widgets.first_run import FirstRunBar
from checkback.ui.widgets.lazy_tabs import LazyTabs
from checkback.ui.widgets.window_shortcuts import WindowShortcutsFirst

if TYPE_CHECKING:
    from checkback.ui.checklist.panel import ChecklistPanel
    from checkback.ui.follow_ups.panel import FollowUpPanel
    from checkback.ui.log.panel import LogPanel
    from checkback.ui.main_window import MainWindow
    from checkback.ui.phrases.global_picker import GlobalPicker
    from checkback.ui.phrases.panel import PhrasePanel
    from checkback.ui.reply.panel import ReplyCheckerPanel
    from checkback.ui.tray import TrayIcon

FOLLOW_UPS = "follow_ups"


def build_panels(window: MainWindow, typed: str = "") -> QWidget:
    """Make the policy panel (searching for what was ``typed`` already) and the tabs for
    the others on the window's Session, under the fault bar and the reminder banner;
    returns the window's central widget."""
    window.policy_panel = PolicyPanel(window.session, window, typed)
    window.policy_panel.status_changed.connect(window.flash)
    splitter = window.settings.get(SPLITTER_STATE)
    if not splitter.isEmpty():
        window.policy_panel.splitter.restoreState(splitter)
    window.tabs = _tabs(window)
    window.banner = Banner(window)
    window.fault_bar = fault_bar(window.session, window)
    central = QWidget(window)
    layout = QVBoxLayout(central)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(window.fault_bar)
    layout.addWidget(FirstRunBar(window.settings, central))
    layout.addWidget(window.banner)
    layout.addWidget(window.tabs, 1)
    return central


def build_helpers(window: MainWindow) -> None:
    """What works behind the panels: reminders, the helpdesk outbox, the global picker."""
    from checkback.ui.follow_ups.alerts import FollowUpAlerts
    from checkback.ui.helpdesk.outbox import OutboxSender
    from checkback.ui.phrases.words import PhraseWords

    window.phrase_words = PhraseWords()
    window.alerts = FollowUpAlerts(
        window.session, lambda: cast("FollowUpPanel | None", window.tabs.made(FOLLOW_UPS)),
        window.tabs, window.tabs.index_of(FOLLOW_UPS), window.banner, window.tray)
    window.alerts.open_requested.connect(window.open_follow_up)
    window.outbox = OutboxSender(window.session)
    window.global_picker = _global_picker(window)


def purge_what_was_deleted(session: Session) -> None:
    """What was deleted in an earlier session (kept for undo until now) is gone for good;
    a fault only delays it. Looked for through the window's reading connection first, so a
    start with nothing to purge loads neither store; the write lock is taken and let go all
    the same, so that a database another program holds is said at once, not at the first
    save."""
    session.save("can write", Change.NONE, _nothing)
    if _holds_deleted(session, "snippets"):
        from checkback.storage import phrase_library

        session.save("purge phrases", Change.PHRASES, phrase_library.purge_deleted)
    if _holds_deleted(session, "resolutions"):
        from checkback.storage import resolution_log

        session.save("purge records", Change.RESOLUTIONS, resolution_log.purge_deleted)


def _nothing(_conn: sqlite3.Connection) -> None:
    """A write of nothing: its transaction takes the write lock and lets it go."""


def _holds_deleted(session: Session, table: str) -> bool:
    """Whether ``table`` has rows to purge; True when it cannot be read (the purge, kept
    until it can be saved, then says why)."""
    from checkback.storage.database import any_deleted

    try:
        return any_deleted(session.reader, table)
    except sqlite3.Error:
        return True


def _checklist(window: MainWindow) -> ChecklistPanel:
    from checkback.ui.checklist.actions import ConversationActions
    from checkback.ui.checklist.panel import ChecklistPanel

    panel = ChecklistPanel(window.session, window)
    panel.policy_requested.connect(window.open_policy)
    panel.status_changed.connect(window.flash)
    window.made_conversation_actions = ConversationActions(panel)
    return panel


def _phrases(window: MainWindow) -> PhrasePanel:
    from checkback.ui.phrases.panel import PhrasePanel

    checklist = window.checklist
    panel = PhrasePanel(window.session, checklist.fill_values, checklist.current_phrase_tags,
                        window, window.phrase_words)
    panel.status_changed.connect(window.flash)
    return panel


def _reply_checker(window: MainWindow) -> ReplyCheckerPanel:
    from checkback.ui.reply.panel import ReplyCheckerPanel

    panel = ReplyCheckerPanel(window.session, window)
    panel.status_changed.connect(window.flash)
    return panel


def _follow_ups(window: MainWindow) -> FollowUpPanel:
    from checkback.ui.follow_ups.panel import FollowUpPanel

    panel = FollowUpPanel(window.session, window)
    panel.new_conversation_requested.connect(window.new_conversation_for)
    panel.status_changed.connect(window.flash)
    return panel


def _log(window: MainWindow) -> LogPanel:
    from checkback.ui.log.panel import LogPanel

    panel = LogPanel(window.session, window)
    panel.policy_requested.connect(window.open_policy)
    panel.status_changed.connect(window.flash)
    return panel


def _global_picker(window: MainWindow) -> GlobalPicker:
    from checkback.ui.phrases.global_picker import GlobalPicker

    picker = GlobalPicker(window.session, window.phrase_words,
                          lambda: window.checklist.conversations.conversations,
                          lambda: window.checklist.conversation,
                          lambda conversation: window.checklist.values_for(conversation),
                          None, window)
    picker.status_changed.connect(window.flash)
    picker.new_conversation_requested.connect(window.new_conversation_for)
    return picker


def build_tray(window: MainWindow) -> TrayIcon | None:
    """The tray icon, where the desktop has a tray: show or hide, quit, open a reminder."""
    from checkback.ui.tray import TrayIcon

    if not TrayIcon.available():
        return None
    tray = TrayIcon(window.windowIcon(), window)  # the window's, its images read once
    tray.toggle_requested.connect(window.toggle_visible)
    tray.quit_requested.connect(window.quit)
    return tray


def _tabs(window: MainWindow) -> LazyTabs:
    tabs = LazyTabs(window)
    tabs.made_panel.connect(WindowShortcutsFirst(window).watch)  # Ctrl+U in a search box
    tabs.setDocumentMode(True)
    # Beside a helpdesk the window is narrow: tighter tabs keep all six in view.
    tabs.tabBar().setStyleSheet("QTabBar::tab { padding: 4px 7px; }")
    # The tabs carry no Alt mnemonic, so every Alt+letter is the open panel's own: they
    # are reached with Alt+1 … Alt+6 (and the panels' own shortcuts, Ctrl+K, Ctrl+U, ...).
    panels = (("policy_panel", "Policies", lambda: window.policy_panel),
              ("checklist", "Checklist", partial(_checklist, window)),
              ("phrase_panel", "Phrases", partial(_phrases, window)),
              ("reply_checker", "Check reply", partial(_reply_checker, window)),
              (FOLLOW_UPS, "Follow-ups", partial(_follow_ups, window)),
              ("log", "Log", partial(_log, window)))
    for name, title, make in panels:
        number = tabs.add_panel(name, title, make) + 1
        tabs.setTabToolTip(number - 1, f"Alt+{number}")
        QShortcut(QKeySequence(f"Alt+{number}"), window, partial(tabs.show_panel, name))
    return tabs

