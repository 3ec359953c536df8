"""The checklist panel: one conversation at a time, step by step, to a logged resolution.

Keys on the step list: 1–9 check or uncheck that step, Space the selected one, Enter goes
to the phrases (where Enter copies one, Esc comes back). The main window's Conversation
menu holds the rest: new (Ctrl+N), another round, resolve (Ctrl+Enter), switch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QPlainTextEdit,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from checkback.core.conversation import Conversation
from checkback.core.playbooks import Playbook, Step
from checkback.settings import ACTIVE_CONVERSATION, AGENT_NAME, COMPANY, Settings, agent_keeper
from checkback.storage.guidance import (
    load_playbooks,
    phrases_for,
    policy_categories,
)
from checkback.storage.phrase_library import record_use_of
from checkback.ui.checklist.breather import BreatherBanner
from checkback.ui.checklist.conversations_model import ConversationListModel
from checkback.ui.checklist.keys import ChecklistKeys
from checkback.ui.checklist.layout import (
    conversation_page,
    empty_page,
    fit_rows,
    phrase_view,
    step_view,
    top_row,
)
from checkback.ui.checklist.phrases_model import StepPhraseRole, StepPhrasesModel
from checkback.ui.checklist.step_guide import (
    POLICY_LINK,
    conversation_words,
    details_text,
    guide_html,
)
from checkback.ui.checklist.steps_model import StepRole, StepTreeModel
from checkback.ui.session import Change, Session
from checkback.ui.widgets.controls import push_button
from checkback.ui.widgets.phrase_copier import PhraseCopier

_ENTER_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter}


class ChecklistPanel(QWidget):
    """The playbook's steps for the conversation at hand, with guidance and phrases.

    ``status_changed`` carries short confirmations for the status bar; ``policy_requested``
    the id of a policy the agent followed a link to.
    """

    status_changed = Signal(str)
    policy_requested = Signal(int)
    new_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.settings: Settings = session.settings
        self._reader = session.reader
        self._playbooks: dict[str, Playbook] = {}
        self._note_position: int | None = None
        self.conversations = ConversationListModel(session, self)
        self.steps = StepTreeModel(session, self)
        self.phrases = StepPhrasesModel(self)
        self.copier = PhraseCopier(self, agent_keeper(session.settings))
        self.copier.status_changed.connect(self.status_changed)
        self.copier.copied.connect(self._count_use)
        self._copying: int | None = None  # the phrase being copied (its row id)
        self.keys = ChecklistKeys(self)
        self.switcher = QComboBox(self)
        self.switcher.setModel(self.conversations)
        self.switcher.setAccessibleName("Open conversations")
        self.switcher.view().setAccessibleName("Open conversations")
        self.switcher.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.switcher.setMinimumContentsLength(12)
        self.new_button = push_button("&New", "Start a new conversation (Ctrl+N)")
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setAccessibleName("Conversation details")
        self.breather = BreatherBanner(self)
        self.step_list = step_view(self)
        self.guide = QTextBrowser(self)
        self.guide.setOpenLinks(False)
        self.guide.setAccessibleName("Step guidance")
        self.phrase_list = phrase_view(self)
        self.note = QPlainTextEdit(self)
        self.note.setAccessibleName("Note for this step")
        self.note.setPlaceholderText("Note for this step (saved as you type)")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(64)
        self.round_button = push_button("&Another round",
                                        "Go through the steps again (Ctrl+Shift+R)")
        self.resolve_button = push_button("&Resolve…", "Record how it ended (Ctrl+Enter)")
        self.pages = QStackedWidget(self)
        self.empty_page = empty_page(self)
        self.pages.addWidget(self.empty_page)
        self.pages.addWidget(conversation_page(self))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top_row(self))
        layout.addWidget(self.breather)
        layout.addWidget(self.pages, 1)
        self._elapsed_timer = QTimer(self, interval=30_000)
        self._elapsed_timer.timeout.connect(self._show_details)
        self._connect()
        self._show_conversation(None)
        self.reload_content()
        self.reload_conversations()

    @property
    def conversation(self) -> Conversation | None:
        """The conversation shown."""
        return self.steps.conversation

    @property
    def clock(self) -> Callable[[], dt.datetime]:
        """The Session's clock (tests set another)."""
        return self.session.clock

    @clock.setter
    def clock(self, clock: Callable[[], dt.datetime]) -> None:
        self.session.clock = clock

    @property
    def playbooks(self) -> list[Playbook]:
        """The playbooks to choose from, the default first."""
        return list(self._playbooks.values())

    def reload_conversations(self) -> None:
        """Read the open conversations again as saved (at start, after a customer was
        forgotten)."""
        self.conversations.load()
        wanted = self.conversations.row_of(self.settings.get(ACTIVE_CONVERSATION))
        self.show_row(wanted if wanted >= 0 else self.conversations.rowCount() - 1)

    @property
    def ready(self) -> bool:
        """True once the content is read (the first start indexes it first)."""
        return bool(self._playbooks)

    def reload_content(self) -> None:
        """Read the playbooks again and redraw the step, after the content changed."""
        self._playbooks = {playbook.slug: playbook for playbook in load_playbooks(self._reader)}
        self._show_step(self.selected_position())

    def categories(self) -> list[str]:
        """The issue categories to choose from (those of the policies)."""
        return policy_categories(self._reader)

    def start(self, conversation: Conversation) -> None:
        """List a new conversation, save it and show it with its first step selected."""
        row = self.conversations.start(conversation)
        self.breather.hide()  # it was about the last customer, not this one
        self.show_row(row)
        self.step_list.setFocus(Qt.FocusReason.OtherFocusReason)

    def customer_changed(self) -> None:
        """Save and show the edited details of the conversation shown."""
        if self.conversation is None:
            return
        self.conversations.customer_changed(self.conversation)
        self._show_details()
        self._show_step(self.selected_position())

    def conversation_ended(self) -> None:
        """Show the next open conversation, or the empty page, after one was closed."""
        self.show_row(min(self.switcher.currentIndex(), self.conversations.rowCount() - 1))

    def playbook(self, slug: str) -> Playbook | None:
        """The playbook with ``slug``, if the content still has it."""
        return self._playbooks.get(slug)

    @Slot(int)
    def show_row(self, row: int) -> None:
        """Show the conversation on the switcher's ``row`` (nothing when there is none)."""
        conversation = self.conversations.conversation_at(row)
        if self.switcher.currentIndex() != row:
            self.switcher.setCurrentIndex(row)
        self._show_conversation(conversation)

    @Slot()
    def next_conversation(self) -> None:
        """Switch to the next open conversation (after the last, the first)."""
        self._switch_by(1)

    @Slot()
    def previous_conversation(self) -> None:
        """Switch to the previous open conversation (before the first, the last)."""
        self._switch_by(-1)

    def _switch_by(self, step: int) -> None:
        count = self.conversations.rowCount()
        if count > 1:
            self.show_row((self.switcher.currentIndex() + step) % count)

    def toggle_step(self, position: int) -> None:
        """Check or uncheck step ``position`` (0-based) of the current round."""
        conversation = self.conversation
        if conversation is None or not 0 <= position < len(conversation.current_round.steps):
            return
        checked = self.steps.toggle(position, self.clock())
        title = conversation.step(position).title
        state = "done" if checked else "open again"
        if not self.steps.is_saved(position):
            state += ", not saved yet (see the message above)"
        self.status_changed.emit(f"{title}: {state}")
        self._after_step_change()

    def another_round(self) -> None:
        """Start the steps again in this conversation."""
        if self.conversation is None:
            return
        self.steps.another_round()
        self._expand_rounds()
        self._after_step_change()
        self.status_changed.emit(f"Round {len(self.conversation.rounds)} started")

    def fill_values(self) -> dict[str, str]:
        """What placeholders are filled with: the conversation's customer and the settings."""
        return self.values_for(self.conversation)

    def values_for(self, conversation: Conversation | None) -> dict[str, str]:
        """What placeholders are filled with for ``conversation`` (None: no customer)."""
        customer = conversation.customer if conversation else None
        return {
            "customer_name": customer.name if customer else "",
            "ticket": customer.ticket if customer else "",
            "issue": customer.category if customer else "",
            "agent_name": self.settings.get(AGENT_NAME),
            "company": self.settings.get(COMPANY),
        }

    def current_phrase_tags(self) -> tuple[str, ...]:
        """The phrase tags of the step selected in the current round (none if no step)."""
        conversation, position = self.conversation, self.selected_position()
        if conversation is None or position is None:
            return ()
        step = self._step(conversation, conversation.step(position).key)
        return step.phrase_tags if step else ()

    def copy_phrase(self, row: int) -> None:
        """Copy the phrase on ``row``, filled; asks for whatever is still missing."""
        phrase = self.phrases.phrase_at(row)
        if phrase is not None:
            self._copying = phrase.phrase_id
            self.copier.copy(phrase.title, phrase.text, phrase.html, self.fill_values(),
                             self.clock().astimezone().date())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._show_step(self.selected_position())

    def _show_conversation(self, conversation: Conversation | None) -> None:
        self.steps.set_conversation(conversation)
        self.switcher.setEnabled(self.conversations.rowCount() > 0)
        self.pages.setCurrentIndex(0 if conversation is None else 1)
        self.round_button.setEnabled(conversation is not None)
        self.resolve_button.setEnabled(conversation is not None)
        if conversation is None:
            self._elapsed_timer.stop()
            self.details.setText("")
            self.details.hide()
            return
        self.details.show()
        self._elapsed_timer.start()
        self.settings.set(ACTIVE_CONVERSATION, conversation.conversation_id or 0)
        self._expand_rounds()
        self._select_step(conversation.current_step)
        self._show_details()

    def _expand_rounds(self) -> None:
        """Open the current round, close the earlier ones, and make room for every row."""
        count = self.steps.rowCount()
        for row in range(count):
            self.step_list.setExpanded(self.steps.round_index(row), row == count - 1)
        fit_rows(self.step_list, count + self.steps.rowCount(self.steps.round_index(count - 1)))

    def _select_step(self, position: int) -> None:
        index = self.steps.step_index(position)
        self.step_list.setCurrentIndex(index)
        self.step_list.scrollTo(index)
        self._show_step(position)

    def _after_step_change(self) -> None:
        conversation = self.conversation
        if conversation is None:
            return
        self._select_step(conversation.current_step)
        self.conversations.refresh(conversation)

    @Slot(QModelIndex, QModelIndex)
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        conversation = self.conversation
        if not current.isValid() or conversation is None:
            self._show_step(None)
            return
        if current.parent() == QModelIndex():  # a round's header: show one of its steps
            if current.row() == len(conversation.rounds) - 1:
                self._show_step(conversation.current_step)
            else:
                self._show_step(None, earlier=self.steps.index(0, 0, current))
            return
        if current.data(StepRole.IS_CURRENT_ROUND):
            self.steps.set_current(current.row())
            self._show_step(current.row())
        else:
            self._show_step(None, earlier=current)

    def selected_position(self) -> int | None:
        """The position of the step selected in the current round, if one is."""
        index = self.step_list.currentIndex()
        if not index.isValid() or not index.data(StepRole.IS_CURRENT_ROUND):
            return None
        return int(index.data(StepRole.POSITION))

    def _show_step(self, position: int | None, earlier: QModelIndex | None = None) -> None:
        conversation = self.conversation
        if conversation is None:
            return
        steps = conversation.rounds[earlier.parent().row()].steps if earlier else (
            conversation.current_round.steps)
        row = earlier.row() if earlier is not None else position
        state = steps[row] if row is not None and 0 <= row < len(steps) else None
        step = self._step(conversation, state.key) if state else None
        self.guide.setHtml(self._guide_html(step, conversation) if state else "")
        self.note.blockSignals(True)
        self.note.setPlainText(state.note if state else "")
        self.note.blockSignals(False)
        editable = earlier is None and state is not None
        self.note.setReadOnly(not editable)
        self._note_position = row if editable else None
        tags = step.phrase_tags if step else ()
        phrases = phrases_for(self._reader, tags)
        self.phrases.set_phrases(phrases, self.fill_values(), self.clock().astimezone().date())

    @Slot(str)
    def _count_use(self, _text: str) -> None:
        """A copy from the checklist counts as a use, as one from the phrase list does."""
        phrase_id, now = self._copying, self.clock()
        self._copying = None
        if phrase_id is not None:
            self.session.save(("use", phrase_id, now), Change.PHRASES,
                              lambda conn: record_use_of(conn, phrase_id, now))

    def _step(self, conversation: Conversation, key: str) -> Step | None:
        playbook = self._playbooks.get(conversation.playbook)
        if playbook is None:
            return None
        return next((step for step in playbook.steps if step.key == key), None)

    def _guide_html(self, step: Step | None, conversation: Conversation) -> str:
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        return guide_html(self._reader, step, conversation.customer.category, dark,
                          conversation_words(conversation))

    @Slot()
    def _note_edited(self) -> None:
        # Saved on every keystroke (a small write), so a crash loses nothing typed.
        if self.conversation is not None and self._note_position is not None:
            self.steps.set_note(self._note_position, self.note.toPlainText())

    @Slot()
    def _show_details(self) -> None:
        conversation = self.conversation
        if conversation is None:
            return
        self.details.setText(details_text(conversation, self.clock()))

    @Slot(QUrl)
    def _link_clicked(self, url: QUrl) -> None:
        link = url.toString()
        if link.startswith(POLICY_LINK) and link[len(POLICY_LINK):].isdigit():
            self.policy_requested.emit(int(link[len(POLICY_LINK):]))

    @Slot(QModelIndex)
    def _phrase_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and index.data(StepPhraseRole.PHRASE) is not None:
            self.copy_phrase(index.row())

    @Slot(object)
    def _data_changed(self, changes: Change) -> None:
        if changes & Change.CONTENT:
            self.reload_content()
        if changes & Change.FORGOTTEN:
            self.reload_conversations()

    def _connect(self) -> None:
        self.session.changed.connect(self._data_changed)
        self.switcher.activated.connect(self.show_row)
        self.new_button.clicked.connect(self.new_requested)
        self.round_button.clicked.connect(self.another_round)
        self.step_list.selectionModel().currentChanged.connect(self._current_changed)
        self.steps.dataChanged.connect(self._steps_changed)
        self.note.textChanged.connect(self._note_edited)
        self.guide.anchorClicked.connect(self._link_clicked)
        self.phrase_list.clicked.connect(self._phrase_clicked)

    @Slot()
    def _steps_changed(self) -> None:
        if self.conversation is not None:
            self.conversations.refresh(self.conversation)
