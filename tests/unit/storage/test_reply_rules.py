import datetime as dt
from pathlib import Path

from checkback.core.content_packs import scan_rule_files
from checkback.core.reply_checker import check_reply
from checkback.paths import shipped_content_dir
from checkback.storage.database import open_writer
from checkback.storage.policy_search import content_problems
from checkback.storage.reply_rules import load_draft, load_rules, save_draft, sync_rules

TEAM_RULES = """\
rules:
  - id: no-unfortunately
    pattern: "\\\\bunfortunately\\\\b"
    reason: Opens bad news with a sigh.
    suggestion: Say what you can do instead.
  - id: broken
    pattern: "(unclosed"
    reason: This pattern does not compile.
"""
NOW = dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC)


def team_pack(tmp_path: Path) -> Path:
    folder = tmp_path / "team" / "checker"
    folder.mkdir(parents=True)
    (folder / "ours.yaml").write_text(TEAM_RULES, encoding="utf-8")
    return tmp_path / "team"


def test_shipped_and_team_rules_are_indexed_and_a_bad_pattern_is_reported(fresh_db, reader,
                                                                           tmp_path):
    report = sync_rules(fresh_db, scan_rule_files([shipped_content_dir(), team_pack(tmp_path)]))

    assert report.added == 2
    rules = load_rules(reader)
    ids = [rule.rule_id for rule in rules]
    assert {"policy-first", "checkback", "no-unfortunately"} <= set(ids)
    assert "broken" not in ids
    [problem] = content_problems(reader)
    assert problem.source.endswith("ours.yaml") and problem.line == 7
    assert "bad pattern" in problem.message
    review = check_reply("Unfortunately our policy states no refunds.", rules)
    assert [mark.rule.rule_id for mark in review.marks] == ["no-unfortunately", "policy-first"]


def test_a_removed_rule_file_takes_its_rules_with_it(fresh_db, reader, tmp_path):
    pack = team_pack(tmp_path)
    sync_rules(fresh_db, scan_rule_files([pack]))
    (pack / "checker" / "ours.yaml").unlink()

    sync_rules(fresh_db, scan_rule_files([pack]))

    assert load_rules(reader) == ()
    assert content_problems(reader) == []


def test_the_draft_is_saved_and_replaced(fresh_db, db_path):
    writer = open_writer(db_path)
    assert load_draft(writer) == ""
    save_draft(writer, "Hi Ana,\nthanks", NOW)
    save_draft(writer, "Hi Ana,\nthanks for waiting", NOW)
    assert load_draft(writer) == "Hi Ana,\nthanks for waiting"
    writer.close()
