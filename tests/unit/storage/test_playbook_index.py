from pathlib import Path

from checkback.core.content_packs import scan_phrase_files, scan_playbook_files
from checkback.storage.guidance import load_playbooks, phrases_for
from checkback.storage.playbook_index import sync_phrases, sync_playbooks
from checkback.storage.policy_search import content_problems

PLAYBOOK = """\
name: Quick method
steps:
  - title: Say hello
    phrases: [hello]
  - title: Solve it
    phrases: [solve, hello]
"""
PHRASES = """\
snippets:
  - title: Hi
    text: Hi {customer_name}.
    tags: [hello]
  - title: Fixed
    text: We'll fix it today.
    tags: [solve, hello]
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def sync(db, pack: Path):
    report = sync_playbooks(db, scan_playbook_files([pack]))
    return sync_phrases(db, scan_phrase_files([pack]), report)


def test_playbooks_and_phrases_are_indexed_and_read_back(fresh_db, reader, tmp_path):
    write(tmp_path / "pack" / "playbooks", "quick.yaml", PLAYBOOK)
    write(tmp_path / "pack" / "snippets", "basics.yaml", PHRASES)
    report = sync(fresh_db, tmp_path / "pack")
    assert (report.added, report.failed) == (2, [])
    (playbook,) = load_playbooks(reader)
    assert playbook.slug == "quick"
    assert [step.title for step in playbook.steps] == ["Say hello", "Solve it"]
    assert playbook.steps[1].phrase_tags == ("solve", "hello")
    # Both tags of "Fixed" match the second step: it comes first.
    assert [p.title for p in phrases_for(reader, ("solve", "hello"))] == ["Fixed", "Hi"]
    assert [p.title for p in phrases_for(reader, ("hello",))] == ["Hi", "Fixed"]
    assert phrases_for(reader, ()) == []


def test_an_edited_file_replaces_its_rows_and_a_deleted_one_removes_them(
        fresh_db, reader, tmp_path):
    pack = tmp_path / "pack"
    phrases = write(pack / "snippets", "basics.yaml", PHRASES)
    sync(fresh_db, pack)
    phrases.write_text(PHRASES.replace("title: Hi", "title: Hello there"), encoding="utf-8")
    report = sync(fresh_db, pack)
    assert report.updated == 1
    assert [p.title for p in phrases_for(reader, ("hello",))] == ["Hello there", "Fixed"]
    phrases.unlink()
    assert sync(fresh_db, pack).removed == 1
    assert phrases_for(reader, ("hello",)) == []
    assert reader.execute("SELECT count(*) FROM snippet_tags").fetchone()[0] == 0


def test_a_bad_playbook_is_reported_and_the_good_ones_load(fresh_db, reader, tmp_path):
    pack = tmp_path / "pack"
    write(pack / "playbooks", "quick.yaml", PLAYBOOK)
    write(pack / "playbooks", "broken.yaml", "name: Broken\nsteps: [\n")
    report = sync(fresh_db, pack)
    assert report.failed == [str(pack / "playbooks" / "broken.yaml")]
    assert [p.name for p in load_playbooks(reader)] == ["Quick method"]
    (problem,) = content_problems(reader)
    assert problem.source.endswith("broken.yaml")
    assert problem.message.startswith("Not valid YAML")


def test_the_default_playbook_comes_first_and_a_later_duplicate_is_ignored(
        fresh_db, reader, tmp_path):
    write(tmp_path / "a" / "playbooks", "quick.yaml", PLAYBOOK)
    write(tmp_path / "a" / "playbooks", "main.yaml", PLAYBOOK.replace(
        "name: Quick method", "name: Main\ndefault: true"))
    write(tmp_path / "b" / "playbooks", "quick.yaml", PLAYBOOK.replace("Quick", "Team"))
    sync_playbooks(fresh_db, scan_playbook_files([tmp_path / "a", tmp_path / "b"]))
    assert [p.name for p in load_playbooks(reader)] == ["Main", "Quick method"]
