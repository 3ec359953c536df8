"""Phrases: the quick picker and the phrase panel, driven from the keyboard."""

import datetime as dt
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from checkback.core.phrases import Phrase
from checkback.paths import shipped_content_dir
from checkback.settings import AGENT_NAME, COMPANY, Settings
from tests.gui.phrases.conftest import phrase_panel, recorded_status

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def agent_window(open_window, data_dir: Path):
    settings = Settings(data_dir)
    settings.set(AGENT_NAME, "Sam Lee")
    settings.set(COMPANY, "Fernway Outfitters")
    return open_window(shipped_content_dir())


def test_the_picker_finds_a_phrase_despite_a_typo_and_asks_for_its_fill_in(qtbot,
                                                                          agent_window):
    window = agent_window
    QApplication.clipboard().setText("before")
    qtbot.keyClick(window, Qt.Key.Key_P, CTRL)
    picker = window.phrase_panel.picker
    assert picker.isVisible()
    box = picker.search.search_box
    assert picker.focusWidget() is box
    qtbot.keyClicks(box, "wh")
    assert picker.search.model.rowCount() > 0
    qtbot.keyClicks(box, " saing")  # "saying", one letter short
    assert picker.search.current().phrase.title == "What I hear you saying"
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert not picker.isVisible()
    form = window.phrase_panel.copier.form
    assert form.isVisible()
    assert QApplication.clipboard().text() == "before"  # nothing half-filled was copied
    field = form.field("{?What you heard}")
    qtbot.keyClicks(field, "the stove arrived dented")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert QApplication.clipboard().text() == (
        "Let me check I've understood: what I hear you saying is the stove arrived dented. "
        "Is that right?")
    assert window.statusBar().currentMessage() == "Copied “What I hear you saying”"


def test_esc_closes_the_picker_without_copying(qtbot, agent_window):
    QApplication.clipboard().setText("kept")
    qtbot.keyClick(agent_window, Qt.Key.Key_P, CTRL)
    picker = agent_window.phrase_panel.picker
    qtbot.keyClicks(picker.search.search_box, "sorry")
    qtbot.keyClick(picker.search.search_box, Qt.Key.Key_Escape)
    assert not picker.isVisible()
    assert QApplication.clipboard().text() == "kept"


def test_the_panel_copies_counts_uses_and_keeps_favourites(qtbot, agent_panel):
    panel = agent_panel
    said = recorded_status(panel)
    qtbot.keyClicks(panel.search.search_box, "i understand how you feel")
    first = panel.search.current()
    assert first.phrase.title == "I understand how you feel"
    assert "I understand how you feel" in panel.preview.toPlainText()
    qtbot.mouseClick(panel.favourite_button, Qt.MouseButton.LeftButton)
    assert said[-1].startswith("Added to favourites")
    panel.search.search_box.clear()
    qtbot.mouseClick(panel.favourites, Qt.MouseButton.LeftButton)
    assert [panel.model.phrase_at(r).key for r in range(panel.model.rowCount())] == [first.key]
    qtbot.keyClick(panel.search.search_box, Qt.Key.Key_Return)
    form = panel.copier.form
    if form is not None:  # no conversation is open, so the customer's name is asked for
        qtbot.keyClicks(form.field("{customer_name}"), "Dana")
        qtbot.keyClick(form.field("{customer_name}"), Qt.Key.Key_Return)
    copied = QApplication.clipboard().text()
    assert copied.startswith("I understand how you feel") and "{" not in copied
    panel.model.refresh()
    assert (panel.model.phrase_at(0).use_count, panel.model.phrase_at(0).favourite) == (1, True)


