"""The policy reference: a search box, the results as you type, and the reader."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListView,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from checkback.settings import REVIEW_DAYS
from checkback.storage.policy_search import ever_indexed, find_policy_id, load_policy
from checkback.ui.policies.delegate import PolicyResultDelegate
from checkback.ui.policies.model import PolicyListModel, PolicyRole
from checkback.ui.policies.reader import PolicyReader
from checkback.ui.session import Change, Session

if TYPE_CHECKING:
    from checkback.storage.content_index import IndexReport

_MOVE_KEYS = {Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp}
_OPEN_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter}
_SIDE_BY_SIDE_WIDTH = 760


class PolicyPanel(QWidget):
    """Search-as-you-type over the policy index, with the chosen policy shown below.

    Keys: Ctrl+F (here) or Ctrl+Shift+K (anywhere, from the main window) focus the search box;
    Up/Down move through the results without leaving the box; Enter opens; Esc in the reader
    returns to the box.
    """

    status_changed = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None, query: str = "") -> None:
        super().__init__(parent)
        self._conn = conn = session.reader
        self._indexed = ever_indexed(conn)  # on a first start, not until the first pass ends
        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText("Search policies  (Ctrl+Shift+K)")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName("Search policies")
        self.search_box.installEventFilter(self)
        self.summary = QLabel(self)
        self.summary.setAccessibleName("Search summary")
        self.model = PolicyListModel(conn, self)
        self.results = QListView(self)
        self.results.setModel(self.model)
        self.results.setItemDelegate(PolicyResultDelegate(self.results))
        self.results.setAccessibleName("Policies")
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.activated.connect(self._open_index)
        self.reader = PolicyReader(self)
        self.reader.back_requested.connect(self.focus_search)
        self.reader.copied.connect(self.status_changed)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._results_pane())
        self.splitter.addWidget(self.reader)
        self.splitter.setSizes([330, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)
        QShortcut(QKeySequence("Ctrl+F"), self, self.focus_search,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.search_box.setText(query)  # typed before the panel was made: searched once
        self.search_box.textChanged.connect(self._search)
        session.changed.connect(self._data_changed)
        self._settings = session.settings
        self._settings.changed.connect(self._setting_changed)
        self.reader.set_default_review_days(self._settings.get(REVIEW_DAYS))
        self._search(query)

    @Slot()
    def refresh(self) -> None:
        """List again and reload the open policy, after the index changed."""
        self._indexed = True
        self.model.refresh()
        self._after_listing()
        shown = self.reader.policy
        if shown is not None:
            policy_id = find_policy_id(self._conn, shown.policy.source)
            reloaded = None if policy_id is None else load_policy(self._conn, policy_id)
            self.reader.show_policy(reloaded)

    @Slot()
    def focus_search(self) -> None:
        """Put the cursor in the search box with its text selected, ready to type over."""
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def open_policy(self, policy_id: int) -> None:
        """Show the policy with ``policy_id`` in the reader, and the list with it chosen
        (found by its title, so list and reader agree)."""
        policy = load_policy(self._conn, policy_id)
        if policy is not None:
            self.search_box.setText(policy.policy.title)
            row = self.model.row_of(policy_id)
            if row >= 0:
                self._select_row(row)
        self.reader.show_policy(policy)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Narrow (beside a helpdesk): results above the policy; wide: side by side.
        wide = event.size().width() >= _SIDE_BY_SIDE_WIDTH
        self.splitter.setOrientation(Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._search_box_key(event)
        return super().eventFilter(watched, event)

    def _search_box_key(self, event: QKeyEvent) -> bool:
        if event.key() in _MOVE_KEYS:
            self._move_selection(event)
            return True
        if event.key() in _OPEN_KEYS:
            self._open_index(self.results.currentIndex())
            return True
        return False

    def _move_selection(self, event: QKeyEvent) -> None:
        current = self.results.currentIndex()
        if not current.isValid():
            self._select_row(self.model.first_policy_row())
            return
        # The list moves past category rows by itself: hand it the key.
        QListView.keyPressEvent(self.results, event)

    def _select_row(self, row: int) -> None:
        if row >= 0:
            self.results.setCurrentIndex(self.model.index(row))

    @Slot(str)
    def _search(self, text: str) -> None:
        # Search results all have one height; the category rows of the full list do not.
        self.results.setUniformItemSizes(bool(text.strip()))
        self.model.set_query(text)
        self._after_listing()

    def _after_listing(self) -> None:
        if self.model.query.strip():
            self._select_row(self.model.first_policy_row())
        self.summary.setText(self._summary_text())

    def _summary_text(self) -> str:
        if not self._indexed:
            return "Preparing the policy index…"
        count = self.model.hit_count()
        more = "+" if self.model.canFetchMore(QModelIndex()) else ""
        query = self.model.query.strip()
        if not query:
            return f"{count}{more} policies by category" if count else (
                "No policies yet. Add a team folder in Settings, or check Content problems.")
        if not count:
            return "No policy matches. Try fewer or shorter words."
        if self.model.matched_any_word:
            return f"No policy has every word; {count}{more} closest matches"
        return f"{count}{more} matching " + ("policy" if count == 1 else "policies")

    @Slot(object)
    def pass_ended(self, report: IndexReport) -> None:
        """After an index pass: a first one that found nothing to index still ends the
        "Preparing" wait (what changed, the Session announces)."""
        if not report.changed and not self._indexed:
            self.refresh()

    @Slot(object)
    def _data_changed(self, changes: Change) -> None:
        if changes & Change.CONTENT:
            self.refresh()

    @Slot(str)
    def _setting_changed(self, key: str) -> None:
        if key == REVIEW_DAYS.key:
            self.reader.set_default_review_days(self._settings.get(REVIEW_DAYS))

    @Slot(QModelIndex)
    def _open_index(self, index: QModelIndex) -> None:
        policy_id = index.data(PolicyRole.ID) if index.isValid() else None
        if policy_id is None:
            row = self.model.first_policy_row()
            if row < 0:
                return
            index = self.model.index(row)
            self.results.setCurrentIndex(index)
            policy_id = index.data(PolicyRole.ID)
        self.open_policy(int(policy_id))
        self.reader.browser.setFocus(Qt.FocusReason.OtherFocusReason)

    def _results_pane(self) -> QWidget:
        pane = QWidget(self)
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_box)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        return pane
