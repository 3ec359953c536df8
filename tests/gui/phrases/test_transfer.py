"""Importing phrases from Espanso and CSV files, and exporting one's own, from the File menu."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox

from checkback.core.snippets import Snippet

ESPANSO = """\
matches:
  - trigger: ";wait"
    label: Thanks for waiting
    replace: "Thanks for waiting, {{customer}}. {{update}}"
  - trigger: ";pic"
    image_path: "logo.png"
"""


def menu_action(window, text: str) -> QAction:
    return next(action for action in window.findChildren(QAction)
                if action.text().replace("&", "") == text)


def choose_file(qtbot, window, action_text: str, path: Path) -> None:
    menu_action(window, action_text).trigger()
    dialog = window.snippet_panel.transfer.file_dialog
    assert dialog.isVisible()
    dialog.selectFile(str(path))
    dialog.accept()


def import_file(qtbot, window, path: Path) -> None:
    """Choose ``path`` to import, and wait while the worker reads it for the preview."""
    with qtbot.waitSignal(window.snippet_panel.transfer.preview_ready, timeout=5000):
        choose_file(qtbot, window, "Import phrases…", path)


def search(qtbot, window, text: str) -> list[str]:
    box = window.snippet_panel.search.search_box
    box.clear()
    qtbot.keyClicks(box, text)
    model = window.snippet_panel.model
    return [model.snippet_at(row).snippet.title for row in range(model.rowCount())]


def test_an_espanso_file_is_previewed_then_imported_with_its_placeholders(qtbot, window,
                                                                          tmp_path):
    path = tmp_path / "base.yml"
    path.write_text(ESPANSO, encoding="utf-8")

    import_file(qtbot, window, path)

    preview = window.snippet_panel.transfer.preview
    assert preview.isVisible()
    assert preview.summary.text().startswith("base.yml (Espanso) holds 1 phrase. 1 thing")
    assert "';pic' has an image" in preview.details.toPlainText()
    assert search(qtbot, window, "waiting") == []  # nothing stored before Import
    qtbot.keyClick(preview, Qt.Key.Key_Return)
    assert not preview.isVisible()
    assert search(qtbot, window, "waiting") == ["Thanks for waiting"]
    stored = window.snippet_panel.search.current()
    assert stored.is_own
    assert stored.snippet.text == "Thanks for waiting, {customer_name}. {?Update}"
    assert stored.snippet.abbreviation == ";wait"
    assert window.statusBar().currentMessage() == "Imported 1 phrase"


def test_importing_the_same_csv_twice_keeps_one_copy(qtbot, window, tmp_path):
    path = tmp_path / "phrases.csv"
    path.write_text(";tnx,Thanks a lot!,Big thanks\n;bye,,Empty\n", encoding="utf-8")

    for _ in range(2):
        import_file(qtbot, window, path)
        preview = window.snippet_panel.transfer.preview
        assert "Line 2: This row has no text" in preview.details.toPlainText()
        qtbot.keyClick(preview, Qt.Key.Key_Return)

    assert window.statusBar().currentMessage() == "Imported 0 phrases; 1 phrase you already had"
    assert search(qtbot, window, "big thanks") == ["Big thanks"]


def test_a_file_with_nothing_to_import_says_what_is_wrong(qtbot, window, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("matches: [\n", encoding="utf-8")

    import_file(qtbot, window, path)

    preview = window.snippet_panel.transfer.preview
    assert preview.summary.text().startswith("Nothing can be imported from broken.yaml")
    assert "Not valid YAML" in preview.details.toPlainText()
    assert preview.buttons.buttons() == [
        preview.buttons.button(QDialogButtonBox.StandardButton.Close)]


def test_own_phrases_export_and_import_into_another_data_folder(qtbot, open_window, window,
                                                                tmp_path):
    export = tmp_path / "mine.yaml"
    menu_action(window, "Export my phrases…").trigger()
    assert window.statusBar().currentMessage().startswith("You have no phrases of your own")
    window.snippet_panel.model.create(
        Snippet("Callback booked", "I've booked a call for {date+1bd}.", ("callback",)),
        window.checklist.clock())

    choose_file(qtbot, window, "Export my phrases…", export)

    assert window.statusBar().currentMessage() == "Exported 1 phrase to mine.yaml"
    (tmp_path / "other-data").mkdir()
    other = open_window(directory=tmp_path / "other-data")
    import_file(qtbot, other, export)
    qtbot.keyClick(other.snippet_panel.transfer.preview, Qt.Key.Key_Return)
    assert search(qtbot, other, "callback") == ["Callback booked"]
    assert other.snippet_panel.search.current().snippet.text == (
        "I've booked a call for {date+1bd}.")
