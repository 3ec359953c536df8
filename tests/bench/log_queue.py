"""Benchmarks of the Log and Follow-ups tabs on a large history, against baselines of the run.

    uv run python -m tests.bench.log_queue [--resolutions 100000] [--follow-ups 50000] [--quick]

A fresh data directory gets ``--resolutions`` records of realistic text resolved over three
years and ``--follow-ups`` follow-ups (70 % pending, due from a month ago to two months
ahead, 5 % waiting for a delivery), written with plain SQL in one transaction. Then, in the
real panels (440x760, offscreen):

- open: ``LogPanel(session)`` and ``FollowUpPanel(session)`` built on a freshly opened
  Session, until the model is loaded (the panel is built and shown) and until the table or
  queue has painted;
- typing: every prefix of every query typed a key at a time into the log's search box.
  updated = ``QTest.keyClick`` until it returns (``textChanged`` ran ``apply_filter``: the
  first page is read and the first record shown); painted = updated plus
  ``processEvents()`` until the table has painted. The count follows 150 ms after the last
  key, off the keystroke path; it is timed on its own. bare = the textbook indexed query
  (``BARE_SQL``: FTS5 ``MATCH`` in an ``IN`` subquery, ``ORDER BY resolved_at DESC LIMIT
  100``; without the ``MATCH`` for a query with no word) for the same text on a plain
  sqlite3 connection, ``fetchall()``. Which goes first alternates key by key;
- a sort change (``model.sort`` on the Customer column, each way), a filter change (the
  Kind filter stepped through its choices), and scrolling (``fetchMore`` of the page after
  100, 1,000 and 10,000 rows), each until updated and until painted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import PySide6
from PySide6.QtCore import QCoreApplication, QEvent, QObject

from tests.bench.content import Words, content_words

_NOW = dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC)
P99_MS = 16.0
RATIO = 1.5
SCROLL_OFFSETS = (100, 1000, 10000)
FIRST_NAMES = ("Dana", "Sophie", "Liam", "Amara", "Jonas", "Priya", "Mateo", "Chloe", "Yusuf",
               "Elena", "Kwame", "Ingrid", "Tomasz", "Aiko", "Fatima", "Oscar", "Nadia", "Ruben",
               "Hannah", "Lucas", "Mei", "Daniel", "Zara", "Felix", "Olga", "Samuel", "Leila",
               "Marco", "Grace", "Ahmed", "Isla", "Victor", "Noor", "Emil", "Rosa", "Kenji")
LAST_NAMES = ("Reyes", "Martin", "Okafor", "Lindqvist", "Novak", "Sharma", "Garcia", "Dubois",
              "Yilmaz", "Rossi", "Mensah", "Berg", "Kowalski", "Tanaka", "Haddad", "Jensen",
              "Ivanova", "Costa", "Fischer", "Moreau", "Chen", "Walsh", "Ali", "Brennan",
              "Petrov", "Osei", "Nakamura", "Schmidt", "Murphy", "Khan", "Silva", "Larsen",
              "Ortiz", "Weber", "Byrne", "Takahashi", "Nguyen", "Hughes", "Alves", "Kaur")
CATEGORIES = ("Delivery", "Billing", "Returns and refunds", "Orders", "Warranty",
              "Product quality", "Account", "Loyalty", "")
OUTCOME_WEIGHTS = {"satisfied": 60, "accepted_reluctantly": 20, "escalated": 10,
                   "unresolved": 10}
BARE_SQL = ("SELECT id, resolved_at, ticket, customer_name, category, kind, outcome, follow_up"
            " FROM resolutions WHERE id IN (SELECT rowid FROM resolutions_fts"
            " WHERE resolutions_fts MATCH ?) ORDER BY resolved_at DESC LIMIT 100")
BARE_ALL_SQL = ("SELECT id, resolved_at, ticket, customer_name, category, kind, outcome,"
                " follow_up FROM resolutions ORDER BY resolved_at DESC LIMIT 100")
Samples = dict[str, list[Any]]


def _resolution_rows(count: int, follow_up_states: dict[int, str],
                     rng: random.Random) -> list[tuple[object, ...]]:
    """``count`` records, ids 1.., resolved in order over the three years before now."""
    from checkback.core.resolutions import ResolutionKind
    from checkback.storage.database import iso

    words = Words(rng)
    span = 3 * 365 * 86400
    seconds = sorted(rng.uniform(0, span) for _ in range(count))
    rows = []
    for rid, second in enumerate(seconds, start=1):
        resolved = _NOW - dt.timedelta(seconds=span - second)
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        ticket = str(300_000 + 3 * rid + rng.randint(0, 2))
        channel = rng.choice(("email", "email", "phone", "chat"))
        contact = (f"{first}.{last}@example.com".lower() if channel != "phone"
                   else f"+44 7700 9{rng.randint(10000, 99999)}")
        steps_total = rng.randint(0, 9)
        rows.append((
            rid, None, ticket,
            f"https://help.example.com/tickets/{ticket}" if rng.random() < 0.5 else "",
            f"{first} {last}", channel, contact, rng.choice(CATEGORIES),
            " ".join(words.prose(4, 14)).capitalize(), " ".join(words.prose(8, 40)).capitalize(),
            rng.choice(list(ResolutionKind)).value,
            rng.choices(list(OUTCOME_WEIGHTS), list(OUTCOME_WEIGHTS.values()))[0],
            rng.choice(("", "late-delivery", "refund-request", "damaged-item")),
            rng.randint(0, 3), rng.randint(0, steps_total), steps_total,
            " ".join(words.prose(5, 25)).capitalize() if rng.random() < 0.3 else "",
            iso(resolved - dt.timedelta(minutes=rng.uniform(3, 60))), iso(resolved),
            follow_up_states.get(rid, "none")))
    return rows


def _follow_up_rows(resolutions: int, count: int, rng: random.Random
                    ) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]], dict[int, str]]:
    """``count`` follow-ups of distinct records, their events, and each record's state."""
    from checkback.storage.database import iso

    rows, events, states = [], [], {}
    for fid, rid in enumerate(sorted(rng.sample(range(1, resolutions + 1), count)), start=1):
        created = _NOW - dt.timedelta(days=rng.uniform(1, 60))
        due = _NOW + dt.timedelta(days=rng.uniform(-30, 60))
        status = rng.choices(("pending", "done", "cancelled"), (70, 20, 10))[0]
        waiting = status == "pending" and rng.random() < 0.05
        due_at = None if waiting else iso(due)
        result = rng.choice(("satisfied", "not_satisfied", "no_answer")) if status == "done"\
            else None
        closed = iso(min(due, _NOW)) if status != "pending" else None
        rows.append((fid, rid, status, due_at, rng.choice(("email", "email", "email,phone")),
                     (due + dt.timedelta(days=2)).date().isoformat() if waiting else None,
                     result, "Customer asked us not to" if status == "cancelled" else None,
                     iso(created), closed,
                     iso(due) if status == "pending" and due < _NOW else None))
        events.append((fid, iso(created), "scheduled", "", due_at))
        if closed:
            events.append((fid, closed, "done" if result else "cancelled", "", None))
        states[rid] = result or ("cancelled" if status == "cancelled" else
                                 "waiting" if waiting else "pending")
    return rows, events, states


