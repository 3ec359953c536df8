"""Small controls every panel builds the same way."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton


def push_button(text: str, tip: str) -> QPushButton:
    """A button with a tooltip, named for screen readers by its text (without the mnemonic
    and the marks "…", "▾" and "★")."""
    button = QPushButton(text)
    button.setToolTip(tip)
    name = text.replace("&", "").replace("★", "").replace("▾", "").rstrip("…")
    button.setAccessibleName(name.strip())
    return button
