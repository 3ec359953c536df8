"""The checklist panel, driven as an agent would: keyboard first, reading what is shown,
stored and on the clipboard. Most tests build the panel alone; the window stays where its
menus' shortcuts, its status bar or its tabs are under test."""

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication

from checkback.core.placeholders import fill
from checkback.settings import SUGGEST_BREATHER, Settings
from checkback.ui.checklist.actions import ConversationActions
from checkback.ui.checklist.panel import ChecklistPanel
from tests.gui.checklist.conftest import (
    CTRL,
    SHIFT,
    start_conversation,
    start_with_ctrl_n,
    summarise,
)
from tests.gui.conftest import stored


def checked_positions(data_dir: Path, conversation_id: int, round_number: int = 1):
    """The 0-based positions checked in ``round_number`` of the conversation, as stored."""
    rows = stored(data_dir, "SELECT position FROM conversation_steps WHERE conversation_id = ?"
                  " AND round = ? AND checked_at IS NOT NULL ORDER BY position",
                  conversation_id, round_number)
    return [position for (position,) in rows]


def test_an_agent_walks_a_conversation_with_the_keyboard_only(qtbot, agent_window, data_dir):
    window, panel = agent_window, agent_window.checklist
    conversation = start_with_ctrl_n(
        qtbot, window, "https://fernway.zendesk.com/agent/tickets/4411")
    assert window.tabs.currentWidget() is panel
    assert conversation.customer.ticket == "4411"
    assert panel.switcher.currentText().startswith("#4411 · Dana Reyes")
    assert "Strategize" in panel.guide.toPlainText()
    steps = panel.step_list
    assert steps.hasFocus() or panel.focusWidget() is steps

    qtbot.keyClick(steps, Qt.Key.Key_1)
    assert checked_positions(data_dir, conversation.conversation_id) == [0]
    assert "Acknowledge" in panel.guide.toPlainText()  # moved on to the next step
    qtbot.keyClick(steps, Qt.Key.Key_Space)
    for key in (Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5):
        qtbot.keyClick(steps, key)
    assert checked_positions(data_dir, conversation.conversation_id) == [0, 1, 2, 3, 4]
    assert "✓" in steps.currentIndex().data()

    # Back to Acknowledge, then Enter goes to its phrases and Enter copies one, filled.
    for _ in range(3):
        qtbot.keyClick(steps, Qt.Key.Key_Up)
    assert "Acknowledge" in panel.guide.toPlainText()
    qtbot.keyClick(steps, Qt.Key.Key_Return)
    assert panel.phrase_list.hasFocus() or panel.focusWidget() is panel.phrase_list
    phrase = panel.phrases.phrase_at(0)
    qtbot.keyClick(panel.phrase_list, Qt.Key.Key_Return)
    copied = QApplication.clipboard().text()
    assert copied == fill(phrase.text, panel.fill_values(), dt.date.today()).text
    assert "{" not in copied and "}" not in copied
    assert window.statusBar().currentMessage() == f"Copied “{phrase.title}”"

    # Another round: the first stays, collapsed, with its checks.
    qtbot.keyClick(window, Qt.Key.Key_R, CTRL | SHIFT)
    assert [r.number for r in conversation.rounds] == [1, 2]
    assert not steps.isExpanded(panel.steps.round_index(0))
    assert steps.isExpanded(panel.steps.round_index(1))
    assert stored(data_dir, "SELECT count(*) FROM conversation_steps WHERE round = 2") == [(5,)]
    qtbot.keyClick(steps, Qt.Key.Key_2)
    assert checked_positions(data_dir, conversation.conversation_id, 2) == [1]

    # Resolve: without an outcome nothing is saved; with one, the record is stored.
    qtbot.keyClick(window, Qt.Key.Key_Return, CTRL)
    dialog = window.conversation_actions.resolve_dialog
    assert dialog.open_steps.text().startswith(
        "Not checked: Strategize, Clarify, Present Resolution, Checkback. Save anyway")
    qtbot.keyClicks(dialog.resolution, "Reshipped by express, arriving Friday")
    qtbot.keyClick(dialog.problem, Qt.Key.Key_Return)
    assert dialog.isVisible() and "Say what was wrong" in dialog.error.text()
    assert dialog.focusWidget() is dialog.problem
    qtbot.keyClicks(dialog.problem, "Parcel stuck in transit")
    qtbot.keyClick(dialog.problem, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "Choose the outcome" in dialog.error.text()
    assert stored(data_dir, "SELECT count(*) FROM resolutions") == [(0,)]
    assert dialog.focusWidget() is dialog.outcome
    qtbot.keyClick(dialog.outcome, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.problem, Qt.Key.Key_Return)
    assert not dialog.isVisible()

    rows = stored(data_dir, "SELECT ticket, customer_name, resolution, kind, outcome, rounds,"
                  " steps_done, steps_total, conversation_id FROM resolutions")
    assert rows == [("4411", "Dana Reyes", "Reshipped by express, arriving Friday",
                     "instant_fix", "satisfied", 2, 6, 10, conversation.conversation_id)]
    assert stored(data_dir, "SELECT status FROM conversations") == [("resolved",)]
    assert panel.conversation is None
    assert panel.pages.currentWidget() is panel.empty_page
    assert "Resolved #4411 · Dana Reyes" in window.statusBar().currentMessage()


def test_open_conversations_come_back_after_a_restart(qtbot, show, shipped, reopen,
                                                     data_dir):
    panel = show(ChecklistPanel(shipped))
    actions = ConversationActions(panel)
    first = start_conversation(qtbot, actions, "101", "Ann")
    qtbot.keyClick(panel.step_list, Qt.Key.Key_1)
    qtbot.keyClicks(panel.note, "Wants it before Friday")
    # Saved as typed: another connection sees it while the app still runs (a kill now
    # would lose nothing).
    assert stored(data_dir, "SELECT note FROM conversation_steps WHERE position = 1") == [
        ("Wants it before Friday",)]
    second = start_conversation(qtbot, actions, "102", "Ben")
    qtbot.keyClick(panel.step_list, Qt.Key.Key_3)
    panel.another_round()
    panel.show_row(0)
    shipped.close()
    panel.close()

    panel = show(ChecklistPanel(reopen()))
    assert [c.customer.label for c in panel.conversations.conversations] == ["#101 · Ann",
                                                                             "#102 · Ben"]
    assert panel.conversation.conversation_id == first.conversation_id  # the one shown last
    restored_first, restored_second = panel.conversations.conversations
    assert restored_first.current_round.steps == first.current_round.steps
    assert restored_first.step(1).note == "Wants it before Friday"
    assert restored_second.rounds == second.rounds
    assert panel.note.toPlainText() == "Wants it before Friday"


def test_switching_keeps_each_conversations_state(qtbot, checklist, actions):
    panel = checklist
    start_conversation(qtbot, actions, "201", "Ann")
    qtbot.keyClick(panel.step_list, Qt.Key.Key_1)
    qtbot.keyClick(panel.step_list, Qt.Key.Key_2)
    start_conversation(qtbot, actions, "202", "Ben")
    assert panel.switcher.currentText().startswith("#202 · Ben  (0/5)")
    panel.previous_conversation()  # Alt+PgUp on the window's menu
    assert panel.switcher.currentText() == "#201 · Ann  (2/5)"
    assert panel.conversation.customer.name == "Ann"
    assert "Clarify" in panel.guide.toPlainText()
    panel.next_conversation()  # Alt+PgDown
    assert panel.conversation.customer.name == "Ben"
    assert panel.conversation.current_round.done == 0


def test_a_phrase_missing_the_customers_name_asks_for_it_before_copying(qtbot, checklist,
                                                                        actions):
    panel = checklist
    QApplication.clipboard().setText("what was there before")
    start_conversation(qtbot, actions, "4411", "")
    row = next(row for row in range(panel.phrases.rowCount())
               if "{customer_name}" in panel.phrases.phrase_at(row).text)
    assert "[Customer's name]" in panel.phrases.index(row).data()
    panel.phrase_list.setCurrentIndex(panel.phrases.index(row))
    qtbot.keyClick(panel.phrase_list, Qt.Key.Key_Return)
    form = panel.copier.form
    assert form.isVisible()
    assert QApplication.clipboard().text() == "what was there before"
    field = form.field("{customer_name}")
    assert form.focusWidget() is field
    qtbot.keyClick(field, Qt.Key.Key_Return)  # empty: refused
    assert form.isVisible()
    qtbot.keyClicks(field, "Dana")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    copied = QApplication.clipboard().text()
    assert "Dana" in copied and "{" not in copied


def test_cancelling_the_fill_in_form_copies_nothing(qtbot, checklist, actions, statuses):
    panel = checklist
    QApplication.clipboard().setText("untouched")
    start_conversation(qtbot, actions, "4411", "")
    row = next(row for row in range(panel.phrases.rowCount())
               if "{customer_name}" in panel.phrases.phrase_at(row).text)
    panel.copy_phrase(row)
    qtbot.keyClick(panel.copier.form, Qt.Key.Key_Escape)
    assert QApplication.clipboard().text() == "untouched"
    assert statuses[-1].startswith("Not copied")


def test_strategize_lists_the_parameters_of_the_category_with_links(qtbot, agent_window):
    window, panel = agent_window, agent_window.checklist
    start_with_ctrl_n(qtbot, window, "301", "Cara")
    assert "Choose the issue category" in panel.guide.toPlainText()
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL)
    dialog = window.conversation_actions.edit_dialog
    assert dialog.name.text() == "Cara" and not dialog.playbook.isEnabled()
    dialog.category.setCurrentIndex(dialog.category.findData("Returns and refunds"))
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    text = panel.guide.toPlainText()
    assert "Your parameters: Returns and refunds" in text
    assert "Can do" in text and "Needs approval" in text and "Cannot do" in text
    html = panel.guide.toHtml()
    link = html[html.index("policy:"):].split('"')[0]
    window.policy_panel.search_box.setText("warranty")  # an earlier search, elsewhere
    panel.guide.anchorClicked.emit(QUrl(link))
    assert window.tabs.currentWidget() is window.policy_panel
    shown = window.policy_panel.reader.policy
    assert shown.policy.category == "Returns and refunds"
    policies = window.policy_panel  # the list shows the policy opened, chosen
    assert policies.search_box.text() == shown.policy.title
    chosen = policies.results.currentIndex()
    assert chosen.isValid() and shown.policy.title in chosen.data()


