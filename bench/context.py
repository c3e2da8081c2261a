"""For context only: other engines on the same HTML, where installed (WeasyPrint, headless Chromium)."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.results_store import save_results  # noqa: E402


def main() -> int:
    from app.model import load_resume_file
    from app.render.document_design import document_design
    from app.render.html import render_html
    from app.render.options import ExportOptions

    resume = load_resume_file(ROOT / "resources/samples/sample.resume.json")
    options = ExportOptions()
    plan = document_design(resume, options)
    html = render_html(resume, plan.template, plan.tokens, plan.setup, options.quality)
    fonts = (ROOT / "resources").as_uri() + "/"
    html = html.replace("resumepair://app/", fonts)  # other engines read the same files from disk
    results: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "resume.html"
        source.write_text(html, encoding="utf-8")
        try:
            import weasyprint  # type: ignore[import-not-found]

            document = weasyprint.HTML(filename=str(source))
            document.write_pdf()
            times = []
            for _ in range(5):
                start = time.perf_counter()
                document.write_pdf()
                times.append(time.perf_counter() - start)
            results["weasyprint warm"] = f"{statistics.median(times) * 1000:.1f} ms"
        except ImportError:
            results["weasyprint"] = "not installed"
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if chromium:
            times = []
            for _ in range(3):
                start = time.perf_counter()
                subprocess.run(
                    [
                        chromium,
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--no-pdf-header-footer",
                        f"--print-to-pdf={folder}/c.pdf",
                        source.as_uri(),
                    ],
                    check=True,
                    capture_output=True,
                )
                times.append(time.perf_counter() - start)
            results["chromium --print-to-pdf (cold process)"] = f"{statistics.median(times) * 1000:.0f} ms"
        else:
            results["chromium"] = "not installed"
    save_results(results, "context")
    print(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
