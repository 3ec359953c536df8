import datetime as dt

from checkback.core.policies import Policy
from checkback.core.policy_text import (
    body_as_html,
    policy_as_html,
    policy_as_text,
    review_state,
)

POLICY = Policy(source="/p/refunds.md", title="Refunds", can=("Refund up to 100 EUR",),
                with_approval=("Refund over 100 EUR",), cannot=("Refund in cash",),
                reviewed=dt.date(2026, 1, 1), body="## How\n\n1. Check the order\n\n*Be kind.*")


def test_review_state_counts_days_and_uses_the_policy_interval():
    state = review_state(Policy("/p", "T", reviewed=dt.date(2026, 1, 1), review_every_days=30),
                         dt.date(2026, 1, 31))
    assert state.days_ago == 30
    assert not state.due
    assert state.describe() == "reviewed 30 days ago"
    assert review_state(Policy("/p", "T", reviewed=dt.date(2026, 1, 1), review_every_days=30),
                        dt.date(2026, 2, 1)).due


def test_review_state_falls_back_to_the_default_interval():
    state = review_state(POLICY, dt.date(2026, 6, 1), default_days=100)
    assert state.every_days == 100
    assert state.due


def test_a_never_reviewed_policy_is_due():
    state = review_state(Policy("/p", "T"), dt.date(2026, 1, 1))
    assert state.due
    assert state.describe() == "never reviewed"


def test_plain_text_puts_parameters_before_the_body():
    text = policy_as_text(POLICY)
    assert text.index("Can do:") < text.index("Needs approval:") < text.index("Cannot do:")
    assert text.index("Cannot do:") < text.index("## How")
    assert "- Refund in cash" in text


def test_html_renders_the_markdown_body_and_escapes_parameters():
    policy = Policy("/p", "A <b> & C", can=("Use <script>",), body="**bold**")
    html = policy_as_html(policy)
    assert "A &lt;b&gt; &amp; C" in html
    assert "Use &lt;script&gt;" in html
    assert "<strong>bold</strong>" in html
    assert "<ol>" in body_as_html(POLICY)


def test_markdown_to_plain_keeps_the_words_and_drops_the_markup():
    from checkback.core.policy_text import markdown_to_plain

    text = ("## How to handle it\n\n1. Check the **order**.\n- Use [the form](http://x) _now_."
            "\n\n> We will refund `today`.\n\n---\nsnake_case stays")
    assert markdown_to_plain(text) == (
        "How to handle it:\n\nCheck the order.\nUse the form now.\n\nWe will refund today."
        "\n\nsnake_case stays")
