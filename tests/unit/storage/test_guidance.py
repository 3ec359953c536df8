from checkback.core.content_packs import scan_policy_files
from checkback.storage.guidance import category_parameters, policy_categories
from checkback.storage.policy_index import sync_policies


def test_categories_and_their_parameters(fresh_db, reader, pack):
    sync_policies(fresh_db, scan_policy_files([pack]))
    assert policy_categories(reader) == ["Delivery", "Privacy", "Returns and refunds"]
    (refunds,) = category_parameters(reader, "returns and refunds")
    assert refunds.title == "Refunds"
    assert refunds.can == ("Refund up to 100 EUR",)
    assert refunds.with_approval == ("Refund over 100 EUR",)
    assert refunds.cannot == ("Refund in cash",)
    # A policy that states no parameters is left out; an unknown category gives nothing.
    assert category_parameters(reader, "Privacy") == []
    assert category_parameters(reader, "Nonsense ' OR 1=1 --") == []
