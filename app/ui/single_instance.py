"""One desktop app per data folder: a lock file, and a local socket on which the running app takes files.

Two windows on one database revert each other's edits (each autosaves what it shows). The first ``resumepair
open`` holds ``app.lock`` in the data folder and listens on a local socket named after the folder; a later one
finds the lock held, sends its files (absolute paths) over the socket, waits for the answer and exits 0. The
lock is released when the process ends, also when it crashes (``QLockFile`` notices a dead owner). The CLI's
other commands (export, batch, jobs, ...) take no lock: they share the database safely and work beside the app.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from pathlib import Path

from PySide6.QtCore import QByteArray, QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

LOCK_NAME = "app.lock"
HAND_OVER_TIMEOUT_S = 20.0  #: how long a second instance waits for a first one that is still starting
_ANSWER = b"ok\n"


def server_name(data_dir: Path) -> str:
    """The socket name for a data folder (per user, so two users' apps never meet)."""
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    digest = hashlib.sha256(f"{user}:{data_dir.resolve()}".encode()).hexdigest()[:20]
    return f"resumepair-{digest}"


class InstanceLock:
    """The data folder's app lock."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / LOCK_NAME
        self._lock = QLockFile(str(self.path))
        self._lock.setStaleLockTime(0)  # never stale by age: only a dead owner frees it

    def acquire(self) -> bool:
        """Takes the lock if no live process holds it."""
        return bool(self._lock.tryLock(0))

    def owner(self) -> int | None:
        """The process id of the app holding the lock, when known."""
        info = self._lock.getLockInfo()  # PySide returns (pid, host, app), or a falsy value when unknown
        if isinstance(info, tuple) and info and isinstance(info[0], int) and info[0] > 0:
            return info[0]
        return None

    def release(self) -> None:
        """Gives the lock up (also done when the process exits)."""
        self._lock.unlock()


class InstanceServer(QObject):
    """Listens for later instances; ``filesRequested`` carries their files (possibly none: just come forward)."""

    filesRequested = Signal(list)  # noqa: N815 - Qt naming  #: list[Path]

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(name)  # a socket file left by a crashed app (we hold the lock, so it is dead)
        if not self.server.listen(name):
            log.error("cannot listen on %s: %s", name, self.server.errorString())
        self.server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            if socket is None:
                return
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if b"\n" not in data:
            self._buffers[socket] = data[:1_000_000]
            return
        line = data.split(b"\n", 1)[0]
        try:
            message = json.loads(line.decode("utf-8"))
            files = [Path(name) for name in message.get("files", []) if isinstance(name, str)]
        except (ValueError, AttributeError):
            log.warning("ignored a malformed message from another instance")
            socket.disconnectFromServer()
            return
        socket.write(QByteArray(_ANSWER))
        socket.flush()
        socket.disconnectFromServer()
        self.filesRequested.emit(files)

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()

    def close(self) -> None:
        """Stops listening."""
        self.server.close()


def hand_over(name: str, files: list[Path], timeout_s: float = HAND_OVER_TIMEOUT_S) -> bool:
    """Sends ``files`` to the running app; ``True`` once it confirmed, ``False`` if it never answered.

    Only a failed connection is tried again (the first app may still be starting its server); once the message
    is written it is not sent twice, so a file is never opened twice.
    """
    message = json.dumps({"files": [str(path.resolve()) for path in files]}).encode("utf-8") + b"\n"
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        socket = QLocalSocket()
        socket.connectToServer(name)
        if not socket.waitForConnected(1000):
            socket.abort()
            time.sleep(0.2)
            continue
        socket.write(QByteArray(message))
        socket.flush()
        answer = b""
        while time.monotonic() < deadline and not answer.endswith(b"\n"):
            if socket.bytesAvailable() or socket.waitForReadyRead(250):
                answer += bytes(socket.readAll().data())
            elif socket.state() == QLocalSocket.LocalSocketState.UnconnectedState:
                break
        answer += bytes(socket.readAll().data())
        socket.abort()
        return answer == _ANSWER
    return False
