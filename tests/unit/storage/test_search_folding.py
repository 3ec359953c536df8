"""Search that folds like people type, in every box: the policies', the phrases', the log's.

What is typed and what is indexed fold alike: ß and SS, a soft hyphen, full-width letters and
Greek accents hide no word on either side, and another tool's operator is a word.
"""

import datetime as dt
from pathlib import Path

import pytest

from checkback.core.content_packs import scan_policy_files
from checkback.core.conversation import Customer
from checkback.core.phrases import Phrase
from checkback.core.resolutions import Outcome, ResolutionForm, ResolutionKind
from checkback.storage.database import open_database
from checkback.storage.migrations import _fold_the_search_indexes
from checkback.storage.phrase_library import create_phrase, search_phrases
from checkback.storage.policy_index import sync_policies
from checkback.storage.policy_search import search_policies, words_of
from checkback.storage.resolution_log import LogFilter, log_page, quick_log
from tests.conftest import write_policy
from tests.unit.storage.conftest import database_before

NOW = dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC)
# Each text as a file or an agent may hold it, and what an agent types to find it.
HELD_AND_TYPED = [
    ("Refund at the Straße shop", "strasse"),
    ("Refund at the STRASSE shop", "straße"),
    ("Re\u00adfund at the counter", "refund"),
    ("Ｒｅｆｕｎｄ at the counter", "refund"),
    ("Refund 3 days later", "３"),
    ("Επιστροφή χρημάτων", "επιστροφη"),
    ("Επιστροφη χρηματων", "επιστροφή"),
    ("Refund for the ёлка", "елка"),
]


def log_names(conn, text: str) -> list[str]:
    return [row.customer_name for row in log_page(conn, LogFilter(text=text), 0, 50)]


def log_a_record(conn, name: str, resolution: str) -> None:
    customer = Customer(ticket="4411", name=name, channel="phone", category="Returns")
    form = ResolutionForm("Asked at the shop", resolution, ResolutionKind.REFUND,
                          Outcome.SATISFIED)
    quick_log(conn, customer, form, NOW, None)


@pytest.mark.parametrize(("held", "typed"), HELD_AND_TYPED)
def test_a_word_is_found_however_it_is_held_or_typed_in_every_box(fresh_db, tmp_path, held,
                                                                   typed):
    write_policy(tmp_path / "pack", "a.md", "Counter refunds", held)
    write_policy(tmp_path / "pack", "b.md", "Privacy", "Never share data.")
    sync_policies(fresh_db, scan_policy_files([tmp_path / "pack"]))
    create_phrase(fresh_db.conn, Phrase("At the counter", held), NOW)
    create_phrase(fresh_db.conn, Phrase("Greeting", "Hello there."), NOW)
    log_a_record(fresh_db.conn, "Dana Reyes", held)
    log_a_record(fresh_db.conn, "Omar Haddad", "Exchanged it")

    assert [hit.title for hit in search_policies(fresh_db.conn, typed)] == ["Counter refunds"]
    assert [s.phrase.title for s in search_phrases(fresh_db.conn, typed)] == ["At the counter"]
    assert log_names(fresh_db.conn, typed) == ["Dana Reyes"]


def test_another_tools_operator_is_the_word_it_qualifies_in_every_box(fresh_db, tmp_path):
    write_policy(tmp_path / "pack", "a.md", "Refunds", "Money back.")
    sync_policies(fresh_db, scan_policy_files([tmp_path / "pack"]))
    create_phrase(fresh_db.conn, Phrase("Refund sent", "It is on its way."), NOW)
    log_a_record(fresh_db.conn, "Dana Reyes", "Refund sent")

    assert [hit.title for hit in search_policies(fresh_db.conn, "title:refund")] == ["Refunds"]
    assert [s.phrase.title for s in search_phrases(fresh_db.conn, "title:refund")] == [
        "Refund sent"]
    assert log_names(fresh_db.conn, "from:dana") == ["Dana Reyes"]


@pytest.mark.parametrize(("typed", "words"), [
    ("title:refund", ["refund"]), ("10:30 re:order", ["10", "30", "order"]),
    ("Straße", ["Strasse"]), ("https://example.com", ["https", "example", "com"])])
def test_words_are_read_as_typed(typed, words):
    assert words_of(typed) == words


def test_an_edited_or_deleted_text_leaves_the_index_whole(fresh_db):
    phrase_id = create_phrase(fresh_db.conn, Phrase("Straße", "Ｒｅｆｕｎｄ"), NOW)
    fresh_db.execute("UPDATE snippets SET text = 'Exchange' WHERE id = ?", [phrase_id])
    assert search_phrases(fresh_db.conn, "refund") == []
    assert [s.phrase.text for s in search_phrases(fresh_db.conn, "exchange")] == ["Exchange"]
    fresh_db.execute("DELETE FROM snippets WHERE id = ?", [phrase_id])
    for index in ("policies_fts", "snippets_fts", "resolutions_fts"):
        fresh_db.execute(f"INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)")
    assert search_phrases(fresh_db.conn, "strasse") == []


def test_an_older_database_keeps_every_record_and_phrase_findable_folded(db_path: Path):
    older = database_before(db_path, _fold_the_search_indexes)
    log_a_record(older.conn, "Jürgen Groß", "Refund at the Straße shop")
    log_a_record(older.conn, "Omar Haddad", "Exchanged it")
    create_phrase(older.conn, Phrase("Counter", "Re\u00adfund at the counter"), NOW)
    older.close()

    upgraded = open_database(db_path)
    assert log_names(upgraded.conn, "gross strasse") == ["Jürgen Groß"]
    assert log_names(upgraded.conn, "omar") == ["Omar Haddad"]
    assert [s.phrase.title for s in search_phrases(upgraded.conn, "refund")] == ["Counter"]
    for index in ("snippets_fts", "resolutions_fts"):
        upgraded.execute(f"INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)")
    upgraded.close()
