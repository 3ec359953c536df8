"""Checkback on the command line, with no window: for team leads checking a pack before it
goes on the shared drive, and for importing phrases from a script.

    checkback check-pack FOLDER
    checkback import FILE [--dry-run] [--json] [--data-dir PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sqlite3
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from checkback.core.phrase_transfer import ImportedFile, read_import_file
from checkback.core.problems import ContentProblem
from checkback.paths import DATA_DIR_ENV, resolve_data_dir
from checkback.storage.database import check_data_dir, database_path, open_database
from checkback.storage.faults import StorageError, fault_from


def main(argv: Sequence[str]) -> int:
    """Run one command; returns the exit code (0 fine, 1 problems found, 2 cannot run)."""
    args = _parser().parse_args(argv)
    if args.command == "check-pack":
        return check_pack(Path(args.folder))
    return import_file(Path(args.file), args.dry_run, args.json, args.data_dir)


def check_pack(folder: Path) -> int:
    """Read a team pack exactly as the app would and list every problem with its file and
    line; 1 when there are any, 2 when the folder is not there."""
    if not folder.is_dir():
        _say(f"{folder} is not a folder. Give the team pack's folder (the one that holds "
             "policies/, playbooks/, snippets/ or checker/).")
        return 2
    from checkback.ui.content_indexer import IndexPasses  # the app's own pass, no window

    with tempfile.TemporaryDirectory(prefix="checkback-check-") as scratch:
        path = database_path(Path(scratch))
        open_database(path).close()
        passes = IndexPasses(path)
        try:
            passes.index([folder])
        finally:
            passes.close()
        problems, counts = _read_back(path)
    for problem in problems:
        _say(_problem_line(problem))
    _say(f"{folder}: {counts}; " + (f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
                                     if problems else "no problems"))
    return 1 if problems else 0


def import_file(file: Path, dry_run: bool, as_json: bool, data_dir: str | None) -> int:
    """Show (``dry_run``) or store what importing ``file`` gives; 1 when nothing can be
    imported, 2 when the data folder cannot take it."""
    imported = read_import_file(file)
    if as_json:
        _say(json.dumps(_as_json(imported), ensure_ascii=False, indent=2))
    else:
        for problem in imported.problems:
            _say(_problem_line(problem))
        _say(f"{file.name}: {len(imported.phrases)} phrase"
             f"{'s' if len(imported.phrases) != 1 else ''} to import")
    if not imported.phrases:
        return 1
    if dry_run:
        return 0
    return _store(imported, resolve_data_dir(data_dir))


def _store(imported: ImportedFile, data_dir: Path) -> int:
    from checkback.storage.database import open_writer, transaction
    from checkback.storage.phrase_library import import_phrases

    try:
        check_data_dir(data_dir)
        open_database(database_path(data_dir)).close()
        conn = open_writer(database_path(data_dir))
        try:
            with transaction(conn):
                added, skipped = import_phrases(conn, imported.phrases, dt.datetime.now(dt.UTC))
        finally:
            conn.close()
    except StorageError as stopped:
        _say(f"Nothing was imported. {stopped.message}")
        return 2
    except (sqlite3.Error, OSError) as error:
        environment = fault_from(error, data_dir)
        if environment is None:
            raise
        _say(f"Nothing was imported. {environment.message}")
        return 2
    already = f"; {skipped} you already had" if skipped else ""
    _say(f"Imported {added} phrase{'s' if added != 1 else ''} into {data_dir}{already}")
    return 0


def _read_back(path: Path) -> tuple[list[ContentProblem], str]:
    from checkback.storage.policy_search import content_problems

    conn = sqlite3.connect(path)
    try:
        problems = content_problems(conn, limit=100_000)
        counts = [conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for table in ("policies", "playbooks", "snippets", "checker_rules")]
    finally:
        conn.close()
    names = ("policies", "playbooks", "phrases", "checker rules")
    return problems, ", ".join(f"{count} {name}" for count, name in zip(counts, names,
                                                                        strict=True))


def _as_json(imported: ImportedFile) -> dict[str, object]:
    return {
        "phrases": [{"title": phrase.title, "abbreviation": phrase.abbreviation,
                     "text": phrase.text, "tags": list(phrase.tags)}
                    for phrase in imported.phrases],
        "problems": [{"line": problem.line, "message": f"{problem.message} {problem.fix}"
                      .strip()} for problem in imported.problems],
    }


def _problem_line(problem: ContentProblem) -> str:
    where = f"{problem.source}:{problem.line}" if problem.line else problem.source
    return f"{where}: {problem.message} {problem.fix}".rstrip()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="checkback", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check-pack", help="list every problem in a team pack")
    check.add_argument("folder", help="the team pack's folder")
    imports = commands.add_parser("import", help="import phrases from a file")
    imports.add_argument("file", help="a Checkback, Espanso or CSV file of phrases")
    imports.add_argument("--dry-run", action="store_true", help="show, store nothing")
    imports.add_argument("--json", action="store_true", help="print what it holds as JSON")
    imports.add_argument("--data-dir", metavar="PATH",
                         help=f"the data folder to import into (or set {DATA_DIR_ENV})")
    return parser


def _say(text: str) -> None:
    print(text, flush=True, file=sys.stdout)
