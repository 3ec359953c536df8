"""Tabs whose panels are made the first time they are shown or asked for.

Start-up builds only the first panel; each other tab holds an empty page until the agent
opens it (or a command needs its panel), so neither its code nor its widgets cost anything
before then.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QTabWidget, QWidget


class LazyTabs(QTabWidget):
    """A tab widget of named panels, each made by its maker on first use; ``made_panel``
    carries each panel as it is made."""

    made_panel = Signal(QWidget)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names: list[str] = []
        self._makers: dict[str, Callable[[], QWidget]] = {}
        self._panels: dict[str, QWidget] = {}
        self.currentChanged.connect(self._shown)

    def add_panel(self, name: str, title: str, make: Callable[[], QWidget]) -> int:
        """Add a tab for the panel ``name``, made by ``make`` when first needed; its index."""
        self._names.append(name)
        self._makers[name] = make
        return self.addTab(QWidget(self), title)

    def panel(self, name: str) -> QWidget:
        """The panel ``name``, made (and put in its tab) now if it was not yet."""
        if (panel := self._panels.get(name)) is not None:
            return panel
        self._panels[name] = panel = self._makers[name]()
        self._put_in_tab(self._names.index(name), panel)
        self.made_panel.emit(panel)
        return panel

    def made(self, name: str) -> QWidget | None:
        """The panel ``name`` if it has been made, else None (nothing is made)."""
        return self._panels.get(name)

    def index_of(self, name: str) -> int:
        """The tab index of the panel ``name``."""
        return self._names.index(name)

    def show_panel(self, name: str) -> None:
        """Bring the panel ``name`` forward, making it first if needed."""
        self.setCurrentWidget(self.panel(name))

    def _put_in_tab(self, index: int, panel: QWidget) -> None:
        placeholder, current = self.widget(index), self.currentIndex()
        title, tip = self.tabText(index), self.tabToolTip(index)
        self.blockSignals(True)  # the swap is no change of tab
        try:
            self.removeTab(index)
            self.insertTab(index, panel, title)
            self.setTabToolTip(index, tip)
            self.setCurrentIndex(current)
        finally:
            self.blockSignals(False)
        if placeholder is not None:
            placeholder.deleteLater()

    @Slot(int)
    def _shown(self, index: int) -> None:
        if 0 <= index < len(self._names):
            self.panel(self._names[index])
