"""The search across everything, made once for the main window and tied to its tabs."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

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
    """Bring the Log forward with the record found for ``text`` chosen."""
    window.show_log()
    window.log.show_record(resolution_id, text)
