from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checkback.core.content_packs import scan_policy_files
from checkback.core.highlight import MATCH_END, MATCH_START, strip_marks
from checkback.storage.policy_index import sync_policies
from checkback.storage.policy_search import (
    BROAD_MATCHES,
    BROAD_SQL,
    BROWSE_SQL,
    browse_policies,
    fts_query,
    load_policy,
    search_policies,
    words_of,
)
from tests.conftest import write_policy


@pytest.fixture
def indexed(fresh_db, reader, tmp_path: Path):
    folder = tmp_path / "ranking"
    write_policy(folder, "body.md", "Store opening hours", "Customers ask for an exchange often.",
                 category="Stores")
    write_policy(folder, "tags.md", "Swapping sizes", "Bring the item back.",
                 category="Returns", tags="[exchange, size]")
    write_policy(folder, "title.md", "Exchange of faulty goods", "Swap it for a new one.",
                 category="Returns")
    write_policy(folder, "other.md", "Privacy", "Never share data.", category="Privacy")
    sync_policies(fresh_db, scan_policy_files([folder]))
    return reader


def titles(hits):
    return [hit.title for hit in hits]


def test_title_outranks_tags_outranks_body(indexed):
    assert titles(search_policies(indexed, "exchange")) == [
        "Exchange of faulty goods", "Swapping sizes", "Store opening hours"]


def test_every_word_is_a_prefix(indexed):
    assert titles(search_policies(indexed, "exch fau")) == ["Exchange of faulty goods"]


def test_matches_are_marked_in_title_and_excerpt(indexed):
    (hit,) = search_policies(indexed, "opening custom")
    assert hit.marked_title == f"Store {MATCH_START}opening{MATCH_END} hours"
    assert f"{MATCH_START}Customers{MATCH_END}" in hit.excerpt
    assert strip_marks(hit.excerpt) == "Customers ask for an exchange often."


def test_any_word_mode_finds_policies_with_some_of_the_words(indexed):
    assert search_policies(indexed, "privacy exchange zebra") == []
    found = titles(search_policies(indexed, "privacy exchange zebra", any_word=True))
    assert "Privacy" in found and "Exchange of faulty goods" in found


def test_browse_reads_an_index_instead_of_sorting_every_policy(indexed):
    plan = " ".join(row[3] for row in indexed.execute("EXPLAIN QUERY PLAN " + BROWSE_SQL, (200, 0)))
    assert "policies_browse" in plan and "TEMP B-TREE" not in plan


def test_browse_lists_by_category_then_title(indexed):
    assert [(hit.category, hit.title) for hit in browse_policies(indexed)] == [
        ("Privacy", "Privacy"), ("Returns", "Exchange of faulty goods"),
        ("Returns", "Swapping sizes"), ("Stores", "Store opening hours")]


def test_load_policy_returns_parameters_and_body(indexed):
    (hit,) = search_policies(indexed, "privacy")
    stored = load_policy(indexed, hit.policy_id)
    assert stored.policy.title == "Privacy"
    assert stored.policy.body == "Never share data."
    assert load_policy(indexed, 99999) is None


@pytest.mark.parametrize("text", [
    '"', "'", 'AND', 'OR NOT', 'NEAR(a b)', '-', '*', '^', ':', '(', ')', 'a AND (b OR',
    'title:refund', '"unbalanced', '^exchange', 'exch*', '-privacy', '🙂', '🙂 exchange',
    '___', '.', 'ﷺ', '\x00', "x" * 2000, ("word " * 400),
])
def test_operator_and_punctuation_text_never_raises(indexed, text):
    assert isinstance(search_policies(indexed, text), list)


def test_operators_are_searched_as_words(indexed):
    assert fts_query("exchange AND NOT privacy") == '"exchange"* "AND"* "NOT"* "privacy"*'
    assert fts_query("🙂 ... --") is None


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300))
def test_any_typed_text_is_a_valid_query(indexed, text):
    hits = search_policies(indexed, text)
    more = search_policies(indexed, text, any_word=True)
    assert all(hit.title for hit in hits + more)


def test_excerpts_show_words_not_markdown(fresh_db, reader, tmp_path):
    folder = tmp_path / "md"
    write_policy(folder, "a.md", "Refunds", "## How\n\n1. **Refund** the [card](http://x).")
    sync_policies(fresh_db, scan_policy_files([folder]))
    (hit,) = search_policies(reader, "card")
    assert strip_marks(hit.excerpt) == "How: Refund the card."
    assert load_policy(reader, hit.policy_id).policy.body.startswith("## How")


@pytest.mark.parametrize("typed", ["ｅｘｃｈａｎｇｅ", "ex\u00adchange", "EXCHANGE", "Exch"])
def test_a_query_is_folded_as_people_type_it(indexed, typed):
    assert titles(search_policies(indexed, typed)) == [
        "Exchange of faulty goods", "Swapping sizes", "Store opening hours"]


def test_an_accent_typed_as_two_keys_is_the_accented_word():
    assert words_of("cafe\u0301 ｔｅａ") == ["café", "tea"]


def test_a_broad_query_puts_title_matches_first_without_ranking_every_match(
        fresh_db, reader, tmp_path: Path):
    folder = tmp_path / "broad"
    for n in range(BROAD_MATCHES + 20):
        write_policy(folder, f"body-{n:04}.md", f"Item {n:04}", "Damaged goods go back.")
    # bm25 would put the short title first; a broad query lists title matches by title.
    write_policy(folder, "title-b.md", "Zone damage", "Photos first.")
    write_policy(folder, "title-a.md", "A very long title that also names damage somewhere",
                 "Photos first.")
    sync_policies(fresh_db, scan_policy_files([folder]))

    hits = titles(search_policies(reader, "dam", limit=5))
    assert hits == ["A very long title that also names damage somewhere", "Zone damage",
                    "Item 0000", "Item 0001", "Item 0002"]
    assert titles(search_policies(reader, "dam", limit=2, offset=2)) == ["Item 0000",
                                                                         "Item 0001"]
    assert "bm25" not in BROAD_SQL
