"""The limits on one content file, as the agent sees them under Content problems."""

from pathlib import Path

import pytest

from checkback.core.playbooks import read_playbook_file
from checkback.core.policies import MAX_FILE_BYTES, parse_policy, read_policy_file
from checkback.core.yaml_content import parse_yaml, read_yaml_file

pytestmark = pytest.mark.usefixtures("yaml_parser")


def test_a_policy_with_a_day_not_on_the_calendar_loads_and_names_the_line():
    parsed = parse_policy("refunds.md", b"---\ntitle: Refunds\nreviewed: 2026-02-30\n---\nText")
    assert parsed.policy is not None
    assert parsed.policy.reviewed is None
    [problem] = parsed.problems
    assert problem.line == 3
    assert problem.loaded
    assert "'2026-02-30', which is not a day on the calendar" in problem.message
    assert "YYYY-MM-DD" in problem.fix


def test_a_duplicate_key_in_front_matter_keeps_the_first_and_says_so():
    parsed = parse_policy("refunds.md", b"---\ntitle: First\ncategory: A\ntitle: Second\n---\n")
    assert parsed.policy is not None
    assert parsed.policy.title == "First"
    [problem] = parsed.problems
    assert problem.line == 4
    assert problem.message == ("'title' is written twice (first on line 2); the first one is "
                               "used and this one was ignored.")


def test_a_duplicate_key_in_a_playbook_step_names_its_line(tmp_path: Path):
    path = tmp_path / "calm.yaml"
    path.write_text("name: Calm\nsteps:\n  - title: Listen\n    title: Hear\n")
    parsed = read_playbook_file(path)
    assert parsed.playbook is not None
    assert parsed.playbook.steps[0].title == "Listen"
    assert [(p.line, p.loaded) for p in parsed.problems] == [(4, True)]


def test_deep_front_matter_is_refused_with_a_fix():
    parsed = parse_policy("deep.md", b"---\ntitle: A\ntags: " + b"[" * 50_000 + b"\n---\n")
    assert parsed.policy is None
    [problem] = parsed.problems
    assert problem.line == 3
    assert "nested more than 20 levels" in problem.message
    assert problem.fix.startswith("Flatten")


def test_an_alias_bomb_in_a_playbook_is_refused(tmp_path: Path):
    rows = ["name: Boom", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    rows += [f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]"
             for n in range(8)]
    path = tmp_path / "boom.yaml"
    path.write_text("\n".join(rows))
    loaded = read_yaml_file(path)
    assert loaded.data is None
    [problem] = loaded.problems
    assert problem.line == 3
    assert "does not expand those" in problem.message


def test_files_over_the_size_limit_are_not_read(tmp_path: Path):
    policy = tmp_path / "big.md"
    policy.write_bytes(b"---\ntitle: Big\n---\n" + b"x" * MAX_FILE_BYTES)
    playbook = tmp_path / "big.yaml"
    playbook.write_bytes(b"name: Big\n#" + b"x" * MAX_FILE_BYTES)
    [policy_problem] = read_policy_file(policy).problems
    [playbook_problem] = read_yaml_file(playbook).problems
    assert "at most 1 MB" in policy_problem.message
    assert "at most 1 MB" in playbook_problem.message
    assert policy_problem.fix == "Split it into smaller policies."


def test_a_wrong_type_message_quotes_a_short_part_of_the_value():
    owners = b"[" + b"word, " * 100_000 + b"x]"
    parsed = parse_policy("owner.md", b"---\ntitle: A\nowner: " + owners + b"\n---\n")
    [problem] = parsed.problems
    assert len(problem.message) < 200
    assert "['word', 'word'" in problem.message


def test_a_playbook_whose_top_is_a_list_says_so_on_line_one():
    loaded = parse_yaml("list.yaml", b"- name: A\n")
    assert [(p.line, p.message) for p in loaded.problems] == [
        (1, "The file must be a list of 'key: value' fields.")]
