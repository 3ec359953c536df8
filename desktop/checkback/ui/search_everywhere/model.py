"""What the search across everything found: a heading for each kind of thing, then its
best few rows.

Every keystroke runs four bounded searches on the GUI thread's read connection: the
policies', the phrases', the log's and the pending follow-ups' (each reads at most
``COUNTED`` rows, of which ``SHOWN`` are listed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from checkback.core.follow_ups import CHANNEL_LABELS, FollowUp, when_text
from checkback.core.highlight import strip_marks
from checkback.core.resolutions import ResolutionKind
from checkback.settings import follow_up_rules
from checkback.storage.follow_up_search import pending_follow_ups_matching
from checkback.storage.follow_up_store import load_follow_up
from checkback.storage.phrase_library import StoredPhrase, record_use, search_phrases
from checkback.storage.policy_search import PolicyHit, search_policies, words_of
from checkback.storage.resolution_log import LogFilter, LogRow, log_page
from checkback.ui.log.model import label_of
from checkback.ui.session import Change, Session

Index = QModelIndex | QPersistentModelIndex
Item = PolicyHit | StoredPhrase | LogRow | FollowUp
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 2
SHOWN = 3  # four groups of three fit the window's height without scrolling
COUNTED = 21  # one more than the largest count said in full: "20+"
_DETAIL_CHARS = 300  # more than the widest window shows: the delegate cuts it to fit


class Kind(Enum):
    """The kinds of thing found, in the order they are listed; the value is the heading."""

    POLICIES = "Policies"
    PHRASES = "Phrases"
    LOG = "Log"
    FOLLOW_UPS = "Follow-ups"


@dataclass(frozen=True)
class Heading:
    """The row above a kind's items: its name and how many were found."""

    kind: Kind
    found: int

    @property
    def text(self) -> str:
        """"Log · 2", or "Log · 3 of 14" when more were found than are listed."""
        if self.found <= SHOWN:
            return f"{self.kind.value} · {self.found}"
        more = f"{COUNTED - 1}+" if self.found >= COUNTED else str(self.found)
        return f"{self.kind.value} · {SHOWN} of {more}"


@dataclass(frozen=True)
class Found:
    """An item listed, with its two lines: what it is, and a detail to tell it by."""

    item: Item
    title: str
    detail: str


class EverythingModel(QAbstractListModel):
    """Headings and items for the text searched; ``ITEM_ROLE`` gives an item (None on a
    heading), ``DETAIL_ROLE`` its second line. Empty groups have no heading."""

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._rows: list[Heading | Found] = []
        self._now = session.now()
        self._zone: dt.tzinfo = dt.UTC
        self.query = ""

    def search(self, text: str) -> None:
        """List what matches every word of ``text`` (nothing when it holds no word)."""
        self.beginResetModel()
        self.query = text
        self._now = self._session.now()
        self._zone = follow_up_rules(self._session.settings).hours.zone
        self._rows = []
        if words_of(text):
            for kind in Kind:
                self._add_group(kind, *self._find(kind, text))
        self.endResetModel()

    def item_at(self, row: int) -> Item | None:
        """The item on ``row`` (None for a heading or no row)."""
        entry = self._rows[row] if 0 <= row < len(self._rows) else None
        return entry.item if isinstance(entry, Found) else None

    def item_row_after(self, row: int, step: int) -> int:
        """The row of the next item from ``row`` going ``step`` (1 or -1), past headings;
        ``row`` itself when there is none that way."""
        rows = range(row + step, len(self._rows) if step > 0 else -1, step)
        return next((r for r in rows if self.item_at(r) is not None), row)

    def headings(self) -> list[str]:
        """The headings listed, in order."""
        return [entry.text for entry in self._rows if isinstance(entry, Heading)]

    def record_use(self, stored: StoredPhrase) -> None:
        """Count a copy of ``stored``, as the phrase panel does (it ranks higher)."""
        now = self._session.now()
        self._session.save(("use", stored.key, now), Change.PHRASES,
                           lambda conn: record_use(conn, stored.key, now))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if isinstance(self._rows[index.row()], Heading):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        if isinstance(entry, Heading):
            return _heading_data(entry, role)
        if role == ITEM_ROLE:
            return entry.item
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.title
        if role in (DETAIL_ROLE, Qt.ItemDataRole.ToolTipRole):
            return entry.detail
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{entry.title}: {entry.detail}"
        return None

    def _find(self, kind: Kind, text: str) -> tuple[int, list[Item]]:
        """How many of ``kind`` match (at most ``COUNTED``), and the best ``SHOWN``."""
        conn = self._session.reader
        found: list[Item]
        match kind:
            case Kind.POLICIES:
                found = list(search_policies(conn, text, COUNTED))
            case Kind.PHRASES:
                found = list(search_phrases(conn, text, limit=COUNTED))
            case Kind.LOG:
                found = list(log_page(conn, LogFilter(text=text), 0, COUNTED))
            case Kind.FOLLOW_UPS:
                ids = pending_follow_ups_matching(conn, text, COUNTED)
                loaded = (load_follow_up(conn, follow_up_id) for follow_up_id in ids[:SHOWN])
                return len(ids), [item for item in loaded if item is not None]
        return len(found), found[:SHOWN]

    def _add_group(self, kind: Kind, count: int, items: list[Item]) -> None:
        if items:
            self._rows += [Heading(kind, count), *(Found(item, *self._lines(item))
                                                   for item in items)]

    def _lines(self, item: Item) -> tuple[str, str]:
        """The item's two lines: what it is, and a detail to tell it from the others."""
        if isinstance(item, PolicyHit):
            return item.title, f"{item.category} · {strip_marks(item.excerpt)}"
        if isinstance(item, StoredPhrase):
            return item.phrase.title, " ".join(item.phrase.text.split())[:_DETAIL_CHARS]
        if isinstance(item, LogRow):
            return (_who(item.customer_name, item.ticket),
                    f"{item.resolved_at.astimezone(self._zone):%Y-%m-%d} · "
                    f"{item.category or 'no category'} · {label_of(ResolutionKind, item.kind)}")
        how = " and ".join(CHANNEL_LABELS.get(channel, channel) for channel in item.channels)
        due = (f"due {when_text(item.due, self._now, self._zone)}" if item.due
               else "when the delivery arrives")
        return item.who, " · ".join(part for part in (how, due, item.problem) if part)


def _heading_data(heading: Heading, role: int) -> Any:
    if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
        return heading.text
    if role == Qt.ItemDataRole.FontRole:
        font = QFont()
        font.setBold(True)
        return font
    return None


def _who(name: str, ticket: str) -> str:
    """A record's customer and ticket: "Dana Reyes · #4411"."""
    return " · ".join(part for part in (name, f"#{ticket}" if ticket else "") if part) or (
        "(no name)")