def build_data(data_dir: Path, resolutions: int, follow_ups: int, seed: int = 3) -> None:
    """Create the database and fill it with plain SQL in one transaction."""
    from checkback.storage.database import database_path, open_database

    open_database(database_path(data_dir)).close()
    rng = random.Random(seed)
    follow_rows, events, states = _follow_up_rows(resolutions, follow_ups, rng)
    rows = _resolution_rows(resolutions, states, rng)
    conn = sqlite3.connect(database_path(data_dir), isolation_level=None)
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO resolutions (id, conversation_id, ticket, ticket_url, customer_name,"
        " channel, contact, category, problem, resolution, kind, outcome, playbook, rounds,"
        " steps_done, steps_total, notes, started_at, resolved_at, follow_up)"
        f" VALUES ({', '.join('?' * 20)})", rows)
    conn.executemany(
        "INSERT INTO follow_ups (id, resolution_id, status, due_at, channels, arrives_on,"
        " result, reason, created_at, closed_at, notified_at)"
        f" VALUES ({', '.join('?' * 11)})", follow_rows)
    conn.executemany("INSERT INTO follow_up_events (follow_up_id, at, action, detail, due_at)"
                     " VALUES (?, ?, ?, ?, ?)", events)
    conn.execute("COMMIT")
    conn.close()


