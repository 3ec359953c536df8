import datetime as dt
import sqlite3

import pytest

from checkback.core.content_packs import scan_phrase_files
from checkback.core.phrases import Phrase
from checkback.core.typos import close_words
from checkback.storage.database import open_writer
from checkback.storage.phrase_library import (
    BROAD_MATCHES,
    create_phrase,
    import_phrases,
    load_phrase,
    own_phrases,
    purge_deleted,
    record_use,
    search_phrases,
    set_deleted,
    set_favourite,
    update_phrase,
    vocabulary,
)
from checkback.storage.playbook_index import sync_phrases

NOW = dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC)
PHRASES = """\
snippets:
  - title: Sincere apology
    text: I apologize for the trouble, {customer_name}.
    tags: [apologize]
    abbreviation: ;sorry
  - title: Refund on its way
    text: Your refund is on its way and reaches you within five business days.
    tags: [refund, present-resolution]
  - title: Exchange offered
    text: We'll exchange it for a new one today.
    tags: [exchange, present-resolution]
"""


@pytest.fixture
def writer(fresh_db, db_path, tmp_path):
    folder = tmp_path / "pack" / "snippets"
    folder.mkdir(parents=True)
    (folder / "basics.yaml").write_text(PHRASES, encoding="utf-8")
    sync_phrases(fresh_db, scan_phrase_files([tmp_path / "pack"]))
    conn = open_writer(db_path)
    yield conn
    conn.close()


def titles(hits):
    return [hit.phrase.title for hit in hits]


def test_typing_matches_titles_tags_abbreviations_and_text(writer):
    assert titles(search_phrases(writer, "refu")) == ["Refund on its way"]
    assert titles(search_phrases(writer, "apologize")) == ["Sincere apology"]
    assert titles(search_phrases(writer, "sorry")) == ["Sincere apology"]
    assert titles(search_phrases(writer, "business")) == ["Refund on its way"]
    assert search_phrases(writer, "nothing like it") == []


def test_a_typo_is_forgiven_through_close_words(writer):
    words = vocabulary(writer)
    assert words == sorted(words)
    assert search_phrases(writer, "apolgize") == []
    also = {"apolgize": close_words("apolgize", words)}
    assert titles(search_phrases(writer, "apolgize", also=also)) == ["Sincere apology"]


@pytest.mark.parametrize("text", ['"', "AND", "a OR", "-x", "*", "NEAR(", "🙂", "x" * 5000])
def test_any_text_is_safe(writer, text):
    assert isinstance(search_phrases(writer, text), list)


def test_equal_matches_rank_favourites_then_use(writer):
    hits = search_phrases(writer, "", tags=("present-resolution",))
    assert titles(hits) == ["Exchange offered", "Refund on its way"]
    record_use(writer, hits[1].key, NOW)
    assert titles(search_phrases(writer, "", tags=("present-resolution",))) == [
        "Refund on its way", "Exchange offered"]
    set_favourite(writer, hits[0].key, True)
    ranked = search_phrases(writer, "", tags=("present-resolution",))
    assert titles(ranked) == ["Exchange offered", "Refund on its way"]
    assert ranked[0].favourite and ranked[1].use_count == 1
    assert titles(search_phrases(writer, "", favourites_only=True)) == ["Exchange offered"]


def test_own_phrases_are_created_edited_deleted_and_restored(writer):
    phrase_id = create_phrase(writer, Phrase("My closing", "Cheers, {agent_name}",
                                                ("closing",)), NOW)
    assert titles(search_phrases(writer, "cheers")) == ["My closing"]
    update_phrase(writer, phrase_id, Phrase("My closing", "Best wishes, {agent_name}",
                                               ("closing",)), NOW)
    assert search_phrases(writer, "cheers") == []
    assert titles(search_phrases(writer, "wishes")) == ["My closing"]
    stored = load_phrase(writer, phrase_id)
    assert stored.is_own and stored.key == f"own:{phrase_id}"
    set_deleted(writer, phrase_id, True)
    assert search_phrases(writer, "wishes") == []
    set_deleted(writer, phrase_id, False)
    assert titles(search_phrases(writer, "wishes")) == ["My closing"]
    assert [s.title for s in own_phrases(writer)] == ["My closing"]
    set_deleted(writer, phrase_id, True)
    assert purge_deleted(writer) == 1
    assert load_phrase(writer, phrase_id) is None


