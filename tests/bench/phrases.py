"""Benchmarks of the phrase picker and the reply checker, each against a baseline of the run.

    uv run python -m tests.bench.phrases [--phrases 10000] [--quick]

Picker: the shipped phrases plus synthetic ones up to ``--phrases``, indexed into a fresh
data directory. Every prefix of every query (typos included) is typed into the quick
picker, one key at a time:

- key->list: ``QTest.keyClick`` on the picker's search box, which returns once
  ``textChanged`` has looked up close words for typos, run the search and reset the list;
- key->painted: the same, plus ``processEvents()`` until the list has painted;
- bare: the textbook FTS5 query for the same words as prefixes (``MATCH``, ``ORDER BY
  rank``, ``LIMIT 100``, joined to the phrases) on a separate plain sqlite3 connection,
  ``fetchall()``. Which goes first alternates key by key.

Checker: a 5,000-word draft with a rule-tripping phrase every 100 words or so:

- core: ``check_reply`` with the shipped rules;
- panel: the Check reply view's whole update, painted: "typing" after a letter typed mid
  draft (the findings stay, their places move), "changed" after a phrase that changes the
  findings is added at the end;
- baseline: one case-insensitive regex pass over the same draft, finding one word.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import random
import re
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import PySide6

from tests.bench.content import Words, content_words

_NOW = dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC)
PICKER_P99_MS = 16.0
PICKER_RATIO = 1.5
CHECKER_WORDS = 5000
TYPED = ["apolgize", "sory", "refund on", "exchange", "deliv late", "thank you for waiting",
         ";chk", "escalat", "a", "t", "replacment", "follow up"]
TAGS = ("acknowledge", "apologize", "clarify", "present-resolution", "checkback", "follow-up",
        "escalation", "delay", "refund", "exchange", "saying-no", "closing")
TRIPS = ("Our policy states that", "as I already said,", "Is that okay?", "you should have",
         "that's not my department", "Would it be okay if we")


def write_phrases(pack: Path, total: int, seed: int = 11) -> int:
    """Write synthetic phrases files so the pack plus the shipped phrases hold ``total``."""
    from checkback.core.phrase_transfer import phrases_to_yaml
    from checkback.core.phrases import Phrase

    words = Words(random.Random(seed))
    rng = words.rng
    folder = pack / "snippets"
    folder.mkdir(parents=True, exist_ok=True)
    count = max(0, total - 119)
    for start in range(0, count, 200):
        phrases = [Phrase(title=" ".join(words.key(2, 6)).capitalize(),
                            text=" ".join(words.prose(12, 60)).capitalize() + ".",
                            tags=tuple(rng.sample(TAGS, rng.randint(1, 3))),
                            abbreviation=f";s{start + i}" if rng.random() < 0.1 else "")
                    for i in range(min(200, count - start))]
        (folder / f"synthetic-{start:05}.yaml").write_text(phrases_to_yaml(phrases),
                                                           encoding="utf-8")
    return count


def build_data(scratch: Path, total: int) -> Path:
    """Index the shipped phrases and the synthetic pack into a fresh data directory."""
    from checkback.core.content_packs import scan_phrase_files
    from checkback.paths import shipped_content_dir
    from checkback.storage.database import database_path, open_database
    from checkback.storage.playbook_index import sync_phrases

    pack = scratch / "pack"
    write_phrases(pack, total)
    data_dir = scratch / "data"
    db = open_database(database_path(data_dir))
    try:
        report = sync_phrases(db, scan_phrase_files([shipped_content_dir(), pack]))
        assert not report.failed, report.failed
    finally:
        db.close()
    return data_dir


def prefixes(rounds: int) -> list[str]:
    """Every prefix of every query, ``rounds`` times over."""
    texts = TYPED + content_words()[10:400:40]
    return [text[:end] for _ in range(rounds) for text in texts for end in range(1, len(text) + 1)]


def measure_picker(data_dir: Path, rounds: int) -> dict[str, list[float]]:
    """Milliseconds per key: the picker to its list and to painted, and the bare query."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from checkback.storage.database import database_path, open_writer
    from checkback.storage.phrase_library import MAX_RESULTS
    from checkback.storage.policy_search import words_of
    from checkback.ui.phrases.panel import PhrasePanel

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    path = database_path(data_dir)
    writer = open_writer(path)
    from checkback.settings import Settings
    from checkback.ui.session import Session

    session = Session(data_dir, Settings(data_dir), lambda: _NOW)
    panel = PhrasePanel(session, dict, tuple)
    panel.resize(440, 760)
    panel.show()
    panel.open_picker()
    box = panel.picker.search.search_box
    bare_conn = sqlite3.connect(path)
    bare_sql = ("SELECT s.id, s.title, s.text FROM snippets_fts JOIN snippets AS s"
                " ON s.id = snippets_fts.rowid WHERE snippets_fts MATCH ? ORDER BY rank LIMIT ?")
    samples: dict[str, list[float]] = {"list": [], "painted": [], "bare": []}

    def type_key(char: str) -> None:
        started = time.perf_counter()
        QTest.keyClick(box, char)
        listed = time.perf_counter()
        app.processEvents()
        samples["list"].append(1000 * (listed - started))
        samples["painted"].append(1000 * (time.perf_counter() - started))

    def bare_query(text: str) -> None:
        query = " AND ".join(f'"{word}"*' for word in words_of(text))
        started = time.perf_counter()
        if query:
            bare_conn.execute(bare_sql, (query, MAX_RESULTS)).fetchall()
        samples["bare"].append(1000 * (time.perf_counter() - started))

    app.processEvents()
    for number, prefix in enumerate(prefixes(rounds)):
        if len(prefix) == 1:
            box.clear()
            app.processEvents()
        if number % 2:
            type_key(prefix[-1])
            bare_query(prefix)
        else:
            bare_query(prefix)
            type_key(prefix[-1])
    panel.close()
    session.close()
    bare_conn.close()
    writer.close()
    return samples


