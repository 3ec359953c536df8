import datetime as dt
from pathlib import Path

from checkback.core.policies import MAX_FILE_BYTES, parse_policy, read_policy_file
from tests.conftest import policy_text


def parse(text: str):
    return parse_policy("/packs/x.md", text.encode())


def test_a_complete_policy_is_parsed():
    parsed = parse(policy_text(
        "Refunds", "## When\nAlways.", category="Returns", tags="[refund, money]",
        can=["Refund up to 100 EUR"], with_approval=["Refund over 100 EUR"], cannot=["Cash"],
        reviewed="2026-10-01", owner="Returns lead", review_every_days=90,
    ))
    policy = parsed.policy
    assert parsed.problems == ()
    assert policy.title == "Refunds"
    assert policy.category == "Returns"
    assert policy.tags == ("refund", "money")
    assert policy.can == ("Refund up to 100 EUR",)
    assert policy.with_approval == ("Refund over 100 EUR",)
    assert policy.cannot == ("Cash",)
    assert policy.reviewed == dt.date(2026, 10, 1)
    assert policy.owner == "Returns lead"
    assert policy.review_every_days == 90
    assert policy.body == "## When\nAlways."
    assert policy.slug == "x"


def test_broken_yaml_is_reported_with_its_file_line():
    parsed = parse("---\ntitle: Refunds\ntags: [a, b\ncan: x\n---\nBody")
    assert parsed.policy is None
    (problem,) = parsed.problems
    assert "not valid YAML" in problem.message
    assert problem.line == 3
    assert problem.fix
    assert not problem.loaded


def test_missing_front_matter_is_reported_on_line_one():
    parsed = parse("# Just a heading\n\nSome text")
    assert parsed.policy is None
    assert parsed.problems[0].line == 1
    assert "front matter" in parsed.problems[0].message


def test_missing_title_makes_the_file_unusable():
    parsed = parse("---\ncategory: Returns\n---\nBody")
    assert parsed.policy is None
    assert "no title" in parsed.problems[0].message


def test_wrong_types_are_reported_and_ignored_but_the_policy_loads():
    parsed = parse("---\ntitle: Refunds\ncan: {a: 1}\nreviewed: last week\n"
                   "review_every_days: -3\n---\nBody")
    assert parsed.policy is not None
    assert parsed.policy.can == ()
    assert parsed.policy.reviewed is None
    assert parsed.policy.review_every_days is None
    by_line = {problem.line: problem for problem in parsed.problems}
    assert "'can' should be a list" in by_line[3].message
    assert "YYYY-MM-DD" in by_line[4].message
    assert "above zero" in by_line[5].message
    assert all(problem.loaded for problem in parsed.problems)


def test_unknown_keys_are_reported_with_their_line():
    parsed = parse("---\ntitle: Refunds\ncategroy: Returns\n---\nBody")
    assert parsed.policy is not None
    (problem,) = parsed.problems
    assert problem.line == 3
    assert "Unknown field 'categroy'" in problem.message
    assert "category" in problem.fix


def test_tags_may_be_written_as_one_comma_separated_line():
    parsed = parse("---\ntitle: A\ntags: refund, money back\n---\n")
    assert parsed.policy.tags == ("refund", "money back")


def test_an_empty_file_is_reported():
    assert "empty" in parse("  \n").problems[0].message


def test_binary_bytes_are_reported_not_raised():
    parsed = parse_policy("/packs/x.md", b"\x00\x01\x02garbage")
    assert parsed.policy is None
    assert "Not readable as text" in parsed.problems[0].message


def test_windows_1252_file_loads_with_a_note(tmp_path: Path):
    path = tmp_path / "late.md"
    path.write_bytes(policy_text("Late parcel", "It’s late.").encode("cp1252"))
    parsed = read_policy_file(path)
    assert parsed.policy.body == "It’s late."
    assert parsed.problems[0].loaded
    assert "Windows-1252" in parsed.problems[0].message


def test_bom_and_crlf_file_loads_cleanly(tmp_path: Path):
    path = tmp_path / "bom.md"
    path.write_bytes(b"\xef\xbb\xbf" + policy_text("Bom", "Line one.").replace("\n", "\r\n")
                     .encode())
    parsed = read_policy_file(path)
    assert parsed.problems == ()
    assert parsed.policy.title == "Bom"
    assert parsed.policy.body == "Line one."


def test_a_file_over_one_megabyte_is_refused_without_reading_it(tmp_path: Path):
    path = tmp_path / "huge.md"
    path.write_text(policy_text("Huge", "x" * (MAX_FILE_BYTES + 10)))
    parsed = read_policy_file(path)
    assert parsed.policy is None
    assert "at most 1 MB" in parsed.problems[0].message
    assert parsed.digest.startswith("size:")


def test_a_missing_file_is_reported(tmp_path: Path):
    parsed = read_policy_file(tmp_path / "gone.md")
    assert parsed.policy is None
    assert "cannot be read" in parsed.problems[0].message


def test_digest_follows_content(tmp_path: Path):
    path = tmp_path / "a.md"
    path.write_text(policy_text("A"))
    first = read_policy_file(path).digest
    path.write_text(policy_text("A", "Changed"))
    assert read_policy_file(path).digest != first


def test_a_hard_wrapped_body_reads_as_paragraphs_and_problems_keep_the_file_lines():
    body = ("## When\nThe parcel\nis late\nby a week.\n\n- Refund\n  the delivery\n  costs\n\n"
            "See [it](file:///etc/passwd).")
    parsed = parse(policy_text("Late", body))
    assert parsed.policy.body == ("## When\nThe parcel is late by a week.\n\n"
                                  "- Refund the delivery costs\n\nSee [it](file:///etc/passwd).")
    [problem] = parsed.problems
    assert problem.line == 14  # the link is on the file's line 14, as written