def test_favourites_survive_reindexing_the_content(writer, fresh_db, tmp_path):
    (hit,) = search_phrases(writer, "exchange")
    set_favourite(writer, hit.key, True)
    path = tmp_path / "pack" / "snippets" / "basics.yaml"
    path.write_text(PHRASES.replace("today", "this week"), encoding="utf-8")
    sync_phrases(fresh_db, scan_phrase_files([tmp_path / "pack"]))
    (again,) = search_phrases(writer, "exchange")
    assert again.favourite
    assert again.phrase.text.endswith("this week.")


def test_import_adds_new_own_phrases_and_keeps_what_is_stored(writer):
    mine = create_phrase(writer, Phrase("Thanks", "Thanks for waiting.", ("delay",)), NOW)
    update_phrase(writer, mine, Phrase("Thanks", "Thank you for waiting.", ("delay",)), NOW)
    incoming = [
        Phrase("Thanks", "Thank you for waiting."),
        Phrase("Thanks", "Thanks, {customer_name}!"),
        Phrase("New one", "Brand new.", abbreviation=";new"),
        Phrase("New one", "Brand new.", abbreviation=";new"),
    ]

    added, skipped = import_phrases(writer, incoming, NOW)

    assert (added, skipped) == (2, 2)
    assert sorted((s.title, s.text) for s in own_phrases(writer)) == [
        ("New one", "Brand new."), ("Thanks", "Thank you for waiting."),
        ("Thanks", "Thanks, {customer_name}!")]
    assert titles(search_phrases(writer, "brand")) == ["New one"]
    assert load_phrase(writer, mine).phrase.tags == ("delay",)


def test_a_failed_import_adds_nothing(writer):
    create_phrase(writer, Phrase("Kept", "Stays as it is."), NOW)
    writer.execute("CREATE TRIGGER refuse BEFORE INSERT ON snippets WHEN new.title = 'Bad'"
                   " BEGIN SELECT RAISE(ABORT, 'disk full'); END")

    with pytest.raises(sqlite3.IntegrityError):
        import_phrases(writer, [Phrase("Good", "Fine."), Phrase("Bad", "Fails.")], NOW)

    assert [(s.title, s.text) for s in own_phrases(writer)] == [("Kept", "Stays as it is.")]


def test_a_broad_query_ranks_title_matches_first_then_favourites_and_use(writer):
    many = [Phrase(f"Note {n}", f"Alpine route number {n}.") for n in range(BROAD_MATCHES)]
    import_phrases(writer, [*many, Phrase("Alpine gear", "Kit list.")], NOW)
    def key_of(title):
        return writer.execute("SELECT key FROM snippets WHERE title = ?", (title,)).fetchone()[0]

    record_use(writer, key_of("Note 7"), NOW)
    set_favourite(writer, key_of("Note 9"), True)

    hits = search_phrases(writer, "al")

    assert titles(hits)[:4] == ["Alpine gear", "Note 9", "Note 7", "Note 0"]
    assert len(hits) == 100


def test_import_skips_by_abbreviation_and_text_not_by_title(writer):
    dates = [Phrase("Date", "{date:%d/%m/%Y}", abbreviation=f";d{n}") for n in range(9)]
    assert import_phrases(writer, dates, NOW) == (9, 0)

    renamed = [Phrase("Another title", "{date:%d/%m/%Y}", abbreviation=";d0"),
               Phrase("Date", "{date:%d/%m/%Y}", abbreviation=";d9")]
    assert import_phrases(writer, renamed, NOW) == (1, 1)
    assert sorted(s.abbreviation for s in own_phrases(writer)) == [f";d{n}" for n in range(10)]
