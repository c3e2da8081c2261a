"""Starting the desktop app (``resumepair`` / ``resumepair open``), including the ``--screenshot`` mode."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from app.datadir import resolve_data_dir
from app.errors import UserError

#: A light touch over Fusion so the app looks the same on every platform.
APP_STYLE = """
QMainWindow, QWidget { font-size: 10pt; }
QListWidget#navigator { border: none; background: palette(window); font-size: 10.5pt; }
QListWidget#navigator::item { padding: 6px 8px; border-radius: 4px; }
QListWidget#navigator::item:selected { background: #1f3a5f; color: white; }
QListWidget#documents::item { padding: 6px 4px; }
QLabel#previewHeader { color: #374151; font-weight: bold; }
QToolBar { spacing: 6px; padding: 3px; }
QGroupBox { font-weight: bold; margin-top: 10px; }
QGroupBox::title { subcontrol-origin: margin; left: 6px; }
"""


def run_app(file: str | None, screenshot: str | None, data_dir_arg: str | None) -> int:
    """Runs the window until it closes; with ``screenshot`` saves a PNG once the preview is painted, then exits."""
    from app.render.environment import chromium_flags, headless_environment

    no_display = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    offscreen = os.environ.get("QT_QPA_PLATFORM") == "offscreen"
    if screenshot is None and no_display and not offscreen:
        print(
            "resumepair: no display found (DISPLAY and WAYLAND_DISPLAY are unset): the desktop app needs a desktop "
            "session. Without one, use `resumepair open FILE --screenshot OUT.png`, or the export commands.",
            file=sys.stderr,
        )
        return 1
    if screenshot is not None:
        headless_environment()
    chromium_flags()
    path = Path(file).expanduser() if file else None
    if path is not None and not path.is_file():
        raise UserError(f"{path}: no such file")
    out = Path(screenshot).expanduser() if screenshot else None
    if out is not None and not out.parent.is_dir():
        raise UserError(f"--screenshot {out}: the folder {out.parent} does not exist")

    from PySide6.QtCore import QTimer

    from app.export.service import ExportSystem
    from app.export.worker import policy_from_environment
    from app.render.engine import PdfEngine
    from app.render.runtime import application, route_qt_messages
    from app.ui.desktop_app import DesktopApplication
    from app.ui.main_window import MainWindow, read_resume_file

    if path is not None:
        read_resume_file(path)  # not JSON, not UTF-8, not an object: exit 3 before any window appears
    route_qt_messages()
    qt_app = application([sys.argv[0] or "resumepair"], DesktopApplication)
    qt_app.setApplicationDisplayName("ResumePair")
    qt_app.setDesktopFileName("resumepair")
    from PySide6.QtGui import QIcon

    from app.resources import resource_path

    qt_app.setWindowIcon(QIcon(str(resource_path("icons", "resumepair.png"))))
    qt_app.setStyle("Fusion")
    qt_app.setStyleSheet(APP_STYLE)
    data_dir = resolve_data_dir(data_dir_arg)
    system = ExportSystem.open(data_dir, policy_from_environment())
    engine = PdfEngine(qt_app)
    window = MainWindow(system, engine, data_dir)
    window.start(path)
    if isinstance(qt_app, DesktopApplication):

        def open_requested(paths: list[Path]) -> None:
            window.import_files(paths)
            window.raise_()
            window.activateWindow()

        qt_app.file_open_requests.connect(open_requested)
    if out is not None:
        window.resize(1440, 900)  # screenshots have one size, whatever the last session left
    window.show()
    window.render_thumbnails()
    result = {"code": 0}

    if out is not None:

        def capture() -> None:
            image = window.grab()
            if not image.save(str(out), "PNG"):
                print(f"resumepair: cannot write {out}", file=sys.stderr)
                result["code"] = 4
            window.close()

        def on_rendered(_pages: int) -> None:
            QTimer.singleShot(600, capture)  # let thumbnails and the repaint land

        assert window.preview is not None
        window.preview.rendered.connect(on_rendered)

        def give_up() -> None:
            print("resumepair: the preview did not render in 60 s", file=sys.stderr)
            result["code"] = 4
            window.close()

        QTimer.singleShot(60_000, give_up)
    qt_app.exec()
    window.shutdown()
    engine.shutdown()
    system.store.close()
    return result["code"]
