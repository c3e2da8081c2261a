"""A main window on the test's own data folder, driven like a user would."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.export.service import ExportSystem


@pytest.fixture
def open_window(qtbot: Any, engine: Any, data_dir: Path) -> Iterator[Any]:
    from PySide6.QtWidgets import QMessageBox

    from app.ui.main_window import MainWindow

    windows: list[MainWindow] = []

    def make(file: Path | None = None) -> MainWindow:
        system = ExportSystem.open(data_dir)
        window = MainWindow(system, engine, data_dir)
        # No test may block on a real question box; one that wants an answer sets its own.
        window.messages.ask = lambda *_args: QMessageBox.StandardButton.Discard
        qtbot.addWidget(window)
        window.start(file)
        window.show()
        qtbot.waitUntil(lambda: window.preview is not None and window.preview.pages > 0, timeout=30_000)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.shutdown()
