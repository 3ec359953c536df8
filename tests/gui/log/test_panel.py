"""The resolution log, driven as an agent would: on its own, and in the window for its
shortcuts, tabs and menus."""

import csv
import datetime as dt
import json
import re

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from tests.gui.conftest import stored
from tests.gui.follow_ups.conftest import BERLIN, queue_text, resolve, resolved
from tests.gui.log.conftest import CTRL, SHIFT, quick_log, quick_log_by_key, shown


def test_quick_log_records_and_schedules_without_a_conversation(qtbot, agent, data_dir):
    window = agent
    quick_log_by_key(qtbot, window)
    assert window.tabs.currentWidget() is window.log
    assert shown(window.log) == ["Ines Moreau"]
    model = window.log.model
    assert [model.index(0, c).data() for c in range(1, 7)] == [
        "#7001", "Ines Moreau", "Billing", "Refund", "Accepted reluctantly", "Scheduled"]
    assert stored(data_dir, "SELECT conversation_id, category FROM resolutions") == [
        (None, "Billing")]
    # A refund is followed up the day after it arrives, by e-mail after a chat.
    assert queue_text(window.follow_ups) == ["Upcoming · 1",
                                             "Ines Moreau (#7001)\ne-mail · due Fri 27 Nov 09:00"]


def test_search_as_you_type_finds_the_record_and_says_when_nothing_does(qtbot, agent):
    window, log = agent, agent.log
    resolve(qtbot, window, ticket="4411", name="Dana Reyes")
    quick_log_by_key(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL | SHIFT)
    assert log.search.hasFocus()
    qtbot.keyClicks(log.search, "parc")
    assert shown(log) == ["Dana Reyes"]
    qtbot.keyClick(log.search, Qt.Key.Key_Return)
    assert log.table.hasFocus()
    assert "Parcel arrived late" in log.detail.toPlainText()
    log.search.setText('"twice" OR -( ’🙂')
    assert shown(log) == []
    qtbot.waitUntil(lambda: log.empty.isVisible())
    assert log.count.text() == "0 records"
    log.search.setText("7001")
    assert shown(log) == ["Ines Moreau"]
    log.search.clear()
    qtbot.waitUntil(lambda: log.count.text() == "2 records")


def test_the_search_box_finds_what_people_type_however_the_record_holds_it(qtbot, log):
    # Typed into the form as ASCII (QTest types no other keys), held as the fields show.
    quick_log(qtbot, log, ticket="7001", name="Dana Reyes", problem="Sent to the Straße shop",
              did="Sent again", contact="dana@x.example")
    quick_log(qtbot, log, ticket="7002", name="Ines Moreau", problem="Ｃｈａｒｇｅｄ twice")
    for typed, found in (("strasse", ["Dana Reyes"]), ("charged", ["Ines Moreau"]),
                         ("from:ines", ["Ines Moreau"]), ("title:sent", ["Dana Reyes"])):
        log.search.clear()
        qtbot.keyClicks(log.search, typed)
        assert shown(log) == found, typed


def test_filters_and_sorting(qtbot, shipped, log):
    resolved(shipped, ticket="4411", name="Dana Reyes", kind="credit")
    quick_log(qtbot, log, ticket="7001", name="Ines Moreau")
    quick_log(qtbot, log, ticket="7002", name="Al Bright", kind="exchange", outcome="satisfied")
    log.kind.setCurrentIndex(log.kind.findData("refund"))
    assert shown(log) == ["Ines Moreau"]
    log.kind.setCurrentIndex(0)
    log.outcome.setCurrentIndex(log.outcome.findData("satisfied"))
    assert shown(log) == ["Al Bright", "Dana Reyes"]
    log.outcome.setCurrentIndex(0)
    log.category.setCurrentIndex(log.category.findData("Billing"))
    assert shown(log) == ["Al Bright", "Ines Moreau"]
    log.category.setCurrentIndex(0)
    log.period.setCurrentIndex(log.period.findText("Between dates…"))
    assert log.since.isVisibleTo(log)
    log.since.setDate(dt.date(2026, 11, 24))
    log.until.setDate(dt.date(2026, 11, 30))
    assert shown(log) == []
    log.since.setDate(dt.date(2026, 11, 23))
    assert len(shown(log)) == 3
    log.period.setCurrentIndex(0)
    header = log.table.horizontalHeader()
    click_at = QPoint(header.sectionViewportPosition(2) + 5, 5)  # the "Customer" heading
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=click_at)
    first = shown(log)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=click_at)
    assert {tuple(first), tuple(shown(log))} == {
        ("Al Bright", "Dana Reyes", "Ines Moreau"), ("Ines Moreau", "Dana Reyes", "Al Bright")}
    assert log.model.log_filter.sort == "customer_name"


