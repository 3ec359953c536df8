"""The main window's menus: every command with its shortcut.

Each action is also added to the window, so its shortcut works while the menus are closed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from checkback.settings import KEEP_ON_TOP

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from checkback.ui.checklist.actions import ConversationActions
    from checkback.ui.main_window import MainWindow


def build_menus(window: MainWindow) -> None:
    """Fill the window's menu bar: File, Conversation, View and Help."""
    file_menu = window.menuBar().addMenu("&File")
    _action(window, file_menu, "&Settings…", window.show_settings, "Ctrl+,")
    _action(window, file_menu, "Content &problems…", window.indexing.show_problems)
    _action(window, file_menu, "&Re-index content", window.indexing.reindex, "F5")
    file_menu.addSeparator()
    # The panels are made when first needed: each command finds its panel when chosen.
    _action(window, file_menu, "&Import phrases…",
            lambda: window.phrase_panel.transfer.choose_import())
    _action(window, file_menu, "E&xport my phrases…",
            lambda: window.phrase_panel.transfer.choose_export())
    _action(window, file_menu, "Export the &log…",
            lambda: window.log.record_actions.choose_export())
    _action(window, file_menu, "Export follow-ups to a &calendar…",
            lambda: window.follow_ups.choose_calendar_export())
    file_menu.addSeparator()
    if window.tray is not None:
        _action(window, file_menu, "&Hide to tray", window.hide, "Ctrl+W")
    _action(window, file_menu, "&Quit", window.quit, "Ctrl+Q")
    _build_conversation_menu(window)
    view_menu = window.menuBar().addMenu("&View")
    _action(window, view_menu, "Search &everything…", window.search_everything, "Ctrl+K")
    _action(window, view_menu, "Search &policies", window.focus_policy_search, "Ctrl+Shift+K")
    _action(window, view_menu, "P&ick a phrase…", window.pick_phrase, "Ctrl+P")
    _action(window, view_menu, "Check a &reply", window.check_reply, "Ctrl+R")
    _action(window, view_menu, "&Follow-ups", window.show_follow_ups, "Ctrl+U")
    _action(window, view_menu, "Resolution &log", window.show_log, "Ctrl+Shift+L")
    _action(window, view_menu, "&Insights…", lambda: window.log.show_insights(),
            "Ctrl+Shift+I")
    on_top = _action(window, view_menu, "Keep on &top", window.set_keep_on_top, "Ctrl+Shift+T")
    on_top.setCheckable(True)
    on_top.setChecked(window.settings.get(KEEP_ON_TOP))
    window.keep_on_top_action = on_top
    help_menu = window.menuBar().addMenu("&Help")
    _action(window, help_menu, "&Keyboard shortcuts", window.show_shortcuts, "F1")
    _action(window, help_menu, "&About Checkback", lambda: _show_about(window))


def _build_conversation_menu(window: MainWindow) -> None:
    def actions() -> ConversationActions:
        return window.conversation_actions

    menu = window.menuBar().addMenu("C&onversation")
    _action(window, menu, "&New conversation…", window.new_conversation, "Ctrl+N")
    _action(window, menu, "&Edit details…", lambda: actions().edit_details(), "Ctrl+E")
    _action(window, menu, "Go to the &steps", window.show_checklist, "Ctrl+L")
    _action(window, menu, "Another &round", lambda: window.checklist.another_round(),
            "Ctrl+Shift+R")
    _action(window, menu, "&Resolve…", lambda: actions().resolve(), "Ctrl+Return")
    _action(window, menu, "&Close without resolving…",
            lambda: actions().close_without_resolving())
    _action(window, menu, "&Quick log…", window.quick_log, "Ctrl+Shift+N")
    menu.addSeparator()
    _action(window, menu, "Ne&xt conversation", lambda: window.checklist.next_conversation(),
            "Alt+PgDown")
    _action(window, menu, "&Previous conversation",
            lambda: window.checklist.previous_conversation(), "Alt+PgUp")


def _action(window: MainWindow, menu: QMenu, text: str, slot: Callable[..., object],
            shortcut: str = "") -> QAction:
    action = QAction(text, window)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    menu.addAction(action)
    window.addAction(action)
    return action


def _show_about(window: MainWindow) -> None:
    from PySide6.QtWidgets import QMessageBox  # only when asked for

    from checkback.version import VERSION

    QMessageBox.about(window, "About Checkback",
                      f"Checkback {VERSION}: policies, checklist, phrases and "
                      f"follow-ups, beside your helpdesk.\n\nYour data: {window.data_dir}")
