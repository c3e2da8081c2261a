"""Documents the operating system asks the running app to open (macOS Finder, Dock): ``QFileOpenEvent``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from app.ui.desktop_app import FileOpenRouter
from tests.conftest import ROOT, SAMPLE


def _resume(folder: Path, name: str) -> Path:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["basics"]["name"] = name
    path = folder / f"{name.replace(' ', '-').lower()}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_documents_that_arrive_before_the_window_wait_for_it(open_window: Any, tmp_path: Path) -> None:
    router = FileOpenRouter()
    early = _resume(tmp_path, "Early Bird")
    router.offer(early)  # the window does not exist yet
    window = open_window()
    router.connect(window.import_files)
    assert window.session is not None and window.session.source_path == early.resolve()
    later = _resume(tmp_path, "Late Comer")
    router.offer(later)
    assert window.session.source_path == later.resolve()
    titles = {document.title for document in window.library.list()}
    assert {"Early Bird", "Late Comer"} <= titles


def test_a_bad_document_is_reported_and_nothing_else_changes(open_window: Any, tmp_path: Path) -> None:
    window = open_window()
    warnings = window.messages.history
    router = FileOpenRouter()
    router.connect(window.import_files)
    before = window.session.document_id
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json", encoding="utf-8")
    router.offer(broken)
    assert len(warnings) == 1 and "broken.json" in warnings[0]
    assert window.session.document_id == before


FILE_OPEN_SCRIPT = r"""
import sys
from pathlib import Path
from app.render.environment import headless_environment
headless_environment()
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QFileOpenEvent
from app.render.runtime import application, route_qt_messages
from app.ui.desktop_app import DesktopApplication
route_qt_messages()
app = application(["file-open-test"], DesktopApplication)
# The event arrives before the window exists, as it can at launch on macOS.
QCoreApplication.postEvent(app, QFileOpenEvent(sys.argv[2]))
app.processEvents()
from app.export.service import ExportSystem
from app.render.engine import PdfEngine
from app.ui.main_window import MainWindow
data_dir = Path(sys.argv[1])
engine = PdfEngine(app)
window = MainWindow(ExportSystem.open(data_dir), engine, data_dir)
window.start(None)
app.file_open_requests.connect(window.import_files)
print("first", window.session.source_path, flush=True)
QCoreApplication.postEvent(app, QFileOpenEvent(sys.argv[3]))
QTimer.singleShot(500, app.quit)
app.exec()
print("second", window.session.source_path, flush=True)
print("titles", sorted(document.title for document in window.library.list()), flush=True)
window.shutdown()
engine.shutdown()
"""


def test_the_running_app_opens_what_the_system_sends(tmp_path: Path) -> None:
    first, second = _resume(tmp_path, "Finder Double Click"), _resume(tmp_path, "Dock Drop")
    result = subprocess.run(
        [sys.executable, "-c", FILE_OPEN_SCRIPT, str(tmp_path / "data"), str(first), str(second)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    assert lines["first"] == str(first.resolve())
    assert lines["second"] == str(second.resolve())
    assert "'Dock Drop'" in lines["titles"] and "'Finder Double Click'" in lines["titles"]