def test_the_detail_tells_the_conversations_story(shipped, log):
    resolved(shipped, channel="chat")
    text = log.detail.toPlainText()
    assert "#4411 · Dana Reyes" in text and "dana@example.com" in text
    assert "Credited the shipping cost" in text
    for line in ("Conversation started", "Resolved: Credit, customer satisfied",
                 "Follow-up scheduled for tomorrow 10:01"):
        assert line in text


def test_edit_then_delete_and_undo(qtbot, log, follow_ups, desk, data_dir):
    quick_log(qtbot, log)
    log.record_actions.edit_record()
    dialog = log.record_actions.edit_dialog
    dialog.problem.setText("Charged three times")
    dialog.notes.setPlainText("Bank statement seen")
    dialog.accept()
    assert stored(data_dir, "SELECT problem, notes FROM resolutions") == [
        ("Charged three times", "Bank statement seen")]
    log.search.setText("statement")
    assert shown(log) == ["Ines Moreau"]
    log.search.clear()

    log.table.setFocus()
    qtbot.keyClick(log.table, Qt.Key.Key_Delete)
    assert shown(log) == [] and log.undo_button.isVisibleTo(log)
    assert follow_ups.model.total == 0  # its follow-up went with it
    qtbot.keyClick(log.table, Qt.Key.Key_Z, CTRL)
    assert shown(log) == ["Ines Moreau"]
    assert follow_ups.model.total == 1
    qtbot.keyClick(log.table, Qt.Key.Key_Delete)
    desk.close()  # as the app ends
    assert stored(data_dir, "SELECT deleted FROM resolutions") == [(1,)]


def test_a_record_deleted_is_gone_after_a_restart(qtbot, log, desk, open_window, data_dir):
    quick_log(qtbot, log)
    log.record_actions.delete_record()
    desk.close()  # as the app ends
    again = open_window()  # the window purges at start, before any panel is made
    assert shown(again.log) == []
    assert stored(data_dir, "SELECT count(*) FROM resolutions") == [(0,)]
    assert stored(data_dir, "SELECT count(*) FROM follow_ups") == [(0,)]


def test_forget_customer_asks_then_anonymises_every_record(qtbot, log, data_dir):
    quick_log(qtbot, log, ticket="7001", problem="Ines Moreau was charged twice")
    quick_log(qtbot, log, ticket="7002")
    quick_log(qtbot, log, ticket="7003", name="Al Bright", contact="al@x.example")
    log.search.setText("7002")
    log.forget_action.trigger()
    question = log.record_actions.forget_question
    assert "“Ines Moreau”" in question.text() and "2 records" in question.text()
    next(b for b in question.buttons()
         if question.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole).click()
    log.search.clear()
    assert sorted(shown(log)) == ["(forgotten)", "(forgotten)", "Al Bright"]
    assert stored(data_dir, "SELECT count(*) FROM resolutions WHERE contact != ''") == [(1,)]
    assert "Ines" not in str(stored(data_dir, "SELECT * FROM resolutions"))
    log.search.setText("ines")
    assert shown(log) == []


