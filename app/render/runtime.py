"""Creating the Qt application in the order QtWebEngine needs.

The URL scheme must be registered, OpenGL context sharing set and fontconfig pointed at the bundled fonts
before the ``QApplication`` exists; this is the one place that does all three, for the CLI, the desktop app and
the tests.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QCoreApplication, QMessageLogContext, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from app.render.environment import chromium_flags, limit_malloc_arenas
from app.render.fontconfig import use_bundled_fonts_only
from app.render.scheme import register_scheme

_qt_log = logging.getLogger("qt")
#: Messages QtWebEngine prints on every start without a GPU or D-Bus; they mean nothing to users.
_KNOWN_NOISE = ("QRhiGles2:", "Failed to create RHI", "GPUInfo not initialized", "Failed to connect to the bus")
_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _route_qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    level = logging.DEBUG if message.startswith(_KNOWN_NOISE) else _QT_LEVELS.get(kind, logging.WARNING)
    _qt_log.log(level, "%s", message)


def route_qt_messages() -> None:
    """Sends Qt's own messages to the ``qt`` logger (the log file) instead of the user's terminal."""
    qInstallMessageHandler(_route_qt_message)


def application(argv: list[str] | None = None, factory: type[QApplication] = QApplication) -> QApplication:
    """The process's ``QApplication``, created on first call with the scheme registered before it.

    ``factory`` lets the desktop app create its own subclass (it also takes the system's file-open requests).
    """
    existing = QCoreApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    chromium_flags()
    limit_malloc_arenas()
    use_bundled_fonts_only()
    register_scheme()
    # Qt calls our URL interceptor and scheme handler on the GUI thread (the main thread: a probe with Qt 6.11
    # saw no call from Chromium's IO thread), like every other slot there; each call needs the GIL. With
    # Python's default 5 ms switch interval, a job thread busy validating or post-processing holds the GUI
    # thread up to 5 ms per request, which idled the page pool in batches. 1 ms keeps it responsive.
    sys.setswitchinterval(0.001)
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    QCoreApplication.setOrganizationName("ResumePair")
    QCoreApplication.setApplicationName("ResumePair")
    args = list(argv) if argv else [sys.argv[0] if sys.argv and sys.argv[0] else "resumepair"]
    qt_app = factory(args)
    load_image_plugins()
    return qt_app


def load_image_plugins() -> None:
    """Loads every Qt image format plugin on this (the GUI) thread, before any worker decodes a photo.

    Qt loads a plugin the first time an image needs it and moves its object to the GUI thread, which takes a
    lock the GUI thread also takes, e.g. while it destroys a finished scheme request. PySide6 keeps the GIL
    during ``QImage.loadFromData``, and that destruction waits for the GIL: an export thread decoding the first
    photo of the process deadlocked with the GUI thread (1 export in ~400, seen with py-spy). Bytes no format
    can read make Qt ask every plugin: all are loaded here, in ~3 ms.
    """
    from PySide6.QtGui import QImage

    QImage.fromData(b"\0")
