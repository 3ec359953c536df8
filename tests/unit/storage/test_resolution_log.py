import datetime as dt

import pytest

from checkback.core.conversation import Conversation, Customer
from checkback.core.follow_ups import Plan, Result
from checkback.core.playbooks import Step
from checkback.core.resolutions import (
    IncompleteResolutionError,
    Outcome,
    ResolutionForm,
    ResolutionKind,
)
from checkback.storage.conversations import resolve_conversation, save_step, start_conversation
from checkback.storage.database import open_database, open_writer
from checkback.storage.follow_up_store import follow_up_of, mark_done
from checkback.storage.resolution_log import (
    EditableText,
    LogFilter,
    edit_resolution,
    editable_text,
    log_categories,
    log_count,
    log_page,
    log_records,
    purge_deleted,
    quick_log,
    set_deleted,
    timeline,
)
from tests.unit.storage.conftest import database_before

T0 = dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC)


@pytest.fixture
def writer(fresh_db, db_path):
    conn = open_writer(db_path)
    yield conn
    conn.close()


def record(writer, name="Dana Reyes", *, days=0, ticket="4411", category="Delivery",
           kind=ResolutionKind.INSTANT_FIX, outcome=Outcome.SATISFIED,
           problem="Parcel arrived late", resolution="Refunded the shipping",
           plan: Plan | None = None) -> int:
    contact = f"{name.split()[0].lower()}@example.com" if name.strip() else ""
    customer = Customer(ticket=ticket, name=name, channel="phone", contact=contact,
                        category=category)
    form = ResolutionForm(problem, resolution, kind, outcome)
    return quick_log(writer, customer, form, T0 + dt.timedelta(days=days), plan)


def names(writer, **filter_fields) -> list[str]:
    return [row.customer_name for row in log_page(writer, LogFilter(**filter_fields), 0, 50)]


def test_search_finds_customer_ticket_summary_resolution_and_notes(writer):
    record(writer, "Dana Reyes", ticket="4411", problem="Parcel arrived late")
    record(writer, "Omar Haddad", ticket="5120", problem="Wrong size",
           resolution="Exchanged for a larger one", days=1)
    assert names(writer, text="dan") == ["Dana Reyes"]
    assert names(writer, text="5120") == ["Omar Haddad"]
    assert names(writer, text="parcel late") == ["Dana Reyes"]
    assert names(writer, text="exchang") == ["Omar Haddad"]
    assert names(writer, text="") == ["Omar Haddad", "Dana Reyes"]


def test_a_customers_e_mail_or_phone_finds_their_records(writer):
    record(writer, "Dana Reyes")
    record(writer, "Omar Haddad", ticket="5120", days=1)
    assert names(writer, text="omar@example.com") == ["Omar Haddad"]
    assert names(writer, text="dana@") == ["Dana Reyes"]
    assert log_count(writer, LogFilter(text="omar@example.com")) == 1


def test_an_older_log_gains_the_contacts_in_its_search(db_path):
    from checkback.storage.migrations import _search_contacts_in_the_log

    older = database_before(db_path, _search_contacts_in_the_log)
    writer = open_writer(db_path)  # a record as that version stored it
    writer.execute("INSERT INTO resolutions (ticket, customer_name, contact, kind, outcome,"
                   " resolved_at) VALUES ('5120', 'Omar Haddad', 'omar@example.com',"
                   " 'refund', 'satisfied', '2026-11-20T09:00:00+00:00')")
    writer.close()
    older.close()
    upgraded = open_database(db_path)
    assert names(upgraded.conn, text="omar@example.com") == ["Omar Haddad"]
    upgraded.close()


@pytest.mark.parametrize("text", ['"', "AND", "NOT (", "*", "-", "a:b", "’", "🙂", "x" * 5000,
                                  "NEAR(a b)", "\x00"])
def test_any_text_in_the_search_box_is_safe(writer, text):
    record(writer)
    assert isinstance(names(writer, text=text), list)
    assert log_count(writer, LogFilter(text=text)) == len(names(writer, text=text))


def test_filters_by_dates_category_kind_and_outcome(writer):
    record(writer, "A", days=0, category="Delivery")
    record(writer, "B", days=5, category="Billing", kind=ResolutionKind.REFUND)
    record(writer, "C", days=10, category="Billing", outcome=Outcome.UNRESOLVED)
    assert names(writer, since=T0 + dt.timedelta(days=1)) == ["C", "B"]
    assert names(writer, until=T0 + dt.timedelta(days=6)) == ["B", "A"]
    assert names(writer, category="Billing") == ["C", "B"]
    assert names(writer, kind="refund") == ["B"]
    assert names(writer, outcome="unresolved") == ["C"]
    assert log_count(writer, LogFilter(category="Billing")) == 2
    assert log_categories(writer) == ["Billing", "Delivery"]


def test_sorts_by_any_column_both_ways(writer):
    record(writer, "Bea", ticket="2", days=0)
    record(writer, "Al", ticket="3", days=1)
    record(writer, "Cy", ticket="1", days=2)
    assert names(writer, sort="customer_name", descending=False) == ["Al", "Bea", "Cy"]
    assert names(writer, sort="ticket", descending=True) == ["Al", "Bea", "Cy"]
    assert names(writer, sort="resolved_at", descending=False) == ["Bea", "Al", "Cy"]
    assert names(writer, sort="no such column") == ["Cy", "Al", "Bea"]


def test_pages_cover_every_record_once(writer):
    for day in range(25):
        record(writer, f"Customer {day:02}", days=day)
    pages = [log_page(writer, LogFilter(), offset, 10) for offset in (0, 10, 20)]
    assert [len(page) for page in pages] == [10, 10, 5]
    assert len({row.resolution_id for page in pages for row in page}) == 25