def resolve_escalated(qtbot, actions) -> None:
    """Start a conversation and resolve it as escalated: a hard one."""
    start_conversation(qtbot, actions, "401", "Dev")
    actions.resolve()
    dialog = actions.resolve_dialog
    summarise(dialog)
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("escalated"))
    qtbot.keyClick(dialog.problem, Qt.Key.Key_Return)


def test_a_hard_outcome_suggests_a_breather_that_can_be_turned_off(qtbot, checklist, actions,
                                                                   data_dir):
    panel = checklist
    resolve_escalated(qtbot, actions)
    assert panel.breather.isVisible()
    qtbot.mouseClick(panel.breather.off_button, Qt.MouseButton.LeftButton)
    assert not panel.breather.isVisible()
    assert Settings(data_dir).get(SUGGEST_BREATHER) is False


def test_the_breather_goes_when_the_next_conversation_starts(qtbot, checklist, actions):
    panel = checklist
    resolve_escalated(qtbot, actions)
    assert panel.breather.isVisible()

    start_conversation(qtbot, actions, "402", "Eve")

    assert not panel.breather.isVisible()


def test_a_long_conversation_suggests_a_breather_even_when_it_went_well(qtbot, checklist,
                                                                        actions):
    panel = checklist
    start_conversation(qtbot, actions, "402", "Eve")
    started = panel.conversation.started_at
    panel.clock = lambda: started + dt.timedelta(minutes=25)
    actions.resolve()
    dialog = actions.resolve_dialog
    summarise(dialog)
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("satisfied"))
    qtbot.keyClick(dialog.problem, Qt.Key.Key_Return)
    assert panel.breather.isVisible()
    qtbot.mouseClick(panel.breather.dismiss_button, Qt.MouseButton.LeftButton)
    assert not panel.breather.isVisible()


