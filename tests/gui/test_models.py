from checkback.core.problems import ContentProblem
from checkback.ui.models.policy_list import PolicyListModel
from checkback.ui.models.problems import ContentProblemsModel


def test_policy_list_model_is_a_valid_model(qtmodeltester, window):
    model = PolicyListModel(window._conn)
    model.set_query("")
    qtmodeltester.check(model)
    model.set_query("refu")
    qtmodeltester.check(model)
    assert model.rowCount() >= 1


def test_policy_list_pages_in_more_rows(qtbot, open_window, tmp_path):
    from tests.conftest import write_policy

    folder = tmp_path / "many" / "policies"
    for n in range(130):
        write_policy(folder, f"p{n:03}.md", f"Parcel rule {n:03}", category="Delivery")
    window = open_window(tmp_path / "many")
    model = window.policy_panel.model
    window.policy_panel.search_box.setText("parcel")
    assert model.rowCount() == 50
    assert model.canFetchMore(model.index(-1))
    model.fetchMore(model.index(-1))
    assert model.rowCount() == 100
    assert window.policy_panel.summary.text() == "50+ matching policies"


def test_problems_model_is_a_valid_table(qtmodeltester):
    model = ContentProblemsModel()
    model.set_problems([
        ContentProblem("/p/a.md", 3, "Bad YAML.", "Fix it."),
        ContentProblem("/p/b.md", None, "Encoding.", "Save as UTF-8.", loaded=True),
    ])
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "a.md"
    assert model.index(0, 1).data() == "3"
    assert model.index(0, 2).data() == "Bad YAML. The file was not loaded."
    assert model.index(1, 1).data() == ""
    assert model.index(1, 3).data() == "Save as UTF-8."
