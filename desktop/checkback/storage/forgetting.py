"""Forgetting a customer: erasing them from every record the agent keeps, and from the files.

What is erased, wherever the agent's own words are kept (``FREE_TEXT``):

- the full name, as one span;
- the name's parts that identify on their own: its first and last words (of two letters or
  more) and every other word of three letters or more, but for titles and particles
  (``NOT_NAMES``: "Mr", "van", "de"...). An initial alone ("J.") stays;
- the contact: an e-mail as written; a phone (six digits or more) by its digits, whatever
  spaces, dashes, dots, brackets or "+" stand between them; anything else as written.

Matching ignores case and accents (both sides are NFKD-folded, so "Jose Nunez" finds "José
Núñez"); the span found is replaced in the original text by "(forgotten)". Records of the
customer keep their place (counts and reports hold) with "(forgotten)" for the name and no
contact. The search indexes follow, and the erased text is overwritten on disk: deleted
content is zeroed (``secure_delete``) and, once the change is committed,
``erase_old_copies`` empties the write-ahead log.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterable

from checkback.storage.database import transaction

FORGOTTEN = "(forgotten)"
NOT_NAMES = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "madam", "jr", "sr", "the", "and",
    "de", "da", "di", "du", "del", "della", "der", "den", "des", "dos", "das", "la", "le",
    "van", "von", "bin", "ibn", "el", "y",
})
# The columns where people write freely. A customer's own records (their name and contact
# columns) are matched as a whole; other records only lose the spans that name them.
FREE_TEXT: dict[str, tuple[str, ...]] = {
    "resolutions": ("ticket", "ticket_url", "category", "problem", "resolution", "notes"),
    "conversations": ("ticket", "ticket_url", "category"),
    "conversation_steps": ("note",),
    "follow_ups": ("reason",),
    "follow_up_events": ("detail",),
    "drafts": ("text",),
    "snippets": ("title", "text", "html", "tags", "abbreviation"),
    "snippet_tags": ("tag",),
    "outbox": ("ticket", "text"),  # what the helpdesk already has is out of reach
}
# Only the agent's own phrases: the others are read again from the packs' files.
_ROWS = {"snippets": "source = 'own'",
         "snippet_tags": "snippet_id IN (SELECT id FROM snippets WHERE source = 'own')"}
_PHONE_DIGITS = 6
_BETWEEN_DIGITS = r"[\s\-.()/]*"


def fold(text: str) -> str:
    """``text`` as matching sees it: accents dropped (NFKD), case folded."""
    if text.isascii():  # most text: a hundred times quicker than by the letter
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def name_key(name: str | None) -> str:
    """A name as compared: folded, with single spaces."""
    return " ".join(fold(name or "").split())


def contact_key(contact: str | None) -> str:
    """A contact as compared: a phone by its digits, anything else folded."""
    folded = fold(contact or "").strip()
    digits = re.sub(r"\D", "", folded)
    return digits if "@" not in folded and len(digits) >= _PHONE_DIGITS else folded


def name_parts(name: str) -> list[str]:
    """The words of ``name`` that are erased on their own (see the module's notes)."""
    words = re.findall(r"\w+", name_key(name))
    return [word for number, word in enumerate(words)
            if word not in NOT_NAMES
            and (len(word) >= 3 or len(word) == 2 and number in (0, len(words) - 1))]


def mentions(name: str, contacts: Iterable[str] = ()) -> re.Pattern[str] | None:
    """What names the customer in folded text (longest first), or None for nothing to find."""
    found = [_contact_pattern(contact)
             for contact in sorted(_distinct(contacts), key=len, reverse=True)]
    words = re.findall(r"\w+", name_key(name))
    if len(words) > 1:
        found.append(r"\W+".join(words))
    found += sorted((re.escape(part) for part in name_parts(name)), key=len, reverse=True)
    if not found:
        return None
    return re.compile("|".join(f"(?<!\\w)(?:{each})(?!\\w)" for each in found))


def erase_mentions(text: str, pattern: re.Pattern[str]) -> str:
    """``text`` with every span ``pattern`` finds in its folded form replaced by
    "(forgotten)"."""
    folded, origins = _folded(text)
    pieces: list[str] = []
    kept_from = 0
    for match in pattern.finditer(folded):
        start, end = origins[match.start()], origins[match.end() - 1] + 1
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1  # a decomposed accent after the last letter goes with it
        pieces += [text[kept_from:start], FORGOTTEN]
        kept_from = end
    return "".join([*pieces, text[kept_from:]]) if pieces else text


def records_of_customer(conn: sqlite3.Connection, name: str, contact: str = "") -> int:
    """How many records (resolutions and conversations) name this customer, or hold their
    contact."""
    _add_keys(conn)
    where, params = _same_customer(name, _contacts_of(conn, name, contact))
    return sum(int(conn.execute(f"SELECT count(*) FROM {table} WHERE {where}",
                                params).fetchone()[0])
               for table in ("resolutions", "conversations"))


def forget_customer(conn: sqlite3.Connection, name: str, contact: str = "") -> int:
    """Erase a customer from every record, in one transaction; returns how many records
    (resolutions and conversations) were theirs.

    Their records keep their place with "(forgotten)" for the name and no contact; every
    free text loses the spans naming them; the search indexes follow and are merged into
    one piece, which leaves out the terms erased. Call ``erase_old_copies`` after the
    commit to empty the write-ahead log.
    """
    if not name_key(name) and not contact_key(contact):
        return 0
    _add_keys(conn)
    conn.execute("PRAGMA secure_delete = ON")  # what is replaced is zeroed, not just freed
    with transaction(conn):
        contacts = _contacts_of(conn, name, contact)
        where, params = _same_customer(name, contacts)
        changed = 0
        for table in ("resolutions", "conversations"):
            changed += conn.execute(f"UPDATE {table} SET customer_name = ?, contact = ''"
                                    f" WHERE {where}", [FORGOTTEN, *params]).rowcount
        pattern = mentions(name, contacts)
        if pattern is not None:  # None for a name of initials only, and no contact
            _erase_free_text(conn, pattern)
        for index in ("resolutions_fts", "snippets_fts"):
            # The index into one piece: the terms of what was erased drop out of it.
            conn.execute(f"INSERT INTO {index}({index}) VALUES ('optimize')")
    return changed


def erase_old_copies(conn: sqlite3.Connection) -> bool:
    """Copy the write-ahead log into the database and empty it, so the earlier versions of
    erased pages are gone from disk; False when a reader in a transaction kept it.

    Run it outside a transaction, after the forget commits; readers not inside a
    transaction do not stop it.
    """
    busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return not busy


def _erase_free_text(conn: sqlite3.Connection, pattern: re.Pattern[str]) -> None:
    """Every free text naming the customer, with the spans ``pattern`` finds erased."""
    conn.create_function("erased", 1, lambda text: text and erase_mentions(text, pattern),
                         deterministic=True)
    conn.create_function("names_them", 1,
                         lambda text: bool(text) and pattern.search(fold(text)) is not None,
                         deterministic=True)
    for table, columns in FREE_TEXT.items():
        # One look at all of a row's text (a unit separator between columns) is quicker.
        every = " || char(31) || ".join(f"coalesce({column}, '')" for column in columns)
        conn.execute(f"UPDATE OR IGNORE {table}"
                     f" SET {', '.join(f'{column} = erased({column})' for column in columns)}"
                     f" WHERE ({_ROWS.get(table, '1')}) AND names_them({every})")
    # A tag that became the same as another of its phrase is dropped, not kept as written.
    conn.execute(f"DELETE FROM snippet_tags WHERE {_ROWS['snippet_tags']} AND names_them(tag)")


def _folded(text: str) -> tuple[str, list[int]]:
    """The folded text, and for each of its characters the index of the one it came from."""
    folded: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        for part in unicodedata.normalize("NFKD", char):
            if not unicodedata.combining(part):
                for letter in part.casefold():
                    folded.append(letter)
                    origins.append(index)
    return "".join(folded), origins


def _contact_pattern(contact: str) -> str:
    key = contact_key(contact)
    if not key.isdigit():
        return r"\s+".join(re.escape(word) for word in key.split())
    forms = [r"(?:\+|00)?" + _BETWEEN_DIGITS.join(key.removeprefix("00"))]
    groups = re.findall(r"\d+", contact)
    if contact.lstrip().startswith(("+", "00")) and len(groups) > 1:
        # "+34 612 345 678": the first group is the country's code; written at home, the
        # number may lose it and gain a leading 0 ("020 7946 0000" for "+44 20 7946 0000").
        national = key[len(groups[0]):]
        forms.append(f"(?:0{_BETWEEN_DIGITS})?" + _BETWEEN_DIGITS.join(national))
    return rf"(?<!\d)(?:{'|'.join(forms)})(?!\d)"


def _distinct(contacts: Iterable[str]) -> list[str]:
    """One contact as written for each contact key, leaving out empty ones."""
    return list({contact_key(contact): contact.strip() for contact in contacts
                 if contact_key(contact)}.values())


def _add_keys(conn: sqlite3.Connection) -> None:
    # SQLite's lower() knows only A to Z: names and contacts are compared as Python folds.
    conn.create_function("name_key", 1, name_key, deterministic=True)
    conn.create_function("contact_key", 1, contact_key, deterministic=True)


def _contacts_of(conn: sqlite3.Connection, name: str, contact: str) -> list[str]:
    """``contact`` and every other contact the records under this name hold (a phone on
    one, an e-mail on another), as written: each is the customer's, to be erased."""
    found = [contact]
    if name_key(name):
        found += [row[0] or "" for table in ("resolutions", "conversations")
                  for row in conn.execute(f"SELECT DISTINCT contact FROM {table}"
                                          " WHERE name_key(customer_name) = ?",
                                          (name_key(name),))]
    return _distinct(found)


def _same_customer(name: str, contacts: list[str]) -> tuple[str, list[object]]:
    keys = sorted({contact_key(contact) for contact in contacts})
    return (f"(name_key(customer_name) = ? AND ? != ''"
            f" OR contact_key(contact) IN ({', '.join('?' * len(keys))}))",
            [name_key(name), name_key(name), *keys])
