"""The floor: a bare QtWebEngine page printing pre-rendered HTML, with none of ResumePair's work around it.

Run as a script (``raw_engine.py HTML OUT.pdf``) it is the cold raw-engine process; imported, it gives the
warm raw print used as the denominator of every ratio.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.render.environment import headless_environment

headless_environment()

from PySide6.QtCore import QEventLoop, QMarginsF, QUrl  # noqa: E402
from PySide6.QtGui import QPageLayout, QPageSize  # noqa: E402
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile  # noqa: E402

BASE_URL = QUrl("resumepair://app/doc/raw.html")


def raw_print(page: QWebEnginePage, html: str) -> bytes:
    """setHtml → loadFinished → printToPdf, nothing else."""
    loop = QEventLoop()
    result: list[bytes] = []

    def printed(data: object) -> None:
        result.append(bytes(data.data()))  # type: ignore[attr-defined]
        loop.quit()

    def loaded(ok: bool) -> None:
        layout = QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 18, 18, 18),
            QPageLayout.Unit.Millimeter,
        )
        page.printToPdf(printed, layout)

    page.loadFinished.connect(loaded)
    page.setHtml(html, BASE_URL)
    loop.exec()
    page.loadFinished.disconnect(loaded)
    return result[0]


def main() -> int:
    from app.render.runtime import application, route_qt_messages
    from app.render.scheme import DocumentStore, SchemeHandler

    route_qt_messages()
    qt_app = application()
    profile = QWebEngineProfile(qt_app)
    handler = SchemeHandler(DocumentStore(), profile)
    profile.installUrlSchemeHandler(b"resumepair", handler)
    page = QWebEnginePage(profile, qt_app)
    pdf = raw_print(page, Path(sys.argv[1]).read_text(encoding="utf-8"))
    Path(sys.argv[2]).write_bytes(pdf)
    import shiboken6

    shiboken6.delete(page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