def test_export_the_filtered_records_as_csv_and_json(qtbot, log, tmp_path):
    quick_log(qtbot, log, ticket="7001")
    quick_log(qtbot, log, ticket="7002", name="Al Bright", problem="=SUM(A1) in the note")
    log.search.setText("bright")
    with qtbot.waitSignal(log.record_actions.exported) as done:
        log.record_actions.export_to(str(tmp_path / "log.csv"))
    assert done.args == ["Exported 1 record to log.csv"]
    with open(tmp_path / "log.csv", newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert [row["customer_name"] for row in rows] == ["Al Bright"]
    assert rows[0]["problem"] == "'=SUM(A1) in the note"
    log.search.clear()
    with qtbot.waitSignal(log.record_actions.exported):
        log.record_actions.export_to(str(tmp_path / "log.json"))
    records = json.loads((tmp_path / "log.json").read_text(encoding="utf-8"))
    assert [r["ticket"] for r in records] == ["7002", "7001"]
    assert records[0]["problem"] == "=SUM(A1) in the note"
    with qtbot.waitSignal(log.record_actions.exported) as failed:
        log.record_actions.export_to(str(tmp_path / "missing" / "log.csv"))
    assert failed.args[0].startswith("Not exported:")
    assert not (tmp_path / "missing").exists()


def test_export_for_excel_from_the_dialog_keeps_tickets_as_text(qtbot, log, tmp_path):
    quick_log(qtbot, log, ticket="0070001")
    for name_filter, name in (("CSV for Excel (*.csv)", "excel.csv"),
                              ("CSV table (*.csv)", "plain.csv")):
        log.record_actions.choose_export()
        dialog = log.record_actions.file_dialog
        dialog.selectNameFilter(name_filter)
        dialog.selectFile(str(tmp_path / name))
        with qtbot.waitSignal(log.record_actions.exported) as done:
            dialog.accept()
        assert done.args == [f"Exported 1 record to {name}"]
    assert (tmp_path / "excel.csv").read_bytes().startswith(b"\xef\xbb\xbfid,")
    assert not (tmp_path / "plain.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    with open(tmp_path / "excel.csv", newline="", encoding="utf-8-sig") as file:
        [excel] = list(csv.DictReader(file))
    with open(tmp_path / "plain.csv", newline="", encoding="utf-8") as file:
        [plain] = list(csv.DictReader(file))
    assert (excel["ticket"], plain["ticket"]) == ('="0070001"', "0070001")
    assert excel["resolved_at"] == plain["resolved_at"] == "2026-11-23 10:00"


def test_export_follow_ups_to_a_calendar(shipped, follow_ups, tmp_path):
    from icalendar import Calendar

    resolved(shipped, channel="chat")
    follow_ups.export_calendar(str(tmp_path / "follow-ups.ics"))
    calendar = Calendar.from_ical((tmp_path / "follow-ups.ics").read_text(encoding="utf-8"))
    [event] = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == dt.datetime(2026, 11, 24, 9, 1, tzinfo=dt.UTC)
    assert str(event["summary"]) == "Follow up: Dana Reyes (#4411)"
    assert BERLIN  # the settings' zone made the 10:01 local time above


def test_the_log_and_queue_models_behave(qtmodeltester, qtbot, shipped, log, follow_ups):
    resolved(shipped, channel="chat")
    quick_log(qtbot, log)
    qtmodeltester.check(log.model)
    qtmodeltester.check(follow_ups.model)


def test_insights_open_from_the_menu_and_lead_to_a_policy(qtbot, agent):
    window = agent
    for ticket in ("1", "2", "3"):
        quick_log_by_key(qtbot, window, ticket=ticket, name=f"Customer {ticket}",
                         category="Delivery")
    qtbot.keyClick(window, Qt.Key.Key_I, CTRL | SHIFT)
    view = window.log.insights
    assert view.isVisible()
    assert "Delivery" in view.chart.accessibleDescription()
    link = re.search(r"href='(policy:\d+)'", view.recurring.text()).group(1)
    view.recurring.linkActivated.emit(link)
    assert window.tabs.currentWidget() is window.policy_panel
    assert window.policy_panel.reader.policy.policy_id == int(link.split(":")[1])


def test_forgetting_reaches_open_conversations_and_the_reply_draft(qtbot, agent, data_dir):
    window = agent
    resolve(qtbot, window, ticket="4411", name="Zoë Ångström", channel="chat")
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    start = window.conversation_actions.new_dialog
    start.name.insert("Zoë Ångström")
    qtbot.keyClick(start.name, Qt.Key.Key_Return)  # a second conversation, still open
    window.check_reply()
    window.reply_checker.draft.insertPlainText("Dear Zoë Ångström, sorry.")
    window.show_log()
    window.log.forget_action.trigger()
    question = window.log.record_actions.forget_question
    assert "3 records" in question.text()  # the record, its conversation and the open one
    next(b for b in question.buttons()
         if question.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole).click()
    assert window.checklist.conversation.customer.name == "(forgotten)"
    assert window.reply_checker.draft.toPlainText() == "Dear (forgotten), sorry."
    window.conversation_actions.resolve()
    dialog = window.conversation_actions.resolve_dialog
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("satisfied"))
    dialog.accept()
    window.shutdown()
    assert "Zoë" not in str(stored(data_dir, "SELECT * FROM resolutions"))
    assert "Zoë" not in str(stored(data_dir, "SELECT * FROM drafts"))


def test_a_record_without_a_contact_has_no_dangling_separator(qtbot, log):
    quick_log(qtbot, log, contact="")

    first_line = log.detail.toPlainText().splitlines()[0]

    assert first_line == "#7001 · Ines Moreau"
