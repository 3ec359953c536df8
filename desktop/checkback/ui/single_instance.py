"""One Checkback at a time per data directory: a second start hands over and quits.

The name lives where only this user can create it (a folder of the user's own, mode 0700,
on Linux and macOS; a name with the user's in it and a server only the user can reach on
Windows), so another local user cannot squat it and stop Checkback from starting.
"""

from __future__ import annotations

import getpass
import os
import stat
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCryptographicHash, QObject, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

SHOW = b"show\n"
PICK = b"pick\n"
_CONNECT_TIMEOUT_MS = 300


def server_name(data_dir: Path) -> str | None:
    """The local socket name for ``data_dir`` and this user: the same for every such start.

    None when the user's own folder for it is held by someone else.
    """
    key = f"{Path.home()}:{data_dir}".encode()
    digest = QCryptographicHash.hash(key, QCryptographicHash.Algorithm.Sha256)
    name = "checkback-" + bytes(digest.toHex().data()).decode()[:16]
    if sys.platform == "win32":
        return f"{name}-{getpass.getuser()}"
    folder = private_folder()
    return str(folder / name) if folder is not None else None


def private_folder() -> Path | None:
    """This user's folder for the instance socket, made if missing; None if it is not ours.

    The per-user runtime folder where there is one, else one in the temporary folder that
    only this user may use (one another user made first is refused, not used).
    """
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    base = Path(runtime) if runtime else Path(tempfile.gettempdir())
    folder = base / f"checkback-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return None
    ours = info.st_uid == os.getuid() and stat.S_ISDIR(info.st_mode)
    return folder if ours and not info.st_mode & 0o077 else None


def ask_running_instance_to_show(data_dir: Path, request: bytes = SHOW) -> bool:
    """Tell an already running Checkback to come to the front (or, given ``PICK``, to open
    the phrase picker over whatever window has the keyboard); False when none runs."""
    name = server_name(data_dir)
    if name is None:
        return False
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(_CONNECT_TIMEOUT_MS):
        return False
    socket.write(request)
    socket.waitForBytesWritten(_CONNECT_TIMEOUT_MS)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for later starts; ``show_requested`` fires when one asks to be shown."""

    show_requested = Signal()
    pick_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        name = server_name(data_dir)
        if name is not None and not self._server.listen(name):
            # A crashed run can leave its socket file behind (Unix); nobody answered on it.
            QLocalServer.removeServer(name)
            self._server.listen(name)

    @property
    def listening(self) -> bool:
        """True when later starts can reach this one."""
        return self._server.isListening()

    @Slot()
    def _accept(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(self._read_request)
            socket.disconnected.connect(socket.deleteLater)

    @Slot()
    def _read_request(self) -> None:
        socket = self.sender()
        if not isinstance(socket, QLocalSocket):
            return
        request = bytes(socket.readAll().data())
        if PICK.strip() in request:
            self.pick_requested.emit()
        elif SHOW.strip() in request:
            self.show_requested.emit()
