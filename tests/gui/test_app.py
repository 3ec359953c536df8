"""Start-up as the agent sees it: the real entry point, one instance, errors."""

import gc
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QMessageBox

from checkback.app import NOT_SINGLE, start_up_fault_box
from checkback.errors import (
    install_error_handlers,
    open_error_boxes,
    report_uncaught,
    start_logging,
)
from checkback.storage.database import SCHEMA_VERSION, database_path, open_database
from checkback.ui.single_instance import LOCK_FILE, REQUESTS, InstanceLock, InstanceRequests
from tests.conftest import read_only

ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def run_checkback(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "checkback", *args], env=ENV, text=True,
                          capture_output=True, timeout=timeout)


def test_python_m_checkback_starts_with_the_shipped_content(data_dir: Path):
    done = run_checkback("--data-dir", str(data_dir), "--smoke-test")
    assert done.returncode == 0, done.stderr
    assert "smoke test:" in done.stdout
    assert int(done.stdout.split("smoke test: ")[1].split()[0]) >= 15
    assert "; 4 playbooks; " in done.stdout
    assert "; 1 reply marks; " in done.stdout
    assert (data_dir / "checkback.db").is_file()
    assert (data_dir / "checkback.log").is_file()


def test_the_data_dir_can_come_from_the_environment(tmp_path: Path):
    chosen = tmp_path / "from-env"
    done = subprocess.run([sys.executable, "-m", "checkback", "--exit-when-shown"],
                          env={**ENV, "CHECKBACK_DATA_DIR": str(chosen)}, text=True,
                          capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("shown ")
    assert (chosen / "checkback.db").exists()


@pytest.fixture
def running(data_dir: Path) -> Iterator[InstanceRequests]:
    """This test process as the Checkback running on ``data_dir``: the lock held, listening."""
    lock = InstanceLock(data_dir)
    requests = InstanceRequests(data_dir)
    assert lock.taken and requests.listen()
    yield requests
    lock.release()


def start_checkback(data_dir: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "checkback", "--data-dir", str(data_dir),
                             *args], env=ENV, text=True, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


def test_a_second_start_brings_the_running_one_forward(qtbot, data_dir: Path,
                                                       running: InstanceRequests):
    with qtbot.waitSignal(running.show_requested, timeout=20_000):
        second = start_checkback(data_dir)
    out, err = second.communicate(timeout=30)
    assert second.returncode == 0, err
    assert "already running" in out and "brought it to the front" in out
    assert not (data_dir / "checkback.db").exists()  # the second start opened nothing
    assert list((data_dir / REQUESTS).iterdir()) == []  # the request was taken


def test_checkback_pick_asks_the_running_one_for_its_picker(qtbot, data_dir: Path,
                                                            running: InstanceRequests):
    shown: list[bool] = []
    running.show_requested.connect(lambda: shown.append(True))
    with qtbot.waitSignal(running.pick_requested, timeout=20_000):
        second = start_checkback(data_dir, "--pick")
    out, err = second.communicate(timeout=30)
    assert second.returncode == 0, err
    assert "opened its phrase picker" in out and shown == []


def test_a_request_made_while_the_running_one_starts_is_taken_once_it_listens(
        qtbot, data_dir: Path):
    lock = InstanceLock(data_dir)  # running, but not listening yet
    second = start_checkback(data_dir)
    qtbot.waitUntil(lambda: any((data_dir / REQUESTS).glob("show-*")), timeout=20_000)
    requests = InstanceRequests(data_dir)
    with qtbot.waitSignal(requests.show_requested, timeout=5_000):
        requests.listen()
    out, err = second.communicate(timeout=30)
    lock.release()
    assert second.returncode == 0, err
    assert "brought it to the front" in out


def test_a_running_one_that_does_not_answer_gets_the_request_when_it_can(qtbot,
                                                                         data_dir: Path):
    lock = InstanceLock(data_dir)
    done = run_checkback("--data-dir", str(data_dir))  # gives up waiting after 3 s
    assert done.returncode == 0, done.stderr
    assert "has not answered yet; it will come to the front when it can" in done.stdout
    assert not (data_dir / "checkback.db").exists()
    requests = InstanceRequests(data_dir)
    with qtbot.waitSignal(requests.show_requested, timeout=5_000):
        requests.listen()
    lock.release()


def test_a_lock_left_by_a_checkback_that_was_killed_is_taken_over(data_dir: Path):
    with subprocess.Popen([sys.executable, "-c", HOLD_THE_LOCK, str(data_dir)], env=ENV,
                          text=True, stdout=subprocess.PIPE) as holder:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        holder.kill()
    assert (data_dir / LOCK_FILE).exists()  # left behind

    done = run_checkback("--data-dir", str(data_dir), "--exit-when-shown")

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("shown ")  # this start is the running one now
    assert "already running" not in done.stdout


@pytest.mark.parametrize("left", ["", "garbage\n", "4242\ncheckback\nanother-computer\n"],
                         ids=["cut short", "unreadable", "another computer's"])
def test_a_lock_file_that_names_no_process_here_is_taken_over(data_dir: Path, left: str):
    (data_dir / LOCK_FILE).write_text(left)
    lock = InstanceLock(data_dir)
    assert lock.taken and not lock.held_elsewhere
    lock.release()


HOLD_THE_LOCK = """
import sys, time
from pathlib import Path
from checkback.ui.single_instance import InstanceLock
lock = InstanceLock(Path(sys.argv[1]))
print("held" if lock.taken else "not held", flush=True)
time.sleep(60)
"""


def test_another_data_dir_is_another_instance(data_dir: Path, tmp_path: Path):
    first = InstanceLock(data_dir)
    assert first.taken
    assert InstanceLock(data_dir).held_elsewhere
    assert InstanceLock(tmp_path / "other").taken
    first.release()
    assert InstanceLock(data_dir).taken


def test_a_read_only_data_folder_is_said_in_words(data_dir: Path):
    data_dir.mkdir(parents=True, exist_ok=True)
    with read_only(data_dir):
        done = run_checkback("--data-dir", str(data_dir), "--exit-when-shown")
    assert done.returncode == 2
    assert f"Checkback cannot write in {data_dir}" in done.stdout
    assert "--data-dir" in done.stdout
    assert "Traceback" not in done.stderr


def test_a_database_from_a_newer_checkback_is_said_in_words_and_left_alone(data_dir: Path):
    db = open_database(database_path(data_dir))
    db.execute("UPDATE app_meta SET value = '7.0.1'")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    before = database_path(data_dir).read_bytes()
    done = run_checkback("--data-dir", str(data_dir), "--exit-when-shown")
    assert done.returncode == 2
    assert "last used by Checkback 7.0.1" in done.stdout
    assert "Install that version again" in done.stdout
    assert "Traceback" not in done.stderr
    assert database_path(data_dir).read_bytes() == before


def test_the_start_up_message_is_a_box_with_the_words(qtbot):
    box = start_up_fault_box("The disk is full.")
    qtbot.addWidget(box)
    box.show()
    assert box.isVisible() and box.text() == "The disk is full."
    assert box.windowTitle() == "Checkback cannot start"


def test_requests_are_left_in_a_folder_only_the_user_can_use(data_dir: Path,
                                                             running: InstanceRequests):
    folder = data_dir / REQUESTS
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    assert (data_dir / LOCK_FILE).is_file()


def test_a_data_folder_that_cannot_be_locked_still_starts_and_says_so(data_dir: Path):
    (data_dir / LOCK_FILE).mkdir()  # in the way of the lock file
    done = run_checkback("--data-dir", str(data_dir), "--exit-when-shown")
    assert done.returncode == 0, done.stderr
    assert NOT_SINGLE in done.stdout
    assert "\nshown " in done.stdout
    assert (data_dir / "checkback.db").exists()


def test_an_uncaught_exception_is_logged_and_shown_briefly(qtbot, data_dir: Path):
    log_path = start_logging(data_dir)
    try:
        raise ValueError("the clipboard was busy\nsecond line")
    except ValueError as error:
        box = report_uncaught(ValueError, error, error.__traceback__, log_path)
    for handler in logging.getLogger("checkback").handlers:
        handler.flush()
    logged = log_path.read_text()
    assert "Traceback (most recent call last)" in logged
    assert "ValueError: the clipboard was busy" in logged
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "the clipboard was busy" in box.text()
    assert "second line" not in box.text()
    assert str(log_path) in box.text()
    box.close()


class _Raises(QObject):
    poked = Signal()

    @Slot()
    def fail(self) -> None:
        raise RuntimeError("a bug in a slot")


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_shows_a_box_that_stays_open(qtbot, data_dir: Path):
    hooks = sys.excepthook, threading.excepthook
    install_error_handlers(start_logging(data_dir))
    try:
        raiser = _Raises()
        raiser.poked.connect(raiser.fail)
        raiser.poked.emit()
        qtbot.waitUntil(lambda: bool(open_error_boxes()))
        gc.collect()
        qtbot.wait(50)
        box = open_error_boxes()[0]
        assert box.isVisible()
        assert "a bug in a slot" in box.text()
        box.close()
        qtbot.waitUntil(lambda: not open_error_boxes())
    finally:
        sys.excepthook, threading.excepthook = hooks


@pytest.fixture(autouse=True)
def _detach_log_handlers():
    yield
    logger = logging.getLogger("checkback")
    for handler in list(logger.handlers):
        handler.close()
        logger.removeHandler(handler)


def test_checkback_version_prints_the_version_pyproject_gives():
    # The version is written in version.py as well (reading the metadata costs 2.5 MB).
    import tomllib

    declared = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml")
                             .read_text(encoding="utf-8"))["project"]["version"]

    done = run_checkback("--version")

    assert done.returncode == 0 and done.stdout.strip() == f"Checkback {declared}"


