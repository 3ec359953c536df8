"""The bar that says, until it is fixed, what stops Checkback from storing the agent's work."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from checkback.ui.session import Session

_LIGHT = ("QLabel { background: #fdecea; color: #7a1c12; border: 1px solid #e6a39b;"
          " padding: 6px; }")
_DARK = ("QLabel { background: #4a1a16; color: #ffd7d1; border: 1px solid #a8473d;"
         " padding: 6px; }")


class _FaultBar(QLabel):
    """A red bar, dark on a dark desktop."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._colour()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            self._colour()

    def _colour(self) -> None:
        dark = QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
        self.setStyleSheet(_DARK if dark else _LIGHT)


def fault_bar(session: Session, parent: QWidget) -> QLabel:
    """A label shown while ``session`` reports a fault, with the fault's words; hidden once
    everything kept is stored."""
    bar = _FaultBar(parent)
    bar.setWordWrap(True)
    bar.setAccessibleName("Not saved")
    bar.setText(session.fault)
    bar.setVisible(bool(session.fault))
    session.fault_changed.connect(bar.setText)
    session.fault_changed.connect(lambda message: bar.setVisible(bool(message)))
    return bar
