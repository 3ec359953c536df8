import textwrap

from checkback.core.playbooks import MAX_STEPS, playbook_from_yaml, read_playbook_file
from checkback.core.yaml_content import parse_yaml

GOOD = """\
name: Quick method
description: For short chats.
order: 2
steps:
  - key: hello
    title: Say hello
    purpose: Open warmly.
    guidance:
      - Use their name.
    questions: ["How can I help?"]
    phrases: [Acknowledge, greeting]
  - title: Solve it
    parameters: true
"""


def parse(text: str, source: str = "quick.yaml"):
    return playbook_from_yaml(source, parse_yaml(source, textwrap.dedent(text).encode()))


def test_a_good_playbook_loads_every_field():
    parsed = parse(GOOD)
    assert parsed.problems == ()
    playbook = parsed.playbook
    assert (playbook.name, playbook.description, playbook.order, playbook.slug) == (
        "Quick method", "For short chats.", 2, "quick")
    first, second = playbook.steps
    assert first.key == "hello"
    assert first.guidance == ("Use their name.",)
    assert first.questions == ("How can I help?",)
    assert first.phrase_tags == ("acknowledge", "greeting")
    assert not first.shows_parameters
    assert (second.key, second.shows_parameters) == ("solve-it", True)


def test_a_step_without_a_title_is_reported_with_its_line_and_skipped():
    parsed = parse(GOOD.replace("  - title: Solve it", "  - purpose: No title"))
    assert [s.title for s in parsed.playbook.steps] == ["Say hello"]
    problem = parsed.problems[0]
    assert problem.line == 12
    assert "has no 'title'" in problem.message


def test_unknown_fields_and_wrong_types_are_reported_but_the_playbook_loads():
    parsed = parse(GOOD.replace("order: 2", "order: second\ncolour: blue"))
    assert parsed.playbook is not None
    messages = [(p.line, p.message) for p in parsed.problems]
    assert (3, "'order' should be a whole number, not 'second'; it was ignored.") in messages
    assert any(line == 4 and "Unknown field 'colour'" in m for line, m in messages)


def test_duplicate_step_keys_keep_the_first():
    parsed = parse(GOOD.replace("  - title: Solve it", "  - key: hello\n    title: Again"))
    assert [s.title for s in parsed.playbook.steps] == ["Say hello"]
    assert "Two steps have the key 'hello'" in parsed.problems[0].message


def test_more_steps_than_number_keys_are_cut():
    steps = "\n".join(f"  - title: Step {n}" for n in range(12))
    parsed = parse(f"name: Long\nsteps:\n{steps}\n")
    assert len(parsed.playbook.steps) == MAX_STEPS
    assert "only the first 9" in parsed.problems[0].message


def test_a_playbook_without_name_or_steps_is_not_loaded():
    for text in ("steps:\n  - title: A\n", "name: Empty\nsteps: []\n", "name: X\n"):
        parsed = parse(text)
        assert parsed.playbook is None
        assert parsed.problems and not any(p.loaded for p in parsed.problems)


def test_broken_yaml_names_the_line():
    parsed = parse("name: Broken\nsteps:\n  - title: [unclosed\n")
    assert parsed.playbook is None
    assert parsed.problems[0].line == 3
    assert parsed.problems[0].message.startswith("Not valid YAML")


def test_a_file_that_is_not_a_mapping_is_reported():
    parsed = parse("- just\n- a list\n")
    assert parsed.playbook is None
    assert "must be a list of 'key: value' fields" in parsed.problems[0].message


def test_cp1252_file_is_read_and_noted(tmp_path):
    path = tmp_path / "cafe.yaml"
    path.write_bytes("name: Café method\nsteps:\n  - title: Salut\n".encode("cp1252"))
    parsed = read_playbook_file(path)
    assert parsed.playbook.name == "Café method"
    assert parsed.problems[0].message.startswith("Encoding")
    assert parsed.digest


def test_an_empty_or_missing_file_is_reported(tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("  \n")
    assert read_playbook_file(empty).problems[0].message == "The file is empty."
    missing = read_playbook_file(tmp_path / "gone.yaml")
    assert missing.playbook is None
    assert "cannot be read" in missing.problems[0].message