def draft(words: int = CHECKER_WORDS, seed: int = 5) -> str:
    """A long draft reply of realistic words, tripping a rule every 100 words or so."""
    vocabulary = Words(random.Random(seed))
    parts = ["I'm sorry for the wait."]
    while sum(len(part.split()) for part in parts) < words - 20:
        parts.append(" ".join(vocabulary.prose(60, 120)).capitalize() + ".")
        parts.append(vocabulary.rng.choice(TRIPS))
    parts.append("We'll send it today. Does that work for you?")
    return " ".join(parts)


def measure_checker(runs: int) -> dict[str, list[float]]:
    """Milliseconds per check of the 5,000-word draft: core, panel, and the baseline."""
    from PySide6.QtWidgets import QApplication

    from checkback.core.reply_checker import check_reply, read_rules_file
    from checkback.paths import shipped_content_dir
    from checkback.ui.reply.panel import ReplyCheckerPanel

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    rules = read_rules_file(shipped_content_dir() / "checker" / "rules.yaml").rules
    text = draft()
    from checkback.settings import Settings
    from checkback.ui.session import Session

    folder = Path(tempfile.mkdtemp())
    session = Session(folder, Settings(folder), lambda: _NOW)
    panel = ReplyCheckerPanel(session)
    panel.resize(440, 760)
    panel.show()
    panel.set_rules(rules)
    panel.draft.setPlainText(text)
    panel.check_now()
    app.processEvents()
    one_word = re.compile(r"\bpolicy\b", re.IGNORECASE)

    def panel_check(edit: str) -> None:
        cursor = panel.draft.textCursor()
        cursor.setPosition(len(text) // 2 if edit == "x" else len(panel.draft.toPlainText()))
        cursor.insertText(edit)
        started = time.perf_counter()
        panel.check_now()
        app.processEvents()
        samples["typing" if edit == "x" else "changed"].append(
            1000 * (time.perf_counter() - started))

    timings: dict[str, Callable[[], object]] = {
        "baseline": lambda: list(one_word.finditer(text)),
        "core": lambda: check_reply(text, rules),
    }
    samples: dict[str, list[float]] = {"typing": [], "changed": []}
    samples.update({name: [] for name in timings})
    for _ in range(runs):
        for name, work in timings.items():
            started = time.perf_counter()
            work()
            samples[name].append(1000 * (time.perf_counter() - started))
        panel_check("x")
        panel_check(" Calm down.")
    samples["words"] = [float(len(text.split()))]
    samples["marks"] = [float(len(panel.review.marks))]
    panel.close()
    session.close()
    return samples


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile ``share`` of ``values``."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def report(total: int, picker: dict[str, list[float]], checker: dict[str, list[float]]) -> None:
    """Print the figures as Markdown."""
    app99, bare99 = percentile(picker["list"], 0.99), percentile(picker["bare"], 0.99)
    painted99 = percentile(picker["painted"], 0.99)
    print(f"\n| phrases | keys | picker p99 per key, list / bare SQL | to painted p99 |\n"
          f"|---|---|---|---|\n| {total:,} | {len(picker['list'])} | {app99:.1f} / "
          f"{bare99:.1f} ms ({app99 / bare99:.2f}x) | {painted99:.1f} ms |")
    print(f"Picker target: p99 under {PICKER_P99_MS:.0f} ms "
          f"({'met' if app99 < PICKER_P99_MS else 'missed'}) and at most {PICKER_RATIO}x the "
          f"bare SQL ({'met' if app99 <= PICKER_RATIO * bare99 else 'missed'}).")
    medians = {name: statistics.median(checker[name])
               for name in ("baseline", "core", "typing", "changed")}
    p99 = {name: percentile(checker[name], 0.99) for name in ("core", "typing", "changed")}
    print(f"\n| draft | marks | check, median (p99) | panel, typing | panel, findings change |"
          f" one-regex baseline |\n|---|---|---|---|---|---|\n"
          f"| {checker['words'][0]:,.0f} words | {checker['marks'][0]:.0f} | "
          f"{medians['core']:.1f} ({p99['core']:.1f}) ms, "
          f"{medians['core'] / medians['baseline']:.0f}x | "
          f"{medians['typing']:.1f} ({p99['typing']:.1f}) ms | "
          f"{medians['changed']:.1f} ({p99['changed']:.1f}) ms | {medians['baseline']:.2f} ms |")


def main() -> None:
    """Build the phrases, run both benchmarks, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--phrases", type=int, default=10_000, help="phrases in the library")
    parser.add_argument("--quick", action="store_true", help="fewer rounds")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    rounds, runs = (1, 10) if args.quick else (4, 60)
    print(f"Checkback phrase benchmarks: {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, PySide6 {PySide6.__version__}", flush=True)
    with tempfile.TemporaryDirectory(prefix="checkback-bench-") as scratch:
        started = time.perf_counter()
        data_dir = build_data(Path(scratch), args.phrases)
        print(f"  {args.phrases:,} phrases indexed in {time.perf_counter() - started:.1f} s",
              flush=True)
        picker = measure_picker(data_dir, rounds)
    checker = measure_checker(runs)
    report(args.phrases, picker, checker)
    app.quit()


if __name__ == "__main__":
    main()
