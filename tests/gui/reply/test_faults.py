"""The reply draft under a locked database: typing never waits, and nothing typed is lost."""

from checkback.paths import shipped_content_dir
from tests.gui.conftest import KEY_BUDGET_S, stored, type_timed


def test_a_draft_typed_while_the_database_is_locked_is_stored_once_it_is_free(
        qtbot, open_window, data_dir, locked):
    lock, release = locked
    window = open_window(shipped_content_dir())
    window.check_reply()
    panel = window.reply_checker
    lock()
    assert type_timed(qtbot, panel.draft, "Our policy states no.") < KEY_BUDGET_S
    panel.save_now()
    assert window.fault_bar.isVisible()
    assert stored(data_dir, "SELECT count(*) FROM drafts WHERE text != ''") == [(0,)]
    panel.check_now()
    assert panel.model.rowCount() >= 1  # the check goes on while the draft waits

    release()
    qtbot.waitUntil(lambda: not window.fault_bar.isVisible(), timeout=5000)
    assert stored(data_dir, "SELECT text FROM drafts") == [("Our policy states no.",)]
