"""Batch throughput: 100 varied resumes → one ZIP through the queue, against raw pooled ``printToPdf``.

Both sides use the same pool size (3 pages) and the same inputs, in one process, in one run, in alternating
rounds (medians reported). Also reports the peak memory of the whole process tree during one more batch of ours
(sampled apart from the timed rounds, because sampling costs CPU).
Results: bench/results/latest-batch.json.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.render.environment import headless_environment  # noqa: E402

headless_environment()

from bench.memory import PeakSampler  # noqa: E402
from bench.results_store import save_results  # noqa: E402

COUNT = 100
POOL = 3
#: Raw and ours alternate this many times; the table shows medians.
ROUNDS = 5


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

    connections = [
        (
            page,
            page.loadFinished.connect(  # type: ignore[attr-defined]
                lambda ok, p=page: p.printToPdf(lambda data, p=p: printed(p, data), layout)
            ),
        )
        for page in pages
    ]
    start = time.perf_counter()
    for page in pages:
        feed(page)
    loop.exec()
    elapsed = time.perf_counter() - start
    for page, connection in connections:
        # A second connection would print every page twice the next time these pages are used.
        page.loadFinished.disconnect(connection)  # type: ignore[attr-defined]
    return len(htmls) / elapsed


def _wait_gone(pids: list[int], qt_app: object, timeout_s: float = 5.0) -> None:
    """Lets deleted pages' render processes exit, so they do not count in the next memory sample."""
    deadline = time.monotonic() + timeout_s
    while any(Path(f"/proc/{pid}").exists() for pid in pids) and time.monotonic() < deadline:
        qt_app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.02)


def main() -> int:
    import shiboken6
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWebEngineCore import QWebEnginePage

    from app.export.service import ExportSystem
    from app.export.worker import QueueWorker, WorkerScope
    from app.model import parse_resume
    from app.render.engine import PdfEngine, wait_for
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
    # Warm our pool the way the raw pages are warmed: every page has printed before the clock starts.
    for future in [engine.submit(html, plan.setup) for html in htmls[:6]]:
        wait_for(future)

    raw_rates: list[float] = []
    our_rates: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        system = ExportSystem.open(work / "data")
        ids = []
        for index, data in enumerate(resumes):
            path = work / f"r{index:03d}.json"
            path.write_text(json.dumps(data), encoding="utf-8")
            ids.append(system.import_file(path))

        def run_batch() -> float:
            """One batch job of all the resumes through the real worker thread; seconds to finish."""
            job = system.queue_batch(ids, options)
            worker = QueueWorker(system.store, engine, WorkerScope((job.id,)), parent=qt_app)
            loop = QEventLoop()
            worker.finished.connect(loop.quit)
            start = time.perf_counter()
            worker.start()
            loop.exec()
            elapsed = time.perf_counter() - start
            worker.wait()
            finished = system.queue.get_job(job.id)
            assert finished.status.value == "completed", finished.error
            return elapsed

        # Rounds alternate raw and ours, so a noisy neighbour on the machine hits both sides alike.
        for _round in range(ROUNDS):
            raw_pages = [QWebEnginePage(engine.profile, qt_app) for _ in range(POOL)]
            raw_pooled(raw_pages, htmls[:6])  # warm up: a render process per page
            raw_rates.append(raw_pooled(raw_pages, htmls))
            pids = [page.renderProcessPid() for page in raw_pages]
            for page in raw_pages:
                shiboken6.delete(page)
            _wait_gone(pids, qt_app)

            elapsed = run_batch()
            our_rates.append(COUNT / elapsed)
            print(f"round {_round + 1}: raw {raw_rates[-1]:.1f} PDF/s, ours {our_rates[-1]:.1f} PDF/s", flush=True)
        # Memory in a batch of its own: one sample of the tree costs ~13 ms of CPU, which would slow the timed
        # batches (and only them) by about a tenth.
        with PeakSampler() as sampler:
            run_batch()
        peak = sampler.peak
    engine.shutdown()
    ratios = [ours / raw for ours, raw in zip(our_rates, raw_rates, strict=True)]
    results = {
        "cores": os.cpu_count(),
        "count": COUNT,
        "pool": POOL,
        "rounds": ROUNDS,
        "raw_pdfs_per_s": round(statistics.median(raw_rates), 1),
        "ours_pdfs_per_s": round(statistics.median(our_rates), 1),
        "ratio": round(statistics.median(ratios), 2),
        "ratios": [round(ratio, 2) for ratio in ratios],
        "peak_tree_pss_mb": round(peak / 2**20, 1),
    }
    print(f"cores: {results['cores']}  batch of {COUNT}, pool {POOL}, {ROUNDS} rounds (medians)")
    print(f"raw pooled printToPdf: {results['raw_pdfs_per_s']} PDF/s")
    print(f"our batch → ZIP:       {results['ours_pdfs_per_s']} PDF/s  (ratio {results['ratio']})")
    print(f"ratio per round: {results['ratios']}")
    print(f"peak memory (PSS), whole process tree: {results['peak_tree_pss_mb']} MB")
    save_results(results, "batch")
    return 0


if __name__ == "__main__":
    sys.exit(main())
