"""The category's policies, the ones the conversation's own words match first."""

from __future__ import annotations

from checkback.core.content_packs import scan_policy_files
from checkback.paths import shipped_content_dir
from checkback.storage.guidance import category_parameters
from checkback.storage.policy_index import sync_policies


def test_a_lost_parcel_brings_the_lost_parcel_policy_first(fresh_db, reader) -> None:
    sync_policies(fresh_db, scan_policy_files([shipped_content_dir()]))

    alphabetical = [p.title for p in category_parameters(reader, "Delivery")]
    ranked = [p.title for p in category_parameters(
        reader, "Delivery", "Parcel never arrived, tracking stuck for 6 days, says it is lost")]

    assert ranked[0] == "Lost parcel" and alphabetical[0] != "Lost parcel"
    assert sorted(ranked) == sorted(alphabetical)


def test_words_the_index_cannot_read_fall_back_to_the_titles_order(fresh_db, reader) -> None:
    sync_policies(fresh_db, scan_policy_files([shipped_content_dir()]))

    assert [p.title for p in category_parameters(reader, "Delivery", '"*^:- ')] == [
        p.title for p in category_parameters(reader, "Delivery")]
