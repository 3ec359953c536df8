"""The main window's panels, tabs and bars, built once the window frame is on screen."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from checkback.settings import SPLITTER_STATE
from checkback.ui.checklist.actions import ConversationActions
from checkback.ui.checklist.panel import ChecklistPanel
from checkback.ui.follow_ups.alerts import TAB_TEXT, FollowUpAlerts
from checkback.ui.follow_ups.panel import FollowUpPanel
from checkback.ui.helpdesk.outbox import OutboxSender
from checkback.ui.log.panel import LogPanel
from checkback.ui.main_window import app_icon  # the window is loaded before it builds these
from checkback.ui.phrases.global_picker import GlobalPicker
from checkback.ui.phrases.panel import PhrasePanel
from checkback.ui.policies.panel import PolicyPanel
from checkback.ui.reply.panel import ReplyCheckerPanel
from checkback.ui.tray import TrayIcon
from checkback.ui.widgets.banner import Banner
from checkback.ui.widgets.fault_bar import fault_bar

if TYPE_CHECKING:
    from checkback.ui.main_window import MainWindow


def build_panels(window: MainWindow) -> QWidget:
    """Make every panel on the window's Session, in tabs under the fault bar and the
    reminder banner; returns the window's central widget."""
    session = window.session
    window.policy_panel = PolicyPanel(session, window)
    splitter = window.settings.get(SPLITTER_STATE)
    if not splitter.isEmpty():
        window.policy_panel.splitter.restoreState(splitter)
    window.checklist = ChecklistPanel(session, window)
    window.checklist.policy_requested.connect(window.open_policy)
    window.conversation_actions = ConversationActions(window.checklist)
    window.phrase_panel = PhrasePanel(session, window.checklist.fill_values,
                                        window.checklist.current_phrase_tags, window)
    window.reply_checker = ReplyCheckerPanel(session, window)
    window.follow_ups = FollowUpPanel(session, window)
    window.follow_ups.new_conversation_requested.connect(window.new_conversation_for)
    window.log = LogPanel(session, window)
    window.log.policy_requested.connect(window.open_policy)
    window.tabs = _tabs(window)
    window.banner = Banner(window)
    window.alerts = FollowUpAlerts(session, window.follow_ups, window.tabs, window.banner,
                                   window.tray)
    window.alerts.open_requested.connect(window.open_follow_up)
    window.fault_bar = fault_bar(session, window)
    window.outbox = OutboxSender(session)
    window.global_picker = _global_picker(window)
    central = QWidget(window)
    layout = QVBoxLayout(central)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(window.fault_bar)
    layout.addWidget(window.banner)
    layout.addWidget(window.tabs, 1)
    return central


def _global_picker(window: MainWindow) -> GlobalPicker:
    checklist = window.checklist
    picker = GlobalPicker(window.session, window.phrase_panel.words,
                          lambda: checklist.conversations.conversations,
                          lambda: checklist.conversation,
                          checklist.values_for, None, window)
    picker.status_changed.connect(window.flash)
    picker.new_conversation_requested.connect(window.new_conversation_for)
    return picker


def build_tray(window: MainWindow) -> TrayIcon | None:
    """The tray icon, where the desktop has a tray: show or hide, quit, open a reminder."""
    if not TrayIcon.available():
        return None
    tray = TrayIcon(app_icon(), window)
    tray.toggle_requested.connect(window.toggle_visible)
    tray.quit_requested.connect(window.quit)
    return tray


def _tabs(window: MainWindow) -> QTabWidget:
    tabs = QTabWidget(window)
    tabs.setDocumentMode(True)
    # Beside a helpdesk the window is narrow: tighter tabs keep all six in view.
    tabs.tabBar().setStyleSheet("QTabBar::tab { padding: 4px 7px; }")
    # The tabs carry no Alt mnemonic, so every Alt+letter is the open panel's own: they
    # are reached with Alt+1 … Alt+6 (and the panels' own shortcuts, Ctrl+K, Ctrl+U, ...).
    panels = ((window.policy_panel, "Policies"), (window.checklist, "Checklist"),
              (window.phrase_panel, "Phrases"), (window.reply_checker, "Check reply"),
              (window.follow_ups, TAB_TEXT), (window.log, "Log"))
    for panel, title in panels:  # a tuple keeps each panel's own type (its signal)
        number = tabs.addTab(panel, title) + 1
        tabs.setTabToolTip(number - 1, f"Alt+{number}")
        panel.status_changed.connect(window.flash)
        QShortcut(QKeySequence(f"Alt+{number}"), window,
                  partial(tabs.setCurrentWidget, panel))
    return tabs
