"""Bringing the database's schema up to date.

Migrations are functions applied in order, each in its own transaction; the number of the
last one applied is kept in ``PRAGMA user_version``, so an old database upgrades with its
data intact. Loaded only to make or upgrade a database.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from checkback.storage.database import (
    SCHEMA_VERSION,
    refuse_newer_schema,
    schema_version,
    stamp_new_database,
)
from checkback.storage.search_folding import search_index_sql

if TYPE_CHECKING:
    from sqlite_utils import Database


def _create_content_tables(db: Database) -> None:
    db.table("content_files").create(
        {"path": str, "pack": str, "kind": str, "mtime_ns": int, "size": int, "digest": str},
        pk="path",
    )
    db.table("content_problems").create(
        {"id": int, "path": str, "line": int, "message": str, "fix": str, "loaded": int},
        pk="id",
    )
    db.table("content_problems").create_index(["path"])


def _create_policy_tables(db: Database) -> None:
    db.table("policies").create(
        {
            "id": int, "path": str, "pack": str, "slug": str, "title": str, "category": str,
            "tags": str, "can": str, "with_approval": str, "cannot": str, "reviewed": str,
            "owner": str, "review_every_days": int, "body": str, "markdown": str,
        },
        pk="id",
        not_null={"path", "title", "category"},
    )
    db.table("policies").create_index(["path"], unique=True)
    db.table("policies").create_index(["category", "title"])
    # ``markdown`` is the body as written, for the reader; ``body`` is its plain words, for
    # the index and the excerpts.
    # unicode61 without stemming, so a half-typed word matches as a plain prefix;
    # the prefix indexes keep one- and two-letter prefixes fast.
    db.executescript(
        """
        CREATE VIRTUAL TABLE policies_fts USING fts5(
            title, tags, body, content='policies', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2', prefix='1 2 3'
        );
        CREATE TRIGGER policies_ai AFTER INSERT ON policies BEGIN
            INSERT INTO policies_fts(rowid, title, tags, body)
            VALUES (new.id, new.title, new.tags, new.body);
        END;
        CREATE TRIGGER policies_ad AFTER DELETE ON policies BEGIN
            INSERT INTO policies_fts(policies_fts, rowid, title, tags, body)
            VALUES ('delete', old.id, old.title, old.tags, old.body);
        END;
        CREATE TRIGGER policies_au AFTER UPDATE ON policies BEGIN
            INSERT INTO policies_fts(policies_fts, rowid, title, tags, body)
            VALUES ('delete', old.id, old.title, old.tags, old.body);
            INSERT INTO policies_fts(rowid, title, tags, body)
            VALUES (new.id, new.title, new.tags, new.body);
        END;
        """
    )


def _create_playbook_and_phrase_tables(db: Database) -> None:
    db.table("playbooks").create(
        {"id": int, "path": str, "pack": str, "slug": str, "name": str, "description": str,
         "is_default": int, "position": int, "steps": str},
        pk="id", not_null={"path", "slug", "name", "steps"},
    )
    db.table("playbooks").create_index(["path"], unique=True)
    db.table("snippets").create(
        {"id": int, "path": str, "pack": str, "position": int, "title": str, "text": str,
         "html": str, "tags": str, "abbreviation": str},
        pk="id", not_null={"title", "text"},
    )
    db.table("snippets").create_index(["path"])
    db.table("snippet_tags").create({"snippet_id": int, "tag": str}, pk=("tag", "snippet_id"))
    db.table("snippet_tags").create_index(["snippet_id"])


def _create_conversation_tables(db: Database) -> None:
    # Times are ISO 8601 in UTC. ``status`` is open, resolved or closed.
    db.table("conversations").create(
        {"id": int, "ticket": str, "ticket_url": str, "customer_name": str, "channel": str,
         "contact": str, "category": str, "playbook": str, "playbook_name": str,
         "status": str, "current_step": int, "started_at": str, "updated_at": str,
         "closed_at": str},
        pk="id", not_null={"status", "playbook", "started_at"}, defaults={"status": "open"},
    )
    db.table("conversations").create_index(["status", "started_at"])
    db.table("conversation_steps").create(
        {"conversation_id": int, "round": int, "position": int, "key": str, "title": str,
         "checked_at": str, "note": str},
        pk=("conversation_id", "round", "position"), not_null={"key", "title"},
        foreign_keys=[("conversation_id", "conversations", "id")],
    )
    db.table("resolutions").create(
        {"id": int, "conversation_id": int, "ticket": str, "ticket_url": str,
         "customer_name": str, "channel": str, "contact": str, "category": str,
         "problem": str, "resolution": str, "kind": str, "outcome": str, "playbook": str,
         "rounds": int, "steps_done": int, "steps_total": int, "notes": str,
         "started_at": str, "resolved_at": str},
        pk="id", not_null={"kind", "outcome", "resolved_at"},
        foreign_keys=[("conversation_id", "conversations", "id")],
    )
    db.table("resolutions").create_index(["resolved_at"])
    db.table("resolutions").create_index(["conversation_id"])


def _create_phrase_library(db: Database) -> None:
    # ``key`` names a phrase across re-indexing (file and title, or "own:" and a number),
    # so favourites and use counts survive edits to the content files.
    phrases = db.table("snippets")
    phrases.add_column("source", str, not_null_default="content")
    phrases.add_column("key", str)
    phrases.add_column("deleted", int, not_null_default=0)
    phrases.add_column("updated_at", str)
    db.execute("UPDATE snippets SET key = path || '#' || title")
    phrases.create_index(["key"])
    db.table("snippet_usage").create(
        {"key": str, "favourite": int, "use_count": int, "last_used": str}, pk="key",
        defaults={"favourite": 0, "use_count": 0},
    )
    db.executescript(
        """
        CREATE VIRTUAL TABLE snippets_fts USING fts5(
            title, tags, abbreviation, text, content='snippets', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2', prefix='1 2 3'
        );
        CREATE VIRTUAL TABLE snippets_vocab USING fts5vocab(snippets_fts, 'row');
        CREATE TRIGGER snippets_ai AFTER INSERT ON snippets BEGIN
            INSERT INTO snippets_fts(rowid, title, tags, abbreviation, text)
            VALUES (new.id, new.title, new.tags, new.abbreviation, new.text);
        END;
        CREATE TRIGGER snippets_ad AFTER DELETE ON snippets BEGIN
            INSERT INTO snippets_fts(snippets_fts, rowid, title, tags, abbreviation, text)
            VALUES ('delete', old.id, old.title, old.tags, old.abbreviation, old.text);
        END;
        CREATE TRIGGER snippets_au AFTER UPDATE OF title, tags, abbreviation, text ON snippets
        BEGIN
            INSERT INTO snippets_fts(snippets_fts, rowid, title, tags, abbreviation, text)
            VALUES ('delete', old.id, old.title, old.tags, old.abbreviation, old.text);
            INSERT INTO snippets_fts(rowid, title, tags, abbreviation, text)
            VALUES (new.id, new.title, new.tags, new.abbreviation, new.text);
        END;
        INSERT INTO snippets_fts(snippets_fts) VALUES ('rebuild');
        """
    )


def _create_checker_tables(db: Database) -> None:
    # The reply checker's rules, from the packs' checker/ files; and the agent's drafts,
    # saved as they type so a crash loses nothing.
    db.table("checker_rules").create(
        {"id": int, "path": str, "pack": str, "position": int, "rule_id": str, "kind": str,
         "pattern": str, "reason": str, "suggestion": str, "place": str},
        pk="id", not_null={"path", "rule_id", "kind", "pattern", "reason"},
    )
    db.table("checker_rules").create_index(["path"])
    db.table("drafts").create({"name": str, "text": str, "updated_at": str}, pk="name",
                              not_null={"text"})


def _create_follow_up_tables(db: Database) -> None:
    # ``deleted`` marks a record the agent deleted in this session (undo brings it back; the
    # next start removes it). ``follow_up`` is the state of its latest follow-up, kept on the
    # record so the log can show and sort by it.
    resolutions = db.table("resolutions")
    resolutions.add_column("deleted", int, not_null_default=0)
    resolutions.add_column("follow_up", str, not_null_default="none")
    for column in ("ticket", "customer_name", "category", "kind", "outcome", "follow_up"):
        resolutions.create_index([column, "resolved_at"])
    # ``due_at`` is None while a delivery is awaited; ``notified_at`` is when the reminder
    # was shown, so each one is shown once, also across restarts.
    db.table("follow_ups").create(
        {"id": int, "resolution_id": int, "status": str, "due_at": str, "channels": str,
         "arrives_on": str, "result": str, "reason": str, "created_at": str,
         "closed_at": str, "notified_at": str},
        pk="id", not_null={"resolution_id", "status", "channels", "created_at"},
        foreign_keys=[("resolution_id", "resolutions", "id")],
    )
    db.table("follow_ups").create_index(["status", "due_at"])
    db.table("follow_ups").create_index(["resolution_id"])
    db.table("follow_up_events").create(
        {"id": int, "follow_up_id": int, "at": str, "action": str, "detail": str,
         "due_at": str},
        pk="id", not_null={"follow_up_id", "at", "action"},
        foreign_keys=[("follow_up_id", "follow_ups", "id")],
    )
    db.table("follow_up_events").create_index(["follow_up_id"])
    db.executescript(_log_search_sql(("customer_name", "ticket", "problem", "resolution",
                                       "notes")))


def _log_search_sql(columns: tuple[str, ...]) -> str:
    """The log's full-text index over ``columns`` of the records, kept by triggers."""
    listed = ", ".join(columns)
    new = ", ".join(f"new.{column}" for column in columns)
    old = ", ".join(f"old.{column}" for column in columns)
    forget_old = (f"INSERT INTO resolutions_fts(resolutions_fts, rowid, {listed})"
                  f" VALUES ('delete', old.id, {old});")
    add_new = f"INSERT INTO resolutions_fts(rowid, {listed}) VALUES (new.id, {new});"
    return f"""
        CREATE VIRTUAL TABLE resolutions_fts USING fts5(
            {listed}, content='resolutions', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');
        CREATE TRIGGER resolutions_ai AFTER INSERT ON resolutions BEGIN {add_new} END;
        CREATE TRIGGER resolutions_ad AFTER DELETE ON resolutions BEGIN {forget_old} END;
        CREATE TRIGGER resolutions_au AFTER UPDATE OF {listed} ON resolutions
        BEGIN {forget_old} {add_new} END;
        INSERT INTO resolutions_fts(resolutions_fts) VALUES ('rebuild');
        """


