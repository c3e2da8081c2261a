"""Preview refresh after an edit (p50/p95) and process start to first painted preview.

Refresh is measured in one process from the edit (``DocumentSession.set``) to the new PDF on screen, the
debounce included; start-up from ``Popen`` to the child's "painted" line. Results: build/bench/latest-ui.json.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.render.environment import headless_environment  # noqa: E402
from bench.results_store import save_results  # noqa: E402

headless_environment()

EDITS = 40
STARTS = 5
SAMPLE = ROOT / "resources/samples/sample.resume.json"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def refresh_times() -> list[float]:
    import tempfile

    from PySide6.QtCore import QEventLoop, QTimer

    from app.export.service import ExportSystem
    from app.render.engine import PdfEngine
    from app.render.runtime import application, route_qt_messages
    from app.ui.main_window import MainWindow

    route_qt_messages()
    qt_app = application(["ui-timing"])
    data_dir = Path(tempfile.mkdtemp())
    engine = PdfEngine(qt_app)
    window = MainWindow(ExportSystem.open(data_dir), engine, data_dir)
    window.start(SAMPLE)
    window.show()
    preview = window.preview
    assert preview is not None and window.session is not None
    loop = QEventLoop()
    preview.rendered.connect(lambda _pages: loop.quit())
    loop.exec()  # first render
    samples = []
    for index in range(EDITS + 3):
        start = time.perf_counter()
        window.session.set(("basics", "label"), f"Programmer {index}")
        QTimer.singleShot(10_000, loop.quit)
        loop.exec()
        if index >= 3:  # warm-up
            samples.append(time.perf_counter() - start)
    window.shutdown()
    engine.shutdown()
    return samples


def start_times() -> list[float]:
    samples = []
    for _ in range(STARTS):
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, str(ROOT / "bench/start_probe.py"), str(SAMPLE)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            cwd=ROOT,
        )
        assert child.stdout is not None
        line = child.stdout.readline()
        samples.append(time.perf_counter() - start)
        child.wait(60)
        child.stdout.close()
        assert line.strip() == "painted"
    return samples


def main() -> int:
    starts = start_times()
    refresh = refresh_times()
    results = {
        "cores": os.cpu_count(),
        "refresh_p50_ms": round(statistics.median(refresh) * 1000, 1),
        "refresh_p95_ms": round(percentile(refresh, 0.95) * 1000, 1),
        "start_to_first_preview_ms": round(statistics.median(starts) * 1000, 1),
    }
    print(f"cores: {results['cores']}")
    print(
        f"preview refresh after an edit (debounce included): p50 {results['refresh_p50_ms']} ms, "
        f"p95 {results['refresh_p95_ms']} ms"
    )
    print(f"process start to first painted preview: median {results['start_to_first_preview_ms']} ms")
    save_results(results, "ui")
    return 0


if __name__ == "__main__":
    sys.exit(main())
