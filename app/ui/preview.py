"""The live preview: the resume printed by the same locked-down engine as exports, shown page by page.

The preview shows the real PDF (QtPdf), not the HTML, so page boundaries are exactly where the export breaks.
Validation and Jinja run in a background thread; printing is the engine's (GUI thread, asynchronous); a slow
refresh never blocks typing, and while one refresh runs, further edits coalesce into one more.
"""

from __future__ import annotations

import copy
import logging
import time
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QTimer, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.render.engine import PdfEngine
from app.ui.preview_build import PreviewSource, build_preview
from app.ui.session import DocumentSession

log = logging.getLogger(__name__)

DEBOUNCE_MS = 10  # edits that arrive while a refresh runs are coalesced into one more refresh


class PreviewPanel(QWidget):
    """Shows the current document as its PDF; ``rendered`` fires after each refresh that reached the screen."""

    rendered = Signal(int)  #: page count
    _built = Signal(int, object)  #: internal: generation, PreviewSource or Exception (from the worker thread)
    _printed = Signal(int, object)  #: internal: generation, Future[bytes]

    def __init__(self, session: DocumentSession, engine: PdfEngine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.engine = engine
        self.setObjectName("preview")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.header = QLabel("Rendering…", self)
        self.header.setObjectName("previewHeader")
        self.header.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.header)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setStyleSheet("background: #6b7280;")
        layout.addWidget(self.view, 1)
        self._buffer: QBuffer | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="preview")
        self._generation = 0
        self._busy = False
        self._again = False
        self._closed = False
        self._started_at = 0.0
        #: Seconds the last refresh took, from the end of the debounce to the page on screen.
        self.last_refresh_s = 0.0
        #: The PDF now shown (tests read its text).
        self.pdf: bytes = b""
        self.pages = 0
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._start)
        self._built.connect(self._on_built)
        self._printed.connect(self._on_printed)
        # Bound methods, not lambdas: Qt drops the connection when this widget is deleted.
        session.changed.connect(self._on_changed)

    def _on_changed(self, _path: object) -> None:
        self.request_refresh()

    def request_refresh(self, immediately: bool = False) -> None:
        """Schedules a refresh after the debounce (or now)."""
        if immediately:
            self._debounce.stop()
            self._start()
        else:
            self._debounce.start()

    def shutdown(self) -> None:
        """Stops the background thread; pending refreshes are dropped."""
        self._closed = True
        self._debounce.stop()
        self._generation += 1
        self._executor.shutdown(wait=True, cancel_futures=True)

    def _start(self) -> None:
        if self._closed:
            return
        if self._busy:
            self._again = True
            return
        self._busy, self._again = True, False
        self._generation += 1
        generation = self._generation
        self._started_at = time.perf_counter()
        data = copy.deepcopy(self.session.data)

        def build() -> None:
            try:
                result: Any = build_preview(data)
            except Exception as exc:
                log.exception("preview could not be built")
                result = exc
            self._built.emit(generation, result)

        self._executor.submit(build)

    def _on_built(self, generation: int, result: object) -> None:
        if generation != self._generation:
            return
        if isinstance(result, Exception):
            self._finish(f"Preview unavailable: {result}")
            return
        assert isinstance(result, PreviewSource)
        self._source = result
        future = self.engine.submit(result.html, result.setup)

        def printed(done: Future[bytes], g: int = generation) -> None:
            self._printed.emit(g, done)

        future.add_done_callback(printed)

    def _on_printed(self, generation: int, future: Future[bytes]) -> None:
        if generation != self._generation:
            return
        try:
            pdf = future.result()
        except Exception as exc:  # noqa: BLE001 - a failed refresh keeps the last good preview
            self._finish(f"Preview unavailable: {exc}")
            return
        scroll = self.view.verticalScrollBar().value()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self.pdf = pdf
        self.pages = self.document.pageCount()
        QTimer.singleShot(0, lambda: self.view.verticalScrollBar().setValue(scroll))
        source = self._source
        label = f"{self.pages} page{'s' if self.pages != 1 else ''} · {source.setup.page_size.label}"
        if source.hidden_fields:
            label += f" · {source.hidden_fields} invalid field{'s' if source.hidden_fields != 1 else ''} not shown"
        self.last_refresh_s = time.perf_counter() - self._started_at
        self._finish(label)
        self.rendered.emit(self.pages)

    def _finish(self, header: str) -> None:
        self.header.setText(header)
        self._busy = False
        if self._again:
            self._debounce.start()

    def text(self) -> str:
        """The text of the preview's pages, as a PDF reader extracts it."""
        return "\n".join(self.document.getAllText(page).text() for page in range(self.document.pageCount()))

    def scroll_to_page(self, page: int) -> None:
        """Shows a page (keyboard users and tests)."""
        self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())
