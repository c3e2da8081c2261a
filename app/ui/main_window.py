"""The main window: library | form editor | live preview, menus, shortcuts, autosave and files."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QEventLoop, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QImage,
    QKeySequence,
    QPixmap,
    QUndoGroup,
)
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.errors import ResumePairError
from app.export.models import Job, JobStatus
from app.export.service import ExportSystem, title_of_data
from app.export.worker import QueueWorker, WorkerScope
from app.library.documents import DocumentLibrary
from app.library.template_settings import TemplateSettings
from app.model.loading import decode_json_object, read_resume_bytes
from app.render.engine import PdfEngine
from app.render.options import ExportOptions
from app.render.templates import template_registry
from app.resources import sample_resume_path
from app.ui.batch_dialog import BatchDialog
from app.ui.design import THUMBNAIL_SIZE
from app.ui.editor import EditorPanel
from app.ui.export_dialog import ExportDialog, ExportRequest
from app.ui.form_spec import SECTIONS
from app.ui.history_panel import HistoryPanel
from app.ui.library_panel import LibraryPanel
from app.ui.preview import PreviewPanel
from app.ui.queue_panel import QueuePanel
from app.ui.session import DocumentSession
from app.ui.toast import Toaster

log = logging.getLogger(__name__)

MAX_RECENT = 8


def read_resume_file(path: Path) -> dict[str, Any]:
    """A file's JSON object, or ``ResumeLoadError`` saying why not (schema problems are shown in the form)."""
    return decode_json_object(read_resume_bytes(path), str(path))


