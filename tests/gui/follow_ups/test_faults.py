"""The follow-up queue under a locked database: nothing shows done before it is stored, and
a typed reason waits in its form."""

from PySide6.QtCore import Qt

from tests.gui.conftest import stored
from tests.gui.follow_ups.conftest import choose, resolve


def test_done_and_cancel_wait_for_the_lock_and_keep_the_reason(qtbot, agent, data_dir, locked):
    lock, release = locked
    window, panel = agent, agent.follow_ups
    resolve(qtbot, window, channel="chat")
    window.show_follow_ups()
    lock()
    choose(panel.done_button, "Satisfied")
    assert window.statusBar().currentMessage().startswith("Not saved: Another program")
    assert window.fault_bar.isVisible()
    assert panel.model.total == 1
    assert stored(data_dir, "SELECT status FROM follow_ups") == [("pending",)]

    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    dialog = panel.reason_dialog
    qtbot.keyClicks(dialog.reason, "Customer asked not to be contacted")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.error.text().startswith("Not saved: Another program")
    assert dialog.reason.text() == "Customer asked not to be contacted"

    release()
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert not window.fault_bar.isVisible()
    assert stored(data_dir, "SELECT status, reason FROM follow_ups") == [
        ("cancelled", "Customer asked not to be contacted")]
