"""The first run asks once for the agent's name and company, without taking the keyboard."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from checkback.settings import AGENT_NAME, ASKED_WHO, COMPANY, Settings
from checkback.ui.widgets.first_run import FirstRunBar


def first_run_bar(window) -> FirstRunBar:
    (bar,) = window.findChildren(FirstRunBar)
    return bar


def test_the_first_run_asks_once_and_keeps_the_answers(qtbot, open_window, data_dir: Path):
    window = open_window()
    bar = first_run_bar(window)
    assert bar.isVisible()
    assert window.focusWidget() is window.policy_panel.search_box  # typing still searches
    qtbot.keyClicks(bar.name, "Sam Lee")
    qtbot.keyClick(bar.name, Qt.Key.Key_Return)
    assert bar.company.hasFocus()
    qtbot.keyClicks(bar.company, "Trailhead Outfitters")
    qtbot.keyClick(bar.company, Qt.Key.Key_Return)
    assert not bar.isVisible()
    settings = Settings(data_dir)
    assert (settings.get(AGENT_NAME), settings.get(COMPANY)) == ("Sam Lee",
                                                                 "Trailhead Outfitters")
    window.shutdown()
    assert not first_run_bar(open_window()).isVisible()


def test_not_now_is_not_asked_again_and_a_known_name_is_never_asked(
        qtbot, open_window, data_dir: Path, tmp_path: Path):
    window = open_window()
    qtbot.mouseClick(first_run_bar(window).later_button, Qt.MouseButton.LeftButton)
    assert Settings(data_dir).get(ASKED_WHO) and Settings(data_dir).get(AGENT_NAME) == ""
    window.shutdown()
    assert not first_run_bar(open_window()).isVisible()

    known = tmp_path / "known"
    known.mkdir()
    Settings(known).set(AGENT_NAME, "Ana")
    assert not first_run_bar(open_window(directory=known)).isVisible()
