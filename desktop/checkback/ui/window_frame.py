"""The main window's frame: the size it first opens at, and its icon."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication, QIcon

from checkback.paths import resources_dir

DEFAULT_SIZE = (440, 760)
_FRAME_ALLOWANCE = 40  # a title bar and frame, which the size given does not count


def fitting_size(area: QRect | None) -> tuple[int, int]:
    """The first size of the window: tall and narrow, but never taller than the screen's
    free ``area`` (at 150 % on a 1080p screen, 760 points would hide Resolve and the status
    line), its frame and title bar included."""
    width, height = DEFAULT_SIZE
    if area is None:
        return width, height
    return min(width, area.width()), min(height, area.height() - _FRAME_ALLOWANCE)


def first_size() -> tuple[int, int]:
    """The first size of the window on the primary screen (see ``fitting_size``)."""
    screen = QGuiApplication.primaryScreen()
    return fitting_size(screen.availableGeometry() if screen is not None else None)


def app_icon() -> QIcon:
    """The application icon: the .ico's images, 16 to 256 px, drawn from the SVG by
    packaging/make_icons.py (the SVG itself would load Qt's SVG module and icon engine at
    every start, half a megabyte more)."""
    return QIcon(str(resources_dir() / "icons" / "checkback.ico"))