def test_a_key_typed_as_the_window_appears_lands_in_the_search_box(tmp_path: Path):
    done = subprocess.run([sys.executable, "-m", "checkback", "--data-dir", str(tmp_path),
                           "--exit-when-shown"], env=ENV, text=True, capture_output=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    marks = dict(line.split(" ", 1) for line in done.stdout.splitlines())
    assert int(marks["shown"]) < int(marks["usable"])  # "r" typed at the frame, then shown
    assert int(marks["shown"]) < int(marks["ready"])


def test_what_is_typed_before_the_panels_exist_is_kept_for_the_search(qtbot, data_dir: Path):
    from PySide6.QtCore import Qt

    from checkback.paths import shipped_content_dir
    from checkback.settings import Settings
    from checkback.ui.main_window import MainWindow
    from checkback.ui.session import Session

    window = MainWindow(Session(data_dir, Settings(data_dir)), shipped_content_dir())
    qtbot.addWidget(window)
    qtbot.keyClicks(window, "ref")  # the frame only: no search box yet
    qtbot.keyClick(window, Qt.Key.Key_U)
    window.build()
    try:
        box = window.policy_panel.search_box
        assert box.text() == "refu"
        assert window.policy_panel.model.query == "refu"  # searched for, not only shown
        box.setText("damaged")
        window.focus_policy_search()  # Ctrl+Shift+K later on: the early keys are spent
        assert box.text() == "damaged" and box.selectedText() == "damaged"
    finally:
        window.shutdown()


# Run as a second start on an indexed data folder: prints, once its index pass has found
# nothing changed, which of the modules only a changed folder needs (or none: the metadata
# reader, the network) were loaded.
UNCHANGED_START = """
import sys
from PySide6.QtWidgets import QApplication
from checkback.app import main
from checkback.ui import main_window

NOT_NEEDED = ("sqlite_utils", "checkback.storage.policy_index", "checkback.core.reply_checker",
              "importlib.metadata", "PySide6.QtNetwork", "html.entities",
              "checkback.storage.new_schema", "checkback.storage.resolution_log", "zoneinfo")
make_window = main_window.MainWindow.__init__

def report_when_indexed(window, *args):
    make_window(window, *args)
    window.index_ready.connect(lambda report: (
        print(report.unchanged, [name for name in NOT_NEEDED if name in sys.modules]),
        QApplication.quit()))

main_window.MainWindow.__init__ = report_when_indexed
main(["--data-dir", sys.argv[1]])
"""


def test_an_unchanged_start_loads_no_writing_machinery_and_no_network(data_dir: Path):
    first = run_checkback("--data-dir", str(data_dir), "--smoke-test")  # indexes everything
    assert first.returncode == 0, first.stderr

    second = subprocess.run([sys.executable, "-c", UNCHANGED_START, str(data_dir)], env=ENV,
                            text=True, capture_output=True, timeout=60)

    assert second.returncode == 0, second.stderr
    unchanged, loaded = second.stdout.strip().split(" ", 1)
    assert int(unchanged) >= 15  # every shipped file known as it is
    assert loaded == "[]"
