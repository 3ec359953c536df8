import datetime as dt
import sqlite3

import pytest

from checkback.core.content_packs import scan_snippet_files
from checkback.core.snippets import Snippet
from checkback.core.typos import close_words
from checkback.storage.database import open_writer
from checkback.storage.playbook_index import sync_snippets
from checkback.storage.snippet_library import (
    BROAD_MATCHES,
    create_snippet,
    import_snippets,
    load_snippet,
    own_snippets,
    purge_deleted,
    record_use,
    search_snippets,
    set_deleted,
    set_favourite,
    update_snippet,
    vocabulary,
)

NOW = dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC)
SNIPPETS = """\
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
    (folder / "basics.yaml").write_text(SNIPPETS, encoding="utf-8")
    sync_snippets(fresh_db, scan_snippet_files([tmp_path / "pack"]))
    conn = open_writer(db_path)
    yield conn
    conn.close()


def titles(hits):
    return [hit.snippet.title for hit in hits]


def test_typing_matches_titles_tags_abbreviations_and_text(writer):
    assert titles(search_snippets(writer, "refu")) == ["Refund on its way"]
    assert titles(search_snippets(writer, "apologize")) == ["Sincere apology"]
    assert titles(search_snippets(writer, "sorry")) == ["Sincere apology"]
    assert titles(search_snippets(writer, "business")) == ["Refund on its way"]
    assert search_snippets(writer, "nothing like it") == []


def test_a_typo_is_forgiven_through_close_words(writer):
    words = vocabulary(writer)
    assert words == sorted(words)
    assert search_snippets(writer, "apolgize") == []
    also = {"apolgize": close_words("apolgize", words)}
    assert titles(search_snippets(writer, "apolgize", also=also)) == ["Sincere apology"]


@pytest.mark.parametrize("text", ['"', "AND", "a OR", "-x", "*", "NEAR(", "🙂", "x" * 5000])
def test_any_text_is_safe(writer, text):
    assert isinstance(search_snippets(writer, text), list)


def test_equal_matches_rank_favourites_then_use(writer):
    hits = search_snippets(writer, "", tags=("present-resolution",))
    assert titles(hits) == ["Exchange offered", "Refund on its way"]
    record_use(writer, hits[1].key, NOW)
    assert titles(search_snippets(writer, "", tags=("present-resolution",))) == [
        "Refund on its way", "Exchange offered"]
    set_favourite(writer, hits[0].key, True)
    ranked = search_snippets(writer, "", tags=("present-resolution",))
    assert titles(ranked) == ["Exchange offered", "Refund on its way"]
    assert ranked[0].favourite and ranked[1].use_count == 1
    assert titles(search_snippets(writer, "", favourites_only=True)) == ["Exchange offered"]


def test_own_snippets_are_created_edited_deleted_and_restored(writer):
    snippet_id = create_snippet(writer, Snippet("My closing", "Cheers, {agent_name}",
                                                ("closing",)), NOW)
    assert titles(search_snippets(writer, "cheers")) == ["My closing"]
    update_snippet(writer, snippet_id, Snippet("My closing", "Best wishes, {agent_name}",
                                               ("closing",)), NOW)
    assert search_snippets(writer, "cheers") == []
    assert titles(search_snippets(writer, "wishes")) == ["My closing"]
    stored = load_snippet(writer, snippet_id)
    assert stored.is_own and stored.key == f"own:{snippet_id}"
    set_deleted(writer, snippet_id, True)
    assert search_snippets(writer, "wishes") == []
    set_deleted(writer, snippet_id, False)
    assert titles(search_snippets(writer, "wishes")) == ["My closing"]
    assert [s.title for s in own_snippets(writer)] == ["My closing"]
    set_deleted(writer, snippet_id, True)
    assert purge_deleted(writer) == 1
    assert load_snippet(writer, snippet_id) is None


def test_favourites_survive_reindexing_the_content(writer, fresh_db, tmp_path):
    (hit,) = search_snippets(writer, "exchange")
    set_favourite(writer, hit.key, True)
    path = tmp_path / "pack" / "snippets" / "basics.yaml"
    path.write_text(SNIPPETS.replace("today", "this week"), encoding="utf-8")
    sync_snippets(fresh_db, scan_snippet_files([tmp_path / "pack"]))
    (again,) = search_snippets(writer, "exchange")
    assert again.favourite
    assert again.snippet.text.endswith("this week.")


def test_import_adds_new_own_snippets_and_keeps_what_is_stored(writer):
    mine = create_snippet(writer, Snippet("Thanks", "Thanks for waiting.", ("delay",)), NOW)
    update_snippet(writer, mine, Snippet("Thanks", "Thank you for waiting.", ("delay",)), NOW)
    incoming = [
        Snippet("Thanks", "Thank you for waiting."),
        Snippet("Thanks", "Thanks, {customer_name}!"),
        Snippet("New one", "Brand new.", abbreviation=";new"),
        Snippet("New one", "Brand new.", abbreviation=";new"),
    ]

    added, skipped = import_snippets(writer, incoming, NOW)

    assert (added, skipped) == (2, 2)
    assert sorted((s.title, s.text) for s in own_snippets(writer)) == [
        ("New one", "Brand new."), ("Thanks", "Thank you for waiting."),
        ("Thanks", "Thanks, {customer_name}!")]
    assert titles(search_snippets(writer, "brand")) == ["New one"]
    assert load_snippet(writer, mine).snippet.tags == ("delay",)


def test_a_failed_import_adds_nothing(writer):
    create_snippet(writer, Snippet("Kept", "Stays as it is."), NOW)
    writer.execute("CREATE TRIGGER refuse BEFORE INSERT ON snippets WHEN new.title = 'Bad'"
                   " BEGIN SELECT RAISE(ABORT, 'disk full'); END")

    with pytest.raises(sqlite3.IntegrityError):
        import_snippets(writer, [Snippet("Good", "Fine."), Snippet("Bad", "Fails.")], NOW)

    assert [(s.title, s.text) for s in own_snippets(writer)] == [("Kept", "Stays as it is.")]


def test_a_broad_query_ranks_title_matches_first_then_favourites_and_use(writer):
    many = [Snippet(f"Note {n}", f"Alpine route number {n}.") for n in range(BROAD_MATCHES)]
    import_snippets(writer, [*many, Snippet("Alpine gear", "Kit list.")], NOW)
    def key_of(title):
        return writer.execute("SELECT key FROM snippets WHERE title = ?", (title,)).fetchone()[0]

    record_use(writer, key_of("Note 7"), NOW)
    set_favourite(writer, key_of("Note 9"), True)

    hits = search_snippets(writer, "al")

    assert titles(hits)[:4] == ["Alpine gear", "Note 9", "Note 7", "Note 0"]
    assert len(hits) == 100
