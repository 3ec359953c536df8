"""Start-up: arguments, the QApplication, one instance per data directory, the main window."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from checkback.errors import install_error_handlers, start_logging
from checkback.paths import DATA_DIR_ENV, resolve_data_dir, shipped_content_dir
from checkback.settings import Settings
from checkback.storage.policy_index import IndexReport
from checkback.ui.main_window import MainWindow
from checkback.ui.single_instance import InstanceServer, ask_running_instance_to_show


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(prog="checkback", description=__doc__)
    parser.add_argument(
        "--data-dir", metavar="PATH",
        help=f"where the database, settings and log live (or set {DATA_DIR_ENV})",
    )
    parser.add_argument(
        "--smoke-test", action="store_true",
        help="start, index the content, print what was found, and quit (exit 1 if nothing)",
    )
    parser.add_argument(
        "--exit-when-shown", action="store_true",
        help="quit as soon as the window is shown, printing the time (for benchmarks)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run Checkback; returns the process exit code."""
    args = parse_args(argv)
    data_dir = resolve_data_dir(args.data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Checkback")
    app.setDesktopFileName("checkback")
    if ask_running_instance_to_show(data_dir):
        _say(f"Checkback is already running for {data_dir}; brought it to the front.")
        return 0
    install_error_handlers(start_logging(data_dir))
    server = InstanceServer(data_dir, app)
    window = MainWindow(data_dir, Settings(data_dir, app), shipped_content_dir())
    server.show_requested.connect(window.bring_to_front)
    app.setQuitOnLastWindowClosed(window.tray is None)
    window.show()
    if args.exit_when_shown:
        QTimer.singleShot(0, lambda: _quit_when_shown(app))
    if args.smoke_test:
        window.index_ready.connect(lambda report: _finish_smoke_test(app, window, report))
    code = app.exec()
    window.shutdown()
    return code


def _quit_when_shown(app: QApplication) -> None:
    _say(f"shown {time.time_ns()}")
    app.quit()


def _finish_smoke_test(app: QApplication, window: MainWindow, report: IndexReport) -> None:
    count = window.policy_panel.model.hit_count()
    problems = window.problems_button.text() if window.problems_button.isVisible() else "none"
    _say(f"smoke test: {count} policies listed from {window.content_packs()[0]}; "
         f"problems: {problems}; data in {window.data_dir}")
    app.exit(0 if count else 1)


def _say(text: str) -> None:
    # A windowed build on Windows has no stdout.
    if sys.stdout is not None:
        print(text, flush=True)
