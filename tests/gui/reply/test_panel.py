"""The Check reply view: a draft checked as the agent types, marks in place, wordings copied."""

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from checkback.paths import shipped_content_dir
from checkback.ui.reply.panel import ReplyCheckerPanel

CTRL = Qt.KeyboardModifier.ControlModifier
DRAFT = "Our policy states that refunds take five days. Is that okay"
GOOD = ("I'm sorry the parcel is late. I've arranged a replacement; it leaves our warehouse "
        "today. Does that work for you?")


@pytest.fixture
def checker_window(open_window):
    window = open_window(shipped_content_dir())
    assert window.reply_checker.summary.text().startswith("Paste or write a draft")
    return window


def findings(panel) -> list[str]:
    """The headlines the list shows (each row's first line)."""
    model = panel.findings.model()
    return [model.index(row).data().split("\n")[0] for row in range(model.rowCount())]


def test_a_draft_is_marked_in_place_and_a_better_wording_is_copied(qtbot, checker_window):
    window = checker_window
    panel = window.reply_checker
    qtbot.keyClick(window, Qt.Key.Key_R, CTRL)
    assert window.tabs.currentWidget() is panel
    assert QApplication.focusWidget() is panel.draft

    qtbot.keyClicks(panel.draft, DRAFT)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 5)

    assert findings(panel) == [
        "“Our policy states”: Leading with the policy puts the customer on the attack and "
        "you on the defence.",
        "“Is that okay”: A resolution asked as a question sounds unsure and invites a no.",
        "Missing: No acknowledgement or apology near the start.",
        "Missing: No concrete resolution statement.",
        "Missing: No checkback question at the end.",
    ]
    assert panel.summary.text().startswith("5 things to look at")
    marked = [(s.cursor.selectionStart(), s.cursor.selectionEnd())
              for s in panel.draft.extraSelections()]
    assert marked == [(0, 17), (DRAFT.index("Is"), len(DRAFT))]
    assert panel.draft.toPlainText() == DRAFT  # marks never change the text

    qtbot.keyClick(panel.draft, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.findings
    qtbot.keyClick(panel.findings, Qt.Key.Key_Down)
    assert panel.draft.textCursor().selectedText() == "Is that okay"
    qtbot.keyClick(panel.findings, Qt.Key.Key_Return)
    assert QApplication.clipboard().text() == "We'll send a replacement today."
    assert window.statusBar().currentMessage() == "Copied “We'll send a replacement today.”"

    qtbot.mouseClick(panel.clear_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.draft, GOOD)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0)
    assert panel.summary.text().startswith("✓ Nothing to change")
    assert panel.draft.extraSelections() == []
    assert not panel.copy_button.isEnabled()


def test_the_chosen_finding_stays_while_typing_only_moves_its_marks(qtbot, panel):
    assert not panel.copy_button.isEnabled()
    panel.draft.setPlainText(DRAFT)
    panel.check_now()
    assert panel.copy_button.isEnabled()
    assert panel.findings.currentIndex().row() == 0
    panel.findings.setCurrentIndex(panel.model.index(1))  # "Is that okay", chosen by the code
    assert panel.draft.textCursor().selectedText() == ""  # the list has no focus

    cursor = panel.draft.textCursor()
    cursor.setPosition(0)
    panel.draft.setTextCursor(cursor)
    qtbot.keyClicks(panel.draft, "Hi. ")
    panel.check_now()

    assert panel.findings.currentIndex().row() == 1
    strength = {(s.cursor.selectionStart(), s.cursor.selectionEnd()):
                s.format.background().color().alpha() for s in panel.draft.extraSelections()}
    assert strength == {(4, 21): 45, (4 + DRAFT.index("Is"), 4 + len(DRAFT)): 110}
    assert panel.draft.textCursor().position() == 4  # still typing where the agent was

    panel.findings.setFocus()
    assert QApplication.focusWidget() is panel.findings
    panel.draft.setPlainText("Calm down.")
    panel.check_now()
    assert panel.findings.currentIndex().row() == 0  # new findings: back to the first
    assert not panel.draft.textCursor().hasSelection()  # the agent did not choose it


def test_clear_can_be_undone(qtbot, panel):
    qtbot.keyClicks(panel.draft, "Calm down, please.")
    qtbot.mouseClick(panel.clear_button, Qt.MouseButton.LeftButton)
    assert panel.draft.toPlainText() == ""
    qtbot.keyClick(panel.draft, Qt.Key.Key_Z, CTRL)
    assert panel.draft.toPlainText() == "Calm down, please."


def test_resting_the_pointer_on_a_mark_gives_its_reason(qtbot, panel):
    panel.draft.setPlainText("As I already said, it ships Monday.")
    panel.check_now()
    cursor = panel.draft.textCursor()
    cursor.setPosition(3)
    at_mark = panel.draft.cursorRect(cursor).center()
    viewport = panel.draft.viewport()

    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, at_mark,
                                                viewport.mapToGlobal(at_mark)))

    assert QToolTip.text().startswith("Pointing out that you repeat yourself sounds impatient.")
    assert panel.mark_at(3).rule.rule_id == "already-said"
    assert panel.mark_at(len("As I already said, it")) is None
    QToolTip.hideText()


def test_the_draft_is_saved_while_typing_and_back_after_a_restart(qtbot, shipped, panel,
                                                                  reopen, show, data_dir):
    qtbot.keyClicks(panel.draft, "Hi Ana, thanks for waiting.")

    def saved() -> str:
        with sqlite3.connect(data_dir / "checkback.db") as conn:
            row = conn.execute("SELECT text FROM drafts").fetchone()
        return row[0] if row else ""

    qtbot.waitUntil(lambda: saved() == "Hi Ana, thanks for waiting.")  # no close needed
    shipped.close()
    restarted = show(ReplyCheckerPanel(reopen()))
    assert restarted.draft.toPlainText() == "Hi Ana, thanks for waiting."


def test_team_rules_apply_and_a_bad_pattern_is_reported(qtbot, open_window, data_dir,
                                                       tmp_path: Path):
    team = tmp_path / "team"
    (team / "checker").mkdir(parents=True)
    (team / "checker" / "team.yaml").write_text(
        "rules:\n"
        "  - id: no-unfortunately\n"
        "    pattern: '\\bunfortunately\\b'\n"
        "    reason: Bad news opens with what we can do, not a sigh.\n"
        "    suggestion: '\"Here is what I can do.\"'\n"
        "  - id: broken\n"
        "    pattern: '(oops'\n"
        "    reason: Never compiles.\n", encoding="utf-8")
    from checkback.settings import TEAM_FOLDERS, Settings

    Settings(data_dir).set(TEAM_FOLDERS, [str(team)])
    window = open_window(shipped_content_dir())
    panel = window.reply_checker

    qtbot.keyClicks(panel.draft, "Unfortunately not.")
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0)

    assert findings(panel)[0] == ("“Unfortunately”: Bad news opens with what we can do, "
                                  "not a sigh.")
    assert window.indexing.problems_button.isVisible()
    assert window.indexing.problems_button.text() == "⚠ 1 content problem"