def test_quick_log_needs_the_outcome(writer):
    with pytest.raises(IncompleteResolutionError):
        record(writer, outcome=None)
    assert log_count(writer, LogFilter()) == 0


def test_edit_changes_the_text_and_the_search(writer):
    resolution_id = record(writer)
    text = editable_text(writer, resolution_id)
    edit_resolution(writer, resolution_id, EditableText(
        text.ticket, "Dana R.", text.contact, "Billing", "Charged twice", "Refunded one",
        "Called back on Friday"))
    assert editable_text(writer, resolution_id).problem == "Charged twice"
    assert names(writer, text="friday") == ["Dana R."]
    assert names(writer, text="parcel") == []


def test_delete_hides_undo_brings_back_and_purge_removes(writer):
    kept = record(writer, "Kept")
    gone = record(writer, "Gone", plan=Plan(T0, ("email",)))
    set_deleted(writer, gone, True)
    assert names(writer) == ["Kept"]
    assert [log_count(writer, LogFilter(text=text)) for text in ("", "parcel", "gone")] == [
        1, 1, 0]
    set_deleted(writer, gone, False)
    assert [log_count(writer, LogFilter(text=text)) for text in ("", "parcel", "gone")] == [
        2, 2, 1]
    assert sorted(names(writer)) == ["Gone", "Kept"]
    set_deleted(writer, gone, True)
    assert purge_deleted(writer) == 1
    assert follow_up_of(writer, gone) is None
    assert [row.resolution_id for row in log_page(writer, LogFilter(), 0, 10)] == [kept]


def test_export_records_have_every_field_in_the_filters_order(writer):
    record(writer, "A", days=0)
    record(writer, "B", days=1, category="Billing")
    rows = list(log_records(writer, LogFilter(sort="customer_name", descending=False)))
    assert [row["customer_name"] for row in rows] == ["A", "B"]
    assert rows[1]["category"] == "Billing" and rows[1]["follow_up"] == "none"
    assert list(log_records(writer, LogFilter(category="Billing")))[0]["customer_name"] == "B"


def test_export_reads_past_one_page(writer):
    writer.execute("BEGIN")
    for number in range(1203):
        writer.execute("INSERT INTO resolutions (kind, outcome, resolved_at, customer_name)"
                       " VALUES ('refund', 'satisfied', ?, ?)",
                       (T0.isoformat(), f"C{number}"))
    writer.execute("COMMIT")
    assert len(list(log_records(writer, LogFilter()))) == 1203


def test_timeline_tells_the_story_in_order(writer):
    conversation = Conversation.start(Customer(name="Dana"), "five", "Five",
                                      (Step("plan", "Plan"), Step("hear", "Hear")), T0)
    start_conversation(writer, conversation)
    conversation.check(0, T0 + dt.timedelta(minutes=2))
    save_step(writer, conversation, 0)
    conversation.set_note(1, "Angry about the wait")
    conversation.check(1, T0 + dt.timedelta(minutes=5))
    save_step(writer, conversation, 1)
    form = ResolutionForm("Late", "Refunded", ResolutionKind.CREDIT, Outcome.SATISFIED)
    resolution_id = resolve_conversation(writer, conversation, form,
                                         T0 + dt.timedelta(minutes=9),
                                         Plan(T0 + dt.timedelta(days=1), ("email",)))
    mark_done(writer, follow_up_of(writer, resolution_id).follow_up_id, Result.SATISFIED,
              T0 + dt.timedelta(days=1, hours=1))
    entries = timeline(writer, resolution_id)
    assert [entry.what for entry in entries] == [
        "Conversation started", "Round 1: Plan", "Round 1: Hear", "Resolved",
        "Follow-up scheduled", "Follow-up done"]
    assert entries[2].detail == "Angry about the wait"
    assert entries[4].due == T0 + dt.timedelta(days=1)
    assert timeline(writer, 999) == []


@pytest.mark.parametrize("sort", ["resolved_at", "customer_name"])
@pytest.mark.parametrize("descending", [True, False])
def test_a_broad_search_pages_exactly_as_a_plain_sort_would(writer, sort, descending):
    """Over 1,000 matches take the quicker plans; what they show must not change."""
    import random

    chance = random.Random(7)
    writer.execute("BEGIN")
    for number in range(2400):
        day = chance.randrange(900) if number % 7 else 899 - number % 50  # ids not in date order
        writer.execute(
            "INSERT INTO resolutions (kind, outcome, resolved_at, customer_name, problem,"
            " deleted) VALUES ('refund', 'satisfied', ?, ?, ?, ?)",
            ((T0 + dt.timedelta(days=day, minutes=number % 3)).isoformat(),
             f"C{chance.randrange(500):03}", "tent" if number % 5 else "tarp",
             int(number % 97 == 0)))
    writer.execute("COMMIT")
    rows = writer.execute("SELECT id, resolved_at, customer_name, problem FROM resolutions"
                          " WHERE deleted = 0").fetchall()
    for text, offset in (("t", 0), ("te", 100), ("tent", 1500), ("tarp", 0)):
        wanted = [r for r in rows if any(w.startswith(text) for w in r[3].split())]
        key = {"resolved_at": 1, "customer_name": 2}[sort]
        wanted.sort(key=lambda r: (r[key], r[1], r[0]), reverse=descending)
        page = log_page(writer, LogFilter(text=text, sort=sort, descending=descending),
                        offset, 100)
        assert [row.resolution_id for row in page] == [r[0] for r in wanted[offset:offset + 100]]
