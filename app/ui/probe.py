"""What a test driving the real app from outside can see: its state, written to a file when asked for.

With ``RESUMEPAIR_UI_PROBE=FILE`` in the environment the app writes a small JSON snapshot to FILE whenever it
changes (checked ten times a second): the window title, the open document, which control has the focus and in
which region, the dialog in front, the zoom, the messages shown. The end-to-end test (``tests/ui/test_real_
window.py``) types with xdotool into a real window under Xvfb and waits on this file instead of sleeping. Without
the variable nothing of this runs.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from app.fsutil import atomic_write_bytes

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

PROBE_ENV = "RESUMEPAIR_UI_PROBE"
INTERVAL_MS = 100


def _describe(widget: QWidget | None) -> dict[str, Any] | None:
    if widget is None:
        return None
    return {
        "name": widget.accessibleName(),
        "object": widget.objectName(),
        "class": type(widget).__name__,
        "text": widget.text() if isinstance(widget, QAbstractButton) else "",
    }


def _modal(modal: QWidget | None) -> dict[str, Any] | None:
    """The dialog in front, with its buttons' texts and screen centres (for a test that clicks them)."""
    if modal is None:
        return None
    buttons = {}
    for button in modal.findChildren(QAbstractButton):
        if button.isVisible():
            centre = button.mapToGlobal(button.rect().center())
            buttons[button.text().replace("&", "")] = [centre.x(), centre.y()]
    return {"title": modal.windowTitle(), "object": modal.objectName(), "buttons": buttons}


class UiProbe(QObject):
    """Writes the window's observable state to ``path``."""

    def __init__(self, window: MainWindow, path: Path) -> None:
        super().__init__(window)
        self.window = window
        self.path = path
        self._last = ""
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.write)
        self.timer.start()

    def state(self) -> dict[str, Any]:
        """The snapshot."""
        window = self.window
        session = window.session
        focus = QApplication.focusWidget()
        modal = QApplication.activeModalWidget()
        preview = window.preview
        return {
            "pid": os.getpid(),
            "title": window.windowTitle(),
            "size": [window.width(), window.height()],
            "geometry": [window.geometry().x(), window.geometry().y(), window.width(), window.height()],
            "document": session.document_id if session else None,
            "source": str(session.source_path) if session and session.source_path else None,
            "name": session.get(("basics", "name")) if session else None,
            "file_dirty": session.file_dirty if session else False,
            "can_undo": window.actions_.undo.isEnabled(),
            "focus": {**(_describe(focus) or {}), "region": window.focus_chain.region_of(focus)} if focus else None,
            "modal": _modal(modal),
            "zoom": round(preview.effective_zoom(), 3) if preview is not None else None,
            "pages": preview.pages if preview is not None else 0,
            "docks": sorted(name for name, dock in window.docks.items() if dock.isVisible()),
            "library": window.library_panel.count(),
            "messages": window.messages.history[-5:],
        }

    def write(self) -> None:
        """Writes the snapshot if it changed."""
        text = json.dumps(self.state(), sort_keys=True)
        if text != self._last:
            self._last = text
            atomic_write_bytes(self.path, text.encode("utf-8"))


def install_probe(window: MainWindow) -> UiProbe | None:
    """Starts the probe when ``RESUMEPAIR_UI_PROBE`` names a file."""
    target = os.environ.get(PROBE_ENV)
    return UiProbe(window, Path(target)) if target else None
