"""Export timing against the raw engine, measured in the same run (issue 2's numbers; ``make bench``).

Prints medians of:
- warm: raw ``printToPdf`` of the same HTML (the floor) vs our end-to-end export inside one process
  (queue a job for the JSON file, claim it, read + validate → Jinja → print → metadata → atomic write →
  history row), per page count (1, 2, 5 pages);
- cold: a whole ``resumepair export`` process vs a whole raw-engine process.
Results go to ``bench/results/latest-export.json``.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.raw_engine import raw_print  # noqa: E402  (sets the headless environment first)
from bench.results_store import save_results  # noqa: E402

WARM_RUNS = 15
COLD_RUNS = 5


def scaled_resume(pages: int) -> dict[str, object]:
    """The sample resume repeated until it fills about ``pages`` pages in the classic template."""
    data = json.loads((ROOT / "resources/samples/sample.resume.json").read_text(encoding="utf-8"))
    if pages == 1:
        data["volunteer"] = data["awards"] = data["publications"] = data["references"] = []
        data["projects"] = []
        return data
    work = data["work"][0]
    data["work"] = [dict(work, name=f"{work['name']} {i}") for i in range({2: 2, 5: 18}[pages])]
    return data


def median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 1)


def main() -> int:
    from PySide6.QtWebEngineCore import QWebEnginePage

    from app.export.processor import JobProcessor
    from app.export.service import ExportSystem
    from app.model import load_resume_file
    from app.render.engine import PdfEngine
    from app.render.html import render_html
    from app.render.options import ExportOptions
    from app.render.pdfmeta import page_count
    from app.render.pipeline import plan_render
    from app.render.runtime import application, route_qt_messages

    route_qt_messages()
    qt_app = application()
    engine = PdfEngine(qt_app, pool_size=1)
    raw_page = QWebEnginePage(engine.profile, qt_app)
    results: dict[str, object] = {"cores": os.cpu_count(), "warm": {}, "cold": {}}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        system = ExportSystem.open(work / "warm-data")
        system.storage.set_quota(10**10)
        processor = JobProcessor(system.queue, system.storage, engine.render)

        def export_job(document_id: int, options: ExportOptions) -> bytes:
            system.queue_pdf(document_id, options)
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
            plan = plan_render(resume, options)
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
        (work / "two.html").write_text(html, encoding="utf-8")
        source2 = work / "resume-2.json"
        cold_raw, cold_ours = [], []
        for _ in range(COLD_RUNS):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, str(ROOT / "bench/raw_engine.py"), str(work / "two.html"), str(work / "raw.pdf")],
                check=True,
                cwd=ROOT,
                capture_output=True,
            )
            cold_raw.append(time.perf_counter() - start)
            start = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "app",
                    "--data-dir",
                    str(work / "data"),
                    "export",
                    str(source2),
                    "-o",
                    str(work / "cold.pdf"),
                ],
                check=True,
                cwd=ROOT,
                capture_output=True,
            )
            cold_ours.append(time.perf_counter() - start)
        results["cold"] = {
            "raw_ms": median_ms(cold_raw),
            "ours_ms": median_ms(cold_ours),
            "ratio": round(statistics.median(cold_ours) / statistics.median(cold_raw), 2),
        }
    import shiboken6

    shiboken6.delete(raw_page)  # pages before their profile
    engine.shutdown()

    print(f"cores: {results['cores']}")
    print(f"{'case':<12}{'raw ms':>10}{'ours ms':>10}{'ratio':>8}")
    for name, row in results["warm"].items():  # type: ignore[attr-defined]
        print(f"{'warm ' + name:<12}{row['raw_ms']:>10}{row['ours_ms']:>10}{row['ratio']:>8}")
    cold = results["cold"]
    print(f"{'cold 2p':<12}{cold['raw_ms']:>10}{cold['ours_ms']:>10}{cold['ratio']:>8}")  # type: ignore[index]
    save_results(results, "export")
    return 0


if __name__ == "__main__":
    sys.exit(main())
