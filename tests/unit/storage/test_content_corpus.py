"""A corpus of bad content files, indexed with the shipped content in one pass.

Each case is one file a team could put in its pack. The pass must finish, the shipped files
must all load, and every bad file must either load or be listed with its file (and its
line where there is one), cheaply: within a second and 50 MB each.
"""

from __future__ import annotations

import codecs
import os
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import pytest

from checkback.core.content_packs import (
    ContentFile,
    scan_phrase_files,
    scan_playbook_files,
    scan_policy_files,
    scan_rule_files,
)
from checkback.paths import shipped_content_dir
from checkback.storage.content_index import sync_files
from checkback.storage.playbook_index import PHRASES, PLAYBOOKS
from checkback.storage.policy_index import POLICIES
from checkback.storage.reply_rules import RULES

pytestmark = pytest.mark.usefixtures("yaml_parser")  # each case with either parser
MAX_SECONDS = 1.0
MAX_BYTES = 50_000_000
LOADED, REFUSED = "loaded", "refused"
KINDS = {"policies": (POLICIES, "policies"), "playbooks": (PLAYBOOKS, "playbooks"),
         "snippets": (PHRASES, "snippets"), "checker": (RULES, "checker_rules")}


@dataclass(frozen=True)
class Case:
    """One bad file: where it goes, what it holds, and what the index should make of it.

    ``line`` is the line a problem must name (None when no line makes sense).
    """

    name: str
    folder: str
    content: bytes
    outcome: str
    line: int | None = None

    @property
    def file_name(self) -> str:
        return self.name + (".md" if self.folder == "policies" else ".yaml")


def front(*lines: str, body: str = "Body.") -> bytes:
    """A policy with front matter ``lines``."""
    return ("---\n" + "\n".join(lines) + "\n---\n" + body + "\n").encode()


def laughs(levels: int = 9) -> str:
    """A "billion laughs" alias bomb: each level lists the one before nine times."""
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, levels):
        name, prev = chr(ord("a") + level), chr(ord("a") + level - 1)
        rows.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    return "\n".join(rows)


STEPS = "steps:\n  - title: Listen\n  - title: Solve\n"
SNIPPET = "snippets:\n  - title: Hello\n    text: Hello there.\n"