def queries(data_dir: Path) -> list[str]:
    """The texts typed: names, tickets (recent and old), problem words of every frequency,
    typos, a query of punctuation only, one letter."""
    from checkback.storage.database import database_path

    conn = sqlite3.connect(database_path(data_dir))
    name, ticket = conn.execute("SELECT customer_name, ticket FROM resolutions"
                                " ORDER BY id DESC LIMIT 1 OFFSET 500").fetchone()
    (old_ticket,) = conn.execute("SELECT ticket FROM resolutions ORDER BY id LIMIT 1"
                                 " OFFSET (SELECT count(*) / 10 FROM resolutions)").fetchone()
    conn.close()
    words = content_words()
    return [name, name.split()[1].lower(), FIRST_NAMES[5].lower(), ticket, f"#{ticket[:4]}",
            f"#{old_ticket}",
            f"{FIRST_NAMES[2]} {words[5]}", *(words[rank] for rank in (5, 40, 150, 400, 1200)),
            "late delivery", "damaged parcel", "exchange size", "warranty claim", "refnud",
            "delivary", "?!-", "a", "t"]


class PaintWatch(QObject):
    """Counts the paint events of a widget, so "painted" means it has painted."""

    def __init__(self, widget: Any) -> None:
        super().__init__()
        self.widget = widget
        self.paints = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False

    def settle(self) -> None:
        """Process events; paint now if that did not (nothing had asked for a repaint)."""
        before = self.paints
        QCoreApplication.processEvents()
        if self.paints == before:
            self.widget.repaint()


def timed(samples: Samples, name: str, action: Callable[[], object], watch: PaintWatch) -> None:
    """Milliseconds until ``action`` returns (``name``) and until painted (``name`` painted)."""
    started = time.perf_counter()
    action()
    updated = time.perf_counter()
    watch.settle()
    samples.setdefault(name, []).append(1000 * (updated - started))
    samples.setdefault(f"{name} painted", []).append(1000 * (time.perf_counter() - started))


def measure_open(data_dir: Path, runs: int) -> Samples:
    """Milliseconds to open the log and the queue on a fresh Session, to loaded and to
    painted."""
    from checkback.settings import Settings
    from checkback.ui.follow_ups.panel import FollowUpPanel
    from checkback.ui.log.panel import LogPanel
    from checkback.ui.session import Session

    settings = Settings(data_dir)
    samples: Samples = {}
    for _ in range(runs):
        for name in ("log", "queue"):
            session = Session(data_dir, settings, lambda: _NOW)
            started = time.perf_counter()
            panel = LogPanel(session) if name == "log" else FollowUpPanel(session)
            panel.resize(440, 760)
            panel.show()
            loaded = time.perf_counter()
            view = panel.table if isinstance(panel, LogPanel) else panel.queue
            PaintWatch(view.viewport()).settle()
            samples.setdefault(name, []).append(1000 * (loaded - started))
            samples.setdefault(f"{name} painted", []).append(
                1000 * (time.perf_counter() - started))
            if isinstance(panel, FollowUpPanel):
                samples["pending"] = [float(panel.model.total)]
            panel.close()
            panel.deleteLater()
            session.close()
    return samples


def open_log_panel(data_dir: Path) -> tuple[Any, PaintWatch]:
    """A log panel on the bench data, shown and settled, and what watches its painting."""
    from checkback.settings import Settings
    from checkback.ui.log.panel import LogPanel
    from checkback.ui.session import Session

    panel = LogPanel(Session(data_dir, Settings(data_dir), lambda: _NOW))
    panel.resize(440, 760)
    panel.show()
    watch = PaintWatch(panel.table.viewport())
    watch.settle()
    return panel, watch


