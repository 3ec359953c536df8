"""Light or dark, as the system is set.

Qt follows the system's colour scheme on macOS and Linux, and on Windows with its
Windows 11 style. The older Windows style (Windows 10) has no dark colours: there, when
the system is dark, Checkback switches to Fusion, which takes the system's dark palette.
Panels that colour their own text read the palette, so they follow either way.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QApplication

_NO_DARK_STYLES = frozenset({"windowsvista", "windows"})


def style_for_scheme(platform: str, style: Callable[[], str],
                     scheme: Qt.ColorScheme) -> str | None:
    """The style to switch to for ``scheme`` on ``platform`` (``sys.platform``) with the
    current style (named by ``style``, asked only on a dark Windows: making Python's view of
    the style costs 10 ms), or None when the current one already shows it."""
    if platform == "win32" and scheme == Qt.ColorScheme.Dark and style() in _NO_DARK_STYLES:
        return "Fusion"
    return None


def follow_the_system_scheme(app: QApplication) -> None:
    """Use a style that shows the system's scheme now and whenever it changes."""
    if sys.platform != "win32":  # elsewhere every style follows the scheme itself
        return

    @Slot()
    def apply() -> None:
        style = style_for_scheme(sys.platform, lambda: app.style().name().lower(),
                                 app.styleHints().colorScheme())
        if style is not None:
            app.setStyle(style)

    apply()
    app.styleHints().colorSchemeChanged.connect(apply)
