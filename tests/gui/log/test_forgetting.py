"""Forget customer, driven from the log as an agent would: what the log shows afterwards,
and what is left of the customer in the database's files."""

from PySide6.QtWidgets import QMessageBox

from checkback.storage.database import database_path
from checkback.storage.follow_up_store import cancel, follow_up_of
from checkback.ui.session import Change
from tests.gui.log.conftest import quick_log, shown


def forget_chosen(qtbot, log) -> str:
    """Forget the customer of the chosen record, as asked; what the status line then says."""
    log.forget_action.trigger()
    question = log.record_actions.forget_question
    assert "other customers' records" in question.text()
    with qtbot.waitSignal(log.status_changed) as said:
        next(b for b in question.buttons()
             if question.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole).click()
    return said.args[0]


def test_forgotten_customer_is_found_nowhere_not_even_in_the_files(qtbot, log, desk, data_dir):
    quick_log(qtbot, log, ticket="7001", name="Ines Moreau", contact="ines@x.example",
              problem="Inés Moreau was charged twice")
    quick_log(qtbot, log, ticket="7002", name="Al Bright", contact="al@x.example",
              problem="Sister of Inés; write to INES@x.example")
    log.search.setText("7001")
    ines = log.chosen_id()
    desk.write(Change.FOLLOW_UPS, lambda conn: cancel(
        conn, follow_up_of(conn, ines).follow_up_id, "MOREAU will call us back", desk.now()))
    assert forget_chosen(qtbot, log) == "Forgot the customer in 1 record"
    for typed in ("ines", "Inés", "moreau", "ines@x.example"):
        log.search.setText(typed)
        assert shown(log) == [], typed
    qtbot.waitUntil(lambda: log.empty.isVisible())
    log.search.setText("7001")
    assert shown(log) == ["(forgotten)"]
    assert "(forgotten) was charged twice" in log.detail.toPlainText()
    assert "(forgotten) will call us back" in log.detail.toPlainText()
    log.search.setText("bright")
    assert "Sister of (forgotten); write to (forgotten)" in log.detail.toPlainText()
    log.search.clear()
    qtbot.waitUntil(lambda: log.count.text() == "2 records")
    # The Session's reader stays open beside the writer; the log was emptied all the same.
    wal = database_path(data_dir).with_name("checkback.db-wal")
    assert wal.stat().st_size == 0
    on_disk = database_path(data_dir).read_bytes().lower()
    for text in ("Inés", "moreau", "ines@x"):
        assert text.lower().encode() not in on_disk, text
