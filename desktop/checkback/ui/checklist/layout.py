"""How the checklist panel is laid out: its views, its two pages and the top row."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from checkback.ui.widgets.controls import push_button

if TYPE_CHECKING:
    from checkback.ui.checklist.panel import ChecklistPanel

_EMPTY_TEXT = ("No conversation open.\n\nPress Ctrl+N to start one: the ticket or the "
               "customer's name is all it needs. The steps, what to say and your parameters "
               "follow here.")
_MOST_ROWS_FITTED = 9  # three rounds; beyond that the earlier rounds scroll


def step_view(panel: ChecklistPanel) -> QTreeView:
    """The steps of every round, the current round open; digits and Space check them."""
    view = QTreeView(panel)
    view.setModel(panel.steps)
    view.setHeaderHidden(True)
    view.setRootIsDecorated(True)
    view.setAccessibleName("Steps")
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.installEventFilter(panel.keys)
    return view


def fit_rows(view: QTreeView, rows: int) -> None:
    """Make ``view`` at least tall enough for ``rows`` rows (up to ``_MOST_ROWS_FITTED``)."""
    row_height = max(view.sizeHintForRow(0), view.fontMetrics().height())
    view.setMinimumHeight(row_height * min(rows, _MOST_ROWS_FITTED) + 2 * view.frameWidth())


def phrase_view(panel: ChecklistPanel) -> QListView:
    """The phrases for the step selected; Enter or a click copies one."""
    view = QListView(panel)
    view.setModel(panel.phrases)
    view.setWordWrap(True)
    view.setSpacing(2)
    view.setAlternatingRowColors(True)
    view.setAccessibleName("Phrases for this step")
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.installEventFilter(panel.keys)
    return view


def top_row(panel: ChecklistPanel) -> QHBoxLayout:
    """The conversation switcher and New."""
    row = QHBoxLayout()
    label = QLabel("Conversat&ion:", panel)
    label.setBuddy(panel.switcher)
    row.addWidget(label)
    row.addWidget(panel.switcher, 1)
    row.addWidget(panel.new_button)
    return row


def empty_page(panel: ChecklistPanel) -> QWidget:
    """What shows while no conversation is open: what to do."""
    page = QWidget(panel)
    text = QLabel(_EMPTY_TEXT, page)
    text.setWordWrap(True)
    text.setAlignment(Qt.AlignmentFlag.AlignCenter)
    start = push_button("Start a conversation", "Ctrl+N")
    start.clicked.connect(panel.new_requested)
    layout = QVBoxLayout(page)
    layout.addStretch(1)
    layout.addWidget(text)
    layout.addWidget(start, 0, Qt.AlignmentFlag.AlignHCenter)
    layout.addStretch(2)
    return page


def conversation_page(panel: ChecklistPanel) -> QWidget:
    """Details, steps, guidance, phrases, the note, and Another round and Resolve."""
    page = QWidget(panel)
    splitter = QSplitter(Qt.Orientation.Vertical, page)
    splitter.setChildrenCollapsible(False)
    splitter.addWidget(panel.step_list)
    splitter.addWidget(panel.guide)
    splitter.addWidget(_labelled(panel, "&Phrases (Enter or click copies)", panel.phrase_list))
    splitter.setSizes([120, 300, 200])
    buttons = QHBoxLayout()
    buttons.addWidget(panel.round_button)
    buttons.addStretch(1)
    buttons.addWidget(panel.resolve_button)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(panel.details)
    layout.addWidget(splitter, 1)
    layout.addWidget(_labelled(panel, "No&te", panel.note))
    layout.addLayout(buttons)
    return page


def _labelled(panel: ChecklistPanel, text: str, widget: QWidget) -> QWidget:
    box = QWidget(panel)
    label = QLabel(text, box)
    label.setBuddy(widget)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(label)
    layout.addWidget(widget)
    return box
