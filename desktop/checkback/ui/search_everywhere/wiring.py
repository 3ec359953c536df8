"""The search across everything, made once for the main window and tied to its tabs."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from checkback.ui.search_everywhere.popup import SearchEverywhere

if TYPE_CHECKING:
    from checkback.ui.main_window import MainWindow


def search_everywhere(window: MainWindow) -> SearchEverywhere:
    """The window's search across everything (made now, the first time)."""
    popup = window.findChild(SearchEverywhere)
    if popup is not None:
        return popup
    popup = SearchEverywhere(window.session, lambda: window.checklist.fill_values(), window)
    popup.policy_chosen.connect(window.open_policy)
    popup.follow_up_chosen.connect(window.open_follow_up)
    popup.record_chosen.connect(partial(show_record_in_log, window))
    popup.status_changed.connect(window.flash)
    return popup


def show_record_in_log(window: MainWindow, resolution_id: int, text: str) -> None:
    """Bring the Log forward, searching ``text`` newest first with no other filter (so the
    record found for it is listed), with the record chosen and the keyboard on the list."""
    window.show_log()
    log = window.log
    for choice in (log.period, log.category, log.kind, log.outcome):
        choice.setCurrentIndex(0)
    log.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    log.search.setText(text)
    row = log.model.row_of(resolution_id)
    if row >= 0:
        log.table.setCurrentIndex(log.model.index(row, 0))
    log.table.setFocus(Qt.FocusReason.OtherFocusReason)
