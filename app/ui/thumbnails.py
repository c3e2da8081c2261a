"""Template thumbnails for the Design page: the sample's first page printed with each template, in the background."""

from __future__ import annotations

import contextlib
from concurrent.futures import Future

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtPdf import QPdfDocument

from app.render.engine import PdfEngine
from app.render.options import ExportOptions
from app.render.templates import template_registry
from app.resources import sample_resume_path
from app.ui.design import THUMBNAIL_SIZE


class Thumbnails(QObject):
    """Renders once per start; ``ready`` fires per template, ``icons`` keeps them for editors opened later."""

    ready = Signal(str, QIcon)  #: template id, its thumbnail
    _printed = Signal(str, object)  #: internal: template id, Future[bytes] (from the engine's callback)

    def __init__(self, engine: PdfEngine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.icons: dict[str, QIcon] = {}
        self._printed.connect(self._on_printed)

    def render(self) -> None:
        """Queues one print per template."""
        from app.model.loading import load_resume_file
        from app.render.html import render_html
        from app.render.pipeline import plan_render

        resume = load_resume_file(sample_resume_path())
        for template_id in template_registry():
            options = ExportOptions(template=template_id)
            plan = plan_render(resume, options)
            html = render_html(resume, plan.template, plan.tokens, plan.setup, options.quality)
            future = self.engine.submit(html, plan.setup)

            def printed(done: Future[bytes], t: str = template_id) -> None:
                with contextlib.suppress(RuntimeError):  # the window closed while printing
                    self._printed.emit(t, done)

            future.add_done_callback(printed)

    def _on_printed(self, template_id: str, future: Future[bytes]) -> None:
        if future.exception() is not None:
            return
        buffer = QBuffer(self)
        buffer.setData(QByteArray(future.result()))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document = QPdfDocument(self)
        document.load(buffer)
        image: QImage = document.render(0, THUMBNAIL_SIZE * 2)
        document.close()
        document.deleteLater()
        buffer.deleteLater()
        icon = QIcon(
            QPixmap.fromImage(image).scaled(
                THUMBNAIL_SIZE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )
        self.icons[template_id] = icon
        self.ready.emit(template_id, icon)
