"""What the README promises about content files holds."""

import re
from pathlib import Path

from checkback.core.phrases import phrases_from_yaml
from checkback.core.playbooks import playbook_from_yaml
from checkback.core.reply_checker import check_reply, rules_from_yaml
from checkback.core.yaml_content import parse_yaml

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_yaml_blocks() -> dict[str, str]:
    blocks = re.findall(r"```yaml\n# (\S+)\n(.*?)```", README.read_text(encoding="utf-8"),
                        re.DOTALL)
    return {name: text for name, text in blocks}


def test_the_readme_playbook_example_loads_without_problems():
    text = readme_yaml_blocks()["playbooks/quick-check.yaml"]
    parsed = playbook_from_yaml("quick-check.yaml", parse_yaml("quick-check.yaml", text.encode()))
    assert parsed.problems == ()
    (step,) = parsed.playbook.steps
    assert step.questions == ("What happened, from the start?",)
    assert step.phrase_tags == ("acknowledge", "apologize") and step.shows_parameters


def test_the_readme_phrase_example_loads_without_problems():
    text = readme_yaml_blocks()["snippets/greetings.yaml"]
    parsed = phrases_from_yaml("greetings.yaml", parse_yaml("greetings.yaml", text.encode()))
    assert parsed.problems == ()
    assert parsed.phrases[0].tags == ("acknowledge",)


def test_the_readme_checker_rule_example_loads_and_works():
    text = readme_yaml_blocks()["checker/team.yaml"]
    parsed = rules_from_yaml("team.yaml", parse_yaml("team.yaml", text.encode()))
    assert parsed.problems == ()
    (rule,) = parsed.rules
    assert rule.wording == "Here is what I can do for you."
    assert [m.rule.rule_id for m in check_reply("Unfortunately, no.", parsed.rules).marks] == [
        "no-unfortunately"]


def test_the_readme_keyboard_table_is_the_apps_declared_list():
    from checkback.ui.shortcuts import SHORTCUTS

    text = README.read_text(encoding="utf-8")
    table = text[text.index("| Keys | What they do |"):].splitlines()[2:]
    rows = []
    for line in table:
        if not line.startswith("|"):
            break
        keys, what = (cell.strip() for cell in line.strip().strip("|").split(" | ", 1))
        rows.append((keys, what))

    assert rows == list(SHORTCUTS)
