"""The reply checker's findings as a list model, without a widget."""

import pytest
from PySide6.QtCore import Qt

from checkback.core.reply_checker import check_reply, read_rules_file
from checkback.paths import shipped_content_dir
from checkback.ui.reply.findings_model import FindingsModel, findings_of

DRAFT = "As I already said, it ships Monday. Calm down."


@pytest.fixture(scope="module")
def rules():
    return read_rules_file(shipped_content_dir() / "checker" / "rules.yaml").rules


def found(text: str, rules):
    return findings_of(check_reply(text, rules), text)


def shown(model: FindingsModel, role=Qt.ItemDataRole.DisplayRole) -> list[str]:
    return [model.index(row).data(role) for row in range(model.rowCount())]


def test_the_findings_model_is_a_valid_list_with_findings_and_without(qtmodeltester, rules):
    model = FindingsModel()
    qtmodeltester.check(model)
    assert model.set_findings(found(DRAFT, rules))
    qtmodeltester.check(model)
    assert model.rowCount() >= 2
    assert model.set_findings([])
    qtmodeltester.check(model)
    assert model.rowCount() == 0
    assert model.finding(0) is None


def test_each_row_reads_as_its_headline_then_the_better_wording(rules):
    model = FindingsModel()
    model.set_findings(found(DRAFT, rules))
    first = model.finding(0)
    assert first is not None and first.rule.rule_id == "already-said"
    assert shown(model)[0] == (f"“As I already said”: {first.rule.reason}\n"
                               f"    → {first.rule.suggestion}")
    assert shown(model, Qt.ItemDataRole.ToolTipRole)[0] == (
        f"{first.rule.reason}\nBetter: {first.rule.suggestion}")
    assert [mark.start for mark in first.marks] == [0]


def test_when_only_the_places_move_the_rows_stay_and_say_so(qtbot, rules):
    model = FindingsModel()
    model.set_findings(found(DRAFT, rules))
    before = shown(model)

    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged):
        assert not model.set_findings(found("Hi. " + DRAFT, rules))

    assert shown(model) == before
    assert model.finding(0).marks[0].start == len("Hi. ")
