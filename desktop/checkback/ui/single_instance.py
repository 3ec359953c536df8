"""One Checkback at a time per data folder: a second start hands over and quits.

The running one holds a lock file in the data folder (a QLockFile). One whose process has died
is taken over, and so is one that cannot be read (cut short by a crash) or names another
computer (a data folder copied from it), unless a process here holds it. A later start that
finds the lock held leaves its request (come to the front, or open the phrase picker) as a
file in the folder's ``requests`` folder, which the running one watches, carries out and
deletes. All of it lives in the agent's own data folder, so no other user can take the name
or send a request, and no network module is loaded.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QLockFile, QObject, QSysInfo, Signal, Slot

SHOW = "show"
PICK = "pick"
LOCK_FILE = "checkback.lock"
REQUESTS = "requests"
_ANSWER_WAIT_S = 3.0  # long enough for a Checkback that is still starting
_POLL_S = 0.02


class InstanceLock:
    """This start's claim on a data folder.

    Attributes:
        taken: this start holds the folder until ``release()`` (or its process ends).
        held_elsewhere: a running Checkback holds it.
    """

    def __init__(self, data_dir: Path) -> None:
        self._lock = QLockFile(str(data_dir / LOCK_FILE))
        self._lock.setStaleLockTime(0)  # held all day: stale only once its process is gone
        with contextlib.suppress(OSError):  # the start-up check says why it cannot be made
            data_dir.mkdir(parents=True, exist_ok=True)
        self.taken = self._lock.tryLock(0) or self._take_over()
        self.held_elsewhere = (not self.taken and self._held_here()
                               and self._lock.error() == QLockFile.LockError.LockFailedError)

    def _held_here(self) -> bool:
        """True when the lock file names a process on this computer (Qt found it running)."""
        pid, host, _app = self._lock.getLockInfo()
        return bool(pid) and host == QSysInfo.machineHostName()

    def _take_over(self) -> bool:
        """Take a lock that is unreadable or another computer's, unless a process here holds
        it (the removal is refused then)."""
        return (not self._held_here() and self._lock.removeStaleLockFile()
                and self._lock.tryLock(0))

    def release(self) -> None:
        """Let the next start have the folder."""
        if self.taken:
            self._lock.unlock()
            self.taken = False


def hand_over(data_dir: Path, request: str) -> bool:
    """Leave ``request`` (``SHOW`` or ``PICK``) for the Checkback running on ``data_dir``;
    True once it has taken it, False when it has not within a few seconds (it will when it
    can) or the request could not be left."""
    try:
        folder = data_dir / REQUESTS
        folder.mkdir(mode=0o700, exist_ok=True)
        left = folder / f"{request}-{os.getpid()}-{time.time_ns()}"
        left.touch()
    except OSError:
        return False
    deadline = time.monotonic() + _ANSWER_WAIT_S
    while left.exists():
        if time.monotonic() > deadline:
            return False
        time.sleep(_POLL_S)
    return True


class InstanceRequests(QObject):
    """What later starts ask of this one: ``show_requested``, ``pick_requested``."""

    show_requested = Signal()
    pick_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._folder = data_dir / REQUESTS
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._take_requests)

    def listen(self) -> bool:
        """Watch for requests, and take those left while this one was starting; False when
        the requests folder cannot be made or watched."""
        try:
            self._folder.mkdir(mode=0o700, exist_ok=True)
        except OSError:
            return False
        listening = self._watcher.addPath(str(self._folder))
        self._take_requests()
        return listening

    @Slot()
    @Slot(str)
    def _take_requests(self, _folder: str = "") -> None:
        try:
            names = sorted(os.listdir(self._folder))
        except OSError:
            return
        for name in names:
            try:
                (self._folder / name).unlink()
            except OSError:
                continue  # gone already, or not ours to take
            request = name.partition("-")[0]
            if request == PICK:
                self.pick_requested.emit()
            elif request == SHOW:
                self.show_requested.emit()
