"""The command line, with no window: check-pack for team leads, import for scripts."""

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from checkback.cli import main
from checkback.paths import shipped_content_dir
from checkback.storage.database import database_path
from tests.conftest import write_policy

ESPANSO = """\
matches:
  - trigger: ";wait"
    label: Thanks for waiting
    replace: "Thanks for waiting, {{customer}}."
  - trigger: ";pic"
    image_path: "logo.png"
"""


def test_a_pack_with_a_problem_lists_it_by_file_and_line_and_exits_1(tmp_path, capsys):
    pack = tmp_path / "team"
    write_policy(pack / "policies", "good.md", "Refunds")
    (pack / "policies" / "untitled.md").write_text("---\ncategory: Delivery\n---\nBody\n",
                                                   encoding="utf-8")
    assert main(["check-pack", str(pack)]) == 1
    out = capsys.readouterr().out
    assert f"{pack / 'policies' / 'untitled.md'}" in out
    assert "1 policies" in out or "2 policies" in out
    assert out.rstrip().endswith("1 problem")


def test_the_shipped_pack_has_no_problems(capsys):
    assert main(["check-pack", str(shipped_content_dir())]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith("no problems")
    assert "19 policies" in out


def test_a_missing_folder_is_said_in_words(tmp_path, capsys):
    assert main(["check-pack", str(tmp_path / "nowhere")]) == 2
    assert "is not a folder" in capsys.readouterr().out


def test_a_dry_run_prints_what_an_import_would_store_as_json(tmp_path, capsys, data_dir):
    path = tmp_path / "base.yml"
    path.write_text(ESPANSO, encoding="utf-8")
    assert main(["import", str(path), "--dry-run", "--json", "--data-dir", str(data_dir)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["phrases"] == [{"title": "Thanks for waiting", "abbreviation": ";wait",
                                   "text": "Thanks for waiting, {customer_name}.",
                                   "tags": []}]
    assert [problem["line"] for problem in printed["problems"]] == [5]
    assert not database_path(data_dir).exists()  # nothing stored


def test_an_import_stores_into_the_data_folder_once(tmp_path, capsys, data_dir):
    path = tmp_path / "base.yml"
    path.write_text(ESPANSO, encoding="utf-8")
    assert main(["import", str(path), "--data-dir", str(data_dir)]) == 0
    assert main(["import", str(path), "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert f"Imported 1 phrase into {data_dir}" in out
    assert "Imported 0 phrases" in out and "1 you already had" in out
    conn = sqlite3.connect(database_path(data_dir))
    assert conn.execute("SELECT title FROM snippets WHERE source != 'content'").fetchall() == [
        ("Thanks for waiting",)]
    conn.close()


def test_a_file_with_nothing_to_import_exits_1(tmp_path, capsys, data_dir):
    path = tmp_path / "broken.yaml"
    path.write_text("matches: [\n", encoding="utf-8")
    assert main(["import", str(path), "--data-dir", str(data_dir)]) == 1
    assert "Not valid YAML" in capsys.readouterr().out


def test_the_app_command_runs_them_with_no_window(tmp_path: Path):
    done = subprocess.run([sys.executable, "-m", "checkback", "check-pack",
                           str(shipped_content_dir())], capture_output=True, text=True,
                          timeout=120, env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""})
    assert done.returncode == 0, done.stderr
    assert "no problems" in done.stdout
