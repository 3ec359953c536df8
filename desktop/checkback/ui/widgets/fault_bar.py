"""The bar that says, until it is fixed, what stops Checkback from storing the agent's work."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from checkback.ui.session import Session

_STYLE = ("QLabel { background: #fdecea; color: #7a1c12; border: 1px solid #e6a39b;"
          " padding: 6px; }")


def fault_bar(session: Session, parent: QWidget) -> QLabel:
    """A label shown while ``session`` reports a fault, with the fault's words; hidden once
    everything kept is stored."""
    bar = QLabel(parent)
    bar.setWordWrap(True)
    bar.setStyleSheet(_STYLE)
    bar.setAccessibleName("Not saved")
    bar.setText(session.fault)
    bar.setVisible(bool(session.fault))
    session.fault_changed.connect(bar.setText)
    session.fault_changed.connect(lambda message: bar.setVisible(bool(message)))
    return bar
