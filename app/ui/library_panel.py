"""The document library on the left: the resumes in the store, with new, import, duplicate, rename, delete."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from app.library.documents import Document, DocumentLibrary
from app.store.clock import utc_now


def describe(document: Document) -> str:
    """Second line of a library entry: when it was edited and with which template."""
    try:
        data: Any = json.loads(document.content)
        template = data.get("meta", {}).get("template") or "classic"
    except (ValueError, AttributeError):
        template = "?"
    age = utc_now() - document.updated_at
    if age.total_seconds() < 60:
        when = "just now"
    elif age.total_seconds() < 3600:
        when = f"{int(age.total_seconds() // 60)} min ago"
    elif age.days < 1:
        when = f"{int(age.total_seconds() // 3600)} h ago"
    else:
        when = document.updated_at.astimezone().strftime("%d %b %Y")
    return f"edited {when} · {template}"


class LibraryPanel(QWidget):
    """The list of documents; emits which one to open and which action the user asked for."""

    openRequested = Signal(int)  # noqa: N815 - Qt naming  #: document id
    actionRequested = Signal(str)  # noqa: N815  #: new, import, duplicate, rename, delete

    def __init__(self, library: DocumentLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setObjectName("library")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.documents = QListWidget(self)
        self.documents.setObjectName("documents")
        self.documents.setAccessibleName("Resumes")
        self.documents.setAlternatingRowColors(True)
        self.documents.currentItemChanged.connect(self._current_changed)
        layout.addWidget(self.documents, 1)
        row = QGridLayout()
        for index, (name, text, tip) in enumerate(
            (
                ("new", "New", "New resume (Ctrl+N)"),
                ("import", "Import", "Import JSON Resume files (Ctrl+O)"),
                ("duplicate", "Copy", "Duplicate the selected resume"),
                ("rename", "Rename", "Rename the selected resume"),
                ("delete", "Delete", "Delete the selected resume"),
            )
        ):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.setToolTip(tip)
            button.clicked.connect(lambda _checked=False, n=name: self.actionRequested.emit(n))
            row.addWidget(button, index // 3, index % 3)
        layout.addLayout(row)
        self._reloading = False

    def reload(self, select: int | None = None) -> None:
        """Refills the list from the store; selects ``select`` (a document id) if given."""
        self._reloading = True
        current = select if select is not None else self.current_id()
        self.documents.clear()
        for document in self.library.list():
            title = f"{document.title}  (sample)" if document.is_sample else document.title
            item = QListWidgetItem(f"{title}\n{describe(document)}")
            item.setData(Qt.ItemDataRole.UserRole, document.id)
            item.setToolTip(document.source_path or "Stored in the library only")
            self.documents.addItem(item)
            if document.id == current:
                self.documents.setCurrentItem(item)
        self._reloading = False

    def current_id(self) -> int | None:
        """The selected document's id."""
        item = self.documents.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _current_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if not self._reloading and current is not None:
            self.openRequested.emit(int(current.data(Qt.ItemDataRole.UserRole)))
