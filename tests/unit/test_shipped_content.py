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


def shipped_playbooks():
    from checkback.core.content_packs import scan_playbook_files
    from checkback.core.playbooks import read_playbook_file

    parsed = [read_playbook_file(Path(f.path)) for f in scan_playbook_files(
        [shipped_content_dir()])]
    assert [p.problems for p in parsed if p.problems] == []
    return sorted((p.playbook for p in parsed), key=lambda playbook: playbook.order)


def shipped_phrases():
    from checkback.core.content_packs import scan_phrase_files
    from checkback.core.phrases import read_phrases_file

    parsed = [read_phrases_file(Path(f.path)) for f in scan_phrase_files(
        [shipped_content_dir()])]
    assert [p.problems for p in parsed if p.problems] == []
    return [phrase for p in parsed for phrase in p.phrases]


def test_the_four_playbooks_follow_their_methods():
    steps = {p.name: [s.title for s in p.steps] for p in shipped_playbooks()}
    assert steps == {
        "Five-Step Process": ["Strategize", "Acknowledge", "Clarify", "Present Resolution",
                              "Checkback"],
        "Listen · Validate · Apologize · Solve · Breather · Prevent": [
            "Listen", "Validate", "Apologize", "Solve", "Take a breather", "Prevent"],
        "Resolve and follow up": ["Restate with empathy", "State the resolution",
                                  "If they dispute it, bring in the policy",
                                  "Schedule the follow-up"],
        "Five guiding principles": ["Engage with interest", "Understand what is unique",
                                    "Figure out how to help", "Take action",
                                    "Convey the follow-through"],
    }
    defaults = [p.name for p in shipped_playbooks() if p.is_default]
    assert defaults == ["Five-Step Process"]
    assert shipped_playbooks()[0].steps[0].shows_parameters


def test_every_step_has_guidance_questions_and_at_least_three_phrases():
    tags: dict[str, int] = {}
    for phrase in shipped_phrases():
        for tag in phrase.tags:
            tags[tag] = tags.get(tag, 0) + 1
    for playbook in shipped_playbooks():
        for step in playbook.steps:
            assert step.purpose and step.guidance and step.questions, step.title
            phrases = sum(tags.get(tag, 0) for tag in step.phrase_tags)
            assert phrases >= 3, step.title


def test_phrases_are_many_unique_and_use_only_known_placeholders():
    from checkback.core.placeholders import unknown_placeholders

    phrases = shipped_phrases()
    assert len(phrases) >= 80
    titles = [s.title for s in phrases]
    assert len(titles) == len(set(titles))
    abbreviations = [s.abbreviation for s in phrases if s.abbreviation]
    assert len(abbreviations) == len(set(abbreviations))
    assert [s.title for s in phrases if unknown_placeholders(s.text + s.html)] == []
    assert len([s for s in phrases if "template" in s.tags]) == 3
    assert any("follow-up-message" in s.tags for s in phrases)
    assert any("call-script" in s.tags for s in phrases)


def test_no_resolution_phrase_asks_permission_or_quotes_policy():
    for phrase in shipped_phrases():
        text = phrase.text.lower()
        assert "our policy says" not in text and "is this ok" not in text, phrase.title
        if {"present-resolution", "state-resolution"} & set(phrase.tags):
            assert not text.rstrip().endswith("?"), phrase.title
