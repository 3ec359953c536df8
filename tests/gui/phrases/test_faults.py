"""Writing a phrase of one's own while the database is locked: the editor keeps it."""

from PySide6.QtCore import Qt

from checkback.paths import shipped_content_dir
from tests.gui.conftest import stored


def test_a_new_phrase_stays_in_its_editor_until_it_can_be_stored(
        qtbot, open_window, data_dir, locked):
    lock, release = locked
    window = open_window(shipped_content_dir())
    panel = window.phrase_panel
    window.tabs.setCurrentWidget(panel)
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    editor = panel.editor
    qtbot.keyClicks(editor.title, "My warm close")
    qtbot.keyClicks(editor.text, "Take care, {customer_name}.")
    lock()
    qtbot.keyClick(editor.title, Qt.Key.Key_Return)
    assert editor.isVisible()
    assert editor.warning.text().startswith("Not saved: Another program is using")
    assert editor.title.text() == "My warm close"
    assert window.fault_bar.isVisible()

    release()
    qtbot.keyClick(editor.title, Qt.Key.Key_Return)
    assert not editor.isVisible()
    assert stored(data_dir, "SELECT title, text FROM snippets WHERE source = 'own'") == [
        ("My warm close", "Take care, {customer_name}.")]
