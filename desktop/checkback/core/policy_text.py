"""A policy as the agent copies and reads it: parameters first, then the prose."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from checkback.core.html_text import escape_html
from checkback.core.policies import DEFAULT_REVIEW_DAYS, Policy
from checkback.core.policy_links import without_unsafe_links

PARAMETER_GROUPS = (
    ("can", "Can do"),
    ("with_approval", "Needs approval"),
    ("cannot", "Cannot do"),
)


@dataclass(frozen=True)
class ReviewState:
    """How long ago a policy was reviewed, and whether it is due again."""

    days_ago: int | None
    every_days: int

    @property
    def due(self) -> bool:
        """True once the review interval has passed (or the policy was never reviewed)."""
        return self.days_ago is None or self.days_ago > self.every_days

    def describe(self) -> str:
        """'reviewed today', 'reviewed 3 days ago', or 'never reviewed'."""
        if self.days_ago is None:
            return "never reviewed"
        if self.days_ago <= 0:
            return "reviewed today"
        return "reviewed 1 day ago" if self.days_ago == 1 else f"reviewed {self.days_ago} days ago"


def review_state(
    policy: Policy, today: dt.date, default_days: int = DEFAULT_REVIEW_DAYS
) -> ReviewState:
    """The review state of ``policy`` on ``today``; its own interval wins over the default."""
    every = policy.review_every_days or default_days
    days_ago = None if policy.reviewed is None else (today - policy.reviewed).days
    return ReviewState(days_ago, every)


def parameter_groups(policy: Policy) -> list[tuple[str, str, tuple[str, ...]]]:
    """(key, heading, items) for Can do, Needs approval and Cannot do, in that order."""
    return [(key, heading, getattr(policy, key)) for key, heading in PARAMETER_GROUPS]


def policy_as_text(policy: Policy) -> str:
    """The policy as plain text, for pasting anywhere."""
    lines = [policy.title, ""]
    for _key, heading, items in parameter_groups(policy):
        if items:
            lines += [f"{heading}:", *(f"- {item}" for item in items), ""]
    lines.append(policy.body)
    return "\n".join(lines).strip() + "\n"


def body_as_html(policy: Policy) -> str:
    """The Markdown body rendered to HTML, without links to anything but web pages and mail."""
    import markdown  # imported here: needed only once a policy is opened

    rendered = markdown.markdown(policy.body, extensions=["sane_lists"], output_format="html")
    return without_unsafe_links(rendered)


def policy_as_html(policy: Policy) -> str:
    """The policy as simple HTML, for pasting into a helpdesk's rich-text editor."""
    parts = [f"<h2>{escape_html(policy.title)}</h2>"]
    for _key, heading, items in parameter_groups(policy):
        if items:
            parts.append(f"<p><strong>{heading}</strong></p><ul>")
            parts += [f"<li>{escape_html(item)}</li>" for item in items]
            parts.append("</ul>")
    parts.append(body_as_html(policy))
    return "\n".join(parts)


# No span runs past the next mark of its own kind ("[", "*", "_", ...), so a long line full
# of marks costs one pass, not one scan to the end of the line per mark.
_MARKDOWN_NOISE = (
    # A heading runs on into its paragraph in an excerpt, so it ends with a colon.
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?[^.:!?])[ \t]*$", re.MULTILINE), r"\1:"),
    (re.compile(r"!?\[([^\[\]]*)\]\([^()\n]*\)"), r"\1"),  # links and images: keep the words
    (re.compile(r"^[ \t]{0,3}(#{1,6}|>+|[-*+]|\d+[.)])[ \t]+", re.MULTILINE), ""),  # block marks
    (re.compile(r"(\*\*|\*|`+|~~)(?=\S)((?:(?!\1).)+?)(?<=\S)\1"), r"\2"),  # emphasis, code
    (re.compile(r"(?<!\w)(__|_)(?=\S)((?:(?!\1).)+?)(?<=\S)\1(?!\w)"), r"\2"),  # _it_, not a_b
    (re.compile(r"^[ \t]*([-*_][ \t]*){3,}$", re.MULTILINE), ""),  # horizontal rules
)


def markdown_to_plain(markdown_text: str) -> str:
    """The words of a Markdown text without its markup, for search and excerpts."""
    text = markdown_text
    for pattern, replacement in _MARKDOWN_NOISE:
        text = pattern.sub(replacement, text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
