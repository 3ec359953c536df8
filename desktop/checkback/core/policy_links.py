"""Which links a policy may hold: web and mail links open, nothing on the agent's computer does.

A team's policy is written by anyone with access to the team folder, so a ``file://`` link,
a relative path or an odd scheme (``smb:``, ``javascript:``) is reported when the policy is
indexed and dropped from the HTML the reader shows and copies.
"""

from __future__ import annotations

import re

from checkback.core.problems import ContentProblem

SAFE_SCHEMES = ("http", "https", "mailto")
MAX_LINK_PROBLEMS = 10
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
# Markdown links and images, reference definitions, <autolinks> and HTML attributes.
_LINK_PATTERNS = (
    re.compile(r"\]\(\s*<?([^)\s>]+)"),
    re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)", re.MULTILINE),
    re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>"),
    re.compile(r"\b(?:href|src|background)\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE),
)
_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_SOURCE = re.compile(r"\ssrc\s*=", re.IGNORECASE)
_HTML_LINK = re.compile(r"\s(?:href|src|background)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)",
                        re.IGNORECASE)


def is_safe_link(url: str) -> bool:
    """True for a link a policy may hold: http(s), mailto, or a place on the same page."""
    import html  # with its table of named entities, only once a link is looked at

    cleaned = re.sub(r"[\x00-\x20]", "", html.unescape(url)).lower()
    if cleaned.startswith("#"):
        return True
    match = _SCHEME.match(cleaned)
    return match is not None and match.group(1) in SAFE_SCHEMES


def link_problems(source: str, body: str, first_line: int) -> list[ContentProblem]:
    """A problem for each link of ``body`` that is not safe; ``first_line`` is the body's line.

    At most ``MAX_LINK_PROBLEMS`` are reported, so a page of bad links is one short list.
    """
    found = sorted({(match.start(1), match.group(1)) for pattern in _LINK_PATTERNS
                    for match in pattern.finditer(body) if not is_safe_link(match.group(1))})
    return [ContentProblem(
        source, first_line + body.count("\n", 0, start), f"The link '{_clip(url)}' points at "
        "something other than a web page or an e-mail, so the policy shows it as plain text.",
        "Link to a web page (https://…) or write the path as plain text.", loaded=True)
        for start, url in found[:MAX_LINK_PROBLEMS]]


def without_unsafe_links(rendered: str) -> str:
    """``rendered`` HTML with every unsafe ``href``, ``src`` and ``background`` removed, and
    every image that is left without a source."""
    cleaned = _HTML_LINK.sub(_keep_if_safe, rendered)
    return _IMAGE.sub(lambda match: match.group(0) if _SOURCE.search(match.group(0)) else "",
                      cleaned)


def _keep_if_safe(match: re.Match[str]) -> str:
    return match.group(0) if is_safe_link(match.group(1).strip("\"'")) else ""


def _clip(url: str) -> str:
    return url if len(url) <= 60 else url[:57] + "..."
