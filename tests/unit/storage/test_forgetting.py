import datetime as dt
import unicodedata

import pytest

from checkback.core.conversation import Conversation, Customer
from checkback.core.follow_ups import Plan
from checkback.core.phrases import Phrase
from checkback.core.playbooks import Step
from checkback.core.resolutions import Outcome, ResolutionForm, ResolutionKind
from checkback.storage.conversations import resolve_conversation, save_step, start_conversation
from checkback.storage.database import open_reader, open_writer
from checkback.storage.follow_up_store import cancel, follow_up_of
from checkback.storage.forgetting import (
    FORGOTTEN,
    FREE_TEXT,
    erase_mentions,
    erase_old_copies,
    forget_customer,
    mentions,
    name_parts,
    records_of_customer,
)
from checkback.storage.phrase_library import create_phrase, search_phrases
from checkback.storage.reply_rules import load_draft, save_draft
from checkback.storage.resolution_log import LogFilter, log_count, log_page, quick_log

T0 = dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC)
JOSE = "José Núñez"
JOSE_MAIL = "Jose.Nunez@correo.example"
JOSE_PHONE = "+34 612 345 678"
# Tables whose text comes from the packs' files (indexed again from them) or is the app's
# own: nothing the agent types about a customer is kept there.
NO_CUSTOMER_TEXT = {"content_files", "content_problems", "policies", "playbooks",
                    "checker_rules", "snippet_usage", "app_meta"}


@pytest.fixture
def writer(fresh_db, db_path):
    conn = open_writer(db_path)
    yield conn
    conn.close()


def record(writer, name, *, contact="dana@example.com", days=0, problem="Parcel arrived late",
           plan: Plan | None = None) -> int:
    customer = Customer(ticket="4411", name=name, channel="phone", contact=contact,
                        category="Delivery")
    form = ResolutionForm(problem, "Refunded the shipping", ResolutionKind.INSTANT_FIX,
                          Outcome.SATISFIED)
    return quick_log(writer, customer, form, T0 + dt.timedelta(days=days), plan)


def converse(writer, customer: Customer, note: str, problem: str, days=0) -> int:
    """A conversation with a note on its step, resolved with a follow-up; the record's id."""
    conversation = Conversation.start(customer, "five", "Five", (Step("plan", "Plan"),), T0)
    start_conversation(writer, conversation)
    conversation.set_note(0, note)
    save_step(writer, conversation, 0)
    form = ResolutionForm(problem, "Refunded Núñez", ResolutionKind.REFUND, Outcome.SATISFIED)
    return resolve_conversation(writer, conversation, form, T0 + dt.timedelta(days=days),
                                Plan(T0, ("email",)))


def names(writer, text="") -> list[str]:
    return [row.customer_name for row in log_page(writer, LogFilter(text=text), 0, 50)]


def erased(text: str, name: str = JOSE, *contacts: str) -> str:
    pattern = mentions(name, contacts)
    assert pattern is not None
    return erase_mentions(text, pattern)


def test_the_name_its_parts_and_contacts_are_erased_whatever_the_accents_and_case():
    assert erased("Spoke to JOSE NUNEZ, then josé again; Núñez agreed.", "Jose Nunez") == (
        f"Spoke to {FORGOTTEN}, then {FORGOTTEN} again; {FORGOTTEN} agreed.")
    decomposed = unicodedata.normalize("NFD", "Dear José, bye")
    assert erased(decomposed) == f"Dear {FORGOTTEN}, bye"
    assert erased("Josefina and Joseph stay") == "Josefina and Joseph stay"
    assert erased("Mail jose.nunez@CORREO.example or +34 (612) 345-678", JOSE, JOSE_MAIL,
                  JOSE_PHONE) == f"Mail {FORGOTTEN} or {FORGOTTEN}"
    assert erased("call 0034612345678 or 34612345678 or 612.345.678", JOSE, "612345678") == (
        f"call 0034612345678 or 34612345678 or {FORGOTTEN}")  # a number written at home...
    assert erased("call 0034612345678 or 612.345.678, not 1612345678", JOSE, JOSE_PHONE) == (
        f"call {FORGOTTEN} or {FORGOTTEN}, not 1612345678")  # ...or with its country's code


def test_the_parts_that_identify_are_the_first_last_and_longer_words_but_particles():
    assert name_parts("Dr. Ana María de la Cruz") == ["ana", "maria", "cruz"]
    assert name_parts("Al J. Bright") == ["al", "bright"]
    assert name_parts("Wu Li") == ["wu", "li"]
    assert mentions("  ", ["", " "]) is None


def test_every_table_is_either_searched_for_the_customer_or_holds_none_of_their_text(writer):
    tables = {row[0] for row in writer.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        " AND name NOT GLOB '*_fts*'")}
    assert tables == set(FREE_TEXT) | NO_CUSTOMER_TEXT