def test_own_phrases_are_written_edited_deleted_and_undeleted(qtbot, agent_panel, data_dir):
    panel = agent_panel
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    editor = panel.editor
    qtbot.keyClicks(editor.title, "My warm close")
    qtbot.keyClicks(editor.text, "Take care, {custmer_name}. {agent_name}")
    assert editor.preview.toPlainText() == "Take care, [Custmer name]. Sam Lee"
    qtbot.keyClicks(editor.tags, "closing, Warm")
    qtbot.keyClick(editor.title, Qt.Key.Key_Return)
    assert editor.isVisible()  # the unknown placeholder is reported first
    assert "{custmer_name}" in editor.warning.text()
    editor.text.setPlainText("Take care, {customer_name}. {agent_name}")
    qtbot.keyClick(editor.title, Qt.Key.Key_Return)
    assert not editor.isVisible()

    qtbot.keyClicks(panel.search.search_box, "warm close")
    mine = panel.search.current()
    assert mine.is_own and mine.phrase.tags == ("closing", "warm")
    assert panel.edit_button.isEnabled() and panel.delete_button.isEnabled()
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    panel.editor.text.setPlainText("All the best, {customer_name}.")
    panel.editor.accept()
    assert panel.search.current().phrase.text == "All the best, {customer_name}."

    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() == 0 or panel.search.current().key != mine.key
    assert panel.undo_button.isVisible()
    qtbot.keyClick(panel.search.results, Qt.Key.Key_Z, CTRL)  # in the box, Ctrl+Z undoes typing
    assert panel.search.current().key == mine.key
    assert not panel.undo_button.isVisible()


def test_shipped_phrases_are_read_only_but_can_be_duplicated(qtbot, agent_panel):
    panel = agent_panel
    qtbot.keyClicks(panel.search.search_box, "i understand how you feel")
    shipped = panel.search.current()
    assert not shipped.is_own and not panel.edit_button.isEnabled()
    qtbot.mouseClick(panel.duplicate_button, Qt.MouseButton.LeftButton)
    assert panel.editor.title.text() == "I understand how you feel (mine)"
    assert panel.editor.text.toPlainText() == shipped.phrase.text
    panel.editor.accept()
    panel.search.search_box.setText("feel mine")
    assert panel.search.current().is_own


def test_a_deleted_phrase_is_gone_for_good_after_a_restart(qtbot, shipped, agent_panel,
                                                           open_window, data_dir):
    panel = agent_panel
    for title in ("Keep me", "Drop me"):
        panel.model.create(Phrase(title, f"{title}, please."), shipped.now())
    qtbot.keyClicks(panel.search.search_box, "drop me")
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    shipped.close()

    restarted = open_window().phrase_panel  # the window purges at start

    with sqlite3.connect(data_dir / "checkback.db") as conn:
        assert conn.execute("SELECT title FROM snippets WHERE source = 'own'").fetchall() == [
            ("Keep me",)]
    qtbot.keyClicks(restarted.search.search_box, "me please")
    assert restarted.search.current().phrase.title == "Keep me"


def test_the_agents_name_given_in_the_fill_in_form_is_not_asked_again(qtbot, shipped, show):
    from checkback.settings import AGENT_NAME, COMPANY

    panel = show(phrase_panel(shipped))
    qtbot.keyClicks(panel.search.search_box, "we gave you wrong information")
    phrase = panel.search.current()
    panel.copy(replace(phrase, phrase=replace(phrase.phrase,
                                              text="Kind regards, {agent_name} of {company}")))
    form = panel.copier.form
    form.field("{agent_name}").setText("Sam  Lee")
    form.field("{company}").setText("Fernway Outfitters")
    form.accept()
    assert QGuiApplication.clipboard().text() == "Kind regards, Sam Lee of Fernway Outfitters"

    assert shipped.settings.get(AGENT_NAME) == "Sam Lee"
    assert shipped.settings.get(COMPANY) == "Fernway Outfitters"
    panel.copy(replace(phrase, phrase=replace(phrase.phrase, text="Bye, {agent_name}")))
    assert panel.copier.form is None  # nothing to ask: it is known now
    assert QGuiApplication.clipboard().text() == "Bye, Sam Lee"


def test_the_search_box_finds_what_people_type_however_the_phrase_holds_it(qtbot, panel):
    panel.model.create(Phrase("Shop address", "Ｗｅ are at Haupt Straße 5, by the re\u00adfund "
                              "desk."), dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC))
    box = panel.search.search_box
    for typed in ("strasse", "title:refund", "we are"):
        box.clear()
        qtbot.keyClicks(box, typed)
        model = panel.model
        assert [model.phrase_at(row).phrase.title for row in range(model.rowCount())] == [
            "Shop address"], typed
