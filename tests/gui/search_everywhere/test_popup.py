"""Search everything (Ctrl+K): typed into as an agent types, moved through with the arrows,
and what Enter does on a policy, a phrase, a log record and a follow-up."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from checkback.core.follow_ups import FollowUp
from checkback.paths import shipped_content_dir
from checkback.settings import AGENT_NAME, COMPANY, TIME_ZONE, Settings
from checkback.storage.phrase_library import StoredPhrase
from checkback.storage.policy_search import PolicyHit
from checkback.storage.resolution_log import LogRow
from checkback.ui.main_window import MainWindow
from checkback.ui.search_everywhere.popup import WHAT_CAN_BE_FOUND, SearchEverywhere
from checkback.ui.search_everywhere.wiring import search_everywhere
from tests.gui.checklist.conftest import start_with_ctrl_n
from tests.gui.conftest import stored
from tests.gui.follow_ups.conftest import MONDAY_10, Clock, resolved

CTRL = Qt.KeyboardModifier.ControlModifier
APOLOGY = ("I apologize, Dana Reyes. This isn't the experience we want anyone to have with "
           "Fernway Outfitters.")


@pytest.fixture
def agent(open_window, data_dir: Path) -> MainWindow:
    """Sam Lee of Fernway Outfitters in Berlin, on the shipped content, with two records:
    Dana Reyes's credit (an e-mail follow-up due tomorrow) and Dana Whitfield's refund
    (followed up when it arrives), resolved in that order."""
    settings = Settings(data_dir)
    settings.set(AGENT_NAME, "Sam Lee")
    settings.set(COMPANY, "Fernway Outfitters")
    settings.set(TIME_ZONE, "Europe/Berlin")
    window = open_window(shipped_content_dir(), clock=Clock(MONDAY_10))
    resolved(window.session, ticket="4411", name="Dana Reyes")
    resolved(window.session, ticket="4412", name="Dana Whitfield", kind="refund",
             channel="email")
    return window


def open_search(qtbot, window: MainWindow) -> SearchEverywhere:
    """Ctrl+K, as the agent presses it: the popup, with the keyboard in its box."""
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL)
    popup = search_everywhere(window)
    assert popup.isVisible() and popup.focusWidget() is popup.search_box
    return popup


def listed(popup: SearchEverywhere) -> list[str]:
    """The rows as the agent reads them: headings with their counts, and item titles."""
    return [popup.model.index(row).data() for row in range(popup.model.rowCount())]


def move_to(qtbot, popup: SearchEverywhere, kind: type, title: str) -> None:
    """Press Down until the item of ``kind`` whose title is ``title`` is highlighted."""
    for _ in range(popup.model.rowCount()):
        current = popup.current()
        if isinstance(current, kind) and popup.results.currentIndex().data() == title:
            return
        qtbot.keyClick(popup.search_box, Qt.Key.Key_Down)
    pytest.fail(f"{title} is not listed: {listed(popup)}")


def test_ctrl_k_opens_it_from_a_panel_search_box_and_says_what_can_be_found(qtbot, agent):
    agent.show_log()
    assert agent.log.search.hasFocus()
    popup = open_search(qtbot, agent)  # the log's box does not take Ctrl+K for itself
    assert popup.hint.isVisible() and popup.hint.text() == WHAT_CAN_BE_FOUND
    assert not popup.results.isVisible()
    assert agent.log.search.text() == ""


def test_typing_groups_what_matches_under_headings_with_counts(qtbot, agent):
    popup = open_search(qtbot, agent)
    qtbot.keyClicks(popup.search_box, "dana")
    assert listed(popup) == ["Log · 2", "Dana Whitfield · #4412", "Dana Reyes · #4411",
                             "Follow-ups · 2", "Dana Reyes (#4411)", "Dana Whitfield (#4412)"]
    assert popup.results.isVisible() and not popup.hint.isVisible()
    details = [popup.model.index(row).data(Qt.ItemDataRole.ToolTipRole) for row in (4, 5)]
    assert details == ["e-mail · due tomorrow 10:01 · Parcel arrived late",
                       "e-mail · when the delivery arrives · Parcel arrived late"]
    qtbot.keyClicks(popup.search_box, " whit")
    assert listed(popup) == ["Log · 1", "Dana Whitfield · #4412",
                             "Follow-ups · 1", "Dana Whitfield (#4412)"]


def test_every_kind_shows_its_best_three_and_how_many_matched(qtbot, agent):
    popup = open_search(qtbot, agent)
    qtbot.keyClicks(popup.search_box, "parcel")
    headings = popup.model.headings()
    assert [heading.split(" · ")[0] for heading in headings] == [
        "Policies", "Phrases", "Log", "Follow-ups"]
    assert headings[0].startswith("Policies · 3 of ") and headings[1].startswith(
        "Phrases · 3 of ")
    assert headings[2:] == ["Log · 2", "Follow-ups · 2"]
    rows = listed(popup)
    assert rows[1] == "Lost parcel"  # the title match first
    assert len(rows) == 4 + 3 + 3 + 2 + 2
    assert isinstance(popup.current(), PolicyHit)  # the first item, ready for Enter


def test_more_than_twenty_matches_are_counted_as_twenty_plus(qtbot, agent):
    for number in range(23):
        resolved(agent.session, ticket=f"90{number:02}", name="Ola Berg")
    popup = open_search(qtbot, agent)
    qtbot.keyClicks(popup.search_box, "berg")
    assert popup.model.headings() == ["Log · 3 of 20+", "Follow-ups · 3 of 20+"]


def test_up_and_down_go_from_item_to_item_past_the_headings(qtbot, agent):
    popup = open_search(qtbot, agent)
    qtbot.keyClicks(popup.search_box, "dana")
    chosen = []
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Down,
                Qt.Key.Key_Up, Qt.Key.Key_Up):
        qtbot.keyClick(popup.search_box, key)
        chosen.append(popup.results.currentIndex().data())
    assert chosen == ["Dana Reyes · #4411", "Dana Reyes (#4411)", "Dana Whitfield (#4412)",
                      "Dana Whitfield (#4412)",  # the last: Down stays
                      "Dana Reyes (#4411)", "Dana Reyes · #4411"]
    assert popup.focusWidget() is popup.search_box and popup.search_box.text() == "dana"


def test_enter_on_a_policy_opens_it_in_the_policies_tab(qtbot, agent):
    agent.show_log()
    popup = open_search(qtbot, agent)
    qtbot.keyClicks(popup.search_box, "lost parcel")
    assert popup.results.currentIndex().data() == "Lost parcel"
    qtbot.keyClick(popup.search_box, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert agent.tabs.currentWidget() is agent.policy_panel
    assert agent.policy_panel.reader.policy.policy.title == "Lost parcel"
    assert "Lost parcel" in agent.policy_panel.reader.browser.toPlainText()


def test_enter_on_a_phrase_copies_it_filled_for_the_open_conversation(qtbot, agent, data_dir):
    start_with_ctrl_n(qtbot, agent, "5120", "Dana Reyes")
    QApplication.clipboard().setText("before")
    popup = open_search(qtbot, agent)
    qtbot.keyClicks(popup.search_box, "i apologize")
    move_to(qtbot, popup, StoredPhrase, "I apologize")
    key = popup.current().key
    qtbot.keyClick(popup.search_box, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert popup.copier.form is None  # nothing to ask: the conversation fills it
    assert QApplication.clipboard().text() == APOLOGY
    assert agent.statusBar().currentMessage() == "Copied “I apologize”"
    assert stored(data_dir, "SELECT use_count FROM snippet_usage WHERE key = ?", key) == [(1,)]


def test_a_phrase_with_a_gap_asks_for_it_before_copying(qtbot, agent):
    QApplication.clipboard().setText("before")
    popup = open_search(qtbot, agent)  # no conversation open: no customer's name
    qtbot.keyClicks(popup.search_box, "i apologize")
    move_to(qtbot, popup, StoredPhrase, "I apologize")
    qtbot.keyClick(popup.search_box, Qt.Key.Key_Return)
    form = popup.copier.form
    assert form is not None and form.isVisible() and not popup.isVisible()
    assert QApplication.clipboard().text() == "before"  # never copied half-filled
    qtbot.keyClicks(form.field("{customer_name}"), "Dana Reyes")
    qtbot.keyClick(form.field("{customer_name}"), Qt.Key.Key_Return)
    assert QApplication.clipboard().text() == APOLOGY


def test_enter_on_a_record_chooses_it_in_the_log_whatever_its_filters(qtbot, agent):
    log = agent.log
    log.kind.setCurrentIndex(log.kind.findData("refund"))  # would hide Dana Reyes's credit
    popup = open_search(qtbot, agent)
    qtbot.keyClicks(popup.search_box, "dana")
    move_to(qtbot, popup, LogRow, "Dana Reyes · #4411")
    wanted = popup.current().resolution_id
    qtbot.keyClick(popup.search_box, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert agent.tabs.currentWidget() is log and log.table.hasFocus()
    assert log.chosen_id() == wanted and log.chosen_row().customer_name == "Dana Reyes"
    assert log.search.text() == "dana" and log.kind.currentData() is None
    assert "Dana Reyes" in log.detail.toPlainText()


def test_enter_on_a_follow_up_chooses_it_in_the_queue(qtbot, agent):
    popup = open_search(qtbot, agent)
    qtbot.keyClicks(popup.search_box, "whitfield")
    move_to(qtbot, popup, FollowUp, "Dana Whitfield (#4412)")
    wanted = popup.current().follow_up_id
    qtbot.keyClick(popup.search_box, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert agent.tabs.currentWidget() is agent.follow_ups
    assert agent.follow_ups.current.follow_up_id == wanted
    assert agent.follow_ups.current.customer_name == "Dana Whitfield"


def test_esc_closes_it_and_nothing_is_opened(qtbot, agent):
    QApplication.clipboard().setText("kept")
    popup = open_search(qtbot, agent)
    qtbot.keyClicks(popup.search_box, "refund")
    qtbot.keyClick(popup.search_box, Qt.Key.Key_Escape)
    assert not popup.isVisible()
    assert agent.tabs.currentWidget() is agent.policy_panel
    assert agent.policy_panel.reader.policy is None
    assert QApplication.clipboard().text() == "kept"
    reopened = open_search(qtbot, agent)  # what was typed is kept, ready to type over
    assert reopened.search_box.selectedText() == "refund"


@pytest.mark.parametrize(("typed", "as_words"), [
    ('"*(', ""), ("NEAR(", "near"), ("AND OR -", "and or"), ("title:refund", "refund"),
    ("x" * 5000, "x" * 5000)])
def test_whatever_is_typed_is_searched_as_plain_words(qtbot, agent, typed, as_words):
    popup = open_search(qtbot, agent)
    if len(typed) > 100:
        popup.search_box.insert(typed)  # pasted
    else:
        qtbot.keyClicks(popup.search_box, typed)
    rows = listed(popup)
    assert popup.results.isVisible() == bool(rows) != popup.hint.isVisible()
    popup.model.search(as_words)
    assert listed(popup) == rows  # quotes, brackets and operators are no syntax
    if not as_words:
        assert popup.hint.text() == WHAT_CAN_BE_FOUND  # no word in it to search for
    elif typed.startswith("x"):
        assert popup.hint.text().startswith(f"Nothing matches “{'x' * 40}…”")
    elif typed == "title:refund":
        assert rows[1] == "Refunds"


def test_the_list_model_holds_to_qts_rules(qtmodeltester, agent):
    model = SearchEverywhere(agent.session, dict, agent).model
    model.search("dana")
    qtmodeltester.check(model)
    model.search("late")
    qtmodeltester.check(model)
    assert model.item_at(0) is None and isinstance(model.item_at(1), PolicyHit)
