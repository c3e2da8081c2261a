"""The profile photo field: pick an image file, which is embedded in the resume as a data URI.

Embedding is what lets the renderer use it (it never reads files or URLs); the picture is scaled down to
600 px wide first, so a phone photo does not make the resume file tens of megabytes.
"""

from __future__ import annotations

import base64
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.render.images import encode_data_uri
from app.ui.fields import is_affected
from app.ui.session import DocumentSession

MAX_PHOTO_PX = 600
PATH = ("basics", "image")


def image_to_data_uri(path: Path) -> str | None:
    """The image file as a JPEG (or PNG when transparent) data URI, at most 600 px wide; ``None`` if unreadable."""
    picture = QImage(str(path))
    if picture.isNull():
        return None
    return encode_data_uri(picture, MAX_PHOTO_PX)


class PhotoField(QWidget):
    """Thumbnail, "Choose photo…" and "Remove"; explains when the stored image is a URL that is not used."""

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("field:basics.image")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        self.thumbnail = QLabel(self)
        self.thumbnail.setFixedSize(64, 64)
        self.thumbnail.setStyleSheet("border: 1px solid palette(mid); background: palette(base);")
        self.thumbnail.setAccessibleName("Photo")
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.thumbnail)
        column = QVBoxLayout()
        column.addWidget(QLabel("Photo (optional)", self))
        buttons = QHBoxLayout()
        choose = QPushButton("Choose photo…", self)
        choose.setAccessibleName("Choose photo")
        choose.clicked.connect(self.choose)
        remove = QPushButton("Remove", self)
        remove.setAccessibleName("Remove photo")
        remove.clicked.connect(lambda: self.session.set(PATH, None, merge=False, text="Remove photo"))
        buttons.addWidget(choose)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setObjectName("hint")
        column.addWidget(self.note)
        layout.addLayout(column, 1)
        self.refresh()
        session.changed.connect(self._on_changed)

    def choose(self) -> None:
        """Asks for an image file and embeds it."""
        name, _filter = QFileDialog.getOpenFileName(
            self, "Choose a photo", str(Path.home()), "Images (*.png *.jpg *.jpeg *.webp *.gif)"
        )
        if name:
            self.set_from_file(Path(name))

    def set_from_file(self, path: Path) -> bool:
        """Embeds an image file (also used by tests); says so beside the photo when the file is not an image."""
        uri = image_to_data_uri(path)
        if uri is None:
            self.note.setText(f"{path.name} could not be read as an image; choose a PNG, JPEG, WebP or GIF file.")
            return False
        self.session.set(PATH, uri, merge=False, text="Set photo")
        return True

    def refresh(self) -> None:
        """Shows the current photo, or why there is none."""
        value = self.session.get(PATH)
        self.thumbnail.clear()
        if isinstance(value, str) and value.startswith("data:image/"):
            picture = QImage()
            picture.loadFromData(base64.b64decode(value.split(",", 1)[-1] or ""))
            self.thumbnail.setPixmap(
                QPixmap.fromImage(picture).scaled(
                    64, 64, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            )
            self.note.setText("Embedded in the resume.")
        elif isinstance(value, str) and value:
            self.thumbnail.setText("—")
            self.note.setText(f"“{value[:60]}” is a link: links are never fetched. Choose a file to embed it.")
        else:
            self.thumbnail.setText("none")
            self.note.setText("Shown only by templates with a photo; many ATS prefer none.")

    def _on_changed(self, changed: object) -> None:
        if is_affected(tuple(changed), PATH):  # type: ignore[arg-type]
            self.refresh()
