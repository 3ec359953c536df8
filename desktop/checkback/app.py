"""Start-up: arguments, the QApplication, one instance per data directory, the main window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from checkback.paths import DATA_DIR_ENV, resolve_data_dir, shipped_content_dir
from checkback.pyside_scan import import_pyside_without_source_scan
from checkback.version import VERSION

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from checkback.ui.main_window import MainWindow

COMMANDS = ("check-pack", "import")  # run by checkback.cli, with no window
NOT_SINGLE = "Could not lock the data folder: a second start opens a second window."


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(
        prog="checkback", description=__doc__,
        epilog="Also: checkback check-pack FOLDER; checkback import FILE [--dry-run] [--json]")
    parser.add_argument("--version", action="version", version=f"Checkback {VERSION}",
                        help="print Checkback's version and quit")
    parser.add_argument(
        "--data-dir", metavar="PATH",
        help=f"where the database, settings and log live (or set {DATA_DIR_ENV})",
    )
    parser.add_argument(
        "--smoke-test", action="store_true",
        help="start, index the content, print what was found, and quit (exit 1 if nothing)",
    )
    parser.add_argument(
        "--pick", action="store_true",
        help="open the phrase picker over the window that has the keyboard (of the Checkback "
        "already running, or of this one); bind it to a key in your desktop's settings",
    )
    parser.add_argument(
        "--exit-when-shown", action="store_true",
        help="print when the window is first painted, when it is ready, and when a key "
        "typed at the first paint shows its results; then quit (for benchmarks)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run Checkback (or, given ``check-pack`` or ``import``, that command with no window);
    returns the process exit code."""
    words = list(sys.argv[1:] if argv is None else argv)
    if words[:1] and words[0] in COMMANDS:
        from checkback.cli import main as run_command  # not loaded for the window

        return run_command(words)
    args = parse_args(words)
    data_dir = resolve_data_dir(args.data_dir)
    # Qt and the window's modules are imported past here, once PySide's source scan is off.
    import_pyside_without_source_scan()
    from checkback.ui.single_instance import InstanceLock

    lock = InstanceLock(data_dir)
    if lock.held_elsewhere:
        say(_hand_over(data_dir, args.pick))
        return 0
    try:
        return _run_window(args, data_dir, lock.taken)
    finally:
        lock.release()


def _hand_over(data_dir: Path, pick: bool) -> str:
    """Ask the Checkback running on ``data_dir`` to come forward (or to open its phrase
    picker); returns what to tell the agent."""
    from checkback.ui.single_instance import PICK, SHOW, hand_over

    if hand_over(data_dir, PICK if pick else SHOW):
        return (f"Checkback is already running for {data_dir}; "
                + ("opened its phrase picker." if pick else "brought it to the front."))
    return (f"Checkback is already running for {data_dir} but has not answered yet; it will "
            + ("open its phrase picker" if pick else "come to the front") + " when it can.")


def _run_window(args: argparse.Namespace, data_dir: Path, locked: bool) -> int:
    """Open the window on ``data_dir`` and run until it quits; returns the exit code."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Checkback")
    app.setDesktopFileName("checkback")
    if (fault := _start_up_fault(data_dir)) is not None:
        say(fault)
        if not (args.smoke_test or args.exit_when_shown):  # those run with nobody to answer
            start_up_fault_box(fault).exec()
        return 2
    window = _open_window(app, data_dir)
    _serve_later_starts(window, data_dir, locked, args.pick)
    if args.exit_when_shown:
        from checkback.start_up_marks import report_start_up_and_quit

        report_start_up_and_quit(window)
    if args.smoke_test:
        from checkback.smoke_test import finish_smoke_test

        window.index_ready.connect(lambda _report: finish_smoke_test(app, window))
    code = app.exec()
    window.shutdown()
    # Destroy the application now, in order: left to the interpreter's exit, Qt crashes
    # while releasing rich clipboard data (and Windows would not keep the copied text).
    app.shutdown()
    return code


def _open_window(app: QApplication, data_dir: Path) -> MainWindow:
    """The main window on ``data_dir``, shown; then the theme and the error handlers."""
    from checkback.settings import Settings
    from checkback.ui.main_window import MainWindow
    from checkback.ui.session import Session

    window = MainWindow(Session(data_dir, Settings(data_dir, app), parent=app),
                        shipped_content_dir())
    window.show()
    from checkback.errors import install_error_handlers, start_logging  # after the window
    from checkback.ui.theme import follow_the_system_scheme

    follow_the_system_scheme(app)
    install_error_handlers(start_logging(data_dir))
    return window


def _serve_later_starts(window: MainWindow, data_dir: Path, locked: bool, pick: bool) -> None:
    """Carry out what later starts ask for (and ``--pick`` of this one); say so when a later
    start would open a second window instead."""
    from checkback.ui.single_instance import InstanceRequests

    requests = InstanceRequests(data_dir, window)
    requests.show_requested.connect(window.bring_to_front)
    requests.pick_requested.connect(window.pick_anywhere)
    if pick:
        window.built.connect(window.pick_anywhere)
    listening = requests.listen()
    if not (locked and listening):
        say(NOT_SINGLE)
        window.built.connect(lambda: window.statusBar().showMessage(NOT_SINGLE))


def _start_up_fault(data_dir: Path) -> str | None:
    """What stops Checkback from working in ``data_dir``, in words; None when nothing does."""
    from checkback.storage.database import check_data_dir
    from checkback.storage.faults import StorageError

    try:
        check_data_dir(data_dir)
    except StorageError as fault:
        return fault.message
    return None


def start_up_fault_box(message: str) -> QMessageBox:
    """The message that says why Checkback cannot start in this data folder."""
    from PySide6.QtWidgets import QMessageBox  # only when there is something to say

    box = QMessageBox(QMessageBox.Icon.Critical, "Checkback cannot start", message)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    return box


def say(text: str) -> None:
    # A windowed build on Windows has no stdout.
    if sys.stdout is not None:
        print(text, flush=True)
