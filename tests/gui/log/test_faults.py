"""Quick log under a locked database: the form stays open with what was typed, and stores
it once the database is free."""

from PySide6.QtCore import Qt

from checkback.paths import shipped_content_dir
from tests.gui.conftest import stored

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def test_quick_log_keeps_the_form_open_while_the_database_is_locked(
        qtbot, open_window, data_dir, locked):
    lock, release = locked
    window = open_window(shipped_content_dir())
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL | SHIFT)
    dialog = window.log.record_actions.quick_dialog
    qtbot.keyClicks(dialog.name, "Ines Moreau")
    dialog.problem.setText("Charged twice")
    dialog.resolution.setPlainText("Refunded the second charge")
    dialog.outcome.setCurrentIndex(1)
    lock()
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.error.text().startswith("Not saved: Another program is using")
    assert window.fault_bar.isVisible()
    assert dialog.name.text() == "Ines Moreau" and dialog.problem.text() == "Charged twice"
    assert stored(data_dir, "SELECT count(*) FROM resolutions") == [(0,)]

    release()
    dialog.accept()
    assert not dialog.isVisible()
    assert not window.fault_bar.isVisible()
    assert stored(data_dir, "SELECT customer_name, problem FROM resolutions") == [
        ("Ines Moreau", "Charged twice")]
