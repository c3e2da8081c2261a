"""Batch throughput: 100 varied resumes → one ZIP through the queue, against raw pooled ``printToPdf``.

Both sides use the same pool size (3 pages) and the same pre-validated inputs, in one process, in one run.
Also reports the peak memory of the whole process tree during our batch. Results: bench/results/latest-batch.json.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.render.environment import headless_environment  # noqa: E402

headless_environment()

from bench.memory import PeakSampler  # noqa: E402

COUNT = 100
POOL = 3


def varied_resumes(count: int) -> list[dict[str, object]]:
    base = json.loads((ROOT / "resources/samples/sample.resume.json").read_text(encoding="utf-8"))
    long = json.loads((ROOT / "resources/samples/long.resume.json").read_text(encoding="utf-8"))
    resumes = []
    for index in range(count):
        source = long if index % 4 == 0 else base
        data = json.loads(json.dumps(source))
        data["basics"]["name"] = f"Candidate {index:03d}"
        data["work"] = data["work"][: 1 + index % len(data["work"])]
        resumes.append(data)
    return resumes


def raw_pooled(pages: list[object], htmls: list[str]) -> float:
    """PDFs per second with ``len(pages)`` pages printing at once, nothing else."""
    from PySide6.QtCore import QEventLoop, QMarginsF, QUrl
    from PySide6.QtGui import QPageLayout, QPageSize

    layout = QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(18, 18, 18, 18),
        QPageLayout.Unit.Millimeter,
    )
    queue = list(htmls)
    done = []
    loop = QEventLoop()

    def feed(page: object) -> None:
        if not queue:
            return
        page.setHtml(queue.pop(), QUrl("resumepair://app/doc/raw.html"))  # type: ignore[attr-defined]

    def printed(page: object, data: object) -> None:
        done.append(len(bytes(data.data())))  # type: ignore[attr-defined]
        if len(done) == len(htmls):
            loop.quit()
        else:
            feed(page)

    for page in pages:
        page.loadFinished.connect(  # type: ignore[attr-defined]
            lambda ok, p=page: p.printToPdf(lambda data, p=p: printed(p, data), layout)
        )
    start = time.perf_counter()
    for page in pages:
        feed(page)
    loop.exec()
    return len(htmls) / (time.perf_counter() - start)


def main() -> int:
    import shiboken6
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWebEngineCore import QWebEnginePage

    from app.export.service import ExportSystem
    from app.export.worker import QueueWorker, WorkerScope
    from app.model import parse_resume
    from app.render.engine import PdfEngine
    from app.render.html import render_html
    from app.render.options import ExportOptions
    from app.render.pipeline import plan_render
    from app.render.runtime import application, route_qt_messages

    route_qt_messages()
    qt_app = application()
    engine = PdfEngine(qt_app, pool_size=POOL)
    resumes = varied_resumes(COUNT)
    options = ExportOptions(template="classic")
    htmls = []
    for data in resumes:
        resume = parse_resume(data)
        plan = plan_render(resume, options)
        htmls.append(render_html(resume, plan.template, plan.tokens, plan.setup, options.quality))
    raw_pages = [QWebEnginePage(engine.profile, qt_app) for _ in range(POOL)]
    raw_pooled(raw_pages, htmls[:6])  # warm up
    raw_rate = raw_pooled(raw_pages, htmls)
    for page in raw_pages:
        shiboken6.delete(page)
    engine.render(htmls[0], plan.setup)  # warm our pool too

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        system = ExportSystem.open(work / "data")
        ids = []
        for index, data in enumerate(resumes):
            path = work / f"r{index:03d}.json"
            path.write_text(json.dumps(data), encoding="utf-8")
            ids.append(system.import_file(path))
        job = system.queue_batch(ids, options)
        worker = QueueWorker(system.store, engine, WorkerScope((job.id,)), parent=qt_app)
        loop = QEventLoop()
        worker.finished.connect(loop.quit)
        with PeakSampler() as sampler:
            start = time.perf_counter()
            worker.start()
            loop.exec()
            elapsed = time.perf_counter() - start
        worker.wait()
        finished = system.queue.get_job(job.id)
        assert finished.status.value == "completed", finished.error
    engine.shutdown()
    ours_rate = COUNT / elapsed
    results = {
        "cores": os.cpu_count(),
        "count": COUNT,
        "pool": POOL,
        "raw_pdfs_per_s": round(raw_rate, 1),
        "ours_pdfs_per_s": round(ours_rate, 1),
        "ratio": round(ours_rate / raw_rate, 2),
        "peak_tree_pss_mb": round(sampler.peak / 2**20, 1),
    }
    print(f"cores: {results['cores']}  batch of {COUNT}, pool {POOL}")
    print(f"raw pooled printToPdf: {results['raw_pdfs_per_s']} PDF/s")
    print(f"our batch → ZIP:       {results['ours_pdfs_per_s']} PDF/s  (ratio {results['ratio']})")
    print(f"peak memory (PSS), whole process tree: {results['peak_tree_pss_mb']} MB")
    out = ROOT / "bench/results/latest-batch.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
