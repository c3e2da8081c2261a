"""Warm export timing against a raw print in our own profile, measured in the same run (``make bench``).

Medians of a raw ``setHtml`` → ``printToPdf`` of the same HTML on a page of our engine's profile (the floor) and
our end-to-end export inside one process (queue a job for the JSON file, claim it, read + validate → Jinja →
print → metadata → atomic write → history row), per page count (1, 2, 5 pages). The cold, whole-process
export is ``cold_start.py``. Results: ``build/bench/latest-export.json``.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.render.environment import headless_environment  # noqa: E402

headless_environment()

from bench.common import scaled_resume  # noqa: E402
from bench.results_store import save_results  # noqa: E402

WARM_RUNS = 15
BASE_URL = "resumepair://app/doc/raw.html"


def raw_print(page: Any, html: str) -> bytes:
    """setHtml → loadFinished → printToPdf, nothing else."""
    from PySide6.QtCore import QEventLoop, QMarginsF, QUrl
    from PySide6.QtGui import QPageLayout, QPageSize

    loop = QEventLoop()
    result: list[bytes] = []
    layout = QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(18, 18, 18, 18)
    )

    def printed(data: Any) -> None:
        result.append(bytes(data.data()))
        loop.quit()

    def loaded(_ok: bool) -> None:
        page.printToPdf(printed, layout)

    page.loadFinished.connect(loaded)
    page.setHtml(html, QUrl(BASE_URL))
    loop.exec()
    page.loadFinished.disconnect(loaded)
    return result[0]


def median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 1)


def main() -> int:
    from PySide6.QtWebEngineCore import QWebEnginePage

    from app.export.processor import JobProcessor
    from app.export.service import ExportSystem
    from app.model import load_resume_file
    from app.render.document_design import document_design
    from app.render.engine import PdfEngine
    from app.render.html import render_html
    from app.render.options import ExportOptions
    from app.render.pdfmeta import page_count
    from app.render.runtime import application, route_qt_messages

    route_qt_messages()
    qt_app = application()
    engine = PdfEngine(qt_app, pool_size=1)
    raw_page = QWebEnginePage(engine.profile, qt_app)
    results: dict[str, Any] = {"cores": os.cpu_count(), "warm": {}}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        system = ExportSystem.open(work / "warm-data")
        system.storage.set_quota(10**10)
        processor = JobProcessor(system.queue, system.storage, engine.render)

        def export_job(document_id: int, options: ExportOptions) -> bytes:
            system.queue_export(document_id, options)
            job = system.queue.claim("bench")
            assert job is not None
            done = processor.run(job, "bench")
            entry = system.queue.history_for_job(done.id)
            assert entry is not None, done.error
            return Path(entry.path).read_bytes()

        for pages in (1, 2, 5):
            source = work / f"resume-{pages}.json"
            source.write_text(json.dumps(scaled_resume(pages)), encoding="utf-8")
            resume = load_resume_file(source)
            options = ExportOptions(template="classic")
            plan = document_design(resume, options)
            html = render_html(resume, plan.template, plan.tokens, plan.setup, options.quality)
            document_id = system.import_file(source)
            for _ in range(3):  # warm up both paths
                raw_print(raw_page, html)
                export_job(document_id, options)
            raw, ours = [], []
            for _ in range(WARM_RUNS):
                start = time.perf_counter()
                raw_print(raw_page, html)
                raw.append(time.perf_counter() - start)
                start = time.perf_counter()
                pdf = export_job(document_id, options)
                ours.append(time.perf_counter() - start)
            actual_pages = page_count(pdf)
            results["warm"][f"{pages}p"] = {  # type: ignore[index]
                "pages": actual_pages,
                "raw_ms": median_ms(raw),
                "ours_ms": median_ms(ours),
                "ratio": round(statistics.median(ours) / statistics.median(raw), 2),
            }
    import shiboken6

    shiboken6.delete(raw_page)  # pages before their profile
    engine.shutdown()

    print(f"cores: {results['cores']}")
    print(f"{'case':<12}{'raw ms':>10}{'ours ms':>10}{'ratio':>8}")
    for name, row in results["warm"].items():  # type: ignore[attr-defined]
        print(f"{'warm ' + name:<12}{row['raw_ms']:>10}{row['ours_ms']:>10}{row['ratio']:>8}")
    save_results(results, "export")
    return 0


if __name__ == "__main__":
    sys.exit(main())
