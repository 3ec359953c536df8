"""The Session's one background worker: results and faults come back on the GUI thread, a
bug shows a box, and what must finish finishes when the app ends."""

import logging
import sqlite3
import sys
import threading
import time

import pytest
from PySide6.QtCore import QObject, QThread, Slot

from checkback.errors import install_error_handlers, open_error_boxes, start_logging
from checkback.ui.worker import Worker


class _Receiver(QObject):
    """Records what reaches its slots, and on which thread."""

    def __init__(self) -> None:
        super().__init__()
        self.results: list[object] = []
        self.faults: list[BaseException] = []
        self.threads: list[QThread | None] = []

    @Slot(object)
    def done(self, result: object) -> None:
        self.results.append(result)
        self.threads.append(QThread.currentThread())

    @Slot(object)
    def failed(self, error: BaseException) -> None:
        self.faults.append(error)


@pytest.fixture
def worker():
    started = Worker()
    yield started
    started.stop()


def submit(worker: Worker, receiver: _Receiver, work, must_finish: bool = False) -> None:
    job = worker.submit(work, must_finish)
    job.done.connect(receiver.done)
    job.failed.connect(receiver.failed)


def test_work_runs_off_the_gui_thread_and_its_result_comes_back_on_it(qtbot, worker):
    receiver = _Receiver()
    ran_on: list[threading.Thread] = []

    def work() -> str:
        ran_on.append(threading.current_thread())
        return "indexed"

    submit(worker, receiver, work)
    qtbot.waitUntil(lambda: receiver.results == ["indexed"])
    assert ran_on[0] is not threading.main_thread()
    assert receiver.threads == [QThread.currentThread()]
    assert receiver.faults == []


def test_jobs_run_one_at_a_time_in_the_order_given(qtbot, worker):
    receiver = _Receiver()
    for number in range(5):
        submit(worker, receiver, lambda number=number: time.sleep(0.01) or number)
    qtbot.waitUntil(lambda: len(receiver.results) == 5)
    assert receiver.results == [0, 1, 2, 3, 4]


def test_a_fault_of_the_environment_comes_back_as_failed(qtbot, worker, tmp_path):
    receiver = _Receiver()
    submit(worker, receiver, lambda: (tmp_path / "missing" / "export.csv").write_text("x"))
    submit(worker, receiver, lambda: sqlite3.connect(":memory:").execute("SELEC 1"))
    qtbot.waitUntil(lambda: len(receiver.faults) == 2)
    assert isinstance(receiver.faults[0], FileNotFoundError)
    assert isinstance(receiver.faults[1], sqlite3.OperationalError)
    assert receiver.results == []
    assert open_error_boxes() == []


@pytest.mark.qt_no_exception_capture
def test_a_bug_in_a_job_is_shown_in_a_box_that_stays_open(qtbot, worker, data_dir):
    hooks = sys.excepthook, threading.excepthook
    install_error_handlers(start_logging(data_dir))
    try:
        receiver = _Receiver()
        submit(worker, receiver, lambda: {}["no such key"])
        qtbot.waitUntil(lambda: bool(open_error_boxes()))
        box = open_error_boxes()[0]
        assert box.isVisible()
        assert "no such key" in box.text()
        assert receiver.results == []
        assert isinstance(receiver.faults[0], KeyError)  # nothing waits for it for ever
        box.close()
    finally:
        sys.excepthook, threading.excepthook = hooks
        for handler in list(logging.getLogger("checkback").handlers):
            handler.close()
            logging.getLogger("checkback").removeHandler(handler)


def test_stopping_finishes_what_must_finish_and_drops_the_rest(qtbot):
    worker = Worker()
    receiver = _Receiver()
    ran: list[str] = []
    started = threading.Event()

    def running() -> None:
        started.set()
        time.sleep(0.2)
        ran.append("running")

    submit(worker, receiver, running)
    submit(worker, receiver, lambda: ran.append("index pass"))
    submit(worker, receiver, lambda: ran.append("export"), must_finish=True)
    assert started.wait(2)
    worker.stop()
    assert ran == ["running", "export"]
    qtbot.wait(20)
    assert receiver.results == []  # the app is ending: no slot is called any more
