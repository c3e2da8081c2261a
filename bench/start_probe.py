"""Child process for the start-up benchmark: starts the app like `resumepair open FILE`, prints when the
first preview is on screen, then exits."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from app.render.environment import headless_environment

headless_environment()

from PySide6.QtCore import QTimer  # noqa: E402

from app.export.service import ExportSystem  # noqa: E402
from app.render.engine import PdfEngine  # noqa: E402
from app.render.runtime import application, route_qt_messages  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402


def main() -> int:
    route_qt_messages()
    qt_app = application(["start-probe"])
    data_dir = Path(tempfile.mkdtemp())
    engine = PdfEngine(qt_app)
    window = MainWindow(ExportSystem.open(data_dir), engine, data_dir)
    window.start(Path(sys.argv[1]))
    window.show()
    assert window.preview is not None

    def painted(_pages: int) -> None:
        window.repaint()
        print("painted", flush=True)
        QTimer.singleShot(0, window.close)

    window.preview.rendered.connect(painted)
    qt_app.exec()
    window.shutdown()
    engine.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
