"""Copying a phrase: fill its placeholders, ask for what is missing, never copy half-filled."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from checkback.core.html_text import escape_html
from checkback.core.placeholders import fill
from checkback.ui.widgets.clipboard import COPY_FAILED, copy_to_clipboard
from checkback.ui.widgets.placeholder_form import PlaceholderForm


class PhraseCopier(QObject):
    """Puts filled phrases on the clipboard.

    ``status_changed`` says what happened ("Copied …", or why nothing was copied);
    ``copied`` carries the text that reached the clipboard.
    """

    status_changed = Signal(str)
    copied = Signal(str)

    def __init__(self, parent: QWidget,
                 remember: Callable[[Mapping[str, str]], None] | None = None) -> None:
        super().__init__(parent)
        self._parent = parent
        self._remember = remember  # keeps answers worth keeping (the agent's own name)
        self.form: PlaceholderForm | None = None
        self._pending: tuple[str, Mapping[str, str], dt.date,
                             Callable[[str, Mapping[str, str]], None], str] | None = None

    def copy(self, title: str, text: str, html_text: str, values: Mapping[str, str],
             today: dt.date) -> bool:
        """Copy ``text`` filled from ``values``; returns False when the form had to ask first."""
        return self.fill(title, text, html_text, values, today,
                         lambda filled, filled_html: self._put(title, filled, filled_html),
                         "Not copied")

    def fill(self, title: str, text: str, html_text: str, values: Mapping[str, str],
             today: dt.date, then: Callable[[str, str], None], refusal: str) -> bool:
        """Fill a phrase's text and HTML and pass both to ``then``, as ``complete`` does."""
        def both(filled: str, answers: Mapping[str, str]) -> None:
            then(filled, self._filled_html(html_text, values, today, answers))

        return self.complete(title, text, values, today, both, refusal)

    def complete(self, title: str, text: str, values: Mapping[str, str], today: dt.date,
                 then: Callable[[str, Mapping[str, str]], None], refusal: str) -> bool:
        """Fill ``text`` and pass it, with the agent's answers, to ``then``: at once when
        nothing is missing (returns True), else once the form is answered. Cancelling the
        form says ``refusal`` and does nothing."""
        filled = fill(text, values, today)
        if filled.complete:
            then(filled.text, {})
            return True
        self._pending = (text, values, today, then, refusal)
        self.form = PlaceholderForm(list(filled.missing), title, self._parent)
        self.form.accepted.connect(self._answered)
        self.form.rejected.connect(self._cancelled)
        self.form.open()
        return False

    @Slot()
    def _answered(self) -> None:
        assert self.form is not None and self._pending is not None
        answers = self.form.answers()
        if self._remember is not None:
            self._remember(answers)
        text, values, today, then, refusal = self._pending
        self._forget_form()
        filled = fill(text, values, today, answers)
        if not filled.complete:  # the form asks for every gap, so this is a bug
            self.status_changed.emit(f"{refusal}: a placeholder is still empty.")
            return
        then(filled.text, answers)

    @Slot()
    def _cancelled(self) -> None:
        refusal = self._pending[4] if self._pending else "Not copied"
        self._forget_form()
        self.status_changed.emit(f"{refusal}: the text still has gaps to fill.")

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
        escaped = {key: escape_html(value) for key, value in values.items()}
        filled = fill(html_text, escaped, today,
                      {key: escape_html(value) for key, value in answers.items()})
        return filled.text if filled.complete else ""
