from pathlib import Path

from PySide6.QtCore import Qt

from checkback.ui.policies.panel import PolicyPanel
from tests.gui.conftest import index_packs


def test_bad_files_are_listed_with_line_and_fix_and_good_ones_load(qtbot, open_window, pack):
    folder = pack / "policies"
    (folder / "broken.md").write_text("---\ntitle: Broken\ntags: [a, b\n---\nBody")
    (folder / "typo.md").write_text("---\ntitle: Typo\nowner: [1, 2]\n---\nBody")
    (folder / "empty.md").write_text("")
    (folder / "binary.md").write_bytes(b"\x00\x01")
    (folder / "huge.md").write_text("---\ntitle: Huge\n---\n" + "x" * 1_100_000)
    (folder / "legacy.md").write_bytes("---\ntitle: Legacy\n---\nIt’s old.".encode("cp1252"))
    window = open_window()
    assert window.policy_panel.model.hit_count() == 5  # 3 good + typo + legacy
    assert window.indexing.problems_button.isVisible()
    assert window.indexing.problems_button.text() == "⚠ 6 content problems"
    qtbot.mouseClick(window.indexing.problems_button, Qt.MouseButton.LeftButton)
    dialog = window.indexing.problems_dialog
    assert dialog.isVisible()
    model = dialog.model
    rows = {model.index(r, 0).data(): [model.index(r, c).data() for c in range(4)]
            for r in range(model.rowCount())}
    assert set(rows) == {"binary.md", "broken.md", "empty.md", "huge.md", "legacy.md", "typo.md"}
    assert rows["broken.md"][1] == "3"
    assert "not valid YAML" in rows["broken.md"][2]
    assert rows["typo.md"][1] == "3"
    assert "not loaded" not in rows["typo.md"][2]
    assert "1 MB" in rows["huge.md"][2]
    assert "UTF-8" in rows["legacy.md"][3]
    assert "6 problem(s) in 6 file(s)" in dialog.summary.text()


def test_clean_content_shows_no_problem_button(window):
    assert not window.indexing.problems_button.isVisible()
    window.indexing.show_problems()
    assert window.indexing.problems_dialog.summary.text() == "All content loaded without problems."


def test_mojibake_is_repaired_before_it_is_shown(qtbot, session, show, pack: Path):
    (pack / "policies" / "mojibake.md").write_text(
        "---\ntitle: Damaged parcels\n---\nItâ€™s the customerÆs right.\n", encoding="utf-8")
    index_packs(session, pack)
    panel = show(PolicyPanel(session))
    panel.search_box.setText("damaged parcels")
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Return)
    assert "It’s the customer’s right." in panel.reader.browser.toPlainText()
