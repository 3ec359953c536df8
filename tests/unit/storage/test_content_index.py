"""One file that breaks its reader, or the database, costs that file only."""

from pathlib import Path

import pytest

from checkback.core.content_packs import scan_playbook_files, scan_policy_files
from checkback.core.policies import read_policy_file
from checkback.storage.content_index import IndexedKind, sync_files
from checkback.storage.playbook_index import sync_playbooks
from checkback.storage.policy_index import POLICIES, sync_policies
from checkback.storage.policy_search import content_problems, count_policies
from tests.conftest import write_policy


def read_or_break(path: Path):
    """A reader with a bug for one file name, as a real reader might have."""
    if path.name == "breaks.md":
        raise KeyError("boom")
    return read_policy_file(path)


BREAKING = IndexedKind("policy", read_or_break, POLICIES.store, POLICIES.forget)


def test_a_reader_bug_on_one_file_is_a_problem_and_the_pass_goes_on(fresh_db, reader, pack):
    write_policy(pack / "policies", "breaks.md", "Breaks")
    report = sync_files(fresh_db, BREAKING, scan_policy_files([pack]))
    assert count_policies(reader) == 3
    [problem] = content_problems(reader)
    assert Path(problem.source).name == "breaks.md"
    assert "could not read this file (KeyError: 'boom')" in problem.message
    assert "report it with the log file" in problem.fix
    assert report.failed == [problem.source]


def test_values_the_database_refuses_are_problems_and_the_pass_goes_on(fresh_db, reader, pack):
    folder = pack / "policies"
    (folder / "surrogate.md").write_text('---\ntitle: "bad \\ud800"\n---\n')
    (folder / "huge.md").write_text("---\ntitle: Huge\nreview_every_days: " + "9" * 30 + "\n---\n")
    sync_policies(fresh_db, scan_policy_files([pack]))
    assert count_policies(reader) == 3
    problems = {Path(p.source).name: p for p in content_problems(reader)}
    assert set(problems) == {"surrogate.md", "huge.md"}
    assert "the index cannot keep" in problems["huge.md"].message
    assert not problems["huge.md"].loaded


def test_a_bad_date_costs_one_field_and_the_whole_pass_still_runs(fresh_db, reader, pack):
    write_policy(pack / "policies", "bad-date.md", "Bad date", reviewed="2026-02-30")
    sync_policies(fresh_db, scan_policy_files([pack]))
    assert count_policies(reader) == 4
    [problem] = content_problems(reader)
    assert (Path(problem.source).name, problem.line) == ("bad-date.md", 3)


def test_a_playbook_order_beyond_64_bits_is_reported(fresh_db, reader, tmp_path):
    folder = tmp_path / "playbooks"
    folder.mkdir()
    (folder / "big.yaml").write_text(f"name: Big\norder: {'9' * 25}\nsteps:\n  - title: A\n")
    (folder / "ok.yaml").write_text("name: Ok\nsteps:\n  - title: A\n")
    sync_playbooks(fresh_db, scan_playbook_files([tmp_path]))
    assert [row[0] for row in reader.execute("SELECT name FROM playbooks")] == ["Ok"]
    assert [Path(p.source).name for p in content_problems(reader)] == ["big.yaml"]


def test_the_problem_of_a_file_that_broke_its_reader_goes_with_the_file(fresh_db, reader, pack):
    path = write_policy(pack / "policies", "breaks.md", "Breaks")
    sync_files(fresh_db, BREAKING, scan_policy_files([pack]))
    fixed = path.with_name("fixed.md")
    path.rename(fixed)
    sync_files(fresh_db, BREAKING, scan_policy_files([pack]))
    assert count_policies(reader) == 4
    assert content_problems(reader) == []


def test_another_versions_index_is_read_again_whole(fresh_db, reader, pack):
    from checkback.storage.content_index import (
        FilesPrint,
        known_print,
        reread_after_an_upgrade,
        store_print,
    )

    files = list(scan_policy_files([pack]))
    reread_after_an_upgrade(fresh_db)
    sync_policies(fresh_db, files)
    store_print(fresh_db, FilesPrint())
    assert known_print(reader) is not None
    # As if an older version had indexed the files, and its reader had missed a problem:
    write_policy(pack / "policies", "late-delivery.md", "Late delivery", reviewed="2026-02-30")
    files = list(scan_policy_files([pack]))
    sync_policies(fresh_db, files)
    store_print(fresh_db, FilesPrint())
    fresh_db.execute("DELETE FROM content_problems")
    fresh_db.execute("UPDATE app_meta SET value = '0.0.1' WHERE key = 'indexed_by'")
    assert known_print(reader) is None

    reread_after_an_upgrade(fresh_db)
    report = sync_policies(fresh_db, files)
    assert report.updated == 3 and count_policies(reader) == 3
    assert [Path(p.source).name for p in content_problems(reader)] == ["late-delivery.md"]
    store_print(fresh_db, FilesPrint())
    assert known_print(reader) is not None


def test_a_start_with_nothing_changed_does_not_open_the_database(db_path, pack, tmp_path):
    from checkback.ui.content_indexer import IndexPasses

    first = IndexPasses(db_path)
    added = first.index([pack])[0].added
    known = stored_print(db_path)
    elsewhere = tmp_path / "never-made.db"

    report = IndexPasses(elsewhere).index([pack], known)[0]

    assert (report.unchanged, report.changed) == (added, False)
    assert not elsewhere.exists()  # nothing to open: the print said it all
    write_policy(pack / "policies", "new.md", "New")
    assert first.index([pack], known)[0].added == 1  # the print differs: files looked at
    assert stored_print(db_path) not in (None, known)
    first.close()


def test_a_pass_the_full_database_refuses_leaves_no_print_that_hides_the_change(db_path, pack):
    from checkback.storage.content_index import count_if_unchanged
    from checkback.storage.faults import FaultKind, fault_from
    from checkback.ui.content_indexer import IndexPasses

    passes = IndexPasses(db_path)
    passes.index([pack])
    before, policies = stored_print(db_path), _policies_in(db_path)
    write_policy(pack / "policies", "long.md", "Long", "word " * 100_000)  # needs new pages
    assert passes._db is not None
    pages = passes._db.execute("PRAGMA page_count").fetchone()[0]
    passes._db.execute(f"PRAGMA max_page_count = {pages}")

    with pytest.raises(Exception) as refused:
        passes.index([pack], before)

    fault = fault_from(refused.value, db_path.parent)
    assert fault is not None and fault.kind is FaultKind.FULL
    # The index is as it was, and the print says so: the next pass looks at the files again.
    assert (stored_print(db_path), _policies_in(db_path)) == (before, policies)
    assert count_if_unchanged(scan_policy_files([pack]), before) is None
    again = IndexPasses(db_path)  # the space is back: a new connection has no page limit
    assert again.index([pack], before)[0].added == 1
    assert _policies_in(db_path) == policies + 1
    assert stored_print(db_path) not in (None, before)
    again.close()


def stored_print(db_path: Path) -> str | None:
    """The print of the files the index holds, as the window's connection reads it."""
    from checkback.storage.content_index import known_print
    from checkback.storage.database import open_reader

    conn = open_reader(db_path)
    try:
        return known_print(conn)
    finally:
        conn.close()


def _policies_in(db_path: Path) -> int:
    from checkback.storage.database import open_reader

    conn = open_reader(db_path)
    try:
        return count_policies(conn)
    finally:
        conn.close()
