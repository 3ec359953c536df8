"""One Checkback at a time per data directory: a second start hands over and quits."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCryptographicHash, QObject, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

_SHOW = b"show\n"
_CONNECT_TIMEOUT_MS = 300


def server_name(data_dir: Path) -> str:
    """The local socket name for ``data_dir`` and this user: the same for every such start."""
    key = f"{Path.home()}:{data_dir}".encode()
    digest = QCryptographicHash.hash(key, QCryptographicHash.Algorithm.Sha256)
    return "checkback-" + bytes(digest.toHex().data()).decode()[:16]


def ask_running_instance_to_show(data_dir: Path) -> bool:
    """Tell an already running Checkback to come to the front; False when none runs."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    if not socket.waitForConnected(_CONNECT_TIMEOUT_MS):
        return False
    socket.write(_SHOW)
    socket.waitForBytesWritten(_CONNECT_TIMEOUT_MS)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for later starts; ``show_requested`` fires when one asks to be shown."""

    show_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        name = server_name(data_dir)
        if not self._server.listen(name):
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
        if isinstance(socket, QLocalSocket) and _SHOW.strip() in bytes(socket.readAll().data()):
            self.show_requested.emit()
