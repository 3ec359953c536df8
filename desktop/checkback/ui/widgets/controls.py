"""Small controls every panel builds the same way."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from checkback.storage.faults import StorageError

_ERROR_STYLE = "color: #c0392b; font-weight: bold"


def push_button(text: str, tip: str) -> QPushButton:
    """A button with a tooltip, named for screen readers by its text (without the mnemonic
    and the marks "…", "▾" and "★")."""
    button = QPushButton(text)
    button.setToolTip(tip)
    name = text.replace("&", "").replace("★", "").replace("▾", "").rstrip("…")
    button.setAccessibleName(name.strip())
    return button


def buddy_label(text: str, parent: QWidget, buddy: QWidget) -> QLabel:
    """A label whose mnemonic (the letter after "&") moves the focus to ``buddy``."""
    label = QLabel(text, parent)
    label.setBuddy(buddy)
    return label


def error_label(parent: QWidget) -> QLabel:
    """The line of a form that says what is wrong and what to do (empty until then)."""
    label = QLabel(parent)
    label.setStyleSheet(_ERROR_STYLE)
    label.setWordWrap(True)
    return label


def stored(change: Callable[[], object], say: Callable[[str], None]) -> bool:
    """Make a change; False, saying why through ``say``, when it cannot be stored now."""
    try:
        change()
    except StorageError as fault:
        say(f"Not saved: {fault.message}")
        return False
    return True


def saved(save: Callable[[], object] | None, error: QLabel) -> bool:
    """Run a form's ``save``; True once stored. When the environment stops it, the form says
    so and stays open with everything typed, to be saved again once the fault is fixed."""
    if save is None:
        return True
    try:
        save()
    except StorageError as fault:
        error.setText(f"Not saved: {fault.message} Press the button again once that is "
                      "fixed; what you typed stays here.")
        return False
    return True
