"""The start-up baseline: a bare PySide6 main window, timed exactly as the app times itself.

Prints "shown <time.time_ns()>" at the window's first paint (the event the app's
``--exit-when-shown`` reports; offscreen, it comes about 1 ms after a ``QTimer.singleShot(0)``
posted at ``show()``) and quits. With ``--stay`` it keeps running, for memory sampling.
"""

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class FirstPaint(QObject):
    """Prints the time of the first paint, then quits unless told to stay."""

    def __init__(self, stay: bool) -> None:
        super().__init__()
        self.stay = stay

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            print(f"shown {time.time_ns()}", flush=True)
            watched.removeEventFilter(self)
            if not self.stay:
                QTimer.singleShot(0, QApplication.quit)
        return False


def main() -> None:
    """Show a 440 x 760 main window."""
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(440, 760)
    first_paint = FirstPaint("--stay" in sys.argv)
    window.installEventFilter(first_paint)
    window.show()
    app.exec()


if __name__ == "__main__":
    main()
