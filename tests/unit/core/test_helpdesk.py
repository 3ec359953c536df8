import datetime as dt

from checkback.core.follow_ups import Plan
from checkback.core.helpdesk import (
    Account,
    HelpdeskKind,
    account_for,
    follow_up_done_note,
    normal_base_url,
    note_marker,
    resolution_note,
    ticket_number,
    with_marker,
)
from checkback.core.resolutions import Outcome, ResolutionForm, ResolutionKind

BERLIN = dt.timezone(dt.timedelta(hours=1))
ZENDESK = Account(HelpdeskKind.ZENDESK, "https://acme.zendesk.com", "sam@acme.example")
RT = Account(HelpdeskKind.REQUEST_TRACKER, "https://rt.acme.example")


def test_the_note_says_what_was_wrong_what_we_did_and_when_we_follow_up() -> None:
    form = ResolutionForm("Parcel lost  in transit", "Sent a replacement by express.",
                          ResolutionKind.REPLACEMENT, Outcome.SATISFIED)
    plan = Plan(dt.datetime(2026, 12, 4, 9, 0, tzinfo=dt.UTC), ("email", "phone"))

    note = resolution_note(form, plan, BERLIN)

    assert note.splitlines() == [
        "What was wrong: Parcel lost in transit",
        "What we did: Sent a replacement by express.",
        "Kind: Replacement",
        "Outcome: Customer satisfied",
        "Follow-up: by e-mail or phone on Fri 04 Dec 2026, 10:00",
    ]


def test_a_note_for_a_delivery_not_yet_due_and_one_without_a_follow_up() -> None:
    form = ResolutionForm("", "", ResolutionKind.ESCALATED, Outcome.ESCALATED)

    assert "Follow-up: none planned" in resolution_note(form, None, BERLIN)
    assert "What was wrong: (not given)" in resolution_note(form, None, BERLIN)
    waiting = resolution_note(form, Plan(None, ("email",)), BERLIN)
    assert "by e-mail, once the delivery has arrived" in waiting


def test_the_follow_up_note_is_one_line() -> None:
    at = dt.datetime(2026, 12, 4, 14, 30, tzinfo=dt.UTC)

    assert follow_up_done_note("phone", "Arrived;\nall good", at, BERLIN) == (
        "Followed up by phone on Fri 04 Dec 2026, 15:30: Arrived; all good")
    assert follow_up_done_note("email", "", at, BERLIN).endswith("15:30.")


def test_the_marker_is_unique_per_database_and_note_and_ends_the_text() -> None:
    first, second = note_marker("a" * 32, 1), note_marker("b" * 32, 1)

    assert first != second != note_marker("a" * 32, 2)
    assert with_marker("Note text\n", first) == f"Note text\n\n{first}"


def test_a_link_picks_the_account_by_its_host_and_a_number_the_first() -> None:
    accounts = [ZENDESK, RT]

    assert account_for(accounts, "https://RT.acme.example/Ticket/Display.html?id=7") == RT
    assert account_for(accounts, "https://acme.zendesk.com/agent/tickets/48213") == ZENDESK
    assert account_for(accounts, "") == ZENDESK
    assert account_for(accounts, "https://other.example/tickets/1") is None
    assert account_for([], "") is None
    local = [Account(HelpdeskKind.ZENDESK, "http://127.0.0.1:4010"),
             Account(HelpdeskKind.FRESHDESK, "http://127.0.0.1:4020")]
    assert account_for(local, "http://127.0.0.1:4020/a/tickets/1") == local[1]


def test_ticket_numbers_and_base_urls_as_typed() -> None:
    assert ticket_number("#7") == "7"
    assert ticket_number(" 48213 ") == "48213"
    assert ticket_number("SUP-12") == ""
    assert ticket_number("1; DROP TABLE") == ""
    assert normal_base_url(" acme.zendesk.com/ ") == "https://acme.zendesk.com"
    assert normal_base_url("http://127.0.0.1:8080") == "http://127.0.0.1:8080"
    assert RT.key == "rt https://rt.acme.example"


def test_the_contact_is_the_phone_on_a_phone_ticket_and_the_other_way_is_kept() -> None:
    from checkback.core.helpdesk import TicketDetails

    mail = TicketDetails("1", email="d@example.com", phone="+1 555 0100", channel="email")
    call = TicketDetails("1", email="d@example.com", phone="+1 555 0100", channel="phone")

    assert (mail.contact, mail.other_contact) == ("d@example.com", "+1 555 0100")
    assert (call.contact, call.other_contact) == ("+1 555 0100", "d@example.com")
    assert TicketDetails("1", phone="+1 555").contact == "+1 555"
    assert TicketDetails("1").other_contact == ""


def test_the_note_names_what_the_customer_asked_about_when_given() -> None:
    form = ResolutionForm("Tracking stuck 6 days, wanted a manager", "Sent a replacement",
                          ResolutionKind.REPLACEMENT, Outcome.SATISFIED,
                          customer_words="the parcel that never arrived")

    lines = resolution_note(form, None, BERLIN).splitlines()

    assert lines[:2] == ["What was wrong: Tracking stuck 6 days, wanted a manager",
                         "The customer asked about: the parcel that never arrived"]
