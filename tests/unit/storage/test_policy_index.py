import os
from pathlib import Path

from checkback.core.content_packs import scan_policy_files
from checkback.storage.policy_index import sync_policies
from checkback.storage.policy_search import content_problems, count_policies, search_policies
from tests.conftest import write_policy


def sync(db, *packs: Path):
    return sync_policies(db, scan_policy_files(packs))


def test_first_pass_adds_every_policy(fresh_db, reader, pack):
    report = sync(fresh_db, pack)
    assert (report.added, report.updated, report.removed) == (3, 0, 0)
    assert count_policies(reader) == 3


def test_a_start_with_unchanged_content_reindexes_nothing(fresh_db, pack):
    sync(fresh_db, pack)
    report = sync(fresh_db, pack)
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 0, 0, 3)
    assert not report.changed


def test_a_touched_but_unchanged_file_is_not_reparsed(fresh_db, reader, pack):
    sync(fresh_db, pack)
    ids = dict(reader.execute("SELECT path, id FROM policies"))
    path = pack / "policies" / "refunds.md"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 5_000_000_000))
    report = sync(fresh_db, pack)
    assert report.unchanged == 3 and not report.changed
    assert dict(reader.execute("SELECT path, id FROM policies")) == ids


def test_a_changed_file_updates_only_its_rows(fresh_db, reader, pack):
    sync(fresh_db, pack)
    before = dict(reader.execute("SELECT path, id FROM policies"))
    changed = write_policy(pack / "policies", "refunds.md", "Refunds and store credit",
                           "Vouchers work too.", category="Returns and refunds")
    report = sync(fresh_db, pack)
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 1, 0, 2)
    after = dict(reader.execute("SELECT path, id FROM policies"))
    assert {p: i for p, i in after.items() if p != str(changed)} == {
        p: i for p, i in before.items() if p != str(changed)}
    assert [hit.title for hit in search_policies(reader, "voucher")] == ["Refunds and store credit"]


def test_added_and_deleted_files_are_picked_up(fresh_db, reader, pack):
    sync(fresh_db, pack)
    (pack / "policies" / "privacy.md").unlink()
    write_policy(pack / "policies" / "more", "warranty.md", "Warranty", category="Warranty")
    report = sync(fresh_db, pack)
    assert (report.added, report.removed) == (1, 1)
    assert search_policies(reader, "privacy") == []
    assert [hit.title for hit in search_policies(reader, "warr")] == ["Warranty"]


def test_a_removed_pack_takes_its_policies_away(fresh_db, reader, pack, tmp_path):
    team = tmp_path / "team"
    write_policy(team, "team-only.md", "Team only rule")
    sync(fresh_db, pack, team)
    assert count_policies(reader) == 4
    report = sync(fresh_db, pack)
    assert report.removed == 1
    assert count_policies(reader) == 3


def test_bad_files_are_listed_and_good_files_still_load(fresh_db, reader, pack):
    folder = pack / "policies"
    (folder / "broken.md").write_text("---\ntitle: [x\n---\n")
    (folder / "empty.md").write_bytes(b"")
    (folder / "binary.md").write_bytes(b"\x00\xff\x00")
    report = sync(fresh_db, pack)
    assert count_policies(reader) == 3
    assert sorted(Path(p).name for p in report.failed) == ["binary.md", "broken.md", "empty.md"]
    problems = {Path(p.source).name: p for p in content_problems(reader)}
    assert set(problems) == {"binary.md", "broken.md", "empty.md"}
    assert problems["broken.md"].line == 2


def test_fixing_a_file_clears_its_problem(fresh_db, reader, pack):
    broken = pack / "policies" / "broken.md"
    broken.write_text("---\ntitle: [x\n---\n")
    sync(fresh_db, pack)
    write_policy(broken.parent, "broken.md", "Fixed now")
    report = sync(fresh_db, pack)
    assert report.updated == 1
    assert content_problems(reader) == []
    assert [hit.title for hit in search_policies(reader, "fixed")] == ["Fixed now"]


def test_a_missing_pack_folder_is_not_an_error(fresh_db, tmp_path):
    report = sync(fresh_db, tmp_path / "nowhere")
    assert (report.added, report.removed) == (0, 0)


def test_a_pass_with_nothing_changed_is_known_by_the_print_of_the_files(fresh_db, pack):
    from checkback.storage.content_index import (
        FilesPrint,
        count_if_unchanged,
        known_print,
        store_print,
    )

    files = list(scan_policy_files([pack]))
    assert known_print(fresh_db.conn) is None  # never indexed
    found = FilesPrint()
    sync_policies(fresh_db, found.noted(files))
    store_print(fresh_db, found)
    known = known_print(fresh_db.conn)

    assert count_if_unchanged(reversed(files), known) == len(files)  # in any order
    assert count_if_unchanged(iter(files), known) == len(files)  # read as they come
    assert count_if_unchanged(files, None) is None
    assert count_if_unchanged(files[:-1], known) is None  # a file gone
    path = pack / "policies" / "refunds.md"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1))
    assert count_if_unchanged(scan_policy_files([pack]), known) is None  # a file saved
    sync_policies(fresh_db, scan_policy_files([pack]))  # a pass by other means
    assert known_print(fresh_db.conn) is None  # the print is stale until stored again