def _search_contacts_in_the_log(db: Database) -> None:
    # The customer's e-mail or phone typed into the log's search box finds their records.
    db.executescript("""
        DROP TRIGGER resolutions_ai; DROP TRIGGER resolutions_ad; DROP TRIGGER resolutions_au;
        DROP TABLE resolutions_fts;
        """)
    db.executescript(_log_search_sql(("customer_name", "contact", "ticket", "problem",
                                      "resolution", "notes")))


def _index_deleted_records(db: Database) -> None:
    # The few records deleted in this session, so counts need not read every record.
    db.execute("CREATE INDEX resolutions_deleted ON resolutions(id) WHERE deleted = 1")


def _create_app_meta(db: Database) -> None:
    # ``written_by``: the version of Checkback that last upgraded the database, so an older
    # one can name it when it finds a schema it does not know.
    db.table("app_meta").create({"key": str, "value": str}, pk="key")


def _connect_the_helpdesk(db: Database) -> None:
    # Internal notes for the helpdesk, stored before they are sent so none is lost. ``state``
    # is queued, posted or failed (the agent must fix something first); ``marker`` is looked
    # for on the ticket before a retry, so a note is posted once. The account is named by
    # its kind, base URL and e-mail: its token stays in the keychain.
    db.table("outbox").create(
        {"id": int, "resolution_id": int, "follow_up_id": int, "kind": str, "base_url": str,
         "email": str, "ticket": str, "text": str, "marker": str, "state": str,
         "attempts": int, "next_try_at": str, "problem": str, "created_at": str,
         "posted_at": str},
        pk="id", not_null={"kind", "base_url", "ticket", "text", "state", "created_at"},
        defaults={"state": "queued", "attempts": 0, "problem": "", "email": ""},
    )
    db.table("outbox").create_index(["state", "next_try_at"])
    db.table("outbox").create_index(["resolution_id"])
    # The ticket's subject, read from the helpdesk: what "What was wrong" starts from.
    db.table("conversations").add_column("subject", str)
    # A repeat contact is found by the ticket (indexed already) or by the contact.
    db.execute("CREATE INDEX resolutions_contact ON resolutions(contact COLLATE NOCASE,"
               " resolved_at)")


