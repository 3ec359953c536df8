"""A ticket link pasted into New conversation fills it from the helpdesk; earlier records of
the ticket or the customer show beneath."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from checkback.core.conversation import Customer
from checkback.core.follow_ups import Plan
from checkback.core.helpdesk import Account, HelpdeskKind
from checkback.core.resolutions import Outcome, ResolutionForm, ResolutionKind
from checkback.settings import store_helpdesk_accounts
from checkback.storage.conversations import insert_resolution
from checkback.ui.session import Change

FILLED_MS = 5_000


def paste(qtbot, widget, text: str) -> None:
    widget.setFocus()
    widget.insert(text)  # as a paste arrives: all at once


def test_a_pasted_link_fills_the_conversation_and_it_stays_editable(qtbot, desk_actions,
                                                                     freshdesk_api) -> None:
    desk_actions.new_conversation()
    dialog = desk_actions.new_dialog
    assert dialog.fill_button.isVisible()

    paste(qtbot, dialog.ticket, f"{freshdesk_api.url}/a/tickets/48213")

    qtbot.waitUntil(lambda: dialog.name.text() == "Dana Whitfield", timeout=FILLED_MS)
    assert dialog.contact.text() == "dana@example.com"
    assert dialog.channel.currentData() == "chat"
    assert "refund" in dialog.ticket_hint.text() and "open" in dialog.ticket_hint.text()
    assert "also +1 555 0100" in dialog.ticket_hint.text()
    qtbot.keyClick(dialog.name, Qt.Key.Key_End)
    qtbot.keyClicks(dialog.name, " Jr")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    customer = desk_actions.panel.conversation.customer
    assert (customer.ticket, customer.name, customer.channel) == (
        "48213", "Dana Whitfield Jr", "chat")
    assert customer.ticket_url.endswith("/a/tickets/48213")


def test_what_the_agent_typed_first_is_kept(qtbot, desk_actions, freshdesk_api) -> None:
    desk_actions.new_conversation()
    dialog = desk_actions.new_dialog
    qtbot.keyClicks(dialog.name, "Dana W.")
    dialog.channel.setCurrentIndex(dialog.channel.findData("phone"))
    dialog.channel.activated.emit(dialog.channel.currentIndex())

    paste(qtbot, dialog.ticket, f"{freshdesk_api.url}/a/tickets/48213")

    qtbot.waitUntil(lambda: dialog.contact.text() == "dana@example.com", timeout=FILLED_MS)
    assert dialog.name.text() == "Dana W."
    assert dialog.channel.currentData() == "phone"


def test_fill_from_helpdesk_reads_a_typed_number(qtbot, desk_actions, freshdesk_api) -> None:
    desk_actions.new_conversation()
    dialog = desk_actions.new_dialog
    qtbot.keyClicks(dialog.ticket, "#48213")

    qtbot.mouseClick(dialog.fill_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: dialog.name.text() == "Dana Whitfield", timeout=FILLED_MS)
    assert [request[1] for request in freshdesk_api.requests] == [
        "/api/v2/tickets/48213?include=requester"]


def test_offline_the_agent_goes_on_with_what_was_typed(qtbot, desk, desk_actions) -> None:
    offline = Account(HelpdeskKind.FRESHDESK, "http://127.0.0.1:9")
    store_helpdesk_accounts(desk.settings, [offline])
    desk.tokens.store(offline, "key")
    desk_actions.new_conversation()
    dialog = desk_actions.new_dialog
    qtbot.keyClicks(dialog.name, "Dana Whitfield")

    paste(qtbot, dialog.ticket, "http://127.0.0.1:9/a/tickets/48213")

    qtbot.waitUntil(lambda: "could not be reached" in dialog.ticket_hint.text(),
                    timeout=FILLED_MS)
    assert "nothing you typed is lost" in dialog.ticket_hint.text()
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert desk_actions.panel.conversation.customer.name == "Dana Whitfield"


def test_a_link_of_a_helpdesk_not_set_up_says_where_to_add_it(qtbot, desk_actions) -> None:
    desk_actions.new_conversation()
    dialog = desk_actions.new_dialog

    qtbot.keyClicks(dialog.ticket, "https://other.example/tickets/5")
    qtbot.mouseClick(dialog.fill_button, Qt.MouseButton.LeftButton)

    assert "No helpdesk account is set up for other.example" in dialog.ticket_hint.text()


def test_a_refused_token_is_said_in_words(qtbot, desk, desk_actions, account) -> None:
    desk.tokens.store(account, "not-the-key")
    desk_actions.new_conversation()
    dialog = desk_actions.new_dialog

    qtbot.keyClicks(dialog.ticket, "48213")
    qtbot.mouseClick(dialog.fill_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: "refused the token" in dialog.ticket_hint.text(),
                    timeout=FILLED_MS)
    assert "not-the-key" not in dialog.ticket_hint.text()


def test_a_repeat_contact_shows_the_earlier_records_and_open_follow_up(qtbot, desk,
                                                                      desk_actions) -> None:
    now = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)
    form = ResolutionForm("Parcel lost", "Sent a replacement", ResolutionKind.REPLACEMENT,
                          Outcome.SATISFIED)
    plan = Plan(now + dt.timedelta(days=3), ("email",))
    desk.write(Change.RESOLUTIONS, lambda conn: insert_resolution(
        conn, Customer(ticket="48213", name="Dana Whitfield", contact="dana@example.com"),
        form, now, plan))
    desk.write(Change.RESOLUTIONS, lambda conn: insert_resolution(
        conn, Customer(ticket="777", name="Dana Whitfield", contact="DANA@example.com"),
        form, now - dt.timedelta(days=30), None))
    desk_actions.new_conversation()
    dialog = desk_actions.new_dialog
    assert not dialog.earlier.isVisible()

    qtbot.keyClicks(dialog.ticket, "48213")

    qtbot.waitUntil(dialog.earlier.isVisible, timeout=FILLED_MS)
    lines = [dialog.earlier.model().index(row, 0).data()
             for row in range(dialog.earlier.model().rowCount())]
    assert len(lines) == 1
    assert "#48213 Dana Whitfield: Parcel lost — Replacement, customer satisfied" in lines[0]
    assert "follow-up open, due" in lines[0]
    qtbot.keyClicks(dialog.contact, "dana@example.com")
    qtbot.waitUntil(lambda: dialog.earlier.model().rowCount() == 2, timeout=FILLED_MS)


def test_the_earlier_contacts_model_is_a_proper_model(qtmodeltester, desk) -> None:
    from checkback.ui.helpdesk.ticket_fill import EarlierContactsModel

    form = ResolutionForm("Late", "Credited", ResolutionKind.CREDIT, Outcome.SATISFIED)
    desk.write(Change.RESOLUTIONS, lambda conn: insert_resolution(
        conn, Customer(ticket="5", name="Ana", contact="ana@example.com"), form, desk.now(),
        None))
    model = EarlierContactsModel(desk)
    model.look_up("5", "")

    qtmodeltester.check(model)
    assert model.rowCount() == 1 and "Ana: Late — Credit" in model.index(0, 0).data()


def test_a_second_ticket_replaces_what_the_first_filled_but_not_what_was_typed(
        qtbot, desk_actions, freshdesk_api) -> None:
    freshdesk_api.add_ticket(777, subject="Wrong size", status=2, source=3, tags=[],
                             requester={"name": "Omar Haddad", "email": "omar@example.com",
                                        "phone": "+1 555 0199", "mobile": None})
    desk_actions.new_conversation()
    dialog = desk_actions.new_dialog
    paste(qtbot, dialog.ticket, f"{freshdesk_api.url}/a/tickets/48213")
    qtbot.waitUntil(lambda: dialog.name.text() == "Dana Whitfield", timeout=FILLED_MS)
    dialog.contact.setText("dana.w@example.com")  # the agent corrects one field

    dialog.ticket.selectAll()
    paste(qtbot, dialog.ticket, f"{freshdesk_api.url}/a/tickets/777")

    qtbot.waitUntil(lambda: dialog.name.text() == "Omar Haddad", timeout=FILLED_MS)
    assert dialog.contact.text() == "dana.w@example.com"
    assert dialog.channel.currentData() == "phone"
    assert dialog.subject == "Wrong size"


def test_a_conversation_started_on_a_ticket_fills_from_the_helpdesk_at_once(
        qtbot, desk_actions) -> None:
    desk_actions.new_conversation(Customer(ticket="48213"))  # as the picker's Ctrl+N asks
    dialog = desk_actions.new_dialog

    qtbot.waitUntil(lambda: dialog.name.text() == "Dana Whitfield", timeout=FILLED_MS)
