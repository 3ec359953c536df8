"""The follow-up queue under a locked database: nothing shows done before it is stored, a
typed reason waits in its form, the calendar's first export says so, and a reminder is
shown once."""

import datetime as dt

from PySide6.QtCore import Qt

from tests.gui.conftest import stored
from tests.gui.follow_ups.conftest import BERLIN, choose, resolve, resolved


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


def test_the_first_calendar_export_under_a_lock_says_so_and_writes_no_file(
        qtbot, panel, desk, locked, tmp_path):
    lock, release = locked
    resolved(desk, channel="chat", ticket="4411", name="Dana Reyes")
    target = tmp_path / "follow-ups.ics"
    lock()  # the database's own id is stored by the first export
    with qtbot.waitSignal(panel.status_changed) as said:
        panel.export_calendar(str(target))
    assert said.args[0].startswith("Not saved: Another program is using")
    assert not target.exists()
    release()
    with qtbot.waitSignal(panel.status_changed) as said:
        panel.export_calendar(str(target))
    assert said.args[0] == "Exported 1 follow-up to follow-ups.ics"
    assert "BEGIN:VEVENT" in target.read_text(encoding="utf-8")


def test_a_reminder_shown_while_locked_is_shown_once_and_stored_as_shown_later(
        qtbot, agent, clock, data_dir, locked):
    lock, release = locked
    window = agent
    resolve(qtbot, window, channel="chat")
    reminded: list[list] = []
    window.alerts.reminders.fell_due.connect(lambda due, _closed: reminded.append(due))
    lock()
    clock.set(dt.datetime(2026, 11, 24, 11, tzinfo=BERLIN))
    window.alerts.reminders.check()
    window.alerts.reminders.check()  # the timer's next wake, still locked
    assert [len(due) for due in reminded] == [1]
    assert "Dana Reyes" in window.banner.text.text()
    assert window.fault_bar.isVisible()
    release()
    qtbot.waitUntil(lambda: not window.fault_bar.isVisible(), timeout=5000)
    assert stored(data_dir, "SELECT count(*) FROM follow_ups WHERE notified_at IS NOT NULL") == [
        (1,)]
    window.alerts.reminders.check()
    assert len(reminded) == 1
