"""The insights view: which problems keep coming back, so their policies can be reviewed.

For a rolling week, month or quarter it shows resolutions by category against the period
before, how they ended, whether follow-ups kept time, and the categories that recur most,
each linked to its policies.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from checkback.core.html_text import escape_html
from checkback.core.insights import (
    MIN_RECURRING,
    CategoryCount,
    Insights,
    OutcomeCount,
    Period,
    Recurring,
)
from checkback.core.resolutions import Outcome
from checkback.storage.insights import load_insights
from checkback.ui.checklist.step_guide import POLICY_LINK
from checkback.ui.session import Session

DEFAULT_PERIOD = Period.MONTH
_BAR = 10
_PREVIOUS_LINE = 3
_GAP = 3
_ROW_SPACING = 10


class CategoryChart(QWidget):
    """Horizontal bars, one per category: this period's count as a bar, the period before as a
    thin line under it, both counts and the change as text. Drawn in the palette's colours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._counts: tuple[CategoryCount, ...] = ()
        self.setAccessibleName("Resolutions by category")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_counts(self, counts: Sequence[CategoryCount]) -> None:
        """Draw ``counts``, one bar each, in their order."""
        self._counts = tuple(counts)
        self.setAccessibleDescription(
            " ".join(f"{count.name}: {count.comparison}." for count in self._counts))
        self.updateGeometry()
        self.update()

    def counts(self) -> tuple[CategoryCount, ...]:
        """The counts drawn, in their order."""
        return self._counts

    def sizeHint(self) -> QSize:
        return QSize(360, self._height())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        scale = max((max(count.current, count.previous) for count in self._counts), default=1)
        for row, count in enumerate(self._counts):
            self._paint_row(painter, count, row * (self._row_height() + _ROW_SPACING), scale)
        painter.end()

    def _row_height(self) -> int:
        return self.fontMetrics().height() + _GAP + _BAR + 1 + _PREVIOUS_LINE

    def _height(self) -> int:
        rows = len(self._counts)
        return rows * self._row_height() + max(rows - 1, 0) * _ROW_SPACING

    def _paint_row(self, painter: QPainter, count: CategoryCount, top: int, scale: int) -> None:
        metrics = self.fontMetrics()
        width = self.width()
        value_width = metrics.horizontalAdvance(count.comparison)
        name = metrics.elidedText(count.name, Qt.TextElideMode.ElideRight,
                                  max(width - value_width - 12, 0))
        line = QRectF(0, top, width, metrics.height())
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
        painter.drawText(line, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         count.comparison)
        bar_top = top + metrics.height() + _GAP
        painter.fillRect(QRectF(0, bar_top, _length(count.current, scale, width), _BAR),
                         self.palette().color(QPalette.ColorGroup.Active,
                                              QPalette.ColorRole.Highlight))
        faded = self.palette().color(QPalette.ColorRole.WindowText)
        faded.setAlpha(120)
        painter.fillRect(QRectF(0, bar_top + _BAR + 1, _length(count.previous, scale, width),
                                _PREVIOUS_LINE), faded)


