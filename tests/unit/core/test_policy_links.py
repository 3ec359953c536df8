import pytest

from checkback.core.policies import parse_policy
from checkback.core.policy_links import MAX_LINK_PROBLEMS, is_safe_link, without_unsafe_links
from checkback.core.policy_text import body_as_html


@pytest.mark.parametrize("url", ["https://example.com/returns", "http://x.org", "mailto:a@b.c",
                                 "#conditions", "HTTPS://EXAMPLE.COM"])
def test_web_mail_and_same_page_links_are_safe(url):
    assert is_safe_link(url)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "FILE:///C:/x", " file:///x",
                                 "java\tscript:alert(1)", "javascript:alert(1)", "smb://srv/x",
                                 "refunds.md", "../secret.txt", "/etc/passwd", "data:text/html,x",
                                 "&#102;ile:///x", "qrc:/x"])
def test_anything_else_is_not(url):
    assert not is_safe_link(url)


def policy(body: str) -> bytes:
    return ("---\ntitle: Links\n---\n" + body + "\n").encode()


def test_each_unsafe_link_is_a_problem_on_its_line_and_the_policy_still_loads():
    parsed = parse_policy("links.md", policy(
        "Read [the rules](https://example.com).\n\nOpen [the file](file:///etc/passwd).\n"
        "<a href='smb://server/share'>share</a>\n[ref]: ../notes.txt\n<file:///auto>"))
    assert parsed.policy is not None
    links = [(p.line, p.message) for p in parsed.problems]
    assert [line for line, _message in links] == [6, 7, 8, 9]
    assert "'file:///etc/passwd'" in links[0][1]
    assert "plain text" in links[0][1]
    assert all(p.loaded for p in parsed.problems)
    assert "https://" in parsed.problems[0].fix


def test_a_page_of_bad_links_gives_a_short_list():
    parsed = parse_policy("many.md", policy("\n".join(f"[x](file:///{n})" for n in range(50))))
    assert len(parsed.problems) == MAX_LINK_PROBLEMS


def test_the_rendered_policy_keeps_web_links_and_drops_the_others():
    parsed = parse_policy("links.md", policy(
        "[web](https://example.com) [disk](file:///etc/passwd) "
        "<img src=\"file:///a.png\"> <a href=javascript:alert(1)>js</a>"))
    assert parsed.policy is not None
    rendered = body_as_html(parsed.policy)
    assert 'href="https://example.com"' in rendered
    assert "file:" not in rendered
    assert "javascript" not in rendered
    assert ">disk</a>" in rendered


def test_unquoted_and_single_quoted_attributes_are_cleaned_too():
    assert without_unsafe_links("<a href=file:///x>a</a><img src='file:///y' alt=y>") == (
        "<a>a</a>")
    assert without_unsafe_links('<img src="https://x/a.png">') == '<img src="https://x/a.png">'
