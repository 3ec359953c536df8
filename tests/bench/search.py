"""Search as you type, timed key by key in the real panel and as the bare FTS5 query.

Run in a child process per database (``python -m tests.bench.search DATA_DIR ROUNDS``), so
each size gets a fresh QApplication and the runner never loads Qt; prints the samples as
JSON.

For every prefix of every query, typed one character at a time:

- key->model: ``QTest.keyClick`` on the search box, which returns once ``textChanged`` has
  run ``set_query`` and the list model is reset (the results are known);
- key->painted: the same, plus ``processEvents()`` until the list has laid out and painted
  the visible rows (highlighted excerpts are worked out then);
- bare: the textbook ranked query (``SEARCH_SQL``: bm25 over every match, LIMIT 50) for the
  same text on a separate plain sqlite3 connection, ``fetchall()``;
- floor: the simplest query that could answer, unranked (``MATCH … LIMIT 20`` joined to its
  rows). Which of app and queries goes first alternates key by key;
- empty: clearing the box after each query, to painted (the whole list by category).
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from pathlib import Path

from tests.bench.content import content_words

FLOOR_SQL = """
    SELECT p.id, p.title, p.category, substr(p.body, 1, 400)
    FROM (SELECT rowid AS id FROM policies_fts WHERE policies_fts MATCH ? LIMIT 20) AS found
    JOIN policies AS p ON p.id = found.id
"""
TYPED = ["refund", "late deliv", "exchange size", "warranty claim", "angry cust", "a", "r",
         "where is my parcel", "cancel order", "damaged on arrival", "loyalty points",
         "price match", "goodwill credit", "privacy data"]


def queries() -> list[str]:
    """The texts typed: the fixed list, then words of every frequency from the vocabulary."""
    typed = " ".join(TYPED).split()
    words = [word for word in content_words() if word not in typed]
    return TYPED + [words[rank] for rank in (5, 40, 150, 400, 800, 1200, 1600)]


def measure(data_dir: Path, rounds: int) -> dict[str, list]:
    """Type every query ``rounds`` times; milliseconds per key for the app and the bare query."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from checkback.settings import Settings
    from checkback.storage.database import database_path
    from checkback.storage.policy_search import SEARCH_SQL, fts_query
    from checkback.ui.policies.panel import PolicyPanel
    from checkback.ui.session import Session

    app = QApplication([])
    path = database_path(data_dir)
    session = Session(data_dir, Settings(data_dir))
    panel = PolicyPanel(session)
    panel.resize(440, 760)
    panel.show()
    bare_conn = sqlite3.connect(path)
    app.processEvents()
    samples: dict[str, list] = {"prefix": [], "model": [], "painted": [], "bare": [],
                                "floor": [], "empty": []}

    def type_key(char: str) -> None:
        started = time.perf_counter()
        QTest.keyClick(panel.search_box, char)
        model = time.perf_counter()
        app.processEvents()
        painted = time.perf_counter()
        samples["model"].append(1000 * (model - started))
        samples["painted"].append(1000 * (painted - started))

    def bare_query(text: str) -> None:
        started = time.perf_counter()
        bare_conn.execute(SEARCH_SQL, (fts_query(text), 50, 0)).fetchall()
        ranked = time.perf_counter()
        bare_conn.execute(FLOOR_SQL, (fts_query(text),)).fetchall()
        samples["bare"].append(1000 * (ranked - started))
        samples["floor"].append(1000 * (time.perf_counter() - ranked))

    def clear_box() -> None:
        if not panel.search_box.text():
            return
        started = time.perf_counter()
        panel.search_box.clear()
        app.processEvents()
        samples["empty"].append(1000 * (time.perf_counter() - started))

    app_first = True
    for _ in range(rounds):
        for text in queries():
            clear_box()
            for end in range(1, len(text) + 1):
                samples["prefix"].append(text[:end])
                if app_first:
                    type_key(text[end - 1])
                    bare_query(text[:end])
                else:
                    bare_query(text[:end])
                    type_key(text[end - 1])
                assert panel.search_box.text() == text[:end]
                app_first = not app_first
    bare_conn.close()
    panel.close()
    panel.deleteLater()
    app.processEvents()
    session.close()
    return samples


def main() -> None:
    """Measure the database of the data directory given, print the samples as JSON."""
    samples = measure(Path(sys.argv[1]), int(sys.argv[2]))
    print(json.dumps(samples), flush=True)


if __name__ == "__main__":
    main()
