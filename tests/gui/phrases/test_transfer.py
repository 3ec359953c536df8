"""Importing phrases from Espanso and CSV files, and exporting one's own.

The imports are tested on the phrase panel alone; the export, with an import into another
data folder, goes through the window's File menu, so both of its phrase items are tested.
"""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox

from checkback.core.phrases import Phrase
from tests.gui.phrases.conftest import recorded_status

ESPANSO = """\
matches:
  - trigger: ";wait"
    label: Thanks for waiting
    replace: "Thanks for waiting, {{customer}}. {{update}}"
  - trigger: ";pic"
    image_path: "logo.png"
"""


def menu_action(window, text: str) -> QAction:
    """The window's menu action whose text (without its & mnemonic) is ``text``."""
    return next(action for action in window.findChildren(QAction)
                if action.text().replace("&", "") == text)


def choose_file(panel, start: Callable[[], object], path: Path) -> None:
    """Start a transfer with ``start`` (a menu action or the panel's own slot) and choose
    ``path`` in the file dialog it opens."""
    start()
    dialog = panel.transfer.file_dialog
    assert dialog.isVisible()
    dialog.selectFile(str(path))
    dialog.accept()


def import_file(qtbot, panel, path: Path, start: Callable[[], object] | None = None) -> None:
    """Choose ``path`` to import, and wait while the worker reads it for the preview."""
    with qtbot.waitSignal(panel.transfer.preview_ready, timeout=5000):
        choose_file(panel, start or panel.transfer.choose_import, path)


def search(qtbot, panel, text: str) -> list[str]:
    """Type ``text`` into the panel's emptied search box; the titles it then lists."""
    box = panel.search.search_box
    box.clear()
    qtbot.keyClicks(box, text)
    model = panel.model
    return [model.phrase_at(row).phrase.title for row in range(model.rowCount())]


def test_an_espanso_file_is_previewed_then_imported_with_its_placeholders(qtbot, panel,
                                                                          tmp_path):
    said = recorded_status(panel)
    path = tmp_path / "base.yml"
    path.write_text(ESPANSO, encoding="utf-8")

    import_file(qtbot, panel, path)

    preview = panel.transfer.preview
    assert preview.isVisible()
    assert preview.summary.text().startswith("base.yml (Espanso) holds 1 phrase. 1 thing")
    assert "';pic' has an image" in preview.details.toPlainText()
    assert search(qtbot, panel, "waiting") == []  # nothing stored before Import
    qtbot.keyClick(preview, Qt.Key.Key_Return)
    assert not preview.isVisible()
    assert search(qtbot, panel, "waiting") == ["Thanks for waiting"]
    stored = panel.search.current()
    assert stored.is_own
    assert stored.phrase.text == "Thanks for waiting, {customer_name}. {?Update}"
    assert stored.phrase.abbreviation == ";wait"
    assert said[-1] == "Imported 1 phrase"


def test_the_preview_opens_at_once_busy_reading_and_can_be_cancelled(qtbot, panel, tmp_path):
    first, second = tmp_path / "first.yml", tmp_path / "second.yml"
    first.write_text(ESPANSO, encoding="utf-8")
    second.write_text(ESPANSO, encoding="utf-8")

    choose_file(panel, panel.transfer.choose_import, first)

    cancelled = panel.transfer.preview
    assert cancelled.isVisible()
    assert cancelled.summary.text() == "Reading first.yml…"
    assert cancelled.reading.isVisible()
    assert cancelled.reading.maximum() == 0  # busy
    qtbot.keyClick(cancelled, Qt.Key.Key_Escape)
    assert not cancelled.isVisible()
    import_file(qtbot, panel, second)  # read after the first, so its result came first
    assert not cancelled.isVisible()
    assert cancelled.summary.text() == "Reading first.yml…"
    assert panel.transfer.preview.summary.text().startswith("second.yml (Espanso) holds 1")
    assert not panel.transfer.preview.reading.isVisible()


def test_a_read_stopped_by_a_fault_says_nothing_was_imported(qtbot, panel, tmp_path,
                                                             monkeypatch):
    def refuse(path: Path) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("checkback.ui.phrases.transfer.read_import_file", refuse)
    locked = tmp_path / "locked.yml"
    locked.write_text(ESPANSO, encoding="utf-8")
    choose_file(panel, panel.transfer.choose_import, locked)
    preview = panel.transfer.preview

    qtbot.waitUntil(lambda: not preview.reading.isVisible())
    assert preview.summary.text() == "locked.yml could not be read, so nothing was imported."
    assert preview.buttons.buttons() == [
        preview.buttons.button(QDialogButtonBox.StandardButton.Close)]


