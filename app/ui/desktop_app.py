"""The desktop app's ``QApplication``: it also takes documents the system asks it to open while it runs.

On macOS, double-clicking a resume in Finder (or dropping it on the Dock icon) while ResumePair is already running
does not start a new process: the system sends the running app a ``QFileOpenEvent``. Launch-time documents come
through ``argv`` (PyInstaller's argv emulation); these are the rest. Other platforms never send the event, so
this changes nothing there.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

#: Opens files in the running window (``MainWindow.import_files``: imports, opens the last, lists problems).
FileOpener = Callable[[list[Path]], None]


class FileOpenRouter:
    """Holds documents that arrive before the window exists and hands every later one straight to it."""

    def __init__(self) -> None:
        self._pending: list[Path] = []
        self._opener: FileOpener | None = None

    def offer(self, path: Path) -> None:
        """A document the system wants opened."""
        if self._opener is None:
            self._pending.append(path)
        else:
            self._opener([path])

    def connect(self, opener: FileOpener) -> None:
        """From now on documents go to ``opener``; the ones that waited go first."""
        self._opener = opener
        waiting, self._pending = self._pending, []
        if waiting:
            opener(waiting)


class DesktopApplication(QApplication):
    """``QApplication`` plus the file-open requests of the operating system."""

    def __init__(self, args: list[str]) -> None:
        super().__init__(args)
        self.file_open_requests = FileOpenRouter()

    def event(self, event: QEvent) -> bool:
        """Takes ``QFileOpenEvent``; everything else is Qt's."""
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            name = event.file() or event.url().toLocalFile()
            if name:
                self.file_open_requests.offer(Path(name))
            return True
        return super().event(event)