def measure_typing(data_dir: Path, texts: list[str], rounds: int) -> Samples:
    """Milliseconds per key: the log to updated and to painted, and the bare query."""
    from PySide6.QtTest import QTest

    from checkback.storage.database import database_path
    from checkback.storage.policy_search import fts_query
    from checkback.storage.resolution_log import log_count

    path = database_path(data_dir)
    panel, watch = open_log_panel(data_dir)
    bare_conn = sqlite3.connect(path)
    samples: Samples = {"prefix": [], "updated": [], "updated painted": [], "bare": [],
                        "count": []}

    def bare_query(text: str) -> None:
        query = fts_query(text)
        started = time.perf_counter()
        try:
            if query is None:
                bare_conn.execute(BARE_ALL_SQL).fetchall()
            else:
                bare_conn.execute(BARE_SQL, (query,)).fetchall()
        except sqlite3.OperationalError:
            pass
        samples["bare"].append(1000 * (time.perf_counter() - started))

    panel_first = True
    for _ in range(rounds):
        for text in texts:
            panel.search.clear()
            watch.settle()
            for end in range(1, len(text) + 1):
                samples["prefix"].append(text[:end])
                if not panel_first:
                    bare_query(text[:end])
                timed(samples, "updated", lambda c=text[end - 1]: QTest.keyClick(panel.search, c),
                      watch)
                if panel_first:
                    bare_query(text[:end])
                assert panel.search.text() == text[:end]
                panel_first = not panel_first
            started = time.perf_counter()
            log_count(panel.connection, panel.current_filter())
            samples["count"].append(1000 * (time.perf_counter() - started))
    panel.close()
    bare_conn.close()
    panel.session.close()
    return samples


def measure_changes(data_dir: Path, runs: int, scroll_text: str) -> Samples:
    """Milliseconds for a sort change, a filter change and scrolling a page further."""
    from PySide6.QtCore import QModelIndex, Qt

    panel, watch = open_log_panel(data_dir)
    model = panel.model
    samples: Samples = {}
    for _ in range(runs):
        for text in ("", scroll_text):
            panel.search.setText(text)
            watch.settle()
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                timed(samples, f"sort {'word' if text else 'all'}",
                      lambda o=order: model.sort(2, o), watch)
            model.sort(0, Qt.SortOrder.DescendingOrder)
        panel.search.clear()
        for index in (*range(1, panel.kind.count()), 0):
            timed(samples, "filter", lambda i=index: panel.kind.setCurrentIndex(i), watch)
        for text in ("", scroll_text):
            panel.search.setText(text)
            watch.settle()
            while model.canFetchMore(QModelIndex()) and model.rowCount() <= SCROLL_OFFSETS[-1]:
                offset = model.rowCount()
                if offset in SCROLL_OFFSETS:
                    timed(samples, f"scroll {'word' if text else 'all'} {offset}",
                          lambda: model.fetchMore(QModelIndex()), watch)
                else:
                    model.fetchMore(QModelIndex())
    panel.close()
    panel.session.close()
    return samples


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile ``share`` of ``values``."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def slowest(typing: Samples, count: int = 6) -> list[tuple[str, float, float, float]]:
    """The prefixes slowest to updated (median over rounds): prefix, updated, bare, painted."""
    by_prefix: dict[str, list[int]] = {}
    for i, prefix in enumerate(typing["prefix"]):
        by_prefix.setdefault(prefix, []).append(i)
    rows = [(prefix, *(statistics.median(typing[key][i] for i in rows)
                       for key in ("updated", "bare", "updated painted")))
            for prefix, rows in by_prefix.items()]
    return sorted(rows, key=lambda row: -row[1])[:count]


