"""The policy reader: parameters as three distinct groups, then the rendered policy."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import QHBoxLayout, QTextBrowser, QVBoxLayout, QWidget

from checkback.core.html_text import escape_html
from checkback.core.policy_links import is_safe_link
from checkback.ui.widgets.clipboard import COPY_FAILED, copy_to_clipboard
from checkback.ui.widgets.controls import push_button

if TYPE_CHECKING:
    from checkback.core.policy_text import ReviewState
    from checkback.storage.policy_search import StoredPolicy

# (light background, dark background, symbol) per parameter group: never colour alone.
_GROUP_STYLE = {
    "can": ("#e3f4e6", "#1f3d26", "✓"),
    "with_approval": ("#fff3d6", "#4a3a12", "!"),
    "cannot": ("#fbe3e3", "#4d2121", "✕"),
}
_STALE = ("#ffd9b3", "#6b3300")
_EMPTY_HTML = (
    "<p style='margin:24px'>Pick a policy to read it here.</p>"
    "<p style='margin:0 24px'>Type in the search box (Ctrl+Shift+K), move with ↑ and ↓, "
    "and press Enter to open.</p>"
    "<p style='margin:24px'><b>A customer on the line?</b> Ctrl+N starts a conversation: "
    "the checklist takes you through it step by step, with this reference beside it.</p>"
)


class PolicyBrowser(QTextBrowser):
    """A text browser that loads nothing from disk or network for the page it shows.

    A team's policy could name ``<img src="file:///…">``; the reader draws no images, so no
    resource is ever fetched.
    """

    def loadResource(self, kind: int, name: QUrl | str) -> Any:  # noqa: N802 - Qt's name
        return None


class PolicyReader(QWidget):
    """Shows one policy and copies it, whole or the selected part, as text and HTML.

    ``copied`` carries a short confirmation for the status bar; ``back_requested`` fires on
    Esc so the panel can return to the search box.
    """

    copied = Signal(str)
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stored: StoredPolicy | None = None
        self._default_review_days = 180
        self.browser = PolicyBrowser(self)
        # Links are opened here, so only web pages and e-mail ever open from a policy.
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self.open_link)
        self.browser.setAccessibleName("Policy text")
        self.browser.copyAvailable.connect(self._selection_changed)
        self.copy_policy_button = push_button("Copy policy", "Copy the whole policy (Ctrl+Shift+C)")
        self.copy_selection_button = push_button("Copy selection",
                                                 "Copy the selected text (Ctrl+C)")
        self.copy_policy_button.clicked.connect(self.copy_policy)
        self.copy_selection_button.clicked.connect(self.copy_selection)
        self.copy_policy_button.setShortcut(QKeySequence("Ctrl+Shift+C"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_policy_button)
        buttons.addWidget(self.copy_selection_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser, 1)
        layout.addLayout(buttons)
        self.show_policy(None)

    @property
    def policy(self) -> StoredPolicy | None:
        """The policy on show, if any."""
        return self._stored

    def set_default_review_days(self, days: int) -> None:
        """The review interval for policies that do not set their own."""
        self._default_review_days = days
        self.show_policy(self._stored)

    def show_policy(self, stored: StoredPolicy | None, today: dt.date | None = None) -> None:
        """Show ``stored`` (or the empty state) with its review state as of ``today``."""
        self._stored = stored
        self.copy_policy_button.setEnabled(stored is not None)
        if stored is None:
            self.browser.setHtml(_EMPTY_HTML)
        else:
            from checkback.core.policy_text import review_state  # not needed at start-up

            state = review_state(stored.policy, today or dt.date.today(),
                                 self._default_review_days)
            self.browser.setHtml(self._html(stored, state))
        self.copy_selection_button.setEnabled(self.browser.textCursor().hasSelection())

    @Slot()
    def copy_policy(self) -> None:
        """Put the whole policy on the clipboard as plain text and HTML."""
        if self._stored is None:
            return
        from checkback.core.policy_text import policy_as_html, policy_as_text

        policy = self._stored.policy
        copied = copy_to_clipboard(policy_as_text(policy), policy_as_html(policy))
        self.copied.emit(f"Copied “{policy.title}”" if copied else COPY_FAILED)

    @Slot()
    def copy_selection(self) -> None:
        """Put the selected text on the clipboard as plain text and HTML."""
        fragment = self.browser.textCursor().selection()
        if fragment.isEmpty():
            return
        copied = copy_to_clipboard(fragment.toPlainText(), fragment.toHtml())
        self.copied.emit("Copied the selected text" if copied else COPY_FAILED)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.back_requested.emit()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            # The colours of the parameter groups follow the light or dark scheme.
            self.show_policy(self._stored)

    @Slot(QUrl)
    def open_link(self, url: QUrl) -> None:
        """Open ``url`` in the browser or mail program when it is a web or mail link.

        Anything else (a file, a share, a script) does nothing: the indexer has already
        listed it under Content problems.
        """
        if url.scheme() in ("http", "https", "mailto") and is_safe_link(url.toString()):
            QDesktopServices.openUrl(url)

    @Slot(bool)
    def _selection_changed(self, available: bool) -> None:
        self.copy_selection_button.setEnabled(available)

    def _dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Base).lightness() < 128

    def _html(self, stored: StoredPolicy, state: ReviewState) -> str:
        from checkback.core.policy_text import body_as_html, parameter_groups

        policy = stored.policy
        dark = self._dark()
        byline = _byline(policy.category, policy.owner, state)
        parts = [f"<h2 style='margin-bottom:2px'>{escape_html(policy.title)}</h2>",
                 f"<p style='margin-top:0'>{escape_html(byline)}</p>"]
        if state.due:
            parts.append(_stale_banner(state, dark))
        parts += [parameter_group_html(key, heading, items, dark)
                  for key, heading, items in parameter_groups(policy)]
        parts.append(body_as_html(policy))
        return "\n".join(parts)


def _byline(category: str, owner: str, state: ReviewState) -> str:
    pieces = [category, f"Owner: {owner}" if owner else "", state.describe().capitalize()]
    return " · ".join(piece for piece in pieces if piece)


def _stale_banner(state: ReviewState, dark: bool) -> str:
    background = _STALE[1] if dark else _STALE[0]
    when = state.describe()
    text = (f"⚠ Due for review: {when}, and policies are checked every {state.every_days} days. "
            "Confirm the details with the owner before you quote it.")
    return (f"<table width='100%' cellpadding='8' border='1' cellspacing='0' "
            f"style='margin:6px 0; border-color:#c25400; border-style:solid'><tr>"
            f"<td bgcolor='{background}'><b>{escape_html(text)}</b></td></tr></table>")


def parameter_group_html(key: str, heading: str, items: tuple[str, ...], dark: bool) -> str:
    """One parameter group (Can do, Needs approval, Cannot do) as a tinted box."""
    light_bg, dark_bg, symbol = _GROUP_STYLE[key]
    listed = "".join(f"<li>{escape_html(item)}</li>" for item in items)
    listed = listed or "<li><i>Nothing listed</i></li>"
    return (f"<table width='100%' cellpadding='6' style='margin:4px 0'><tr>"
            f"<td bgcolor='{dark_bg if dark else light_bg}'><b>{symbol} {heading}</b>"
            f"<ul style='margin:2px 0 0 -16px'>{listed}</ul></td></tr></table>")