CASES = [
    Case("date-feb-30", "policies", front("title: A", "reviewed: 2026-02-30"), LOADED, 3),
    Case("date-month-13", "policies", front("title: A", "reviewed: 2026-13-01"), LOADED, 3),
    Case("date-words", "policies", front("title: A", "reviewed: last tuesday"), LOADED, 3),
    Case("date-as-list", "policies", front("title: A", "reviewed: [2026-01-01]"), LOADED, 3),
    Case("empty", "policies", b"", REFUSED),
    Case("whitespace-only", "policies", b"  \n\t\n  ", REFUSED),
    Case("binary-junk", "policies", bytes(range(256)) * 8, REFUSED),
    Case("nul-bytes", "policies", front("title: A") + b"\x00\x00", REFUSED),
    Case("utf8-bom", "policies", codecs.BOM_UTF8 + front("title: BOM"), LOADED),
    Case("utf16-bom", "policies", "---\ntitle: Wide\n---\nBody.\n".encode("utf-16"), LOADED),
    Case("utf16-broken", "policies", codecs.BOM_UTF16_LE + b"a\x00\x00\xd8b", REFUSED),
    Case("utf16-no-bom", "policies", "---\ntitle: W\n---\n".encode("utf-16-le"), REFUSED),
    Case("windows-1252", "policies", "---\ntitle: It’s old\n---\n".encode("cp1252"), LOADED),
    Case("not-any-encoding", "policies", b"---\ntitle: \x81\x8d\x8f\n---\n", REFUSED),
    Case("no-front-matter", "policies", b"# Refunds\n\nJust text.\n", REFUSED, 1),
    Case("unterminated-front", "policies", b"---\ntitle: A\nBody never starts\n", REFUSED, 1),
    Case("front-is-a-list", "policies", front("- title: A", "- tags: b"), REFUSED, 2),
    Case("front-is-text", "policies", front("just some words"), REFUSED, 2),
    Case("tab-indent", "policies", front("title: A", "tags:", "\t- a"), REFUSED, 4),
    Case("deep-flow", "policies", front("title: A", "tags: " + "[" * 5000 + "]" * 5000),
         REFUSED, 3),
    Case("deep-block", "policies", front("title: A", "owner:", *(
        "  " * depth + f"k{depth}:" for depth in range(1, 60))), REFUSED),
    Case("alias-bomb", "policies", front("title: A", laughs()), REFUSED, 4),
    Case("alias-to-itself", "policies", front("title: A", "tags: &t [*t]"), REFUSED, 3),
    Case("too-many-aliases", "policies", front("title: &t A", *(
        f"k{n}: *t" for n in range(60))), REFUSED),
    Case("duplicate-title", "policies", front("title: A", "title: B"), LOADED, 3),
    Case("huge-line", "policies", front("title: Long", body="word " * 180_000), LOADED),
    Case("huge-line-of-stars", "policies", front("title: Stars", body="*a " * 300_000), LOADED),
    Case("too-big", "policies", front("title: Big", body="x" * 1_100_000), REFUSED),
    Case("no-title", "policies", front("category: Returns"), REFUSED, 1),
    Case("title-is-list", "policies", front("title: [a, b]"), REFUSED),
    Case("file-link", "policies", front("title: A", body="See [it](file:///etc/passwd)."),
         LOADED, 4),
    Case("html-file-image", "policies", front("title: A", body='<img src="file:///a.png">'),
         LOADED, 4),
    Case("script-link", "policies", front("title: A", body="\n\n[x](javascript:alert(1))"),
         LOADED, 6),
    Case("bad-int-tag", "policies", front("title: A", "review_every_days: !!int abc"),
         REFUSED, 3),
    Case("bad-bool-tag", "policies", front("title: A", "owner: !!bool maybe"), REFUSED, 3),
    Case("python-tag", "policies", front("title: !!python/object:os.system x"), REFUSED, 2),
    Case("huge-number", "policies", front("title: A", "review_every_days: " + "9" * 30),
         REFUSED),
    Case("lone-surrogate", "policies", front('title: "bad \\ud800 text"'), REFUSED),
    Case("control-char", "policies", front("title: bell \x07"), LOADED),
    Case("crlf", "policies", b"---\r\ntitle: Windows\r\n---\r\nBody.\r\n", LOADED),
    Case("unhashable-key", "policies", front("title: A", "? [a, b]", ": c"), LOADED),
    Case("playbook-is-list", "playbooks", b"- name: A\n- name: B\n", REFUSED, 1),
    Case("playbook-alias-bomb", "playbooks", ("name: A\n" + laughs()).encode(), REFUSED, 3),
    Case("playbook-duplicate", "playbooks", ("name: A\nname: B\n" + STEPS).encode(), LOADED,
         2),
    Case("playbook-steps-number", "playbooks", b"name: A\nsteps: 5\n", REFUSED, 2),
    Case("playbook-deep", "playbooks", ("name: A\nsteps: " + "[" * 3000).encode(), REFUSED),
    Case("playbook-huge-order", "playbooks", (f"name: A\norder: {'9' * 25}\n" + STEPS).encode(),
         REFUSED),
    Case("playbook-date-name", "playbooks", ("name: 2026-02-30\n" + STEPS).encode(), LOADED),
    Case("playbook-empty", "playbooks", b"\n\n", REFUSED),
    Case("playbook-tabs", "playbooks", b"name: A\nsteps:\n\t- title: x\n", REFUSED, 3),
    Case("playbook-unclosed", "playbooks", b"name: A\nsteps: [\n  {title: x\n", REFUSED, 3),
    Case("snippets-mapping", "snippets", b"snippets:\n  a: b\n", REFUSED, 1),
    Case("snippets-binary", "snippets", b"\x89PNG\r\n\x1a\n\x00\x00", REFUSED),
    Case("snippets-too-long", "snippets", ("snippets:\n  - title: Long\n    text: "
                                           + "x" * 25_000 + "\n").encode(), REFUSED, 2),
    Case("snippets-bom", "snippets", codecs.BOM_UTF8 + SNIPPET.encode(), LOADED),
    Case("snippets-duplicate", "snippets", (SNIPPET + "snippets: []\n").encode(), LOADED, 4),
    Case("rules-bad-regex", "checker", b"rules:\n  - id: x\n    pattern: '(('\n"
         b"    reason: r\n", REFUSED, 3),
    Case("rules-scalar-alias", "checker", b"rules:\n  - id: &i lol\n    pattern: lol\n"
         b"    reason: *i\n", LOADED),
    Case("rules-is-text", "checker", b"rules\n", REFUSED, 1),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The team pack holding every case, with a folder link back to its own folder."""
    root = tmp_path_factory.mktemp("corpus") / "pack"
    for case in CASES:
        folder = root / case.folder
        folder.mkdir(parents=True, exist_ok=True)
        (folder / case.file_name).write_bytes(case.content)
    os.symlink(".", root / "policies" / "loop")
    return root


def every_file(*packs: Path) -> dict[str, list[ContentFile]]:
    """The files of ``packs`` by folder, as the indexer scans them."""
    return {"policies": list(scan_policy_files(packs)),
            "playbooks": list(scan_playbook_files(packs)),
            "snippets": list(scan_phrase_files(packs)),
            "checker": list(scan_rule_files(packs))}


def test_cases_are_many_and_named_once():
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)


def test_the_corpus_and_the_shipped_content_index_in_one_pass(fresh_db, reader, corpus):
    shipped = shipped_content_dir()
    for folder, files in every_file(shipped, corpus).items():
        sync_files(fresh_db, KINDS[folder][0], files)
    problems = reader.execute("SELECT path, line, loaded FROM content_problems").fetchall()
    assert not [path for path, _line, _loaded in problems if path.startswith(str(shipped))]
    for folder, (_kind, table) in KINDS.items():
        expected = {str(path) for path in (shipped / folder).glob("*.*")}
        assert expected <= stored_paths(reader, table), folder
    for case in CASES:
        path = str(corpus / case.folder / case.file_name)
        lines = {line for where, line, _loaded in problems if where == path}
        loaded = path in stored_paths(reader, KINDS[case.folder][1])
        assert loaded == (case.outcome == LOADED), case.name
        assert loaded or lines, f"{case.name} was neither loaded nor reported"
        if case.line is not None:
            assert case.line in lines, f"{case.name}: problems on lines {lines}"


def test_a_folder_link_to_its_own_folder_adds_no_policy_twice(fresh_db, reader, corpus):
    files = every_file(corpus)["policies"]
    sync_files(fresh_db, POLICIES, files)
    paths = [row[0] for row in reader.execute("SELECT path FROM policies")]
    assert len(paths) == len(set(paths)) == sum(
        case.folder == "policies" and case.outcome == LOADED for case in CASES)
    assert not [file.path for file in files if "loop" in Path(file.path).parts]


def stored_paths(reader, table: str) -> set[str]:
    """The files ``table`` holds rows from."""
    return {row[0] for row in reader.execute(f"SELECT DISTINCT path FROM {table}")}


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_no_file_takes_more_than_a_second_or_50_mb(fresh_db, corpus, case):
    path = corpus / case.folder / case.file_name
    file = ContentFile(str(path), str(corpus), path.stat().st_mtime_ns, path.stat().st_size)
    kind = KINDS[case.folder][0]
    sync_files(fresh_db, kind, [])  # the first pass's set-up is not the file's cost
    seconds, peak = measure(fresh_db, kind, file)
    print(f"{case.name}: {seconds * 1000:.0f} ms, {peak / 1_000_000:.1f} MB")
    assert seconds < MAX_SECONDS
    assert peak < MAX_BYTES


def measure(db, kind, file: ContentFile) -> tuple[float, int]:
    """How long indexing ``file`` takes, and the most memory it holds at once.

    Timed without tracemalloc (which slows Python down), then measured with it.
    """
    started = time.perf_counter()
    sync_files(db, kind, [file])
    seconds = time.perf_counter() - started
    sync_files(db, kind, [])
    tracemalloc.start()
    try:
        sync_files(db, kind, [file])
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return seconds, peak
