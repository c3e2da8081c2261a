"""Which document is open, and every way its content can be replaced.

Open, import, drop, re-open, revert, a second ``resumepair open``, delete: no path replaces what the library
holds without the user's say. Opening a file whose library copy differs from it asks (keep the library's, take
the file's, or open both), and whatever is replaced is one step on an undo stack (the document's for its
content, the library's for whole documents). Every file is read through the import layer
(``app.model.importer``): the document holds the repaired values, the file stays as it is until the user
saves, and what the import did is reported (``imported``, shown by ``app.ui.import_report``).
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from app.errors import ResumePairError
from app.export.naming import safe_stem
from app.export.service import title_of_data
from app.library.documents import Document, DocumentLibrary
from app.model.importer import import_resume_file
from app.model.loading import decode_json_object
from app.render.locales import system_locale
from app.resources import sample_resume_path
from app.ui.conflict import ConflictChoice, ask_conflict
from app.ui.import_files import open_resume_file
from app.ui.import_outcome import (
    OPEN_FILTER,
    json_name_beside,
)
from app.ui.library_panel import LibraryPanel
from app.ui.messages import MessageBridge
from app.ui.session import DocumentSession
from app.ui.settings import LAST_DOCUMENT, AppSettings

log = logging.getLogger(__name__)

Button = QMessageBox.StandardButton


def read_resume_file(path: Path) -> dict[str, Any]:
    """A resume file's document as imported (repaired), or ``ResumeLoadError`` naming the file, line and column."""
    return import_resume_file(path).data


def _read_linked(source: Path | None) -> dict[str, Any] | None:
    """The linked file's content, or ``None`` when there is none or it cannot be read now."""
    if source is None:
        return None
    try:
        return read_resume_file(source)
    except (ResumePairError, OSError):
        return None


class _DeleteDocument(QUndoCommand):
    """Deleting a library document; undo puts it back with its id and opens it."""

    def __init__(self, controller: DocumentController, document: Document) -> None:
        super().__init__(f"Delete “{document.title}”")
        self.controller, self.document = controller, document

    def redo(self) -> None:
        """Removes the document (and opens another if it was open)."""
        self.controller.library.delete(self.document.id)
        self.controller.after_removal(self.document.id)

    def undo(self) -> None:
        """Restores the document as it was deleted (under a new id if SQLite gave its id to another one)."""
        library = self.controller.library
        if any(doc.id == self.document.id for doc in library.list()):
            new_id = library.create(
                self.document.title,
                decode_json_object(self.document.content),
                self.document.source_path,
                is_sample=self.document.is_sample,
            )
            self.document = library.get(new_id)
        else:
            library.restore(self.document)
        self.controller.show_restored(self.document.id)