def test_forget_customer_erases_name_and_contact_but_keeps_the_counts(writer):
    record(writer, "Dana Reyes", problem="Dana Reyes says the parcel is late")
    record(writer, "dana reyes", days=1)
    record(writer, "Omar Haddad", contact="omar@example.com", days=2)
    conversation = Conversation.start(Customer(name="Dana Reyes", contact="+44 20 7946 0000"),
                                      "five", "Five", (Step("plan", "Plan"),), T0)
    start_conversation(writer, conversation)
    conversation.set_note(0, "Dana Reyes was upset; call her on 020 7946 0000")
    save_step(writer, conversation, 0)
    assert records_of_customer(writer, " Dana Reyes ") == 3
    assert forget_customer(writer, "Dana Reyes") == 3
    assert log_count(writer, LogFilter()) == 3
    assert names(writer, "dana") == names(writer, "reyes") == []
    assert sorted(names(writer)) == [FORGOTTEN, FORGOTTEN, "Omar Haddad"]
    rows = list(writer.execute("SELECT contact, problem FROM resolutions"
                               " WHERE customer_name = ?", (FORGOTTEN,)))
    assert {contact for contact, _ in rows} == {""}
    assert "Dana" not in " ".join(problem for _, problem in rows)
    assert writer.execute("SELECT customer_name, contact FROM conversations").fetchone() == (
        FORGOTTEN, "")
    assert writer.execute("SELECT note FROM conversation_steps").fetchone() == (
        f"{FORGOTTEN} was upset; call her on {FORGOTTEN}",)  # the number as written at home
    assert forget_customer(writer, "   ") == 0
    record(writer, "J.", contact="", days=3, problem="J. phoned")  # initials only: not in text
    assert forget_customer(writer, "j.") == 1
    assert names(writer, "phoned") == [FORGOTTEN]


def test_forget_customer_knows_accented_names_contacts_reasons_and_drafts(writer):
    first = record(writer, "Zoë Ångström", plan=Plan(T0, ("email",)))
    record(writer, "", days=1)  # the same contact, no name given
    cancel(writer, follow_up_of(writer, first).follow_up_id,
           "Zoë Ångström asked us not to call", T0)
    save_draft(writer, "Dear zoë ångström, thank you", T0)
    assert records_of_customer(writer, "ZOË ÅNGSTRÖM", "dana@example.com") == 2
    assert forget_customer(writer, "zoe angstrom", "dana@example.com") == 2
    assert sorted(names(writer)) == [FORGOTTEN, FORGOTTEN]
    assert "Zoë" not in str(writer.execute("SELECT * FROM follow_up_events").fetchall())
    assert load_draft(writer) == f"Dear {FORGOTTEN}, thank you"


def fill_every_table_with_jose(writer) -> None:
    """José in each place the agent writes: his conversation (with a note) and its record,
    a cancelled follow-up's reason, another customer's record and note, a draft typed key
    by key, an own phrase; his phone on one record, his e-mail on another."""
    his = converse(writer, Customer(ticket="5100", name=JOSE, channel="email",
                                    contact=JOSE_MAIL),
                   f"{JOSE} called from {JOSE_PHONE}", "José wants a refund")
    cancel(writer, follow_up_of(writer, his).follow_up_id,
           f"{JOSE} asked us not to write to {JOSE_MAIL.lower()}", T0)
    record(writer, "jose nuñez", contact=JOSE_PHONE, days=1, problem="Núñez again")
    other = converse(writer, Customer(ticket="5200", name="Omar Haddad", channel="email",
                                      contact="omar@example.com"),
                     f"Friend of {JOSE}, 612-345-678", "Same parcel as José", days=2)
    cancel(writer, follow_up_of(writer, other).follow_up_id, f"{JOSE} collects it", T0)
    typed = f"Dear {JOSE}, we wrote to {JOSE_MAIL}"
    for end in range(1, len(typed) + 1):
        save_draft(writer, typed[:end], T0)
    create_phrase(writer, Phrase("For Núñez", "Hola José", ("jose",)), T0)


def test_forgetting_leaves_no_copy_in_the_database_files(writer, db_path):
    fill_every_table_with_jose(writer)
    reader = open_reader(db_path)  # the GUI thread's: open, not in a transaction
    assert log_count(reader, LogFilter(text="jose")) == 3
    assert forget_customer(writer, "Jose Nunez", JOSE_MAIL) == 3
    assert erase_old_copies(writer)
    assert db_path.with_name(db_path.name + "-wal").stat().st_size == 0
    on_disk = b"".join(path.read_bytes() for path in db_path.parent.iterdir()
                       if path.name.startswith(db_path.name))
    for text in (JOSE, "José", "Núñez", unicodedata.normalize("NFD", JOSE), "jose", "nunez",
                 JOSE_MAIL, "correo", "612 345 678", "612-345-678", "612345678"):
        assert text.encode().lower() not in on_disk.lower(), text
    for text in ("jose", "José", "nunez", JOSE_MAIL, "612"):
        assert log_count(reader, LogFilter(text=text)) == 0, text
    assert search_phrases(reader, "jose") == []
    writer.execute("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, resolutions_fts, row)")
    terms = {term for (term,) in writer.execute("SELECT term FROM temp.terms")}
    assert terms.isdisjoint({"jose", "nunez", "correo", "612", "345", "678"})
    assert {"omar", "haddad", "forgotten"} <= terms
    assert log_count(reader, LogFilter()) == 3
    assert names(reader) == ["Omar Haddad", FORGOTTEN, FORGOTTEN]
    assert reader.execute("SELECT problem, notes FROM resolutions WHERE customer_name ="
                          " 'Omar Haddad'").fetchone() == (
        f"Same parcel as {FORGOTTEN}", f"Plan: Friend of {FORGOTTEN}, {FORGOTTEN}")
    assert reader.execute("SELECT reason FROM follow_ups ORDER BY id").fetchall() == [
        (f"{FORGOTTEN} asked us not to write to {FORGOTTEN}",), (f"{FORGOTTEN} collects it",)]
    assert load_draft(reader) == f"Dear {FORGOTTEN}, we wrote to {FORGOTTEN}"
    reader.close()
