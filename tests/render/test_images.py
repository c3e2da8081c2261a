"""The profile photo: data URIs only, resampled to the quality's resolution."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QColor, QImage

from app.render.images import PHOTO_WIDTH_MM, photo_data_uri
from app.render.options import Quality
from tests.conftest import ROOT


def png_data_uri(width: int) -> str:
    image = QImage(width, width, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(bytes(buffer.data().data())).decode()


def decoded_width(uri: str) -> int:
    image = QImage()
    assert image.loadFromData(base64.b64decode(uri.split(",", 1)[1]))
    return image.width()


@pytest.mark.parametrize("quality", list(Quality))
def test_photo_is_resampled_to_the_quality_dpi(qapp: object, quality: Quality) -> None:
    uri = photo_data_uri(png_data_uri(1200), quality)
    assert uri is not None
    assert decoded_width(uri) == round(PHOTO_WIDTH_MM / 25.4 * quality.dpi)


def test_small_photos_are_not_upscaled(qapp: object) -> None:
    uri = photo_data_uri(png_data_uri(50), Quality.HIGH)
    assert uri is not None
    assert decoded_width(uri) == 50


@pytest.mark.parametrize(
    "image", ["https://example.com/me.png", "file:///etc/passwd", "me.png", "data:text/html;base64,PGI+", ""]
)
def test_anything_but_an_image_data_uri_is_ignored(image: str) -> None:
    assert photo_data_uri(image, Quality.NORMAL) is None


PLUGINS_PROBE = """
import json
from pathlib import Path
from app.render.environment import headless_environment
headless_environment()
from app.render.runtime import application
application()
maps = Path("/proc/self/maps").read_text()
print(json.dumps(sorted({line.rsplit("/", 1)[-1] for line in maps.splitlines() if "/imageformats/" in line})))
"""


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="reads the process's mapped libraries (Linux)")
def test_the_application_loads_the_image_plugins_on_its_own_thread() -> None:
    # An export thread that made Qt load a plugin for the first photo deadlocked with the GUI thread
    # (app/render/runtime.py, load_image_plugins): the plugins must be loaded before any export thread runs.
    result = subprocess.run(
        [sys.executable, "-c", PLUGINS_PROBE], capture_output=True, text=True, cwd=ROOT, timeout=60, check=True
    )
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert {"libqjpeg.so", "libqgif.so", "libqwebp.so", "libqsvg.so"} <= loaded, result.stdout
