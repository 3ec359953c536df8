import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from checkback.core.insights import CategoryCount, Period
from checkback.core.resolutions import Outcome
from checkback.storage.database import iso
from checkback.ui.log.insights import CategoryChart, InsightsView

NOW = dt.datetime(2026, 11, 23, 15, tzinfo=dt.UTC)


@pytest.fixture
def database(session):
    """The Session's writer and reader, at ``NOW`` by its clock."""
    session.clock = lambda: NOW
    return session.writer, session.reader


@pytest.fixture
def open_view(qtbot, session, database):
    """Opens the insights view on the Session, counted as it opens."""
    def open_it() -> InsightsView:
        view = InsightsView(session)
        qtbot.addWidget(view)
        return view

    return open_it


def resolve(writer, category: str, days_ago: float, outcome: str = "satisfied") -> int:
    """Store a refund in ``category`` resolved ``days_ago`` before ``NOW``; returns its id."""
    cursor = writer.execute(
        "INSERT INTO resolutions (category, kind, outcome, resolved_at)"
        " VALUES (?, 'refund', ?, ?)", (category, outcome, iso(NOW - dt.timedelta(days=days_ago))))
    return int(cursor.lastrowid)


@pytest.fixture
def records(database):
    """Delivery recurs this week and last; Returns only earlier in the month."""
    writer = database[0]
    for days in (1, 2, 3, 4, 9):
        resolve(writer, "Delivery", days, "escalated" if days == 1 else "satisfied")
    for days in (10, 11, 12, 20):
        resolve(writer, "Returns", days)
    first = resolve(writer, "Returns", 13)
    writer.execute("INSERT INTO follow_ups (resolution_id, status, due_at, channels, created_at,"
                   " closed_at) VALUES (?, 'done', ?, 'email', ?, ?)",
                   (first, iso(NOW - dt.timedelta(days=5)), iso(NOW - dt.timedelta(days=13)),
                    iso(NOW - dt.timedelta(days=4.5))))
    policy = writer.execute("INSERT INTO policies (path, title, category) VALUES"
                            " ('/p/late.md', 'Late delivery', 'delivery')").lastrowid
    refunds = writer.execute("INSERT INTO policies (path, title, category) VALUES"
                             " ('/p/refunds.md', 'Refunds', 'Returns')").lastrowid
    return {"late delivery": policy, "refunds": refunds}


def test_a_month_shows_categories_against_the_month_before(open_view, records):
    view = open_view()
    assert view.period_box.currentText() == "Month"
    assert view.description.text() == "Last 30 days, against the 30 days before"
    assert view.summary.text() == "10 resolutions in the last 30 days; 0 in the 30 days before."
    assert view.chart.counts() == (CategoryCount("Delivery", 5, 0),
                                   CategoryCount("Returns", 5, 0))
    assert view.chart.accessibleDescription() == "Delivery: 5 (new). Returns: 5 (new)."
    assert view.outcome_labels[Outcome.ESCALATED].text() == "1 (10%)"
    assert view.outcome_labels[Outcome.SATISFIED].text() == "9 (90%)"
    assert view.on_time.text() == "1 of 1 due in this period done on time (100%)"
    assert view.overdue.text() == "None overdue now."
    assert "5 complaints about Delivery may stand for roughly 130 more" in view.estimate.text()


def test_choosing_the_week_by_keyboard_counts_again(qtbot, open_view, records):
    view = open_view()
    view.show()
    qtbot.waitExposed(view)
    view.period_box.setFocus()
    qtbot.keyClick(view.period_box, Qt.Key.Key_Up)
    assert view.period is Period.WEEK
    assert view.description.text() == "Last 7 days, against the 7 days before"
    assert view.chart.counts() == (CategoryCount("Delivery", 4, 1),
                                   CategoryCount("Returns", 0, 4))
    assert view.chart.accessibleDescription() == (
        "Delivery: 4 (was 1, +3). Returns: 0 (was 4, \N{MINUS SIGN}4).")
    assert view.chart.sizeHint().height() > 2 * view.fontMetrics().height()
    assert "Review this policy: " in view.recurring.text()
    assert "Returns" not in view.recurring.text()


def test_following_a_policy_link_by_keyboard_requests_that_policy(qtbot, open_view, records):
    view = open_view()
    view.show()
    qtbot.waitExposed(view)
    view.recurring.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(view.recurring, Qt.Key.Key_Tab)
    assert view.recurring.selectedText() == "Late delivery"
    qtbot.keyClick(view.recurring, Qt.Key.Key_Tab)
    assert view.recurring.selectedText() == "Refunds"
    with qtbot.waitSignal(view.policy_requested) as requested:
        qtbot.keyClick(view.recurring, Qt.Key.Key_Return)
    assert requested.args == [records["refunds"]]


def test_a_category_without_a_policy_says_so(open_view, database):
    for days in (1, 2, 3):
        resolve(database[0], "Warranty", days)
    view = open_view()
    assert view.recurring.text() == (
        "<p><b>Warranty</b>: 3 (new)<br>Review this policy: no policy in this category yet.</p>")


def test_an_empty_period_says_so_and_hides_the_chart(open_view, database):
    resolve(database[0], "Delivery", 10)
    view = open_view()
    view.period_box.setCurrentIndex(0)
    assert view.summary.text() == ("No resolutions in the last 7 days. Resolve a conversation "
                                   "or use Quick log, and they'll show here.")
    assert view.chart.isHidden()
    assert view.estimate.isHidden()
    assert view.on_time.text() == "No follow-ups fell due in this period."


def test_escape_closes_the_view(qtbot, open_view, records):
    view = open_view()
    view.show()
    qtbot.waitExposed(view)
    qtbot.keyClick(view.period_box, Qt.Key.Key_Escape)
    assert not view.isVisible()


def test_refresh_counts_what_was_added_since(open_view, database):
    view = open_view()
    assert view.insights.total == 0
    resolve(database[0], "Delivery", 1)
    view.refresh()
    assert view.chart.counts() == (CategoryCount("Delivery", 1, 0),)
    assert not view.chart.isHidden()


def test_the_chart_draws_bars_to_scale_in_the_palette_colours(qtbot):
    chart = CategoryChart()
    qtbot.addWidget(chart)
    palette = chart.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#f0f0f0"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#ff8800"))
    chart.setPalette(palette)
    chart.setAutoFillBackground(True)
    chart.set_counts([CategoryCount("Delivery", 4, 2), CategoryCount("Returns", 2, 0)])
    chart.resize(400, chart.sizeHint().height())
    image = chart.grab().toImage()
    row = (chart.sizeHint().height() + 10) // 2
    bar_middle = chart.fontMetrics().height() + 3 + 5  # the name, a 3 px gap, half a bar

    def bar_length(top: int) -> int:
        return sum(image.pixelColor(x, top + bar_middle) == QColor("#ff8800")
                   for x in range(image.width()))

    assert bar_length(0) == 400
    assert bar_length(row) == 200