def report(sizes: tuple[int, int, float, float], opened: Samples, typing: Samples,
           changes: Samples, scroll_text: str) -> None:
    """Print the tables and the targets."""
    resolutions, follow_ups, build_s, db_mb = sizes
    print(f"\n1. Data: {resolutions:,} resolutions, {follow_ups:,} follow-ups "
          f"({opened['pending'][0]:,.0f} pending) written in {build_s:.1f} s; "
          f"database {db_mb:.0f} MB")
    print(f"\n2. Opening, ms (median of {len(opened['log'])}; fresh panel and connection)")
    print(f"{'tab':<10} {'loaded':>8} {'painted':>8}")
    for name in ("log", "queue"):
        print(f"{name:<10} {statistics.median(opened[name]):>8.1f} "
              f"{statistics.median(opened[f'{name} painted']):>8.1f}")
    keys = len(typing["prefix"])
    print(f"\n3. Typing in the log's search, ms per key ({keys} keys)")
    print(f"{'':<16} {'p50':>7} {'p95':>7} {'p99':>7} {'max':>7}")
    for label, key in (("log updated", "updated"), ("log painted", "updated painted"),
                       ("bare SQL", "bare"), ("count (later)", "count")):
        values = typing[key]
        print(f"{label:<16} " + " ".join(f"{percentile(values, share):>7.2f}"
                                         for share in (.5, .95, .99, 1.0)))
    app99, bare99 = percentile(typing["updated"], .99), percentile(typing["bare"], .99)
    print(f"p99 updated / p99 bare: {app99 / bare99:.2f}x")
    print("slowest prefixes (median ms updated / bare / painted): "
          + "; ".join(f"'{prefix}' {app:.1f}/{bare:.1f}/{painted:.1f}"
                      for prefix, app, bare, painted in slowest(typing)))
    print("\n4. Changes, ms (median; p99 in brackets): sort = model.sort on Customer, each way;"
          " filter = each Kind in turn; scroll = fetchMore of the page after that many rows,"
          " whole log or one word searched")
    print(f"{'change':<26} {'updated':>16} {'painted':>16}")
    for key in ("sort all", "sort word", "filter",
                *(f"scroll {what} {offset}" for what in ("all", "word")
                  for offset in SCROLL_OFFSETS)):
        if key in changes:
            label = key.replace("word", f"'{scroll_text}'")
            print(f"{label:<26} " + " ".join(
                f"{statistics.median(changes[k]):>7.1f} ({percentile(changes[k], .99):>6.1f})"
                for k in (key, f"{key} painted")))
    print(f"\nTarget p99 under {P99_MS:.0f} ms per key: {app99:.1f} ms, "
          f"{'met' if app99 < P99_MS else 'missed'}")
    print(f"Target at most {RATIO}x the bare indexed SQL: {app99 / bare99:.2f}x, "
          f"{'met' if app99 <= RATIO * bare99 else 'missed'}")


def main() -> None:
    """Build the history, run the benchmarks, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--resolutions", type=int, default=100_000, help="records in the log")
    parser.add_argument("--follow-ups", type=int, default=50_000, help="follow-ups")
    parser.add_argument("--quick", action="store_true", help="fewer rounds")
    args = parser.parse_args()
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    runs, rounds = (3, 1) if args.quick else (9, 4)
    print(f"Checkback log and queue benchmarks: {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, PySide6 {PySide6.__version__}, SQLite "
          f"{sqlite3.sqlite_version}", flush=True)
    with tempfile.TemporaryDirectory(prefix="checkback-bench-") as scratch:
        data_dir = Path(scratch) / "data"
        started = time.perf_counter()
        build_data(data_dir, args.resolutions, args.follow_ups)
        built = time.perf_counter() - started
        db_mb = sum(p.stat().st_size for p in data_dir.glob("checkback.db*")) / 2**20
        print(f"  built in {built:.1f} s; timing opening", flush=True)
        opened = measure_open(data_dir, runs)
        texts = queries(data_dir)
        print(f"  timing typing: {texts}", flush=True)
        typing = measure_typing(data_dir, texts, rounds)
        print("  timing sort, filter and scroll", flush=True)
        scroll_text = content_words()[5]
        changes = measure_changes(data_dir, runs, scroll_text)
    report((args.resolutions, args.follow_ups, built, db_mb), opened, typing, changes,
           scroll_text)
    app.quit()


if __name__ == "__main__":
    main()
