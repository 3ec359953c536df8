"""Putting text on the system clipboard, and making sure it arrived."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

COPY_FAILED = ("Not copied: another program is holding the clipboard. Try again in a moment.")


def copy_to_clipboard(text: str, html: str = "") -> bool:
    """Put ``text`` (and ``html``, for rich-text editors) on the clipboard.

    Returns False when reading the clipboard back does not give ``text``: another program
    held the clipboard and the copy did not happen.
    """
    mime = QMimeData()
    mime.setText(text)
    if html:
        mime.setHtml(html)
    clipboard = QGuiApplication.clipboard()
    clipboard.setMimeData(mime)
    return _same(clipboard.text(), text)


def _same(found: str, wanted: str) -> bool:
    return found.replace("\r\n", "\n") == wanted.replace("\r\n", "\n")