def _keep_the_customers_words(db: Database) -> None:
    # What the customer asked about, in their words: what follow-up messages quote, apart
    # from the agent's own summary ("problem").
    db.table("resolutions").add_column("customer_words", str, not_null_default="")


def _list_policies_from_an_index(db: Database) -> None:
    # The empty search box lists every policy by category and title, case-insensitively:
    # without this index SQLite sorts the whole table on every clear of the box.
    db.execute("CREATE INDEX policies_browse ON policies(category COLLATE NOCASE,"
               " title COLLATE NOCASE)")


def _fold_the_search_indexes(db: Database) -> None:
    # The indexes hold words folded as a query is (ß as ss, soft hyphens dropped, full-width
    # letters, Greek accents, ё; see search_folding), each read through a view folding them,
    # and are filled again from their tables: every record and phrase stays findable.
    db.executescript("DROP TABLE snippets_vocab;")
    for table, columns in _SEARCHED_COLUMNS.items():
        db.executescript(f"""
            DROP TRIGGER {table}_ai; DROP TRIGGER {table}_ad; DROP TRIGGER {table}_au;
            DROP TABLE {table}_fts;
            """)
        db.executescript(search_index_sql(table, columns))
    db.executescript("CREATE VIRTUAL TABLE snippets_vocab USING fts5vocab(snippets_fts, 'row');")


