"""Renders every platform's app icon from the one source, ``packaging/icons/resumepair.svg``.

Writes, under ``packaging/icons/``:

* ``png/<size>.png`` for the Linux hicolor theme (16 ... 512 px) and the 1024 px master;
* ``resumepair.ico`` (Windows: 16, 20, 24, 32, 40, 48, 64, 128, 256 px, each rendered at its own size);
* ``resumepair.icns`` (macOS: 16 ... 1024 px, including the @2x variants).

The SVG is rasterised by Qt's ``QSvgRenderer`` (PySide6, already a dependency); Pillow writes the ICO and
ICNS containers (``packaging/lock/build-tools.in``). The outputs are committed, so a build only runs this
when one is missing; run ``python packaging/icons.py`` after changing the SVG.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ICONS = HERE / "icons"
SOURCE = ICONS / "resumepair.svg"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)
MASTER = 1024


def outputs() -> list[Path]:
    """Every file this script writes."""
    sizes = sorted({*HICOLOR_SIZES, MASTER})
    return [*(ICONS / "png" / f"{size}.png" for size in sizes), ICONS / "resumepair.ico", ICONS / "resumepair.icns"]


def render_png(size: int) -> bytes:
    """The SVG rendered at ``size`` x ``size`` pixels, as PNG bytes (transparent background)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def generate() -> list[Path]:
    """Writes every icon; returns the paths written."""
    from PIL import Image

    (ICONS / "png").mkdir(parents=True, exist_ok=True)
    wanted = sorted({*HICOLOR_SIZES, *ICO_SIZES, *ICNS_SIZES, MASTER})
    images = {}
    for size in wanted:
        png = render_png(size)
        images[size] = Image.open(io.BytesIO(png)).convert("RGBA")
        if size in HICOLOR_SIZES or size == MASTER:
            (ICONS / "png" / f"{size}.png").write_bytes(png)
    largest = images[256]
    largest.save(
        ICONS / "resumepair.ico",
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != 256],
    )
    images[MASTER].save(
        ICONS / "resumepair.icns",
        format="ICNS",
        append_images=[images[s] for s in ICNS_SIZES if s != MASTER],
    )
    return outputs()


def ensure() -> None:
    """Generates the icons only if one is missing (they are committed)."""
    if not all(path.is_file() for path in outputs()):
        generate()


if __name__ == "__main__":
    for path in generate():
        print(f"{path.relative_to(HERE.parent)}  {path.stat().st_size:>8} bytes")
