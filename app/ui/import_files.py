"""Opening one resume file: the import layer reads it, and the library gets (or finds) its document.

Only a JSON Resume JSON file is linked to its document (``import_outcome.is_linkable``); opening it again
compares the library copy with what the file imports as, and asks when they differ (keep the library's, take
the file's, or open both). A file in another format (YAML, a LinkedIn export, Reactive Resume, RenderCV) makes
a document of its own, found again when the same file is opened later. Each opening ends with the controller's
``imported`` signal carrying an ``ImportOutcome`` for the report.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from app.errors import ResumePairError
from app.export.service import title_of_data
from app.library.documents import Document
from app.model.importer import import_resume_file
from app.model.loading import decode_json_object
from app.ui.conflict import ConflictChoice
from app.ui.import_outcome import ImportOutcome, is_linkable, suggested_locale, unlinked_copy
from app.ui.library_panel import describe

if TYPE_CHECKING:
    from app.ui.documents import DocumentController

log = logging.getLogger(__name__)


class _AddDocument(QUndoCommand):
    """A document added from a file ("Open both"); undo removes it again."""

    def __init__(self, controller: DocumentController, title: str, data: dict[str, Any]) -> None:
        super().__init__(f"Add “{title}”")
        self.controller, self.title, self.data = controller, title, data
        self.document: Document | None = None

    def redo(self) -> None:
        """Adds (or, after an undo, restores) the document and opens it."""
        library = self.controller.library
        if self.document is None:
            self.document = library.get(library.create(self.title, self.data))
        else:
            library.restore(self.document)
        self.controller.show_restored(self.document.id)

    def undo(self) -> None:
        """Removes the added document."""
        assert self.document is not None
        if self.controller.session is not None and self.controller.session.document_id == self.document.id:
            self.controller.session.autosave_now()
        self.document = self.controller.library.delete(self.document.id)
        self.controller.after_removal(self.document.id)


def open_resume_file(controller: DocumentController, path: Path) -> int | None:
    """Imports a resume file; returns the document shown, if any.

    A JSON Resume JSON file becomes a new library document linked to it, or opens the one already linked,
    asking first when the library copy differs from what the file imports as. Any other format (YAML, a
    LinkedIn export, Reactive Resume, RenderCV) becomes a document of its own, not linked: Save must not
    write JSON Resume over it.
    """
    result = import_resume_file(path)
    resolved = path.resolve()
    controller.remember(resolved)
    linked = is_linkable(result)
    if linked:
        shown, replaced = _open_linked(controller, path, resolved, result.data)
    else:
        shown, replaced = _open_unlinked(controller, path, resolved, result.data), False
    if shown is not None:
        controller.imported.emit(
            ImportOutcome(
                resolved,
                shown,
                title_of_data(result.data, path),
                result.source_format,
                result.syntax,
                tuple(result.repairs),
                linked=linked,
                suggested_locale=suggested_locale(result.data),
                replaced=replaced,
            )
        )
    return shown


def _open_unlinked(controller: DocumentController, path: Path, resolved: Path, data: dict[str, Any]) -> int | None:
    """A converted file: the library document with the same content if there is one, else a new one."""
    same = unlinked_copy(controller.library, data)
    if same is None:
        same = controller.library.create(title_of_data(data, path), data)
        controller.panel.reload(select=same)
    controller.origins[same] = resolved
    return same if controller.open_document(same) else None


def _open_linked(
    controller: DocumentController, path: Path, resolved: Path, data: dict[str, Any]
) -> tuple[int | None, bool]:
    """A JSON Resume file: its linked document (asking when that differs), or a new one linked to it."""
    existing = next((doc for doc in controller.library.list() if doc.source_path == str(resolved)), None)
    if existing is None:
        document_id = controller.library.create(title_of_data(data, path), data, str(resolved))
        controller.panel.reload(select=document_id)
        return (document_id if controller.open_document(document_id) else None), False
    open_now = controller.session is not None and controller.session.document_id == existing.id
    if open_now and controller.session is not None:
        controller.session.autosave_now()
        library_data: dict[str, Any] | None = controller.session.data
    else:
        try:
            library_data = decode_json_object(existing.content)
        except ResumePairError:
            library_data = None
    if library_data == data:
        return (existing.id if controller.open_document(existing.id) else None), False
    choice = controller.ask_conflict(controller.window, resolved, existing.title, describe(existing).split(" · ")[0])
    log.info("library copy of %s differs from the file: %s", resolved, choice.value)
    if choice is ConflictChoice.CANCEL:
        return None, False
    if choice is ConflictChoice.OPEN_BOTH:
        if not controller.leave_current():
            return None, False
        title = f"{title_of_data(data, path)} (from {resolved.name})"
        controller.library_stack.push(_AddDocument(controller, title, data))
        return (controller.session.document_id if controller.session is not None else None), False
    if not controller.open_document(existing.id):
        return None, False
    if choice is ConflictChoice.TAKE_FILE and controller.session is not None:
        controller.session.set_file_data(data)
        controller.session.replace_all(data, f"Take the version in {resolved.name}")
        return existing.id, True
    return existing.id, False
