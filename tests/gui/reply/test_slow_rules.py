"""A team rule that could freeze the checker: refused at load, and never blocks a check."""

import sqlite3
import time
from pathlib import Path

from PySide6.QtCore import Qt

from checkback.paths import shipped_content_dir
from checkback.settings import TEAM_FOLDERS, Settings
from checkback.storage.database import database_path
from checkback.ui.reply.panel import ReplyCheckerPanel
from tests.gui.conftest import index_packs

DRAFT_93 = ("Hello Dana I am sorry the parcel is late we will send a new one today and call you "
            "back soon.")
CHECK_BUDGET_S = 0.25  # the checker's 100 ms, with room for a shared, noisy machine


def team_pack(root: Path) -> Path:
    """A team pack whose checker file holds a slow rule (its pattern on line 7)."""
    (root / "checker").mkdir(parents=True)
    (root / "checker" / "team.yaml").write_text(
        "rules:\n"
        "  - id: no-unfortunately\n"
        "    pattern: '\\bunfortunately\\b'\n"
        "    reason: Bad news opens with what we can do, not a sigh.\n"
        "  - id: ends-on-a-question\n"
        "    kind: avoid\n"
        "    pattern: '(\\w+\\s?)+\\?\\s*$'\n"
        "    reason: Ends on a question.\n", encoding="utf-8")
    return root


def test_a_slow_team_rule_is_listed_in_content_problems_and_the_draft_is_checked_in_time(
        qtbot, open_window, data_dir, tmp_path: Path):
    Settings(data_dir).set(TEAM_FOLDERS, [str(team_pack(tmp_path / "team"))])
    window = open_window(shipped_content_dir())
    panel = window.reply_checker
    loaded = [rule.rule_id for rule in panel.rules]
    assert "no-unfortunately" in loaded and "ends-on-a-question" not in loaded

    qtbot.keyClicks(panel.draft, DRAFT_93)
    qtbot.waitUntil(lambda: panel.summary.text().startswith("1 thing to look at"))
    started = time.perf_counter()
    panel.check_now()
    assert time.perf_counter() - started < CHECK_BUDGET_S

    assert window.indexing.problems_button.text() == "⚠ 1 content problem"
    qtbot.mouseClick(window.indexing.problems_button, Qt.MouseButton.LeftButton)
    model = window.indexing.problems_dialog.model
    (row,) = [[model.index(r, c).data() for c in range(4)] for r in range(model.rowCount())]
    assert row[:2] == ["team.yaml", "7"]
    assert "Rule 'ends-on-a-question': this pattern can take seconds on some replies" in row[2]
    assert "avoid nested repetition like (\\w+\\s?)+" in row[3]


def test_a_saved_draft_never_blocks_start_up_even_with_a_slow_rule_stored(session, show):
    index_packs(session, shipped_content_dir())
    conn = sqlite3.connect(database_path(session.data_dir))
    with conn:  # as an index written before slow patterns were refused may hold them
        conn.execute("INSERT INTO checker_rules (path, pack, position, rule_id, kind, pattern,"
                     " reason) VALUES ('old.yaml', 'team', 0, 'slow', 'avoid', ?, 'Slow.')",
                     (r"(\w|\s|\w\s)+$",))
        conn.execute("INSERT INTO drafts (name, text, updated_at) VALUES ('reply', ?, '')",
                     (DRAFT_93,))
    conn.close()

    started = time.perf_counter()
    panel = ReplyCheckerPanel(session)
    assert time.perf_counter() - started < CHECK_BUDGET_S + 0.25  # building it included
    show(panel)

    assert panel.draft.toPlainText() == DRAFT_93
    assert "slow" in [rule.rule_id for rule in panel.rules]
    assert panel.summary.text() == ("1 thing to look at. Enter copies a better wording. "
                                    "1 rule skipped: too slow on this draft.")