def test_closing_without_resolving_asks_and_keeps_the_record(qtbot, checklist, actions,
                                                             data_dir):
    panel = checklist
    start_conversation(qtbot, actions, "501", "Fay")
    actions.close_without_resolving()
    question = actions.close_question
    assert "Close #501 · Fay without recording a resolution?" in question.text()
    next(b for b in question.buttons() if b.text() == "Close conversation").click()
    assert panel.conversation is None
    assert stored(data_dir, "SELECT status FROM conversations") == [("closed",)]
    assert stored(data_dir, "SELECT count(*) FROM conversation_steps") == [(5,)]


def test_a_new_conversation_needs_a_ticket_or_a_name(qtbot, checklist, actions, data_dir):
    actions.new_conversation()
    dialog = actions.new_dialog
    qtbot.keyClicks(dialog.ticket, "   ")
    qtbot.keyClick(dialog.ticket, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error.text() == "Enter the ticket or the customer's name (one is enough)."
    assert stored(data_dir, "SELECT count(*) FROM conversations") == [(0,)]
    qtbot.keyClick(dialog.ticket, Qt.Key.Key_Escape)
    assert checklist.pages.currentWidget() is checklist.empty_page


def test_a_copy_from_the_checklist_counts_as_a_use(qtbot, checklist, actions, data_dir):
    panel = checklist
    start_conversation(qtbot, actions, "4411", "Dana Reyes")
    panel.phrase_list.setCurrentIndex(panel.phrases.index(0))
    title = panel.phrases.phrase_at(0).title

    qtbot.keyClick(panel.phrase_list, Qt.Key.Key_Return)
    qtbot.keyClick(panel.phrase_list, Qt.Key.Key_Return)

    assert stored(data_dir, "SELECT u.use_count FROM snippet_usage u JOIN snippets s"
                  " ON s.key = u.key WHERE s.title = ?", title) == [(2,)]


def test_a_round_header_selected_shows_the_rounds_step_and_the_note_takes_text(
        qtbot, checklist, actions):
    panel = checklist
    conversation = start_conversation(qtbot, actions, "4411", "Dana Reyes")

    panel.step_list.setCurrentIndex(panel.steps.round_index(0))

    assert panel.guide.toPlainText().strip()
    assert panel.phrases.rowCount() > 0
    assert not panel.note.isReadOnly()
    qtbot.keyClicks(panel.note, "Wants a refund")
    qtbot.waitUntil(lambda: conversation.current_round.steps[
        conversation.current_step].note == "Wants a refund", timeout=3000)


def test_a_sentence_typed_on_the_steps_goes_to_the_note_and_ticks_nothing(
        qtbot, checklist, actions, statuses):
    panel = checklist
    conversation = start_conversation(qtbot, actions, "4411", "Dana Reyes")
    panel.step_list.setFocus()

    for char in "Wants 2 refunds":  # each key to whichever widget has the keyboard
        qtbot.keyClicks(QApplication.focusWidget(), char)

    assert panel.note.toPlainText() == "Wants 2 refunds"
    assert not any(step.checked for step in conversation.current_round.steps)
    assert "Typing goes to the step's note" in statuses[-1]
    qtbot.keyClick(panel.step_list, Qt.Key.Key_1)  # a digit on the steps still checks
    assert conversation.current_round.steps[0].checked


def test_strategize_brings_the_policy_the_ticket_is_about_first(qtbot, checklist, actions):
    from checkback.core.conversation import Customer

    panel = checklist
    actions.new_conversation(Customer(subject="Parcel never arrived, tracking says lost"))
    dialog = actions.new_dialog
    dialog.subject = "Parcel never arrived, tracking says lost"  # as read from the helpdesk
    qtbot.keyClicks(dialog.name, "Dana Reyes")
    dialog.category.setCurrentIndex(dialog.category.findData("Delivery"))
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)

    text = panel.guide.toPlainText()
    shown = [title for title in ("Lost parcel", "Late delivery", "Damaged on arrival")
             if title in text]
    assert shown[0] == "Lost parcel"
    assert text.index("Lost parcel") < text.index("Damaged on arrival")
    panel.step_list.setCurrentIndex(panel.steps.step_index(3))  # Present Resolution
    assert "Present Resolution" in panel.guide.toPlainText()
    assert "Your parameters: Delivery" in panel.guide.toPlainText()


def test_another_round_shows_every_step_of_it_and_the_earlier_rounds(qtbot, agent_window):
    window = agent_window
    start_with_ctrl_n(qtbot, window, "4411")
    panel = window.checklist
    for round_number in (2, 3):
        qtbot.keyClick(window, Qt.Key.Key_R, CTRL | SHIFT)  # Another round
        assert window.statusBar().currentMessage() == f"Round {round_number} started"
        view = panel.step_list
        rows = [panel.steps.round_index(n) for n in range(round_number)] + [
            panel.steps.step_index(p) for p in range(5)]
        for index in rows:  # none clipped, none scrolled away
            rect = view.visualRect(index)
            assert rect.top() >= 0 and rect.bottom() < view.viewport().height(), index.data()
