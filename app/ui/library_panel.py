"""The document library on the left: the resumes in the store, with new, import, duplicate, rename, delete.

A list model over the library, ordered by title so rows stay where they are while the user works (autosave
changes a row's text in place; only a new title can move it). Each row says when it was edited and with which
template, kept current after every save and every minute.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QGridLayout, QListView, QPushButton, QVBoxLayout, QWidget

from app.errors import ResumePairError
from app.library.documents import Document, DocumentLibrary
from app.render.templates import DEFAULT_TEMPLATE_ID, template_registry
from app.store.clock import utc_now
from app.ui.icons import icon

ID_ROLE = Qt.ItemDataRole.UserRole
MINUTE_MS = 60_000


def template_name(document: Document) -> str:
    """The name of the template a document uses (its ``meta.template``, else the default)."""
    try:
        data: Any = json.loads(document.content)
        wanted = data.get("meta", {}).get("template") if isinstance(data, dict) else None
    except (ValueError, AttributeError):
        wanted = None
    registry = template_registry()
    template = registry.get(wanted) if isinstance(wanted, str) else None
    return (template or registry[DEFAULT_TEMPLATE_ID]).manifest.name


def describe(document: Document) -> str:
    """Second line of a library entry: when it was edited and with which template."""
    age = utc_now() - document.updated_at
    if age.total_seconds() < 60:
        when = "just now"
    elif age.total_seconds() < 3600:
        when = f"{int(age.total_seconds() // 60)} min ago"
    elif age.days < 1:
        when = f"{int(age.total_seconds() // 3600)} h ago"
    else:
        when = document.updated_at.astimezone().strftime("%d %b %Y")
    return f"edited {when} · {template_name(document)}"


def _order(document: Document) -> tuple[str, int]:
    return (document.title.casefold(), document.id)


class LibraryModel(QAbstractListModel):
    """The library's documents as rows: title, when edited, template; ``ID_ROLE`` gives the document id."""

    def __init__(self, library: DocumentLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.documents: list[Document] = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """One row per document."""
        return 0 if parent.isValid() else len(self.documents)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Title and description, the id, the linked file as tooltip."""
        if not index.isValid() or not 0 <= index.row() < len(self.documents):
            return None
        document = self.documents[index.row()]
        title = f"{document.title} (sample)" if document.is_sample else document.title
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{title}\n{describe(document)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{title}, {describe(document)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return document.source_path or "Stored in the library only"
        if role == ID_ROLE:
            return document.id
        return None

    def reload(self) -> None:
        """Reads every document again."""
        self.beginResetModel()
        self.documents = sorted(self.library.list(), key=_order)
        self.endResetModel()

    def refresh(self, document_id: int) -> None:
        """Re-reads one document; its row changes in place unless its title moved it."""
        row = self.row_of(document_id)
        try:
            document = self.library.get(document_id)
        except ResumePairError:
            self.reload()
            return
        if row is None:
            self.reload()
            return
        self.documents[row] = document
        if sorted(self.documents, key=_order) != self.documents:
            self.reload()
            return
        self.dataChanged.emit(self.index(row), self.index(row))

    def tick(self) -> None:
        """Ages the "edited ... ago" texts."""
        if self.documents:
            self.dataChanged.emit(self.index(0), self.index(len(self.documents) - 1))

    def row_of(self, document_id: int) -> int | None:
        """The row showing a document."""
        return next((row for row, doc in enumerate(self.documents) if doc.id == document_id), None)


class LibraryPanel(QWidget):
    """The list of documents; emits which one to open and which action the user asked for."""

    openRequested = Signal(int)  # noqa: N815 - Qt naming  #: document id
    actionRequested = Signal(str)  # noqa: N815  #: new, import, duplicate, rename, delete

    def __init__(self, library: DocumentLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setObjectName("library")
        self.setAccessibleName("Library")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.model = LibraryModel(library, self)
        self.documents = QListView(self)
        self.documents.setObjectName("documents")
        self.documents.setAccessibleName("Resumes")
        self.documents.setModel(self.model)
        self.documents.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.documents.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.documents.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.documents.setUniformItemSizes(True)
        self.documents.selectionModel().currentChanged.connect(self._current_changed)
        layout.addWidget(self.documents, 1)
        row = QGridLayout()
        row.setSpacing(4)
        self.buttons: dict[str, QPushButton] = {}
        for index, (name, text, glyph, tip) in enumerate(
            (
                ("new", "New", "file-plus", "New resume (Ctrl+N)"),
                ("import", "Import", "file-input", "Import resume files (Ctrl+O)"),
                ("duplicate", "Copy", "copy", "Duplicate the selected resume"),
                ("rename", "Rename", "pencil", "Rename the selected resume"),
                ("delete", "Delete", "trash-2", "Delete the selected resume (can be undone)"),
            )
        ):
            button = QPushButton(icon(glyph), text, self)
            button.setObjectName(name)
            button.setToolTip(tip)
            button.setAccessibleName(tip.split(" (")[0])
            button.clicked.connect(lambda _checked=False, n=name: self.actionRequested.emit(n))
            row.addWidget(button, index // 3, index % 3)
            self.buttons[name] = button
        layout.addLayout(row)
        self._reloading = False
        self._timer = QTimer(self)
        self._timer.setInterval(MINUTE_MS)
        self._timer.timeout.connect(self.model.tick)
        self._timer.start()

    def reload(self, select: int | None = None) -> None:
        """Refills the list from the store; selects ``select`` (a document id), else keeps the selection."""
        current = select if select is not None else self.current_id()
        self._reloading = True
        try:
            self.model.reload()
            if current is not None:
                self._select(current)
        finally:
            self._reloading = False

    def refresh(self, document_id: int, selected: int | None) -> None:
        """One document changed (autosave, rename): its row follows, the selection stays on ``selected``."""
        self._reloading = True
        try:
            self.model.refresh(document_id)
            if selected is not None:
                self._select(selected)
        finally:
            self._reloading = False

    def select(self, document_id: int) -> None:
        """Highlights a document's row without asking to open it (it is open already)."""
        self._reloading = True
        try:
            self._select(document_id)
        finally:
            self._reloading = False

    def _select(self, document_id: int) -> None:
        row = self.model.row_of(document_id)
        if row is None:
            return
        index = self.model.index(row)
        self.documents.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.documents.scrollTo(index)

    def current_id(self) -> int | None:
        """The selected document's id."""
        index = self.documents.currentIndex()
        return int(index.data(ID_ROLE)) if index.isValid() else None

    def count(self) -> int:
        """How many documents the list shows."""
        return self.model.rowCount()

    def row_text(self, row: int) -> str:
        """The text of one row (tests, accessibility checks)."""
        return str(self.model.index(row).data(Qt.ItemDataRole.DisplayRole))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._reloading and current.isValid():
            self.openRequested.emit(int(current.data(ID_ROLE)))
