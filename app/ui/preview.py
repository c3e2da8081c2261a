"""The live preview: the resume printed by the same locked-down engine as exports, shown page by page.

The preview shows the real PDF (QtPdf), not the HTML, so page boundaries are exactly where the export breaks.
Validation and Jinja run in a background thread; printing is the engine's (GUI thread, asynchronous); a slow
refresh never blocks typing, and while one refresh runs, further edits coalesce into one more.

Zoom (Ctrl+wheel, Ctrl++ / Ctrl+− / Ctrl+0, the buttons above the pages) is kept by ``PreviewZoom``, which the
window owns, so it survives switching documents. The pages are paper: white in a light or dark window.
"""

from __future__ import annotations

import contextlib
import copy
import logging
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from app.render.engine import PdfEngine
from app.ui.icons import icon
from app.ui.preview_build import PreviewSource, build_preview
from app.ui.session import DocumentSession

log = logging.getLogger(__name__)

DEBOUNCE_MS = 10  # edits that arrive while a refresh runs are coalesced into one more refresh
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
FIT_WIDTH = 0.0  #: the zoom "factor" that means: as wide as the pane


class PreviewZoom(QObject):
    """The preview's zoom: a factor (1.0 = 100 %) or ``FIT_WIDTH``; shared by every preview the window shows."""

    changed = Signal(float)  #: the new factor (``FIT_WIDTH`` to fit the width)

    def __init__(self, factor: float = FIT_WIDTH, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.factor = factor if factor == FIT_WIDTH or ZOOM_STEPS[0] <= factor <= ZOOM_STEPS[-1] else FIT_WIDTH

    def set_factor(self, factor: float) -> None:
        """Zooms to ``factor`` (clamped to 25–400 %), or fits the width."""
        if factor != FIT_WIDTH:
            factor = min(max(factor, ZOOM_STEPS[0]), ZOOM_STEPS[-1])
        if factor != self.factor:
            self.factor = factor
            self.changed.emit(factor)

    def step(self, current: float, direction: int) -> None:
        """One step in or out from the factor shown now (``current``, which fit-width also has)."""
        if direction > 0:
            self.set_factor(next((z for z in ZOOM_STEPS if z > current + 0.001), ZOOM_STEPS[-1]))
        else:
            self.set_factor(next((z for z in reversed(ZOOM_STEPS) if z < current - 0.001), ZOOM_STEPS[0]))

    def fit_width(self) -> None:
        """Back to the default: the page as wide as the pane."""
        self.set_factor(FIT_WIDTH)


class PreviewPanel(QWidget):
    """Shows the current document as its PDF; ``rendered`` fires after each refresh that reached the screen."""

    rendered = Signal(int)  #: page count
    _built = Signal(int, object)  #: internal: generation, PreviewSource or Exception (from the worker thread)
    _printed = Signal(int, object)  #: internal: generation, Future[bytes]

    def __init__(
        self,
        session: DocumentSession,
        engine: PdfEngine,
        parent: QWidget | None = None,
        zoom: PreviewZoom | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.engine = engine
        self.zoom = zoom or PreviewZoom(parent=self)
        self.setObjectName("preview")
        self.setAccessibleName("Preview")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 4, 4, 4)
        self.header = QLabel("Rendering…", self)
        self.header.setObjectName("previewHeader")
        bar.addWidget(self.header, 1)
        self.zoom_buttons: dict[str, QToolButton] = {}
        for name, glyph, tip, slot in (
            ("out", "zoom-out", "Zoom out (Ctrl+−)", lambda: self.zoom.step(self.effective_zoom(), -1)),
            ("fit", "move-horizontal", "Fit width (Ctrl+0)", self.zoom.fit_width),
            ("in", "zoom-in", "Zoom in (Ctrl++)", lambda: self.zoom.step(self.effective_zoom(), 1)),
        ):
            button = QToolButton(self)
            button.setObjectName(f"zoom:{name}")
            button.setIcon(icon(glyph))
            button.setAutoRaise(True)
            button.setToolTip(tip)
            button.setAccessibleName(tip.split(" (")[0])
            button.clicked.connect(slot)
            if name == "fit":
                self.zoom_label = QLabel(self)
                self.zoom_label.setObjectName("zoomLevel")
                self.zoom_label.setMinimumWidth(44)
                self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
                bar.addWidget(self.zoom_label)
            bar.addWidget(button)
            self.zoom_buttons[name] = button
        layout.addLayout(bar)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pages")
        self.view.setAccessibleName("Preview pages")
        self.view.setAccessibleDescription("The resume as it will be exported. Ctrl+plus and Ctrl+minus zoom.")
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setPageSpacing(12)
        # Fitting the width, a page that fits the height at one width and not at the width less a scroll bar made
        # the scroll bar come and go forever (the UI thread at 100 %); a scroll bar that is always there cannot.
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.view.setStyleSheet("QPdfView { background: #6b7280; }")  # a desk under white paper, in both schemes
        self.view.viewport().installEventFilter(self)
        layout.addWidget(self.view, 1)
        self.zoom.changed.connect(self._apply_zoom)
        self._apply_zoom(self.zoom.factor)
        self._buffer: QBuffer | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="preview")
        self._generation = 0
        self._busy = False
        self._again = False
        self._closed = False
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
            with contextlib.suppress(RuntimeError):  # the panel was closed (another document) while printing
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
        QTimer.singleShot(0, self, self._show_zoom)
        QTimer.singleShot(0, lambda: self.view.verticalScrollBar().setValue(scroll))
        source = self._source
        label = f"{self.pages} page{'s' if self.pages != 1 else ''} · {source.setup.page_size.label}"
        if source.hidden_fields:
            label += f" · {source.hidden_fields} invalid field{'s' if source.hidden_fields != 1 else ''} not shown"
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

    # -- zoom --------------------------------------------------------------------------------------------------

    def effective_zoom(self) -> float:
        """The factor the pages are shown at now (also when fitting the width)."""
        if self.view.zoomMode() != QPdfView.ZoomMode.FitToWidth:
            return float(self.view.zoomFactor())
        if self.document.pageCount() == 0:
            return 1.0
        page_points = self.document.pagePointSize(0).width()
        margins = self.view.documentMargins()
        available = self.view.viewport().width() - margins.left() - margins.right()
        pixels_per_point = self.view.logicalDpiX() / 72.0
        return max(0.1, available / (page_points * pixels_per_point)) if page_points > 0 else 1.0

    def _apply_zoom(self, factor: float) -> None:
        if factor == FIT_WIDTH:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(factor)
        QTimer.singleShot(0, self, self._show_zoom)

    def _show_zoom(self) -> None:
        percent = round(self.effective_zoom() * 100)
        fit = self.zoom.factor == FIT_WIDTH
        self.zoom_label.setText(f"{percent} %")
        self.zoom_label.setToolTip("Fitting the width" if fit else "Ctrl+0 fits the width again")
        self.zoom_label.setAccessibleName(f"Zoom {percent} percent" + (", fit width" if fit else ""))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Ctrl+wheel zooms the pages (a plain wheel scrolls them)."""
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(event, QWheelEvent)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            delta = event.angleDelta().y()
            if delta:
                self.zoom.step(self.effective_zoom(), 1 if delta > 0 else -1)
            return True
        if event.type() == QEvent.Type.Resize and self.zoom.factor == FIT_WIDTH:
            QTimer.singleShot(0, self, self._show_zoom)
        return False
