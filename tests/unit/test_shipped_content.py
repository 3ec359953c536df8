"""The content pack that ships with the app: complete, valid, and covering the method."""

from pathlib import Path

from checkback.core.content_packs import scan_policy_files
from checkback.core.policies import read_policy_file
from checkback.paths import shipped_content_dir


def shipped_policies():
    files = scan_policy_files([shipped_content_dir()])
    return [read_policy_file(Path(file.path)) for file in files]


def test_at_least_fifteen_policies_load_without_any_problem():
    parsed = shipped_policies()
    assert len(parsed) >= 15
    assert [p.problems for p in parsed if p.problems] == []


def test_every_policy_names_its_parameters_owner_and_review_date():
    for parsed in shipped_policies():
        policy = parsed.policy
        assert policy.can and policy.with_approval and policy.cannot, policy.title
        assert policy.owner and policy.reviewed, policy.title
        assert "## Say it like this" in policy.body, policy.title


def test_the_situations_agents_face_are_covered():
    titles = " ".join(p.policy.title.lower() for p in shipped_policies())
    for situation in ("quality", "late", "lost", "returns", "exchanges", "refunds",
                      "cancellations", "wrong information", "past experience", "manager",
                      "angry", "explaining a policy", "goodwill", "warranty", "follow-ups",
                      "privacy"):
        assert situation in titles, situation


def test_no_shipped_policy_opens_with_our_policy_says():
    for parsed in shipped_policies():
        quotes = [line for line in parsed.policy.body.splitlines() if line.startswith(">")]
        assert quotes, parsed.policy.title
        assert not any("our policy" in line.lower() for line in quotes), parsed.policy.title
