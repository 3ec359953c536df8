"""The checklist under faults of the environment, made for real: what the agent sees, and
that everything typed is stored once the fault clears. The window stays where its fault bar
is under test; the rest builds the panel alone."""

from PySide6.QtCore import Qt

from checkback.paths import shipped_content_dir
from checkback.ui.checklist.actions import ConversationActions
from checkback.ui.checklist.panel import ChecklistPanel
from tests.conftest import fill_up
from tests.gui.checklist.conftest import CTRL, start_conversation, start_with_ctrl_n
from tests.gui.conftest import KEY_BUDGET_S, stored, type_timed


def test_a_locked_database_keeps_the_note_the_check_and_the_resolution(
        qtbot, open_window, data_dir, locked):
    lock, release = locked
    window = open_window(shipped_content_dir())
    panel = window.checklist
    conversation = start_with_ctrl_n(qtbot, window, "4411")
    lock()

    assert type_timed(qtbot, panel.note, "Wants a refund") < KEY_BUDGET_S
    assert window.fault_bar.isVisible()
    assert "Another program is using Checkback's database" in window.fault_bar.text()
    qtbot.keyClick(panel.step_list, Qt.Key.Key_1)
    assert "not saved yet" in window.statusBar().currentMessage()
    first = panel.steps.step_index(0)
    assert "not saved yet" in first.data() and "✓" not in first.data()
    assert first.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.PartiallyChecked

    qtbot.keyClick(window, Qt.Key.Key_Return, CTRL)
    dialog = window.conversation_actions.resolve_dialog
    dialog.problem.setText("Charged twice")
    qtbot.keyClicks(dialog.resolution, "Refund issued to the card")
    qtbot.keyClick(dialog.outcome, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.problem, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error.text().startswith("Not saved: Another program is using")
    assert dialog.resolution.toPlainText() == "Refund issued to the card"
    assert stored(data_dir, "SELECT count(*) FROM resolutions") == [(0,)]

    release()
    qtbot.waitUntil(lambda: not window.fault_bar.isVisible(), timeout=5000)
    assert stored(data_dir, "SELECT note FROM conversation_steps WHERE conversation_id = ?"
                  " AND position = 0", conversation.conversation_id) == [("Wants a refund",)]
    assert stored(data_dir, "SELECT position FROM conversation_steps WHERE checked_at IS NOT"
                  " NULL") == [(0,)]
    assert "✓" in first.data() and "not saved yet" not in first.data()
    assert first.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    qtbot.keyClick(dialog.problem, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert stored(data_dir, "SELECT resolution FROM resolutions") == [
        ("Refund issued to the card",)]


def test_a_full_database_keeps_the_resolve_form_open_until_there_is_room(
        qtbot, open_window, data_dir):
    window = open_window(shipped_content_dir())
    start_with_ctrl_n(qtbot, window, "4412")
    writer = window.session.writer
    writer.execute(f"PRAGMA max_page_count = {writer.execute('PRAGMA page_count').fetchone()[0]}")
    qtbot.keyClick(window, Qt.Key.Key_Return, CTRL)
    dialog = window.conversation_actions.resolve_dialog
    dialog.problem.setText("Parcel damaged")
    dialog.resolution.setPlainText("Replacement sent by courier. " * 400)
    qtbot.keyClick(dialog.outcome, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.problem, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "is full" in dialog.error.text() and "Free some space" in dialog.error.text()
    assert "is full" in window.fault_bar.text() and window.fault_bar.isVisible()
    assert stored(data_dir, "SELECT count(*) FROM resolutions") == [(0,)]

    writer.execute("PRAGMA max_page_count = 1073741823")
    qtbot.keyClick(dialog.problem, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert not window.fault_bar.isVisible()
    assert stored(data_dir, "SELECT count(*) FROM resolutions") == [(1,)]


def test_a_full_disk_keeps_the_note_until_there_is_room(qtbot, open_window, small_disk):
    data_dir = small_disk / "data"
    window = open_window(shipped_content_dir(), data_dir)
    panel = window.checklist
    conversation = start_with_ctrl_n(qtbot, window, "4413")
    # An emptied WAL must grow to take the note; one with room left would not need the disk.
    window.session.writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    filler = fill_up(small_disk)
    note = "Customer will send photos of the damage. " * 40
    panel.note.setPlainText(note)
    assert window.fault_bar.isVisible()
    assert f"The disk that holds {data_dir} is full" in window.fault_bar.text()

    filler.unlink()
    qtbot.waitUntil(lambda: not window.fault_bar.isVisible(), timeout=5000)
    assert stored(data_dir, "SELECT note FROM conversation_steps WHERE conversation_id = ?"
                  " AND position = 0", conversation.conversation_id) == [(note,)]


def _close_without_resolving(actions: ConversationActions) -> None:
    """Ask to close the conversation shown without resolving it, and confirm."""
    actions.close_without_resolving()
    question = actions.close_question
    next(b for b in question.buttons() if b.text() == "Close conversation").click()


def test_closing_while_locked_keeps_the_conversation_open(qtbot, checklist, actions,
                                                          statuses, data_dir, locked):
    lock, release = locked
    conversation = start_conversation(qtbot, actions, "501", "Fay")
    lock()
    _close_without_resolving(actions)
    assert statuses[-1].startswith("Not saved: Another program")
    assert checklist.conversation is conversation
    release()
    _close_without_resolving(actions)
    assert checklist.conversation is None
    assert stored(data_dir, "SELECT status FROM conversations") == [("closed",)]


def test_a_start_while_locked_shows_the_conversations_and_says_so(qtbot, show, shipped,
                                                                  open_window, locked):
    lock, release = locked
    earlier = show(ChecklistPanel(shipped))  # the last run, on the panel alone
    start_conversation(qtbot, ConversationActions(earlier), "502", "Gil")
    shipped.close()
    lock()
    window = open_window(shipped_content_dir())
    assert window.checklist.switcher.currentText().startswith("#502 · Gil")
    qtbot.waitUntil(window.fault_bar.isVisible)  # the checklist is made when first needed
    release()
    qtbot.waitUntil(lambda: not window.fault_bar.isVisible(), timeout=5000)
