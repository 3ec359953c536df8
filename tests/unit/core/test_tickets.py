import pytest

from checkback.core.tickets import parse_ticket_reference


@pytest.mark.parametrize(("typed", "ticket"), [
    ("4411", "4411"),
    ("  #4411 ", "4411"),
    ("SUP-12", "SUP-12"),
    ("", ""),
])
def test_typed_references_are_kept_as_typed(typed, ticket):
    reference = parse_ticket_reference(typed)
    assert (reference.ticket, reference.url) == (ticket, "")


@pytest.mark.parametrize(("url", "ticket"), [
    ("https://fernway.zendesk.com/agent/tickets/48213", "48213"),
    ("https://fernway.freshdesk.com/a/tickets/913?tab=notes", "913"),
    ("https://secure.helpscout.net/conversation/2231009/5512/", "2231009"),
    ("https://fernway.atlassian.net/browse/SUP-1207", "SUP-1207"),
    ("https://desk.example.com/view.php?ticket_id=7781&x=1", "7781"),
    ("https://app.example.com/#/inbox?id=55120", "55120"),
    ("www.example.com/support/case-files/2026/000123", "000123"),
])
def test_a_pasted_helpdesk_link_gives_its_ticket_number(url, ticket):
    reference = parse_ticket_reference(url)
    assert reference.ticket == ticket
    assert reference.url == url


def test_a_link_without_a_number_is_kept_whole():
    reference = parse_ticket_reference("https://example.com/inbox")
    assert reference.ticket == "https://example.com/inbox"


def test_huge_input_is_cut_to_size():
    reference = parse_ticket_reference("x" * 50_000)
    assert len(reference.ticket) == 100


def test_single_digit_ids_semicolon_queries_and_the_host() -> None:
    rt = parse_ticket_reference("https://rt.acme.example/Ticket/Display.html?id=7")
    otobo = parse_ticket_reference(
        "https://desk.acme.example/otobo/index.pl?Action=AgentTicketZoom;TicketID=8")
    short = parse_ticket_reference("https://acme.zendesk.com/agent/tickets/3")

    assert (rt.ticket, rt.host) == ("7", "rt.acme.example")
    assert (otobo.ticket, otobo.host) == ("8", "desk.acme.example")
    assert (short.ticket, short.host) == ("3", "acme.zendesk.com")
    assert parse_ticket_reference("#5").host == ""
