"""A main window on the test's own data folder, driven like a user would.

After each test, garbage is collected in a thread other than the GUI thread, as happens in the app whenever
an export worker's Python code triggers a collection: a Qt object a test left to Python's collector (no
parent, in a reference cycle) is then destroyed on the wrong thread, which Qt reports and which can crash the
process. Done here, that points at the test that left it, every time, instead of at a later test by chance.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Generator, Iterator
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


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, object, object]:
    """After the test's own teardown (pytest-qt closes its widgets): deferred deletions, then a collection in
    another thread (see the module's docstring)."""
    result = yield
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    collector = threading.Thread(target=gc.collect, name="collector")
    collector.start()
    collector.join()
    return result
