"""Starting the desktop app (``resumepair`` / ``resumepair open``), including the ``--screenshot`` mode.

One app runs per data folder (``single_instance.py``): a second ``resumepair open FILE`` hands FILE to it and
exits 0.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.datadir import ensure_private_dir, resolve_data_dir
from app.errors import UserError

if TYPE_CHECKING:
    from app.ui.single_instance import InstanceLock


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

    from app.export.retry import policy_from_environment
    from app.export.service import ExportSystem
    from app.render.engine import PdfEngine
    from app.render.runtime import application, route_qt_messages
    from app.ui.desktop_app import DesktopApplication
    from app.ui.documents import read_resume_file
    from app.ui.main_window import MainWindow
    from app.ui.single_instance import InstanceLock, InstanceServer, server_name

    if path is not None:
        read_resume_file(path)  # not JSON, not UTF-8, not an object: exit 3 before any window appears
    data_dir = ensure_private_dir(resolve_data_dir(data_dir_arg))
    lock = InstanceLock(data_dir)
    if not lock.acquire():
        return _hand_over_to_running_app(lock, data_dir, path, screenshot=out is not None)
    route_qt_messages()
    qt_app = application([sys.argv[0] or "resumepair"], DesktopApplication)
    qt_app.setApplicationDisplayName("ResumePair")
    qt_app.setDesktopFileName("resumepair")
    from PySide6.QtGui import QGuiApplication, QIcon

    from app.resources import resource_path
    from app.ui.probe import install_probe
    from app.ui.settings import COLOR_SCHEME, AppSettings
    from app.ui.theme import apply_theme

    qt_app.setWindowIcon(QIcon(str(resource_path("icons", "resumepair.png"))))
    scheme = AppSettings(data_dir / "settings.ini").get(COLOR_SCHEME)
    apply_theme(qt_app, scheme)
    server = InstanceServer(server_name(data_dir), qt_app)
    system = ExportSystem.open(data_dir, policy_from_environment())
    engine = PdfEngine(qt_app)
    window = MainWindow(system, engine, data_dir)
    QGuiApplication.styleHints().colorSchemeChanged.connect(
        lambda _scheme: apply_theme(qt_app, window.settings.get(COLOR_SCHEME))
    )
    window.start(path)
    install_probe(window)
    if isinstance(qt_app, DesktopApplication):

        def open_requested(paths: list[Path]) -> None:
            if window.isMinimized():
                window.showNormal()
            window.raise_()
            window.activateWindow()
            if paths:
                window.import_files(paths)

        qt_app.file_open_requests.connect(open_requested)
        server.filesRequested.connect(open_requested)
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
    server.close()
    window.shutdown()
    engine.shutdown()
    system.store.close()
    lock.release()
    return result["code"]


def _hand_over_to_running_app(lock: InstanceLock, data_dir: Path, path: Path | None, *, screenshot: bool) -> int:
    """Another app holds the data folder: give it the file and leave (or refuse, for ``--screenshot``)."""
    from app.ui.single_instance import hand_over, server_name

    owner = lock.owner()
    if screenshot:
        raise UserError(
            f"ResumePair is already running with the data folder {data_dir} (process {owner}); close it, or take "
            "the screenshot with another --data-dir"
        )
    if hand_over(server_name(data_dir), [path] if path is not None else []):
        what = f"{path} is open" if path is not None else "it is in front"
        print(f"resumepair: ResumePair was already running (process {owner}); {what} there", file=sys.stderr)
        return 0
    print(
        f"resumepair: ResumePair is already running with {data_dir} (process {owner}) but does not answer; "
        "close it and try again",
        file=sys.stderr,
    )
    return 1
