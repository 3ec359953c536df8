from checkback.core.problems import ContentProblem
from checkback.storage.conversations import start_conversation
from checkback.ui.policies.model import PolicyListModel
from checkback.ui.policies.problems_model import ContentProblemsModel
from checkback.ui.session import Change


def test_policy_list_model_is_a_valid_model(qtmodeltester, indexed):
    model = PolicyListModel(indexed.reader)
    model.set_query("")
    qtmodeltester.check(model)
    model.set_query("refu")
    qtmodeltester.check(model)
    assert model.rowCount() >= 1


def test_policy_list_pages_in_more_rows(qtbot, session, show, tmp_path):
    from checkback.ui.policies.panel import PolicyPanel
    from tests.conftest import write_policy
    from tests.gui.conftest import index_packs

    folder = tmp_path / "many" / "policies"
    for n in range(130):
        write_policy(folder, f"p{n:03}.md", f"Parcel rule {n:03}", category="Delivery")
    index_packs(session, tmp_path / "many")
    panel = show(PolicyPanel(session))
    model = panel.model
    panel.search_box.setText("parcel")
    assert model.rowCount() == 50
    assert model.canFetchMore(model.index(-1))
    model.fetchMore(model.index(-1))
    assert model.rowCount() == 100
    assert panel.summary.text() == "50+ matching policies"


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


def _conversation(ticket: str, name: str):
    import datetime as dt

    from checkback.core.conversation import Conversation, Customer
    from checkback.core.playbooks import Step

    steps = (Step("plan", "Plan"), Step("hear", "Hear"), Step("offer", "Offer"))
    return Conversation.start(Customer(ticket=ticket, name=name), "five", "Five", steps,
                              dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC))


def test_step_tree_model_is_valid_and_only_the_current_round_is_checkable(session, qtmodeltester):
    import datetime as dt

    from PySide6.QtCore import Qt

    from checkback.ui.checklist.steps_model import StepTreeModel

    model = StepTreeModel(session)
    qtmodeltester.check(model)
    conversation = _conversation("1", "Ann")
    session.write(Change.CONVERSATIONS, lambda conn: start_conversation(conn, conversation))
    model.set_conversation(conversation)
    model.toggle(0, dt.datetime(2026, 11, 23, 9, 5, tzinfo=dt.UTC))
    model.set_note(1, "angry")
    model.another_round()
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert model.round_index(0).data() == "Round 1 · 1 of 3 done"
    earlier = model.index(1, 0, model.round_index(0))
    assert earlier.data() == "Hear — angry"
    assert not model.flags(earlier) & Qt.ItemFlag.ItemIsUserCheckable
    current = model.step_index(0)
    assert current.data() == "1. Plan"
    assert model.setData(current, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert current.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert not model.setData(earlier, Qt.CheckState.Checked.value,
                             Qt.ItemDataRole.CheckStateRole)


def test_conversation_and_phrase_lists_are_valid_models(qtmodeltester, session):
    import datetime as dt

    from checkback.storage.guidance import Phrase
    from checkback.ui.checklist.conversations_model import ConversationListModel
    from checkback.ui.checklist.phrases_model import StepPhrasesModel

    conversations = ConversationListModel(session)
    qtmodeltester.check(conversations)
    conversations.start(_conversation("2", "Bo"))
    qtmodeltester.check(conversations)
    assert conversations.index(0).data() == "#2 · Bo  (0/3)"
    phrases = StepPhrasesModel()
    phrases.set_phrases([Phrase(1, "Hi", "Hi {customer_name}, this is {agent_name}."),
                         Phrase(2, "Ask", "Order {?Order number}?")],
                        {"customer_name": "Dana", "agent_name": ""}, dt.date(2026, 11, 23))
    qtmodeltester.check(phrases)
    assert phrases.index(0).data() == "Hi Dana, this is [Your name]."
    assert phrases.index(1).data() == "Order [Order number]?"


def test_phrase_list_model_is_a_valid_model(qtmodeltester, shipped):
    from PySide6.QtCore import Qt

    from checkback.ui.phrases.model import PhraseListModel

    model = PhraseListModel(shipped)
    model.set_query("")
    qtmodeltester.check(model)
    model.set_query("sory")  # a typo: the fuzzy path fills the list too
    qtmodeltester.check(model)
    assert model.rowCount() >= 1
    assert "sorry" in model.index(0).data(Qt.ItemDataRole.ToolTipRole).lower()
