"""Copying a phrase: fill its placeholders, ask for what is missing, never copy half-filled."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from checkback.core.placeholders import fill
from checkback.ui.clipboard import COPY_FAILED, copy_to_clipboard
from checkback.ui.placeholder_form import PlaceholderForm


class PhraseCopier(QObject):
    """Puts filled phrases on the clipboard.

    ``status_changed`` says what happened ("Copied …", or why nothing was copied);
    ``copied`` carries the text that reached the clipboard.
    """

    status_changed = Signal(str)
    copied = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self.form: PlaceholderForm | None = None
        self._pending: tuple[str, str, str, Mapping[str, str], dt.date] | None = None

    def copy(self, title: str, text: str, html_text: str, values: Mapping[str, str],
             today: dt.date) -> bool:
        """Copy ``text`` filled from ``values``; returns False when the form had to ask first."""
        filled = fill(text, values, today)
        if not filled.complete:
            self._pending = (title, text, html_text, values, today)
            self.form = PlaceholderForm(list(filled.missing), title, self._parent)
            self.form.accepted.connect(self._answered)
            self.form.rejected.connect(self._cancelled)
            self.form.open()
            return False
        self._put(title, filled.text, self._filled_html(html_text, values, today, {}))
        return True

    @Slot()
    def _answered(self) -> None:
        assert self.form is not None and self._pending is not None
        answers = self.form.answers()
        title, text, html_text, values, today = self._pending
        self._forget_form()
        filled = fill(text, values, today, answers)
        if not filled.complete:  # the form asks for every gap, so this is a bug
            self.status_changed.emit("Not copied: a placeholder is still empty.")
            return
        self._put(title, filled.text, self._filled_html(html_text, values, today, answers))

    @Slot()
    def _cancelled(self) -> None:
        self._forget_form()
        self.status_changed.emit("Not copied: the phrase still has gaps to fill.")

    def _forget_form(self) -> None:
        if self.form is not None:
            self.form.deleteLater()
        self.form = None
        self._pending = None

    def _put(self, title: str, text: str, html_text: str) -> None:
        if copy_to_clipboard(text, html_text):
            self.status_changed.emit(f"Copied “{title}”")
            self.copied.emit(text)
        else:
            self.status_changed.emit(COPY_FAILED)

    @staticmethod
    def _filled_html(html_text: str, values: Mapping[str, str], today: dt.date,
                     answers: Mapping[str, str]) -> str:
        if not html_text:
            return ""
        escaped = {key: html.escape(value) for key, value in values.items()}
        filled = fill(html_text, escaped, today,
                      {key: html.escape(value) for key, value in answers.items()})
        return filled.text if filled.complete else ""