class DocumentController(QObject):
    """Opens, imports, saves, reverts and deletes documents; emits ``sessionChanged`` when another one opens."""

    sessionChanged = Signal(object, object)  # noqa: N815 - Qt naming  #: new DocumentSession, old one or None
    imported = Signal(object)  #: ``ImportOutcome`` of every file opened

    def __init__(
        self,
        window: QWidget,
        library: DocumentLibrary,
        panel: LibraryPanel,
        messages: MessageBridge,
        settings: AppSettings,
    ) -> None:
        super().__init__(window)
        self.window, self.library, self.panel, self.messages, self.settings = (
            window,
            library,
            panel,
            messages,
            settings,
        )
        self.session: DocumentSession | None = None
        #: Steps on whole documents (delete, "open both"): active while the library list has the focus.
        self.library_stack = QUndoStack(self)
        #: Called with every file opened or saved (File › Open Recent).
        self.remember: Callable[[Path], None] = lambda _path: None
        #: Asks which version to open (tests replace it); see ``app.ui.conflict``.
        self.ask_conflict: Callable[[QWidget | None, Path, str, str], ConflictChoice] = ask_conflict
        #: The system's locale name, for a new resume's language (tests replace it).
        self.system_locale_name: Callable[[], str] = lambda: QLocale.system().name()
        #: Files that documents were imported from without being linked (YAML, ZIP...): Save As starts beside them.
        self.origins: dict[int, Path] = {}
        panel.openRequested.connect(self.open_document)
        panel.actionRequested.connect(self.library_action)

    # -- opening ---------------------------------------------------------------------------------------------

    def start(self, file: Path | None = None) -> None:
        """Opens ``file`` if given, else the last document, else the bundled sample."""
        if file is not None:
            self.open_file(file)
            return
        documents = self.library.list()
        if not documents:
            data = read_resume_file(sample_resume_path())
            document_id = self.library.create(title_of_data(data, sample_resume_path()), data, is_sample=True)
        else:
            last = self.settings.get(LAST_DOCUMENT)
            ids = [document.id for document in documents]
            document_id = last if last in ids else ids[0]
        self.panel.reload(select=document_id)
        self.open_document(document_id)

    def open_file(self, path: Path) -> int | None:
        """Imports a resume file and shows it; returns the document shown, if any (see ``app.ui.import_files``)."""
        return open_resume_file(self, path)

    def open_document(self, document_id: int) -> bool:
        """Shows a library document in the editor and the preview; ``False`` if it stayed closed."""
        if self.session is not None and self.session.document_id == document_id:
            self.panel.select(document_id)
            return True
        if not self.leave_current():
            if self.session is not None and self.session.document_id is not None:
                self.panel.select(self.session.document_id)
            return False
        try:
            document = self.library.get(document_id)
            data = decode_json_object(document.content)
        except ResumePairError as exc:
            self.messages.error(f"Cannot open this resume: {exc}")
            return False
        source = Path(document.source_path) if document.source_path else None
        session = DocumentSession(
            self.library,
            document_id,
            data,
            source,
            file_data=_read_linked(source),
            is_sample=document.is_sample,
            parent=self,
        )
        session.autosaved.connect(lambda: self.panel.refresh(document_id, self._open_id()))
        old, self.session = self.session, session
        self.sessionChanged.emit(session, old)
        self.settings.set(LAST_DOCUMENT, document_id)
        self.panel.select(document_id)
        return True

    def _open_id(self) -> int | None:
        return self.session.document_id if self.session is not None else None

    def leave_current(self) -> bool:
        """Saves the current document to the library; asks about unsaved changes to its linked file."""
        session = self.session
        if session is None or session.document_id is None:  # none, or one just deleted
            return True
        session.autosave_now()
        if session.source_path is None or not session.file_dirty:
            return True
        answer = self.messages.ask(
            "Unsaved changes",
            f"Save your changes to {session.source_path.name}?\n\nThey are kept in the library either way.",
            Button.Save | Button.Discard | Button.Cancel,
            Button.Save,
        )
        if answer == Button.Cancel:
            return False
        if answer == Button.Save:
            return self.save()
        return True

    def import_dialog(self) -> None:
        """File › Open: asks for resume files and opens each."""
        names, _filter = QFileDialog.getOpenFileNames(self.window, "Open resume files", str(Path.home()), OPEN_FILTER)
        self.import_files([Path(name) for name in names])

    def import_files(self, paths: list[Path]) -> None:
        """Opens files (File › Open, drag and drop, Open Recent, a second instance); problems are listed once."""
        problems = []
        for path in paths:
            try:
                self.open_file(path)
            except ResumePairError as exc:
                problems.append(str(exc))
        if problems:
            self.messages.error("Could not open: " + "; ".join(problems))

    def new_document(self) -> None:
        """Starts an empty resume in the library, in the system's language (English when we lack it)."""
        if not self.leave_current():
            return
        data = {"basics": {}, "meta": {"locale": system_locale(self.system_locale_name())}}
        document_id = self.library.create("Untitled resume", data)
        self.panel.reload(select=document_id)
        self.open_document(document_id)

    # -- files -----------------------------------------------------------------------------------------------

    def save(self) -> bool:
        """Writes the document to its linked file, or asks for one."""
        if self.session is None:
            return False
        if self.session.source_path is None:
            return self.save_as()
        return self._save_to(self.session.source_path)

    def save_as(self) -> bool:
        """Asks for a file and saves the document there (it stays linked to it)."""
        if self.session is None:
            return False
        stem = safe_stem(self.session.title)
        origin = self.origins.get(self.session.document_id) if self.session.document_id is not None else None
        suggested = self.session.source_path or (
            json_name_beside(origin, stem) if origin is not None else Path.home() / f"{stem}.json"
        )
        name, _filter = QFileDialog.getSaveFileName(
            self.window, "Save resume as", str(suggested), "JSON Resume (*.json)"
        )
        if not name:
            return False
        path = Path(name) if name.endswith(".json") else Path(f"{name}.json")
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        assert self.session is not None and self.session.document_id is not None
        try:
            self.session.save_to(path)
        except OSError as exc:
            self.messages.error(f"Not saved: {path} could not be written ({exc.strerror or exc}).")
            return False
        self.remember(path.resolve())
        self.messages.status(f"Saved to {path}", 5000)
        self.panel.refresh(self.session.document_id, self.session.document_id)
        return True

    def revert(self) -> None:
        """File › Revert: the linked file's content replaces the edits (one undo step brings them back)."""
        session = self.session
        if session is None or session.source_path is None:
            return
        try:
            data = read_resume_file(session.source_path)
        except ResumePairError as exc:
            self.messages.error(f"Cannot revert: {exc}")
            return
        if data == session.data:
            self.messages.status(f"Nothing to revert: the document matches {session.source_path.name}")
            return
        answer = self.messages.ask(
            "Revert to file",
            f"Replace your edits with the content of {session.source_path.name}?\n\nUndo (Ctrl+Z) brings them back.",
            Button.Yes | Button.Cancel,
            Button.Cancel,
        )
        if answer != Button.Yes:
            return
        session.set_file_data(data)
        session.replace_all(data, f"Revert to {session.source_path.name}")

    # -- library ---------------------------------------------------------------------------------------------

    def library_action(self, name: str) -> None:
        """A library button: new, import, duplicate, rename, delete."""
        current = self.panel.current_id()
        if name == "new":
            self.new_document()
        elif name == "import":
            self.import_dialog()
        elif current is None:
            return
        elif name == "duplicate":
            if self.session is not None:
                self.session.autosave_now()
            copy_id = self.library.duplicate(current)
            self.panel.reload(select=copy_id)
            self.open_document(copy_id)
        elif name == "rename":
            title, ok = QInputDialog.getText(self.window, "Rename", "Title:", text=self.library.get(current).title)
            if ok and title.strip():
                self.library.rename(current, title)
                self.panel.refresh(current, self._open_id())
        elif name == "delete":
            self.delete_document(current)

    def delete_document(self, document_id: int, *, confirm: bool = True) -> None:
        """Deletes a library document (its linked file on disk is not touched); Undo brings it back."""
        document = self.library.get(document_id)
        if confirm:
            answer = self.messages.ask(
                "Delete resume",
                f"Delete “{document.title}” from the library?\n\nA file it was opened from stays on disk; "
                "Undo brings the resume back.",
                Button.Yes | Button.No,
                Button.No,
            )
            if answer != Button.Yes:
                return
        if self.session is not None and self.session.document_id == document_id:
            self.session.autosave_now()
            document = self.library.get(document_id)
        self.library_stack.push(_DeleteDocument(self, copy.copy(document)))
        step = self.library_stack.index()
        self.messages.info(
            f"Deleted “{document.title}”.",
            actions=[("Undo", lambda: self.library_stack.undo() if self.library_stack.index() == step else None)],
        )

    def after_removal(self, document_id: int) -> None:
        """A document left the library: another one opens if it was the open one."""
        if self.session is None or self.session.document_id != document_id:
            self.panel.reload()
            return
        self.session.document_id = None  # nothing to autosave into any more
        remaining = sorted(self.library.list(), key=lambda doc: (doc.title.casefold(), doc.id))
        if not remaining:
            self.new_document()
            return
        self.panel.reload(select=remaining[0].id)
        self.open_document(remaining[0].id)

    def show_restored(self, document_id: int) -> None:
        """A document came back (undo of a delete) or was added: it opens."""
        self.panel.reload(select=document_id)
        self.open_document(document_id)