class MainWindow(QMainWindow):
    """One window per process; owns the export system, the engine, the queue worker and the open document."""

    documentOpened = Signal(int)  # noqa: N815 - Qt naming  #: document id

    def __init__(self, system: ExportSystem, engine: PdfEngine, data_dir: Path) -> None:
        super().__init__()
        self.system = system
        self.engine = engine
        self.library = DocumentLibrary(system.store)
        self.settings = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat, self)
        self.session: DocumentSession | None = None
        self.editor: EditorPanel | None = None
        self.preview: PreviewPanel | None = None
        self.thumbnails: dict[str, QIcon] = {}
        self.undo_group = QUndoGroup(self)
        self.setWindowTitle("ResumePair")
        self.setAcceptDrops(True)
        self.resize(1440, 900)

        self.library_panel = LibraryPanel(self.library, self)
        self.library_panel.openRequested.connect(self.open_document)
        self.library_panel.actionRequested.connect(self._library_action)
        self.middle = QWidget(self)
        middle_layout = QVBoxLayout(self.middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        self.middle_layout = middle_layout
        self.banner = QLabel(self.middle)
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff4ce; color: #5c4400; padding: 6px; border-radius: 3px;")
        self.banner.hide()
        middle_layout.addWidget(self.banner)
        self.preview_holder = QWidget(self)
        self.preview_layout = QVBoxLayout(self.preview_holder)
        self.preview_layout.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.library_panel)
        self.splitter.addWidget(self.middle)
        self.splitter.addWidget(self.preview_holder)
        self.splitter.setChildrenCollapsible(False)
        self.library_panel.setMinimumWidth(200)
        self.middle.setMinimumWidth(420)
        self.preview_holder.setMinimumWidth(360)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([240, 560, 640])
        self.setCentralWidget(self.splitter)
        self._build_actions()
        self._restore_layout()

        self.template_settings = TemplateSettings(system.store)
        self.toaster = Toaster(self)
        self._pending_exports: dict[int, ExportRequest] = {}
        self._pending_batches: dict[int, Path] = {}
        self._batch_dialogs: list[BatchDialog] = []
        self._build_docks()
        self.worker = QueueWorker(system.store, engine, WorkerScope(None, until_idle=False), parent=self)
        self.worker.jobUpdated.connect(self._job_updated)
        self.worker.jobProgress.connect(self.queue_panel.set_progress)
        self.worker.cleanedUp.connect(lambda _summary: self.history_panel.reload())
        self.worker.atsChecked.connect(self._ats_checked)
        self.worker.start()
        self._restore_docks()
        notice = system.recovery_notice()
        if notice:
            QTimer.singleShot(0, lambda: QMessageBox.warning(self, "Database replaced", notice.capitalize() + "."))

    # -- docks -----------------------------------------------------------------------------------------------

    def _build_docks(self) -> None:
        self.queue_panel = QueuePanel(self.system.queue, self._document_title, self)
        self.queue_panel.message.connect(lambda text, error: self.toaster.show(text, error=error))
        self.queue_panel.jobRequeued.connect(lambda _job_id: self.worker.wake())
        self.history_panel = HistoryPanel(self.system.queue, self.system.storage, self)
        self.history_panel.message.connect(lambda text, error: self.toaster.show(text, error=error))
        self.history_panel.reExportRequested.connect(self.reexport)
        self.history_panel.atsRequested.connect(self.ats_check)
        self.docks: dict[str, QDockWidget] = {}
        for name, title, widget in (
            ("queue", "Export queue", self.queue_panel),
            ("history", "Export history", self.history_panel),
        ):
            dock = QDockWidget(title, self)
            dock.setObjectName(f"{name}Dock")
            dock.setWidget(widget)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            self.docks[name] = dock
            self.view_menu.addAction(dock.toggleViewAction())
        self.tabifyDockWidget(self.docks["queue"], self.docks["history"])
        self.docks["queue"].raise_()
        for dock in self.docks.values():
            dock.hide()

    def _document_title(self, document_id: int) -> str:
        try:
            return self.library.get(document_id).title
        except ResumePairError:
            return f"deleted document {document_id}"

    def _restore_docks(self) -> None:
        state = self.settings.value("windowState")
        if isinstance(state, QByteArray):
            self.restoreState(state)

    # -- actions ---------------------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        def action(text: str, shortcut: QKeySequence | QKeySequence.StandardKey | str | None, slot: Any) -> QAction:
            act = QAction(text, self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            return act

        self.act_new = action("&New", QKeySequence.StandardKey.New, self.new_document)
        self.act_open = action("&Open…", QKeySequence.StandardKey.Open, self.import_dialog)
        self.act_save = action("&Save", QKeySequence.StandardKey.Save, self.save)
        self.act_save_as = action("Save &As…", QKeySequence.StandardKey.SaveAs, self.save_as)
        self.act_export = action("&Export PDF…", "Ctrl+E", self.export_dialog)
        self.act_batch = action("&Batch export to ZIP…", "Ctrl+Shift+E", self.batch_dialog)
        self.act_quit = action("&Quit", QKeySequence.StandardKey.Quit, self.close)
        # Fixed texts (the toolbar must not grow with "Undo Edit work.0.startDate"); the step is in the tooltip.
        self.act_undo = action("&Undo", QKeySequence.StandardKey.Undo, self.undo_group.undo)
        self.act_redo = action("&Redo", QKeySequence.StandardKey.Redo, self.undo_group.redo)
        for act, can, text in (
            (self.act_undo, self.undo_group.canUndoChanged, self.undo_group.undoTextChanged),
            (self.act_redo, self.undo_group.canRedoChanged, self.undo_group.redoTextChanged),
        ):
            act.setEnabled(False)
            can.connect(act.setEnabled)
            text.connect(lambda step, a=act: a.setToolTip(f"{a.text().replace('&', '')} {step}".strip()))
        about = action("&About ResumePair", None, self.about)

        file_menu = self.menuBar().addMenu("&File")
        for act in (self.act_new, self.act_open):
            file_menu.addAction(act)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        for act in (self.act_save, self.act_save_as, self.act_export, self.act_batch):
            file_menu.addAction(act)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addAction(self.act_undo)
        edit_menu.addAction(self.act_redo)
        self.view_menu = self.menuBar().addMenu("&View")
        self.menuBar().addMenu("&Help").addAction(about)

        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        for act in (
            self.act_new,
            self.act_open,
            self.act_save,
            self.act_undo,
            self.act_redo,
            self.act_export,
            self.act_batch,
        ):
            toolbar.addAction(act)

    # -- documents -------------------------------------------------------------------------------------------

    def start(self, file: Path | None = None) -> None:
        """Shows the library; opens ``file`` if given, else the last document, else the bundled sample."""
        if file is not None:
            self.open_file(file)
            return
        documents = self.library.list()
        if not documents:
            data = json.loads(sample_resume_path().read_text(encoding="utf-8"))
            document_id = self.library.create(data["basics"]["name"], data, is_sample=True)
        else:
            last = self.settings.value("lastDocument")
            ids = {document.id for document in documents}
            document_id = int(last) if last is not None and int(last) in ids else documents[0].id
        self.library_panel.reload(select=document_id)
        self.open_document(document_id)

    def open_file(self, path: Path) -> int:
        """Imports a JSON Resume file into the library, linked to the file, and opens it."""
        data = read_resume_file(path)
        resolved = path.resolve()
        existing = next((doc for doc in self.library.list() if doc.source_path == str(resolved)), None)
        if existing is not None:
            document_id = existing.id
            self.library.save(document_id, title_of_data(data, path), data)
        else:
            document_id = self.library.create(title_of_data(data, path), data, str(resolved))
        self._remember_recent(resolved)
        self.library_panel.reload(select=document_id)
        self.open_document(document_id)
        return document_id

    def open_document(self, document_id: int) -> None:
        """Shows a library document in the editor and the preview."""
        if self.session is not None and self.session.document_id == document_id:
            return
        if not self._leave_current():
            self.library_panel.reload(select=self.session.document_id if self.session else None)
            return
        document = self.library.get(document_id)
        try:
            data = decode_json_object(document.content)
        except ResumePairError as exc:
            QMessageBox.warning(self, "Cannot open", str(exc))
            return
        source = Path(document.source_path) if document.source_path else None
        session = DocumentSession(self.library, document_id, data, source, is_sample=document.is_sample, parent=self)
        session.autosaved.connect(self._autosaved)
        session.dirtyChanged.connect(lambda _dirty: self._update_title())
        self._replace_document_widgets(session)
        self.settings.setValue("lastDocument", document_id)
        self._update_title()
        self.documentOpened.emit(document_id)

    def _replace_document_widgets(self, session: DocumentSession) -> None:
        old_session, old_editor, old_preview = self.session, self.editor, self.preview
        self.session = session
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        self.editor = EditorPanel(session, self.middle)
        self.middle_layout.addWidget(self.editor)
        self.preview = PreviewPanel(session, self.engine, self.preview_holder)
        self.preview_layout.addWidget(self.preview)
        for template_id, icon in self.thumbnails.items():
            self.editor.design_panel().set_thumbnail(template_id, icon)
        self.banner.setText(
            "This is a sample resume, here to show what ResumePair does. Edit it freely, or start your own with "
            "New (Ctrl+N) or Open (Ctrl+O)."
        )
        self.banner.setVisible(session.is_sample)
        self.preview.request_refresh(immediately=True)
        for widget in (old_editor, old_preview):
            if widget is not None:
                widget.hide()
                widget.setParent(None)  # out of the window now, deleted once pending events are done
                widget.deleteLater()
        if old_preview is not None:
            old_preview.shutdown()
        if old_session is not None:
            self.undo_group.removeStack(old_session.undo_stack)
            old_session.deleteLater()

    def _leave_current(self) -> bool:
        """Saves the current document to the library; asks about unsaved changes to its linked file."""
        session = self.session
        if session is None:
            return True
        session.autosave_now()
        if session.source_path is None or not session.file_dirty:
            return True
        answer = QMessageBox.question(
            self,
            "Unsaved changes",
            f"Save your changes to {session.source_path.name}?\n\nThey are kept in the library either way.",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return True

    def new_document(self) -> None:
        """Starts an empty resume in the library."""
        document_id = self.library.create("Untitled resume", {"basics": {}})
        self.library_panel.reload(select=document_id)
        self.open_document(document_id)

    def import_dialog(self) -> None:
        """Asks for JSON Resume files and imports each."""
        names, _filter = QFileDialog.getOpenFileNames(
            self, "Open JSON Resume files", str(Path.home()), "JSON Resume (*.json);;All files (*)"
        )
        self.import_files([Path(name) for name in names])

    def import_files(self, paths: list[Path]) -> None:
        """Imports files (menu, drag and drop); the last one opens; problems are listed once."""
        problems = []
        for path in paths:
            try:
                self.open_file(path)
            except ResumePairError as exc:
                problems.append(str(exc))
        if problems:
            QMessageBox.warning(self, "Some files could not be opened", "\n\n".join(problems))

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
        suggested = self.session.source_path or Path.home() / f"{self.session.title.replace(' ', '_')}.json"
        name, _filter = QFileDialog.getSaveFileName(self, "Save resume as", str(suggested), "JSON Resume (*.json)")
        if not name:
            return False
        path = Path(name) if name.endswith(".json") else Path(f"{name}.json")
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        assert self.session is not None
        try:
            self.session.save_to(path)
        except OSError as exc:
            QMessageBox.critical(self, "Not saved", f"{path} could not be written: {exc.strerror or exc}")
            return False
        self._remember_recent(path.resolve())
        self.statusBar().showMessage(f"Saved to {path}", 5000)
        self.library_panel.reload()
        self._update_title()
        return True

    # -- export -------------------------------------------------------------------------------------------------

    def initial_options(self) -> ExportOptions:
        """The export dialog's starting point: the template's remembered choices, else the document's design."""
        from app.ui.preview_build import layout_options

        assert self.session is not None
        template = self.session.get(("meta", "template"))
        template_id = template if isinstance(template, str) and template in template_registry() else None
        remembered = self.template_settings.load(template_id or "classic")
        if remembered is not None:
            return remembered
        options = layout_options(self.session.data)
        return ExportOptions.model_validate({**options.model_dump(), "template": template_id or "classic"})

    def export_dialog(self) -> ExportDialog | None:
        """Ctrl+E: the export dialog; on accept the export is queued (and copied where asked when done)."""
        if self.session is None:
            return None
        self.session.autosave_now()
        dialog = ExportDialog(
            self.template_settings,
            data=self.session.data,
            title=self.session.title,
            issues=self.session.issues,
            preview_pdf=self.preview.pdf if self.preview is not None else b"",
            initial=self.initial_options(),
            parent=self,
        )
        dialog.jumpRequested.connect(self.jump_to)
        dialog.accepted.connect(lambda: self.start_export(dialog.request()))
        dialog.open()
        return dialog

    def start_export(self, request: ExportRequest) -> Job:
        """Queues an export of the current document."""
        assert self.session is not None and self.session.document_id is not None
        self.session.autosave_now()
        job = self.system.queue_pdf(self.session.document_id, request.options, request.file_name.removesuffix(".pdf"))
        self._pending_exports[job.id] = request
        self.queue_panel.upsert(job)
        self.worker.wake()
        self.statusBar().showMessage(f"Exporting {request.file_name}…", 5000)
        return job

    def jump_to(self, dotted: str) -> None:
        """Shows the field a problem is about and puts the cursor in it."""
        if self.editor is None:
            return
        parts = dotted.split(".") if dotted else ["basics"]
        self.editor.show_section(parts[0] if parts[0] in {s.key for s in SECTIONS} else "basics")
        section = self.editor.section_editors.get(parts[0])
        if section is not None and len(parts) > 1 and parts[1].isdigit():
            section.entries.setCurrentRow(int(parts[1]))
        widget = self.editor.findChild(QWidget, f"field:{dotted}")
        if widget is not None and hasattr(widget, "editor"):
            widget.editor.setFocus()

    def batch_dialog(self) -> BatchDialog:
        """The batch export dialog."""
        if self.session is not None:
            self.session.autosave_now()
        dialog = BatchDialog(self.library, self.initial_options() if self.session else ExportOptions(), self)
        dialog.startRequested.connect(lambda ids, options, path: self._start_batch(dialog, ids, options, path))
        dialog.openDocumentRequested.connect(self._open_from_batch)
        self.worker.batchItemDone.connect(dialog.item_done)
        self.worker.jobProgress.connect(dialog.progress)
        self._batch_dialogs.append(dialog)
        dialog.finished.connect(lambda _result: self._batch_dialogs.remove(dialog))
        dialog.open()
        return dialog

    def _start_batch(self, dialog: BatchDialog, ids: list[int], options: ExportOptions, path: Path) -> None:
        job = self.system.queue_batch(ids, options, title=path.stem)
        self._pending_batches[job.id] = path
        dialog.track(job.id)
        self.queue_panel.upsert(job)
        self.worker.wake()

    def _open_from_batch(self, document_id: int) -> None:
        self.library_panel.reload(select=document_id)
        self.open_document(document_id)

    def reexport(self, job_id: int) -> Job | None:
        """Queues the same document(s) with the same options again."""
        old = self.system.queue.get_job(job_id)
        try:
            options = ExportOptions.model_validate(old.options)
            if old.kind.value == "batch":
                job = self.system.queue_batch(old.document_ids, options, title="re-export")
            else:
                job = self.system.queue_pdf(old.document_ids[0], options)
        except (ResumePairError, ValueError) as exc:
            self.toaster.show(f"Cannot re-export: {exc}", error=True)
            return None
        self.queue_panel.upsert(job)
        self.worker.wake()
        return job

    def ats_check(self, entry_id: int) -> None:
        """Runs the ATS check on a history entry's PDF now and shows the result."""
        from app.export.ats import check_pdf
        from app.model.loading import load_resume_bytes

        entry = self.system.queue.get_history(entry_id)
        if not entry.path.endswith(".pdf"):
            self.toaster.show("The ATS check reads single PDFs; export the resume on its own to check it.")
            return
        job = self.system.queue.get_job(entry.job_id)
        try:
            resume = load_resume_bytes(self.library.get(job.document_ids[0]).content)
            report = check_pdf(resume, Path(entry.path).read_bytes())
        except (ResumePairError, OSError) as exc:
            self.toaster.show(f"ATS check failed: {exc}", error=True)
            return
        self.system.queue.set_ats_report(entry_id, report.to_json())
        self.history_panel.reload()
        self.toaster.show(report.summary(), error=report.score < 100)

    def _job_updated(self, job: Job) -> None:
        self.queue_panel.upsert(job)
        if not job.final:
            return
        request = self._pending_exports.pop(job.id, None)
        zip_path = self._pending_batches.pop(job.id, None)
        copied: Path | None = None
        entry = self.system.queue.history_for_job(job.id) if job.status is JobStatus.COMPLETED else None
        if entry is not None:
            self.history_panel.reload()
            target = zip_path or (request.copy_to / request.file_name if request and request.copy_to else None)
            if target is not None:
                copied = self._copy_export(entry.path, target, entry.id)
        for dialog in self._batch_dialogs:
            dialog.job_updated(job, copied if zip_path is not None else None)
        if job.status is JobStatus.COMPLETED and entry is not None:
            where = f" and saved to {copied}" if copied else ""
            self.toaster.show(f"Exported {entry.file_name} ({entry.pages} pages){where}")
        elif job.status is JobStatus.FAILED:
            self.toaster.show(f"Export #{job.id} failed: {job.error}", error=True)

    def _ats_checked(self, entry_id: int, score: float) -> None:
        self.history_panel.reload()
        if score < 100:
            entry = self.system.queue.get_history(entry_id)
            problems = len((entry.ats or {}).get("missing", [])) + len((entry.ats or {}).get("out_of_order", []))
            self.toaster.show(
                f"ATS check of {entry.file_name}: {score:g} % ({problems} items not found in order; see the history)",
                error=True,
            )

    def _copy_export(self, source: str, target: Path, entry_id: int) -> Path | None:
        from app.fsutil import atomic_write_bytes, remove_dead_temporaries

        remove_dead_temporaries(target.parent)
        try:
            atomic_write_bytes(target, Path(source).read_bytes(), mode=0o644)
        except OSError as exc:
            self.toaster.show(f"{target} could not be written: {exc.strerror or exc}", error=True)
            return None
        self.system.queue.count_downloads(entry_id)
        self.history_panel.reload()
        return target

    # -- thumbnails ------------------------------------------------------------------------------------------

    def render_thumbnails(self) -> None:
        """Renders the sample's first page with each template, for the template picker (in the background)."""
        from app.model.loading import load_resume_file
        from app.render.html import render_html
        from app.render.pipeline import plan_render

        resume = load_resume_file(sample_resume_path())
        for template_id in template_registry():
            options = ExportOptions(template=template_id)
            plan = plan_render(resume, options)
            html = render_html(resume, plan.template, plan.tokens, plan.setup, options.quality)
            future = self.engine.submit(html, plan.setup)

            def ready(done: Any, t: str = template_id) -> None:
                self._thumbnail_ready(t, done)

            future.add_done_callback(ready)

    def _thumbnail_ready(self, template_id: str, future: Any) -> None:
        if future.exception() is not None:
            return
        from PySide6.QtCore import QBuffer, QIODevice

        buffer = QBuffer()
        buffer.setData(QByteArray(future.result()))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document = QPdfDocument()
        document.load(buffer)
        image: QImage = document.render(0, THUMBNAIL_SIZE * 2)
        icon = QIcon(
            QPixmap.fromImage(image).scaled(
                THUMBNAIL_SIZE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )
        self.thumbnails[template_id] = icon
        if self.editor is not None:
            self.editor.design_panel().set_thumbnail(template_id, icon)

    # -- library actions -------------------------------------------------------------------------------------

    def _library_action(self, name: str) -> None:
        current = self.library_panel.current_id()
        if name == "new":
            self.new_document()
        elif name == "import":
            self.import_dialog()
        elif current is None:
            return
        elif name == "duplicate":
            if self.session is not None:
                self.session.autosave_now()
            self.library_panel.reload(select=self.library.duplicate(current))
            self.open_document(self.library_panel.current_id() or current)
        elif name == "rename":
            title, ok = QInputDialog.getText(self, "Rename", "Title:", text=self.library.get(current).title)
            if ok and title.strip():
                self.library.rename(current, title)
                self.library_panel.reload()
        elif name == "delete":
            self.delete_document(current)

    def delete_document(self, document_id: int, *, confirm: bool = True) -> None:
        """Deletes a library document after confirmation (its linked file on disk is not touched)."""
        document = self.library.get(document_id)
        if confirm:
            answer = QMessageBox.question(
                self,
                "Delete resume",
                f"Delete “{document.title}” from the library?\n\nA file it was opened from stays on disk.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        if self.session is not None and self.session.document_id == document_id:
            self.session.autosave_now()
        self.library.delete(document_id)
        remaining = self.library.list()
        if not remaining:
            self.new_document()
            return
        self.library_panel.reload(select=remaining[0].id)
        self.open_document(remaining[0].id)

    # -- window ----------------------------------------------------------------------------------------------

    def about(self) -> None:
        """Version and licences, the fonts' included."""
        QMessageBox.about(
            self,
            "About ResumePair",
            f"<h3>ResumePair {__version__}</h3><p>Resumes in JSON Resume format, exported as ATS-readable PDFs, "
            "offline.</p><p>Built with Qt for Python (PySide6, LGPLv3) and Qt WebEngine (Chromium).</p>"
            "<p>Fonts: Noto Serif, Noto Sans, Lato, Inter and JetBrains Mono, under the SIL Open Font License "
            "1.1 (licence texts in resources/fonts).</p><p>Sample resume: JSON Resume project, MIT licence.</p>",
        )

    def _update_title(self) -> None:
        if self.session is None:
            self.setWindowTitle("ResumePair")
            return
        mark = "*" if self.session.source_path is not None and self.session.file_dirty else ""
        where = f" — {self.session.source_path.name}" if self.session.source_path else ""
        self.setWindowTitle(f"{mark}{self.session.title}{where} — ResumePair")

    def _autosaved(self) -> None:
        self.statusBar().showMessage("All changes saved in the library", 3000)
        self._update_title()
        if self.session is not None:
            item = self.library_panel.documents.currentItem()
            if item is not None and not item.text().startswith(self.session.title):
                self.library_panel.reload()

    def _remember_recent(self, path: Path) -> None:
        recent = [str(path), *[p for p in self._recent() if p != str(path)]][:MAX_RECENT]
        self.settings.setValue("recentFiles", recent)

    def _recent(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        if isinstance(value, str):
            return [value]
        return [str(item) for item in value] if isinstance(value, list) else []

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for name in self._recent():
            action = self.recent_menu.addAction(name)
            action.triggered.connect(lambda _checked=False, n=name: self.import_files([Path(n)]))
        if not self._recent():
            self.recent_menu.addAction("No recent files").setEnabled(False)

    def _restore_layout(self) -> None:
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        sizes = self.settings.value("splitterSizes")
        if isinstance(sizes, list) and len(sizes) == 3:
            self.splitter.setSizes([int(size) for size in sizes])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        """Accepts JSON files dragged onto the window."""
        if any(url.toLocalFile().lower().endswith(".json") for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        """Imports the dropped JSON files."""
        paths = [
            Path(url.toLocalFile()) for url in event.mimeData().urls() if url.toLocalFile().lower().endswith(".json")
        ]
        self.import_files(paths)
        event.acceptProposedAction()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Saves to the library, asks about a linked file, stops the worker and the preview."""
        if not self._leave_current():
            event.ignore()
            return
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("splitterSizes", self.splitter.sizes())
        self.settings.setValue("windowState", self.saveState())
        self.settings.sync()
        self.shutdown()
        event.accept()

    def shutdown(self, timeout_s: float = 15.0) -> None:
        """Stops background work; safe to call twice.

        Jobs still running may be waiting for the engine, which lives in this thread: events keep being
        processed while we wait, or closing during an export would hang. A job that does not finish in time is
        left to the next start (its owner is gone, so it is recovered and retried).
        """
        if self.preview is not None:
            self.preview.shutdown()
        self.worker.stop()
        deadline = time.monotonic() + timeout_s
        while self.worker.isRunning() and time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            self.worker.wait(20)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """A size that shows all three panes."""
        return QSize(1440, 900)
