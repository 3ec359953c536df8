"""The phrase panel: every phrase, found by typing, previewed filled, copied with Enter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from checkback.core.phrases import Phrase
from checkback.core.placeholders import fill
from checkback.settings import agent_keeper
from checkback.storage.phrase_library import StoredPhrase
from checkback.ui.phrases.editor import PhraseEditor
from checkback.ui.phrases.model import PhraseListModel
from checkback.ui.phrases.picker import QuickPicker
from checkback.ui.phrases.search import PhraseSearch
from checkback.ui.phrases.transfer import PhraseTransfer
from checkback.ui.phrases.words import PhraseWords
from checkback.ui.session import Change, Session
from checkback.ui.widgets.controls import push_button, stored
from checkback.ui.widgets.phrase_copier import PhraseCopier


class PhrasePanel(QWidget):
    """Search, filters (this step, favourites), a filled preview, copy and favourite.

    ``values`` gives the placeholder values of the moment (the open conversation and the
    settings); ``step_tags`` the phrase tags of the checklist's current step.
    """

    status_changed = Signal(str)

    def __init__(self, session: Session, values: Callable[[], dict[str, str]],
                 step_tags: Callable[[], tuple[str, ...]],
                 parent: QWidget | None = None, words: PhraseWords | None = None) -> None:
        super().__init__(parent)
        self._values = values
        self._step_tags = step_tags
        self._clock = session.now
        # One read of the words serves every list (the global picker's too, when given).
        self.words = words = words or PhraseWords()
        self.model = PhraseListModel(session, self, words)
        self.picker_model = PhraseListModel(session, self, words)
        self.copier = PhraseCopier(self, agent_keeper(session.settings))
        self.copier.status_changed.connect(self.status_changed)
        self.search = PhraseSearch(self.model, "Search phrases  (Ctrl+P picks from anywhere)",
                                    self)
        self.search.chosen.connect(self.copy)
        self.search.current_changed.connect(self._preview)
        self.this_step = QCheckBox("This s&tep", self)
        self.this_step.setToolTip("Only phrases for the checklist's current step")
        self.favourites = QCheckBox("Favour&ites", self)
        self.preview = QTextBrowser(self)
        self.preview.setAccessibleName("Phrase preview")
        self.copy_button = push_button("&Copy", "Copy the phrase, filled in (Enter)")
        self.favourite_button = push_button("★ F&avourite", "Mark or unmark as a favourite")
        self.new_button = push_button("&New…", "Write a phrase of your own")
        self.edit_button = push_button("&Edit…", "Edit this phrase (your own phrases only)")
        self.duplicate_button = push_button("Du&plicate…", "Make your own copy to change")
        self.delete_button = push_button("&Delete",
                                         "Delete this phrase of yours (Undo brings it back)")
        self.undo_button = push_button("&Undo delete",
                                       "Bring back the phrase just deleted (Ctrl+Z)")
        self.undo_button.hide()
        self.editor: PhraseEditor | None = None
        self._editing: int | None = None
        self._deleted: int | None = None
        self.transfer = PhraseTransfer(session, self)
        self.transfer.status_changed.connect(self.status_changed)
        self.transfer.imported.connect(self.content_changed)
        self.picker = QuickPicker(self.picker_model, self.window())
        self.picker.picked.connect(self.copy)
        self._layout()
        self.this_step.toggled.connect(self.apply_filters)
        self.favourites.toggled.connect(self.apply_filters)
        self.copy_button.clicked.connect(self._copy_current)
        self.favourite_button.clicked.connect(self._toggle_favourite)
        self.new_button.clicked.connect(self.new_phrase)
        self.edit_button.clicked.connect(self.edit_phrase)
        self.duplicate_button.clicked.connect(self.duplicate_phrase)
        self.delete_button.clicked.connect(self.delete_phrase)
        self.undo_button.clicked.connect(self.undo_delete)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo_delete,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._pending: StoredPhrase | None = None
        self.copier.copied.connect(self._count_use)
        session.changed.connect(self._data_changed)

    @Slot(object)
    def _data_changed(self, changes: Change) -> None:
        if changes & Change.CONTENT:
            self.content_changed()

    def content_changed(self) -> None:
        """The phrases changed: search again."""
        self.model.content_changed()
        self.picker_model.content_changed()

    @Slot()
    def apply_filters(self) -> None:
        """Apply the step and favourite filters."""
        tags = self._step_tags() if self.this_step.isChecked() else ()
        if self.this_step.isChecked() and not tags:
            self.status_changed.emit("No checklist step is open: showing every phrase.")
        self.model.set_filters(tags, self.favourites.isChecked())

    @Slot()
    def open_picker(self) -> None:
        """Open the quick picker over the window."""
        self.picker.start()

    @Slot(object)
    def copy(self, stored: StoredPhrase) -> None:
        """Copy ``stored``, filled; asks for what is missing first."""
        phrase = stored.phrase
        self._pending = stored
        self.copier.copy(phrase.title, phrase.text, phrase.html, self._values(),
                         self._clock().astimezone().date())

    @Slot()
    def new_phrase(self) -> None:
        """Write a new phrase of one's own."""
        self._open_editor(Phrase("", ""), None)

    @Slot()
    def edit_phrase(self) -> None:
        """Edit the highlighted phrase, if it is one's own."""
        current = self.search.current()
        if current is None:
            return
        if not current.is_own:
            self.status_changed.emit("Shipped and team phrases are read-only: Duplicate makes "
                                     "your own copy to change.")
            return
        self._open_editor(current.phrase, current.phrase_id)

    @Slot()
    def duplicate_phrase(self) -> None:
        """Start a phrase of one's own from the highlighted one."""
        current = self.search.current()
        if current is not None:
            copy = replace(current.phrase, title=f"{current.phrase.title} (mine)",
                           abbreviation="")
            self._open_editor(copy, None)

    @Slot()
    def delete_phrase(self) -> None:
        """Delete the highlighted phrase of one's own; Undo brings it back."""
        current = self.search.current()
        if current is None or not current.is_own:
            self.status_changed.emit("Only your own phrases can be deleted.")
            return
        if not stored(lambda: self.model.set_deleted(current.phrase_id, True),
                      self.status_changed.emit):
            return
        self.picker_model.content_changed()
        self._deleted = current.phrase_id
        self.undo_button.show()
        self.status_changed.emit(f"Deleted “{current.phrase.title}”. Ctrl+Z brings it back.")

    @Slot()
    def undo_delete(self) -> None:
        """Bring back the phrase deleted last."""
        if self._deleted is None:
            return
        deleted = self._deleted
        if not stored(lambda: self.model.set_deleted(deleted, False), self.status_changed.emit):
            return
        self.picker_model.content_changed()
        self._deleted = None
        self.undo_button.hide()
        self.status_changed.emit("Phrase restored")

    def _open_editor(self, phrase: Phrase, phrase_id: int | None) -> None:
        self.editor = PhraseEditor(phrase, self._values, self._clock().astimezone().date(),
                                    self)
        self._editing = phrase_id
        self.editor.save = self._save_edit
        self.editor.finished.connect(self._editor_closed)
        self.editor.open()

    @Slot()
    def _editor_closed(self) -> None:
        if self.editor is not None:
            self.editor.deleteLater()
            self.editor = None

    def _save_edit(self) -> None:
        """Store the editor's phrase; raises StorageError (the editor stays open) if it
        cannot be stored now."""
        assert self.editor is not None
        phrase = self.editor.phrase()
        if self._editing is None:
            self.model.create(phrase, self._clock())
        else:
            self.model.update(self._editing, phrase, self._clock())
        self.picker_model.content_changed()
        self.status_changed.emit(f"Saved “{phrase.title}”")

    def focus_search(self) -> None:
        """Put the cursor in the search box."""
        self.search.focus_search()

    @Slot(str)
    def _count_use(self, _text: str) -> None:
        if self._pending is not None:
            self.model.record_use(self._pending, self._clock())
            self._pending = None

    @Slot()
    def _copy_current(self) -> None:
        current = self.search.current()
        if current is not None:
            self.copy(current)

    @Slot()
    def _toggle_favourite(self) -> None:
        current = self.search.current()
        if current is None:
            return
        now_favourite = self.model.toggle_favourite(current)
        word = "Added to" if now_favourite else "Removed from"
        self.status_changed.emit(f"{word} favourites: “{current.phrase.title}”")

    @Slot(object)
    def _preview(self, stored: StoredPhrase | None) -> None:
        for button in (self.copy_button, self.favourite_button, self.duplicate_button):
            button.setEnabled(stored is not None)
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(stored is not None and stored.is_own)
        if stored is None:
            self.preview.setPlainText("No phrase matches. Try fewer letters, or clear the "
                                      "filters." if self.model.query else "")
            return
        filled = fill(stored.phrase.text, self._values(), self._clock().astimezone().date())
        text = filled.text
        for placeholder in filled.missing:
            text = text.replace(placeholder.token, f"[{placeholder.question}]")
        tags = ", ".join(stored.phrase.tags)
        self.preview.setPlainText(f"{text}\n\n— {stored.phrase.title}"
                                  + (f"  ·  {tags}" if tags else ""))

    def _layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.this_step)
        filters.addWidget(self.favourites)
        filters.addStretch(1)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.search, 1)
        top_layout.addLayout(filters)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(top)
        splitter.addWidget(self.preview)
        splitter.setSizes([420, 240])
        edits = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.duplicate_button,
                       self.delete_button, self.undo_button):
            edits.addWidget(button)
        edits.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.favourite_button)
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(edits)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
