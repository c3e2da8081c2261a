"""Icons from the bundled Lucide set (``resources/icons/lucide``), drawn in the palette's colours.

Lucide's SVGs stroke with ``currentColor``. The icon engine here substitutes the colour the palette has at paint
time (text, disabled text, or highlighted text on a selected row), so the same icon is dark on a light scheme,
light on a dark one, and follows a scheme change without being set again.
"""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtCore import QByteArray, QRect, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap

from app.resources import resource_path

log = logging.getLogger(__name__)


@cache
def _svg_source(name: str) -> str:
    return resource_path("icons", "lucide", f"{name}.svg").read_text(encoding="utf-8")


def _colour_for(mode: QIcon.Mode) -> QColor:
    palette = QGuiApplication.palette()
    if mode == QIcon.Mode.Disabled:
        return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    if mode == QIcon.Mode.Selected:
        return palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText)
    return palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text)


class TintedSvgEngine(QIconEngine):
    """Paints one Lucide icon in the colour the palette gives for the requested mode."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self._cache: dict[tuple[int, int, str, float], QPixmap] = {}

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        """Draws the icon into ``rect``."""
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        pixmap = self._render(rect.size(), mode, ratio)
        painter.drawPixmap(rect, pixmap)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        """The icon at ``size`` (device pixels)."""
        return self._render(size, mode, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:  # noqa: N802
        """The icon for a high-DPI screen."""
        return self._render(size, mode, scale)

    def clone(self) -> QIconEngine:
        """A copy (Qt copies engines when icons are copied)."""
        return TintedSvgEngine(self.name)

    def key(self) -> str:
        """Identifies the engine kind."""
        return "resumepair-tinted-svg"

    def _render(self, size: QSize, mode: QIcon.Mode, ratio: float) -> QPixmap:
        colour = _colour_for(mode).name(QColor.NameFormat.HexArgb)
        key = (size.width(), size.height(), f"{colour}{int(mode.value)}", ratio)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        pixmap = QPixmap(max(1, round(size.width() * ratio)), max(1, round(size.height() * ratio)))
        pixmap.fill(Qt.GlobalColor.transparent)
        try:
            source = _svg_source(self.name)
        except OSError as exc:
            log.error("icon %s missing: %s", self.name, exc)
            return pixmap
        svg = source.replace("currentColor", _colour_for(mode).name())
        try:
            from PySide6.QtSvg import QSvgRenderer
        except ImportError:  # a bundle built without QtSvg: blank icons, text labels still say everything
            log.warning("QtSvg is not available; icons are not drawn")
            return pixmap
        renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        pixmap.setDevicePixelRatio(ratio)
        self._cache[key] = pixmap
        return pixmap


def icon(name: str) -> QIcon:
    """A Lucide icon by its file name (``"file-plus"``)."""
    return QIcon(TintedSvgEngine(name))
