"""The bare PySide6 app that Checkback's bundle is measured against: one window, one label.

Built by ``bare.spec`` with the same Python, PySide6 and PyInstaller as the app, it is what
PyInstaller makes of a Qt Widgets program with no help; ``.ci/run`` fails when Checkback's
bundle, its own libraries included, comes out bigger. ``--smoke-test`` quits once shown.
"""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

app = QApplication(sys.argv)
label = QLabel("A bare PySide6 window")
label.show()
if "--smoke-test" in sys.argv:
    QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