class InsightsView(QDialog):
    """A non-modal window of insights over a chosen period.

    ``policy_requested`` carries the id of a policy the agent followed a link to. Call
    ``refresh()`` to count again, for instance when the window is shown again.
    """

    policy_requested = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Insights")
        self.setModal(False)
        self.resize(520, 640)
        self._conn = session.reader
        self._clock = session.now
        self.insights: Insights | None = None
        self._make_widgets()
        self._lay_out()
        self.period_box.currentIndexChanged.connect(self._period_chosen)
        self.recurring.linkActivated.connect(self._follow_link)
        self.refresh()

    @property
    def period(self) -> Period:
        """The period chosen."""
        return Period(self.period_box.currentData())

    @Slot()
    def refresh(self) -> None:
        """Count the chosen period again, ending now, and show it."""
        self.show_insights(load_insights(self._conn, self.period, self._clock()))

    def show_insights(self, insights: Insights) -> None:
        """Show ``insights``; with no resolutions in the period, say so and what to do."""
        self.insights = insights
        self.description.setText(insights.period.description)
        self.summary.setText(insights.summary)
        for widget in self._resolution_widgets:
            widget.setVisible(insights.total > 0)
        self.chart.set_counts(insights.charted)
        self.legend.setText(insights.chart_note)
        self.recurring.setText(_recurring_html(insights.recurring))
        self.estimate.setText(insights.estimate or "")
        self.estimate.setVisible(insights.estimate is not None)
        self._show_outcomes(insights.outcomes)
        self.on_time.setText(insights.follow_ups.summary)
        self.overdue.setText(insights.follow_ups.overdue_text)

    def _make_widgets(self) -> None:
        self.period_box = QComboBox(self)
        self.period_box.setAccessibleName("Period")
        for period in Period:
            self.period_box.addItem(period.label, period.value)
        self.period_box.setCurrentIndex(list(Period).index(DEFAULT_PERIOD))
        self.description = _wrapped(self)
        self.summary = _wrapped(self)
        self.chart = CategoryChart(self)
        self.legend = _wrapped(self)
        self.recurring = _wrapped(self)
        self.recurring.setAccessibleName("Categories that keep coming back")
        self.recurring.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.estimate = _wrapped(self)
        self.estimate.setAccessibleName("Estimate")
        self.estimate.setFrameShape(QFrame.Shape.StyledPanel)
        self.estimate.setMargin(6)
        self.outcome_labels = {outcome: QLabel(self) for outcome in Outcome}
        self.on_time = _wrapped(self)
        self.overdue = _wrapped(self)

    def _lay_out(self) -> None:
        label = QLabel("&Period:", self)
        label.setBuddy(self.period_box)
        chooser = QHBoxLayout()
        chooser.addWidget(label)
        chooser.addWidget(self.period_box)
        chooser.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addLayout(chooser)
        layout.addWidget(self.description)
        layout.addWidget(self._scrolled(self._content()), 1)
        layout.addWidget(buttons)

    def _content(self) -> QWidget:
        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.addWidget(self.summary)
        by_category = _heading("Resolutions by category", content)
        outcomes = _heading("Outcomes", content)
        recurring = _heading("Review these policies", content)
        recurring_note = _wrapped(content, f"The categories that came up most often, at least "
                                           f"{MIN_RECURRING} times each in this period.")
        grid = self._outcome_grid(content)
        for widget in (by_category, self.chart, self.legend, recurring, recurring_note,
                       self.recurring, self.estimate, outcomes, grid):
            layout.addWidget(widget)
        layout.addWidget(_heading("Follow-ups", content))
        layout.addWidget(self.on_time)
        layout.addWidget(self.overdue)
        layout.addStretch(1)
        self._resolution_widgets = (by_category, self.chart, self.legend, recurring,
                                    recurring_note, self.recurring, outcomes, grid)
        return content

    def _outcome_grid(self, parent: QWidget) -> QWidget:
        grid_widget = QWidget(parent)
        grid = QGridLayout(grid_widget)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(2, 1)
        grid.setHorizontalSpacing(16)
        for row, (outcome, label) in enumerate(self.outcome_labels.items()):
            grid.addWidget(QLabel(outcome.label, grid_widget), row, 0)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(label, row, 1)
        return grid_widget

    def _scrolled(self, content: QWidget) -> QScrollArea:
        scroll = QScrollArea(self)
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return scroll

    def _show_outcomes(self, outcomes: Sequence[OutcomeCount]) -> None:
        for outcome in outcomes:
            self.outcome_labels[outcome.outcome].setText(f"{outcome.count} ({outcome.share}%)")

    @Slot(int)
    def _period_chosen(self, _index: int) -> None:
        self.refresh()

    @Slot(str)
    def _follow_link(self, link: str) -> None:
        if link.startswith(POLICY_LINK) and link[len(POLICY_LINK):].isdigit():
            self.policy_requested.emit(int(link[len(POLICY_LINK):]))


def _recurring_html(recurring: Sequence[Recurring]) -> str:
    if not recurring:
        return f"No category came up {MIN_RECURRING} or more times in this period."
    return "".join(_recurring_paragraph(item) for item in recurring)


def _recurring_paragraph(item: Recurring) -> str:
    head = f"<b>{escape_html(item.count.name)}</b>: {escape_html(item.count.comparison)}<br>"
    if not item.policies:
        return f"<p>{head}Review this policy: no policy in this category yet.</p>"
    links = ", ".join(f"<a href='{POLICY_LINK}{policy.policy_id}'>{escape_html(policy.title)}</a>"
                      for policy in item.policies)
    return f"<p>{head}Review this policy: {links}</p>"


def _length(count: int, scale: int, width: int) -> float:
    # A bar for any count above zero stays visible, however long the longest bar.
    return max(width * count / scale, 2.0) if count else 0.0


def _wrapped(parent: QWidget, text: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    label.setContentsMargins(0, 10, 0, 0)
    return label
