"""The follow-up queue, driven as an agent would: on its own, and in the window for its
reminders, the tab's overdue count and the conversation it leads back to."""

import datetime as dt
from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

from checkback.core.follow_ups import FollowUp
from checkback.core.resolutions import ResolutionKind
from checkback.paths import shipped_content_dir
from checkback.settings import (
    AGENT_NAME,
    TIME_ZONE,
    WORK_END,
    WORK_START,
    Settings,
    follow_up_rules,
)
from checkback.ui.settings_dialog import SettingsDialog
from tests.gui.conftest import stored
from tests.gui.follow_ups.conftest import (
    BERLIN,
    PROBLEM,
    Clock,
    choose,
    queue_text,
    resolve,
    resolved,
)


def test_resolve_remind_open_copy_and_mark_done(qtbot, agent, clock, data_dir):
    window, panel = agent, agent.follow_ups
    assert panel.pages.currentIndex() == 1  # the empty state says what will appear
    resolve(qtbot, window, channel="phone", contact="dana@example.com", kind="credit")

    # A day later, in working hours, by e-mail since the customer phoned.
    assert queue_text(panel) == ["Upcoming · 1",
                                 "Dana Reyes (#4411)\ne-mail · due tomorrow 10:01"]
    assert stored(data_dir, "SELECT due_at, channels FROM follow_ups") == [
        ("2026-11-24T09:01:00.000000+00:00", "email")]
    assert window.tabs.tabText(window.tabs.indexOf(panel)) == "Follow-ups"

    # The clock moves on to just before it is due; the reminder fires by itself.
    clock.set(dt.datetime(2026, 11, 24, 10, 0, 59, 500_000, tzinfo=BERLIN))
    window.alerts.reminders.rearm()
    with qtbot.waitSignal(window.alerts.reminders.fell_due, timeout=5000) as fired:
        pass
    assert [item.customer_name for item in fired.args[0]] == ["Dana Reyes"]
    assert window.banner.isVisible()  # no tray here, so the window shows it
    assert "Follow up with Dana Reyes (#4411)" in window.banner.text.text()
    assert window.tabs.tabText(window.tabs.indexOf(panel)) == "Follow-ups (1)"

    qtbot.mouseClick(window.banner.open_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is panel and not window.banner.isVisible()
    assert panel.current.customer_name == "Dana Reyes"
    assert "Overdue · 1" in queue_text(panel)
    assert "by e-mail" in panel.summary.text().lower()

    qtbot.mouseClick(panel.contact.copy_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    assert copied.startswith("Hello Dana Reyes,")
    assert "about the parcel that arrived late" in copied and "Sam Lee" in copied
    assert PROBLEM.lower() not in copied.lower()  # the agent's own summary stays internal
    assert "{" not in copied

    choose(panel.done_button, "Satisfied")
    assert panel.model.total == 0 and panel.pages.currentIndex() == 1
    assert window.tabs.tabText(window.tabs.indexOf(panel)) == "Follow-ups"
    assert stored(data_dir, "SELECT status, result FROM follow_ups") == [("done", "satisfied")]
    assert stored(data_dir, "SELECT follow_up FROM resolutions") == [("satisfied",)]


def test_snooze_moves_it_and_keeps_the_history(qtbot, panel, desk, clock):
    resolved(desk, channel="chat", contact="dana@example.com")
    clock.set(dt.datetime(2026, 11, 24, 11, tzinfo=BERLIN))
    panel.refresh()  # as the reminder timer has the queue read once it fell due
    assert queue_text(panel)[0] == "Overdue · 1"
    choose(panel.snooze_button, "1 hour")
    assert queue_text(panel) == ["Today · 1", "Dana Reyes (#4411)\ne-mail · due today 12:00"]
    choose(panel.snooze_button, "Tomorrow morning")
    assert queue_text(panel)[1].endswith("due tomorrow 09:00")
    lines = panel.history.stringList()
    assert [line.split(" · ")[1] for line in lines] == [
        "Scheduled for today 10:01", "Snoozed for today 12:00", "Snoozed for tomorrow 09:00"]

    qtbot.mouseClick(panel.reschedule_button, Qt.MouseButton.LeftButton)
    dialog = panel.time_dialog
    assert not dialog.note.isVisible()  # tomorrow 09:00 is in working hours
    dialog.when.setDateTime(dt.datetime(2026, 11, 28, 10, 30))  # a Saturday: allowed
    note = dialog.note
    assert note.isVisible() and "outside your working hours" in note.text()
    assert note.height() >= note.heightForWidth(note.width())  # every line of it shown
    dialog.accept()
    assert queue_text(panel) == ["Upcoming · 1",
                                 "Dana Reyes (#4411)\ne-mail · due Sat 28 Nov 10:30"]
    assert panel.history.stringList()[-1].endswith("Rescheduled for Sat 28 Nov 10:30")


def test_a_delivery_waits_until_it_is_received(qtbot, panel, desk, data_dir):
    resolved(desk, kind="replacement", name="Omar", ticket="5120")
    resolved(desk, kind="exchange", name="Ines", ticket="5121", arrives=dt.date(2026, 11, 25))
    assert queue_text(panel) == [
        "Upcoming · 1", "Ines (#5121)\ne-mail · due Thu 26 Nov 09:00",
        "Waiting for delivery · 1", "Omar (#5120)\ne-mail · not received"]
    panel.open_follow_up(panel.model.follow_up_at(3).follow_up_id)
    assert panel.received_button.isVisibleTo(panel) and not panel.snooze_button.isVisibleTo(panel)
    qtbot.mouseClick(panel.received_button, Qt.MouseButton.LeftButton)
    assert queue_text(panel) == [
        "Upcoming · 2", "Omar (#5120)\ne-mail · due tomorrow 09:00",
        "Ines (#5121)\ne-mail · due Thu 26 Nov 09:00"]
    assert stored(data_dir, "SELECT follow_up FROM resolutions ORDER BY id") == [
        ("pending",), ("pending",)]


def test_what_fell_due_while_closed_is_shown_once(qtbot, open_window, agent):
    resolve(qtbot, agent, channel="chat")
    agent.shutdown()
    wednesday = Clock(dt.datetime(2026, 11, 25, 9, tzinfo=BERLIN))
    again = open_window(shipped_content_dir(), clock=wednesday)
    assert again.banner.isVisible()
    assert "fell due while Checkback was closed" in again.banner.text.text()
    again.shutdown()
    third = open_window(shipped_content_dir(), clock=wednesday)
    assert not third.banner.isVisible()  # shown once only
    assert third.tabs.tabText(third.tabs.indexOf(third.follow_ups)) == "Follow-ups (1)"


def test_not_satisfied_offers_a_new_conversation_on_the_same_ticket(qtbot, agent, clock):
    window, panel = agent, agent.follow_ups
    resolve(qtbot, window, channel="chat")
    window.show_follow_ups()
    choose(panel.done_button, "Not satisfied")
    question = panel.reopen_question
    assert "not satisfied" in question.text() and "#4411" in question.text()
    question.button(question.StandardButton.Yes).click()
    dialog = window.conversation_actions.new_dialog
    assert dialog.isVisible() and window.tabs.currentWidget() is window.checklist
    assert (dialog.ticket.text(), dialog.name.text()) == ("4411", "Dana Reyes")
    assert dialog.contact.text() == "dana@example.com"


def test_cancel_needs_a_reason_and_keeps_it(qtbot, panel, desk, data_dir):
    resolved(desk, channel="chat")
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    dialog = panel.reason_dialog
    dialog.accept()
    assert dialog.isVisible() and "Say why" in dialog.error.text()
    qtbot.keyClicks(dialog.reason, "Customer asked not to be contacted")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert panel.model.total == 0
    assert stored(data_dir, "SELECT status, reason FROM follow_ups") == [
        ("cancelled", "Customer asked not to be contacted")]


def test_by_email_and_phone_shows_the_number_and_a_call_script(qtbot, panel, desk):
    resolved(desk, channel="email", contact="+44 20 7946 0000")
    contact = panel.contact
    assert contact.phone_box.isVisibleTo(panel) and contact.email_box.isVisibleTo(panel)
    assert "+44 20 7946 0000" in contact.number.text()
    assert contact.script.toPlainText().startswith("Hello, could I speak to Dana Reyes?")
    assert not contact.mail_button.isEnabled()  # no address known
    qtbot.mouseClick(contact.number_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == "+44 20 7946 0000"


def test_a_call_shows_its_whole_script_under_the_number_and_copies_it(qtbot, panel, desk):
    desk.settings.set(AGENT_NAME, "")
    resolved(desk, channel="phone", contact="+44 20 7946 0000")
    contact = panel.contact
    assert contact.phone_box.isVisibleTo(panel) and not contact.email_box.isVisibleTo(panel)
    script = contact.script
    assert script.verticalScrollBar().maximum() == 0  # the whole script, no scrolling
    number_bottom = contact.number.mapTo(panel, contact.number.rect().bottomLeft()).y()
    script_top = script.mapTo(panel, script.rect().topLeft()).y()
    assert script_top - number_bottom < 3 * script.fontMetrics().height()  # no empty gap
    statuses = []
    contact.status_changed.connect(statuses.append)
    qtbot.mouseClick(contact.script_button, Qt.MouseButton.LeftButton)
    form = contact.copier.form
    assert form is not None  # the agent's name is missing: asked before copying
    qtbot.keyClicks(form.field("{agent_name}"), "Sam")
    form.accept()
    copied = QApplication.clipboard().text()
    assert copied.startswith("Hello, could I speak to Dana Reyes? This is Sam from")
    assert "{" not in copied and statuses[-1] == "Copied “Call script”"


class MailCatcher(QObject):
    """Stands in for the e-mail program: keeps each mailto: URL it is asked to open."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        """Keep ``url``, as the e-mail program would open it."""
        self.urls.append(url)


def test_open_in_email_fills_the_message_first(qtbot, panel, desk):
    desk.settings.set(AGENT_NAME, "")
    resolved(desk, channel="chat")
    catcher = MailCatcher()
    QDesktopServices.setUrlHandler("mailto", catcher, "open")
    try:
        qtbot.mouseClick(panel.contact.mail_button, Qt.MouseButton.LeftButton)
        form = panel.contact.copier.form
        assert form is not None  # the agent's name is missing: asked before opening
        qtbot.keyClicks(form.field("{agent_name}"), "Sam")
        form.accept()
    finally:
        QDesktopServices.unsetUrlHandler("mailto")
    url = urlsplit(catcher.urls[0].toString(QUrl.ComponentFormattingOption.FullyEncoded))
    assert url.scheme == "mailto" and url.path == "dana@example.com"
    query = parse_qs(url.query)
    assert query["subject"] == ["Following up on your case 4411"]
    assert query["body"][0].startswith("Hello Dana Reyes,") and "\nSam\n" in query["body"][0]


def test_working_hours_and_waits_are_settings(qtbot, panel, desk, data_dir):
    resolved(desk, channel="chat")
    dialog = SettingsDialog(desk.settings, panel)  # as File → Settings opens it
    dialog.open()
    group = dialog.follow_ups
    assert group.arrival_days.text() == "1 day" and group.after_hours.text() == "24 hours"
    group.after_hours.setValue(48)
    group.days[0].setChecked(False)  # no Mondays
    group.days[5].setChecked(True)  # Saturdays
    group.start.setTime(group.start.time().fromString("08:30", "HH:mm"))
    group.zone.setCurrentText("America/New_York")
    dialog.accept()
    rules = follow_up_rules(Settings(data_dir))
    assert rules.after_hours[ResolutionKind.CREDIT] == 48
    assert rules.hours.days == frozenset({1, 2, 3, 4, 5})
    assert rules.hours.start == dt.time(8, 30) and str(rules.hours.zone) == "America/New_York"
    assert queue_text(panel)[1].endswith("due tomorrow 04:01")  # shown in the new zone


def test_unreadable_follow_up_settings_fall_back_to_the_defaults(data_dir):
    settings = Settings(data_dir)
    settings.set(WORK_START, "late")
    settings.set(WORK_END, "07:00")
    settings.set(TIME_ZONE, "Mars/Olympus")
    rules = follow_up_rules(settings)
    assert (rules.hours.start, rules.hours.end) == (dt.time(9), dt.time(17))
    assert rules.hours.zone is not None and str(rules.hours.zone) != "Mars/Olympus"


def test_at_midnight_today_and_upcoming_move_on(qtbot, agent, clock):
    window = agent
    resolve(qtbot, window, channel="chat")
    assert queue_text(window.follow_ups)[0] == "Upcoming · 1"
    clock.set(dt.datetime(2026, 11, 24, 0, 0, 30, tzinfo=BERLIN))
    window.alerts.reminders.check()  # the timer's next wake
    assert queue_text(window.follow_ups) == ["Today · 1",
                                             "Dana Reyes (#4411)\ne-mail · due today 10:01"]


def test_an_edited_message_survives_a_reminder_and_names_are_shown_as_text(qtbot, agent,
                                                                            clock):
    window, panel = agent, agent.follow_ups
    resolve(qtbot, window, channel="chat", name="<b>Al</b> & Co", ticket="1")
    resolve(qtbot, window, channel="chat", name="Dana Reyes", ticket="2")
    window.show_follow_ups()
    panel.contact.message.setPlainText("Hello Al, my own words.")
    clock.set(dt.datetime(2026, 11, 24, 11, tzinfo=BERLIN))
    window.alerts.reminders.check()  # both fall due: the queue is read again
    assert panel.contact.message.toPlainText() == "Hello Al, my own words."
    assert "&lt;b&gt;Al&lt;/b&gt; &amp; Co" in window.banner.text.text()


def test_an_empty_calendar_export_is_refused_and_writes_nothing(qtbot, panel, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with qtbot.waitSignal(panel.status_changed) as said:
        panel.choose_calendar_export()
    assert said.args[0].startswith("Nothing to export: no follow-up has a due time")
    assert panel.file_dialog is None  # not asked where to save nothing
    with qtbot.waitSignal(panel.status_changed) as said:
        panel.export_calendar(str(out / "follow-ups.ics"))
    assert "No file was written" in said.args[0]
    assert list(out.iterdir()) == []


def test_re_exporting_the_calendar_keeps_each_uid_and_marks_changes(qtbot, panel, desk,
                                                                    tmp_path):
    from icalendar import Calendar

    def export(name: str) -> dict[str, tuple[str, int, str]]:
        with qtbot.waitSignal(panel.status_changed) as said:
            panel.export_calendar(str(tmp_path / name))
        calendar = Calendar.from_ical((tmp_path / name).read_text(encoding="utf-8"))
        events = {str(e["summary"]): (str(e["uid"]), int(e["sequence"]), str(e["status"]))
                  for e in calendar.walk("VEVENT")}
        return events | {"said": (said.args[0], 0, "")}

    resolved(desk, channel="chat", ticket="4411", name="Dana Reyes")
    resolved(desk, channel="chat", ticket="4412", name="Omar Haddad")
    first = export("first.ics")
    dana, omar = "Follow up: Dana Reyes (#4411)", "Follow up: Omar Haddad (#4412)"
    assert first[dana][1:] == first[omar][1:] == (0, "CONFIRMED")
    assert first["said"][0] == "Exported 2 follow-ups to first.ics"
    open_ticket(panel, "4411")
    choose(panel.snooze_button, "1 hour")
    open_ticket(panel, "4412")
    choose(panel.done_button, "Satisfied")
    second = export("second.ics")
    assert second[dana] == (first[dana][0], 1, "CONFIRMED")  # snoozed once
    assert second[omar] == (first[omar][0], 1, "CANCELLED")  # done: calendars drop it
    assert second["said"][0] == ("Exported 1 follow-up (and 1 closed, marked cancelled) to "
                                 "second.ics")


def open_ticket(panel, ticket: str) -> None:
    """Choose the follow-up on ``ticket`` in the queue."""
    items = (panel.model.follow_up_at(row) for row in range(panel.model.rowCount()))
    panel.open_follow_up(next(i for i in items if i and i.ticket == ticket).follow_up_id)
    assert panel.current.ticket == ticket


def test_the_message_never_quotes_the_agents_summary() -> None:
    from checkback.ui.follow_ups.contact import customer_issue

    item = FollowUp(1, 1, None, ("email",), None, "pending", "7", "", "Dana", "chat", "",
                    "Lost parcel", "tracking stuck 6 days, wanted refund and a manager",
                    "Refunded", "refund", dt.datetime(2026, 11, 20, tzinfo=BERLIN))

    assert customer_issue(item) == "lost parcel"
    assert customer_issue(replace(item, customer_words="The parcel that never came")) == (
        "the parcel that never came")
    assert customer_issue(replace(item, category="")) == "your recent request"


def test_the_message_shows_the_name_and_company_set_after_it_opened(qtbot, agent, clock):
    window, panel = agent, agent.follow_ups
    window.settings.set(AGENT_NAME, "")
    resolve(qtbot, window, channel="phone", contact="dana@example.com", kind="credit")
    clock.set(dt.datetime(2026, 11, 25, 10, 0, tzinfo=BERLIN))
    panel.refresh()
    assert "{agent_name}" in panel.contact.message.toPlainText()

    window.settings.set(AGENT_NAME, "Sam Lee")

    assert "{agent_name}" not in panel.contact.message.toPlainText()
    assert "Sam Lee" in panel.contact.message.toPlainText()