def test_importing_the_same_csv_twice_keeps_one_copy(qtbot, panel, tmp_path):
    said = recorded_status(panel)
    path = tmp_path / "phrases.csv"
    path.write_text(";tnx,Thanks a lot!,Big thanks\n;bye,,Empty\n", encoding="utf-8")

    for _ in range(2):
        import_file(qtbot, panel, path)
        preview = panel.transfer.preview
        assert "Line 2: This row has no text" in preview.details.toPlainText()
        qtbot.keyClick(preview, Qt.Key.Key_Return)

    assert said[-1] == "Imported 0 phrases; 1 phrase you already had"
    assert search(qtbot, panel, "big thanks") == ["Big thanks"]


def test_a_file_with_nothing_to_import_says_what_is_wrong(qtbot, panel, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("matches: [\n", encoding="utf-8")

    import_file(qtbot, panel, path)

    preview = panel.transfer.preview
    assert preview.summary.text().startswith("Nothing can be imported from broken.yaml")
    assert "Not valid YAML" in preview.details.toPlainText()
    assert preview.buttons.buttons() == [
        preview.buttons.button(QDialogButtonBox.StandardButton.Close)]


def test_own_phrases_export_and_import_into_another_data_folder(qtbot, open_window, window,
                                                                tmp_path):
    export = tmp_path / "mine.yaml"
    menu_action(window, "Export my phrases…").trigger()
    assert window.statusBar().currentMessage().startswith("You have no phrases of your own")
    window.phrase_panel.model.create(
        Phrase("Callback booked", "I've booked a call for {date+1bd}.", ("callback",)),
        window.checklist.clock())

    choose_file(window.phrase_panel, menu_action(window, "Export my phrases…").trigger, export)

    assert window.statusBar().currentMessage() == "Exported 1 phrase to mine.yaml"
    (tmp_path / "other-data").mkdir()
    other = open_window(directory=tmp_path / "other-data")
    import_file(qtbot, other.phrase_panel, export, menu_action(other, "Import phrases…").trigger)
    qtbot.keyClick(other.phrase_panel.transfer.preview, Qt.Key.Key_Return)
    assert search(qtbot, other.phrase_panel, "callback") == ["Callback booked"]
    assert other.phrase_panel.search.current().phrase.text == (
        "I've booked a call for {date+1bd}.")


ESPANSO_CHANGED = """\
matches:
  - triggers: [";eta", ";when"]
    replace: "It left on {{sent}}; your code is {{code}}."
    vars:
      - {name: sent, type: date, params: {format: "%d/%m", offset: -86400}}
      - {name: code, type: shell, params: {cmd: "cat ~/.secret"}}
  - trigger: ";eta"
    label: Same again
    replace: "It left on {{sent}}; your code is {{code}}."
    vars:
      - {name: sent, type: date, params: {format: "%d/%m", offset: -86400}}
      - {name: code, type: shell, params: {cmd: "cat ~/.secret"}}
"""


def test_the_preview_says_what_was_changed_or_dropped_and_a_second_import_adds_nothing(
        qtbot, panel, tmp_path):
    said = recorded_status(panel)
    path = tmp_path / "eta.yml"
    path.write_text(ESPANSO_CHANGED, encoding="utf-8")

    for _ in range(2):
        import_file(qtbot, panel, path)
        preview = panel.transfer.preview
        assert preview.summary.text().startswith("eta.yml (Espanso) holds 1 phrase. 4 things")
        assert preview.details.toPlainText().splitlines()[:4] == [
            "Line 2: The match ';eta' kept ;eta; also had ;when. A phrase has one "
            "abbreviation; type the one kept.",
            "Line 2: The match ';eta': not run: the shell command 'code'; you will be asked "
            "for its value when you copy. Type the value, or edit the phrase to hold it.",
            "Line 7: The match 'Same again': not run: the shell command 'code'; you will be "
            "asked for its value when you copy. Type the value, or edit the phrase to hold it.",
            "'Same again' is in the file twice (same abbreviation and text); it is imported "
            "once. Nothing to do.",
        ]
        qtbot.keyClick(preview, Qt.Key.Key_Return)

    assert said[-1] == "Imported 0 phrases; 1 phrase you already had"
    assert search(qtbot, panel, "left") == ["It left on; your code is."]
    assert panel.search.current().phrase.text == "It left on {date-1d:%d/%m}; your code is "\
                                                 "{?Code}."
