"""The profile photo: accepted only as a ``data:`` URI, resampled to the export quality's resolution.

A photo is never fetched: a remote or ``file:`` URL in ``basics.image`` is ignored (the rendering profile
blocks it anyway). The desktop app embeds a photo the user picks as a data URI, so it travels with the resume.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import TYPE_CHECKING

from app.render.options import Quality

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

#: Printed width of the photo in templates, in millimetres; resolution limits are computed against it.
PHOTO_WIDTH_MM = 32.0
_DATA_URI = re.compile(r"^data:image/(png|jpeg|jpg|gif|webp);base64,([A-Za-z0-9+/=\s]+)$", re.IGNORECASE)
_MAX_PHOTO_BYTES = 8 * 1024 * 1024


def photo_data_uri(image: str | None, quality: Quality) -> str | None:
    """A data URI for the photo at no more than ``quality.dpi``, or ``None`` when there is no usable photo."""
    if not image:
        return None
    match = _DATA_URI.match(image.strip())
    if match is None:
        return None
    try:
        raw = base64.b64decode(match.group(2), validate=False)
    except (binascii.Error, ValueError):
        return None
    if not raw or len(raw) > _MAX_PHOTO_BYTES:
        return None
    # Qt is imported here, not with the module: the HTML layer loads before Qt in a CLI export (see
    # app/cli/running.py), and only a resume with a photo needs it.
    from PySide6.QtGui import QImage

    picture = QImage()
    if not picture.loadFromData(raw):
        return None
    max_px = round(PHOTO_WIDTH_MM / 25.4 * quality.dpi)
    return encode_data_uri(picture, max_px, 80 if quality is Quality.DRAFT else 90)


def encode_data_uri(picture: QImage, max_width_px: int, jpeg_quality: int = 90) -> str:
    """``picture`` no wider than ``max_width_px`` (never upscaled), as a JPEG data URI, or PNG when transparent."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt

    if picture.width() > max_width_px:
        picture = picture.scaledToWidth(max_width_px, Qt.TransformationMode.SmoothTransformation)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    fmt = "PNG" if picture.hasAlphaChannel() else "JPEG"
    # The stub asks for bytes; PySide6 6.12 only accepts str at run time.
    picture.save(buffer, fmt, jpeg_quality)  # type: ignore[call-overload]
    encoded = base64.b64encode(bytes(QByteArray(buffer.data()).data())).decode("ascii")
    return f"data:image/{fmt.lower()};base64,{encoded}"
