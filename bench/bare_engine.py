"""The floor: QtWebEngine printing pre-rendered HTML with nothing of ResumePair around it.

This script imports only PySide6 and the standard library, and reports if anything of ours got imported. Fonts
and stylesheets are read from files (the caller rewrote the HTML's ``resumepair://app/`` links to ``file://``
URLs of ``resources/``). It runs as its own process:

    bare_engine.py OUT_DIR POOL HTML...   prints every HTML file with POOL pages at once into OUT_DIR

and prints one JSON line: seconds from process start (``import``, ``app``, ``first_pdf``, ``done``).
Chromium switches come from the environment (``QTWEBENGINE_CHROMIUM_FLAGS``), set by the caller.
"""

from __future__ import annotations

import json
import sys
import time

START = time.perf_counter()

from pathlib import Path  # noqa: E402

import shiboken6  # noqa: E402
from PySide6.QtCore import QEventLoop, QMarginsF, QUrl  # noqa: E402
from PySide6.QtGui import QPageLayout, QPageSize  # noqa: E402
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

#: What this script must never import: anything of ours.
FORBIDDEN = ("app", "bench")


def main() -> int:
    out_dir, pool = Path(sys.argv[1]), int(sys.argv[2])
    sources = [Path(name) for name in sys.argv[3:]]
    marks = {"import": time.perf_counter() - START}
    qt_app = QApplication([sys.argv[0]])
    profile = QWebEngineProfile(qt_app)  # off the record, default settings: no lock-down, no scheme handler
    pages = [QWebEnginePage(profile, qt_app) for _ in range(max(1, pool))]
    marks["app"] = time.perf_counter() - START
    layout = QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(18, 18, 18, 18)
    )
    queue = list(enumerate(sources))
    done: list[int] = []
    loop = QEventLoop()

    def feed(page: QWebEnginePage) -> None:
        if queue:
            index, source = queue.pop(0)
            page.setProperty("index", index)
            page.setHtml(source.read_text(encoding="utf-8"), QUrl.fromLocalFile(str(source)))

    def printed(page: QWebEnginePage, data: object) -> None:
        index = int(page.property("index"))
        (out_dir / f"{index:06d}.pdf").write_bytes(bytes(data.data()))  # type: ignore[attr-defined]
        done.append(index)
        if len(done) == 1:
            marks["first_pdf"] = time.perf_counter() - START
        if len(done) == len(sources):
            loop.quit()
        else:
            feed(page)

    for page in pages:
        page.loadFinished.connect(lambda _ok, p=page: p.printToPdf(lambda data, p=p: printed(p, data), layout))
    for page in pages:
        feed(page)
    loop.exec()
    marks["done"] = time.perf_counter() - START
    for page in pages:
        shiboken6.delete(page)  # pages before their profile
    shiboken6.delete(profile)
    leaked = [name for name in sys.modules if name.split(".")[0] in FORBIDDEN]
    print(json.dumps({**{key: round(value, 4) for key, value in marks.items()}, "ours_imported": leaked}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