_SEARCHED_COLUMNS = {
    "policies": ("title", "tags", "body"),
    "snippets": ("title", "tags", "abbreviation", "text"),
    "resolutions": ("customer_name", "contact", "ticket", "problem", "resolution", "notes"),
}

MIGRATIONS: tuple[Callable[[Database], None], ...] = (
    _create_content_tables,
    _create_policy_tables,
    _create_playbook_and_phrase_tables,
    _create_conversation_tables,
    _create_phrase_library,
    _create_checker_tables,
    _create_follow_up_tables,
    _index_deleted_records,
    _create_app_meta,
    _search_contacts_in_the_log,
    _connect_the_helpdesk,
    _keep_the_customers_words,
    _list_policies_from_an_index,
    _fold_the_search_indexes,
)
def migrate(db: Database) -> int:
    """Apply every migration the database has not had yet; return how many ran.

    Raises:
        StorageError: the database was made by a newer Checkback; nothing was written.
    """
    from checkback.version import VERSION

    refuse_newer_schema(db.conn, Path(db.conn.execute("PRAGMA database_list").fetchone()[2]))
    version = schema_version(db.conn)
    for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
        with db.atomic():
            migration(db)
            db.execute(f"PRAGMA user_version = {number}")
            if number == SCHEMA_VERSION and version == 0:
                stamp_new_database(db.conn)
            elif number == SCHEMA_VERSION:
                db.execute("INSERT OR REPLACE INTO app_meta (key, value)"
                           " VALUES ('written_by', ?)", [VERSION])
    return SCHEMA_VERSION - version
