"""The picker from any window: the hotkey opens it over the helpdesk, Enter pastes the
filled phrase where the agent was typing, and the clipboard gets its own text back.

The picker says whose conversation fills the phrase. It takes the conversation whose ticket
the window that had the keyboard names in its title (helpdesks put the ticket there), else
the one chosen last, else the checklist's; Ctrl+Tab goes through the open conversations and
"no customer". A ticket on screen with no conversation is offered one (Ctrl+N).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractNativeEventFilter,
    QCoreApplication,
    QMimeData,
    QObject,
    QSocketNotifier,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QGuiApplication

from checkback.core.conversation import Conversation, Customer
from checkback.integrations.desktop_input import (
    Chord,
    DesktopInput,
    HotkeyError,
    TargetWindow,
)
from checkback.settings import PASTE_INTO_WINDOW, PICKER_HOTKEY, RESTORE_CLIPBOARD_MS, agent_keeper
from checkback.ui.session import Change, Session
from checkback.ui.widgets.clipboard import COPY_FAILED, copy_to_clipboard

if TYPE_CHECKING:
    from checkback.storage.phrase_library import StoredPhrase
    from checkback.ui.phrases.picker_window import PickerWindow
    from checkback.ui.phrases.words import PhraseWords
    from checkback.ui.widgets.phrase_copier import PhraseCopier

PASTE_AFTER_MS = 60  # the window given back the keyboard takes a moment to have it
NO_CUSTOMER = "no customer (asks for the name)"
_TICKET_IN_TITLE = re.compile(r"#\s?(\d{1,12})\b")


class GlobalPicker(QObject):
    """Owns the hotkey and the picker window; ``status_changed`` says what happened,
    ``new_conversation_requested`` asks for a conversation on the ticket on screen."""

    status_changed = Signal(str)
    new_conversation_requested = Signal(object)
    copier: PhraseCopier  # made with the window

    def __init__(self, session: Session, words: PhraseWords,
                 conversations: Callable[[], list[Conversation]],
                 active: Callable[[], Conversation | None],
                 values_for: Callable[[Conversation | None], dict[str, str]],
                 desktop: DesktopInput | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._conversations, self._active, self._values_for = conversations, active, values_for
        self.desktop = desktop
        self._words = words
        self._window: PickerWindow | None = None
        self.target: TargetWindow | None = None
        self.chosen: Conversation | None = None  # sticks until changed
        self.for_nobody = False
        self.screen_ticket = ""
        self.hotkey_problem = ""
        self._kept_clipboard: QMimeData | None = None
        self._picked_phrase: StoredPhrase | None = None
        self._notifier: QSocketNotifier | None = None
        self._messages: HotkeyMessages | None = None
        session.closing.connect(self.close)
        session.changed.connect(self._data_changed)

    @property
    def window(self) -> PickerWindow:
        """The picker's window, made the first time it opens (not at start-up)."""
        if self._window is None:
            from checkback.ui.phrases.picker_window import PickerWindow
            from checkback.ui.widgets.phrase_copier import PhraseCopier

            self._window = window = PickerWindow(self._session, self._words)
            self.copier = PhraseCopier(window, agent_keeper(self._session.settings))
            self.copier.status_changed.connect(self.status_changed)
            window.search.chosen.connect(self._picked)
            window.cancelled.connect(self.cancel)
            window.next_requested.connect(self.next_conversation)
            window.new_requested.connect(self.start_conversation_on_screen)
            self.destroyed.connect(window.deleteLater)
        return self._window

    def take_hotkey(self) -> str:
        """Grab the hotkey set in Settings; "" when it works, else the problem in words."""
        if self.desktop is None:
            return self.hotkey_problem
        try:
            self.desktop.grab(Chord.parse(self._session.settings.get(PICKER_HOTKEY)))
        except HotkeyError as error:
            self.hotkey_problem = error.message
            return error.message
        self.hotkey_problem = ""
        self._watch_presses()
        return ""

    def _watch_presses(self) -> None:
        """Hear the presses: on the X connection's socket, or among the native events."""
        if self._notifier is not None or self._messages is not None or self.desktop is None:
            return
        if (descriptor := self.desktop.fileno()) is not None:
            self._notifier = QSocketNotifier(descriptor, QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._events_waiting)
            return
        if (app := QCoreApplication.instance()) is not None:
            self._messages = HotkeyMessages(self.desktop, self._events_waiting)
            app.installNativeEventFilter(self._messages)

    @Slot()
    def open_over_focused(self) -> None:
        """Open the picker over whatever window has the keyboard now."""
        self.open_over(self.desktop.focused() if self.desktop else None)

    def open_over(self, target: TargetWindow | None) -> None:
        """Open the picker, to paste into ``target`` (None: only copy)."""
        self.target = target
        self.screen_ticket = ticket_in_title(target.title) if target else ""
        on_screen = self._conversation_of(self.screen_ticket)
        if on_screen is not None:
            self.chosen, self.for_nobody = on_screen, False
        self._show_whose()
        self.window.show_near_pointer()

    @property
    def conversation(self) -> Conversation | None:
        """The conversation whose customer fills the phrase (None: no customer)."""
        if self.for_nobody:
            return None
        open_ones = self._conversations()
        if self.chosen is not None and any(c is self.chosen for c in open_ones):
            return self.chosen
        active = self._active()
        return active if active is not None else None

    @Slot()
    def next_conversation(self) -> None:
        """Go to the next open conversation, then "no customer", then round again."""
        choices: list[Conversation | None] = [*self._conversations(), None]
        current = self.conversation
        position = next((n for n, c in enumerate(choices) if c is current), len(choices) - 1)
        self.chosen = choices[(position + 1) % len(choices)]
        self.for_nobody = self.chosen is None
        self._show_whose()

    @Slot()
    def cancel(self) -> None:
        """Close the picker and give the keyboard back; nothing is pasted."""
        self.window.hide()
        if self.target is not None and self.desktop is not None:
            self.desktop.focus(self.target)

    @Slot()
    def start_conversation_on_screen(self) -> None:
        """Ask for a new conversation on the ticket the window on screen names."""
        if self.screen_ticket and self._conversation_of(self.screen_ticket) is None:
            self.window.hide()
            self.new_conversation_requested.emit(Customer(ticket=self.screen_ticket))

    @Slot()
    def close(self) -> None:
        """Give the hotkey back and close the picker (the app is ending)."""
        if self._notifier is not None:
            self._notifier.setEnabled(False)
        if self._messages is not None and (app := QCoreApplication.instance()) is not None:
            app.removeNativeEventFilter(self._messages)
            self._messages = None
        if self.desktop is not None:
            self.desktop.close()
            self.desktop = None
        if self._window is not None:
            self._window.close()

    @Slot(object)
    def _picked(self, stored: StoredPhrase) -> None:
        phrase = stored.phrase
        self._picked_phrase = stored
        self.copier.fill(phrase.title, phrase.text, phrase.html,
                         self._values_for(self.conversation),
                         self._session.now().astimezone().date(), self._deliver, "Not pasted")

    def _deliver(self, text: str, html_text: str) -> None:
        self.window.hide()
        settings = self._session.settings
        pasting = (settings.get(PASTE_INTO_WINDOW) and self.desktop is not None
                   and self.target is not None)
        kept = _copy_of(QGuiApplication.clipboard().mimeData()) if pasting else None
        if not copy_to_clipboard(text, html_text):
            self.status_changed.emit(COPY_FAILED)
            return
        title = self._count_use()
        if not pasting:
            self.status_changed.emit(f"Copied “{title}”")
            return
        assert self.desktop is not None and self.target is not None
        self.desktop.focus(self.target)
        self._kept_clipboard = kept
        QTimer.singleShot(PASTE_AFTER_MS, self, self._paste)
        self.status_changed.emit(f"Pasted “{title}”{self._whose_words()}")

    @Slot()
    def _paste(self) -> None:
        if self.desktop is not None:
            self.desktop.paste()
        delay = max(self._session.settings.get(RESTORE_CLIPBOARD_MS), 50)
        QTimer.singleShot(delay, self, self._restore_clipboard)

    @Slot()
    def _restore_clipboard(self) -> None:
        if self._kept_clipboard is not None:
            QGuiApplication.clipboard().setMimeData(self._kept_clipboard)
        self._kept_clipboard = None

    def _count_use(self) -> str:
        """Count the picked phrase as used (most used comes first); its title."""
        picked = self._picked_phrase
        if picked is None:
            return ""
        self.window.search.model.record_use(picked, self._session.now())
        return picked.phrase.title

    @Slot(object)
    def _data_changed(self, changes: Change) -> None:
        if changes & Change.CONTENT and self._window is not None:
            self._window.search.model.content_changed()

    @Slot()
    def _events_waiting(self) -> None:
        if self.desktop is not None and self.desktop.presses():
            self.open_over_focused()

    def _conversation_of(self, ticket: str) -> Conversation | None:
        if not ticket:
            return None
        return next((c for c in self._conversations() if c.customer.ticket == ticket), None)

    def _show_whose(self) -> None:
        conversation = self.conversation
        whose = (f"For {conversation.customer.label}" if conversation is not None
                 else f"For {NO_CUSTOMER}")
        lines = [f"{whose}  ·  Ctrl+Tab: another conversation"]
        if self.screen_ticket and self._conversation_of(self.screen_ticket) is None:
            lines.append(f"Ticket #{self.screen_ticket} on screen has no conversation: "
                         "Ctrl+N starts one.")
        self.window.header.setText("\n".join(lines))

    def _whose_words(self) -> str:
        conversation = self.conversation
        return f" for {conversation.customer.label}" if conversation else ""


class HotkeyMessages(QAbstractNativeEventFilter):
    """Hands each native event to the platform layer; a press of the chord calls
    ``pressed`` once the event loop is free again."""

    def __init__(self, desktop: DesktopInput, pressed: Callable[[], None]) -> None:
        super().__init__()
        self._desktop, self._pressed = desktop, pressed

    def nativeEventFilter(self, event_type: object, message: Any) -> tuple[bool, int]:
        # ``message`` is the event's address (a pointer Qt passes as a number-like object).
        if self._desktop.native_event(int(message)):
            QTimer.singleShot(0, self._pressed)
            return True, 0
        return False, 0


def ticket_in_title(title: str) -> str:
    """The ticket number a window's title names ("#48213 Parcel never arrived – Zendesk"),
    or ""."""
    found = _TICKET_IN_TITLE.search(title)
    return found.group(1) if found else ""


def _copy_of(mime: QMimeData | None) -> QMimeData | None:
    """A copy of what the clipboard holds, every format of it, to put back later."""
    if mime is None:
        return None
    kept = QMimeData()
    for kind in mime.formats():
        kept.setData(kind, mime.data(kind))
    return kept
