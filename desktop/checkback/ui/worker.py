"""The one background thread, for everything that can take longer than a frame.

Indexing, imports and their previews, exports and network calls run here, one job at a time
in the order they were given. A job never touches a widget: what it returns comes back on
the GUI thread as ``Job.done``; a fault of the environment (a locked or full database, an
unreadable file, a network error) as ``Job.failed``. Anything else is a bug: it is logged
with its traceback and shown in a message box, as a bug in a slot is, and then reported as
``Job.failed`` too, so that nothing waits for it for ever.
"""

from __future__ import annotations

import gc
import logging
import sqlite3
import sys
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

from checkback.integrations.errors import HelpdeskError
from checkback.storage.faults import StorageError

log = logging.getLogger(__name__)

FAULTS = (StorageError, sqlite3.Error, OSError, HelpdeskError)  # the environment, not a bug


class Job(QObject):
    """One piece of background work; ``done`` carries its result, ``failed`` its fault."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, must_finish: bool, parent: QObject) -> None:
        super().__init__(parent)
        self.must_finish = must_finish


class _Runner(QObject):
    """Lives on the worker thread and runs what it is given."""

    finished = Signal(object, object)
    faulted = Signal(object, object)
    crashed = Signal(object, object)

    def __init__(self, stopping: threading.Event) -> None:
        super().__init__()
        self._stopping = stopping

    @Slot(object, object)
    def run(self, job: Job | None, work: Callable[[], object]) -> None:
        if job is None:  # the last thing the thread does
            work()
            return
        if self._stopping.is_set() and not job.must_finish:
            return  # the app is ending: what has not started is dropped
        # A collection started on this thread could free Qt widgets here, off the GUI
        # thread, which crashes: collect only between jobs.
        gc.disable()
        try:
            result = work()
        except FAULTS as error:
            self.faulted.emit(job, error)
        except Exception as error:  # a bug: shown on the GUI thread
            self.crashed.emit(job, error)
        else:
            self.finished.emit(job, result)
        finally:
            gc.enable()


class Worker(QObject):
    """Runs jobs on one background thread; ``stop`` ends it when the app ends."""

    _run_requested = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stopping = threading.Event()
        self._thread = QThread(self)
        self._thread.setObjectName("checkback-worker")
        self._runner = _Runner(self._stopping)
        self._runner.moveToThread(self._thread)
        self._run_requested.connect(self._runner.run)
        self._runner.finished.connect(self._finish)
        self._runner.faulted.connect(self._fault)
        self._runner.crashed.connect(self._crash)
        self._thread.finished.connect(self._runner.deleteLater)
        self._thread.start()

    def submit(self, work: Callable[[], object], must_finish: bool = False) -> Job:
        """Run ``work`` after the jobs before it; returns the Job that reports how it ended.

        A job given ``must_finish`` still runs when the app ends before it started (an
        export the agent asked for); others are dropped then (an index pass).
        """
        job = Job(must_finish, self)
        self._run_requested.emit(job, work)
        return job

    def stop(self) -> None:
        """Let the running job end, run what must finish, then end the thread (once)."""
        if self._stopping.is_set():
            return
        self._stopping.set()
        self._run_requested.emit(None, _quit_this_thread)
        self._thread.wait()

    @Slot(object, object)
    def _finish(self, job: Job, result: object) -> None:
        if not self._stopping.is_set():
            job.done.emit(result)
        job.deleteLater()

    @Slot(object, object)
    def _fault(self, job: Job, error: BaseException) -> None:
        log.warning("Background work stopped by the environment: %s", error)
        if not self._stopping.is_set():
            job.failed.emit(error)
        job.deleteLater()

    @Slot(object, object)
    def _crash(self, job: Job, error: BaseException) -> None:
        sys.excepthook(type(error), error, error.__traceback__)
        if not self._stopping.is_set():
            job.failed.emit(error)  # so whoever waits for it is not left waiting
        job.deleteLater()


def _quit_this_thread() -> None:
    thread = QThread.currentThread()
    if thread is not None:
        thread.quit()
