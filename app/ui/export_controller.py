"""Exports from the window: the export and batch dialogs, re-export, the manual ATS check, the ends of jobs.

When a job ends: the copy the user asked for, and a message with Open and Show in folder.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from app.errors import ResumePairError
from app.export.jobs import JobQueue
from app.export.models import Job, JobKind, JobStatus
from app.export.service import ExportSystem
from app.export.worker import QueueWorker
from app.fsutil import atomic_write_bytes, remove_dead_temporaries
from app.library.documents import DocumentLibrary
from app.library.template_settings import TemplateSettings
from app.render.options import ExportOptions
from app.render.templates import DEFAULT_TEMPLATE_ID, template_registry
from app.store.database import Store
from app.ui.batch_dialog import BatchDialog
from app.ui.export_dialog import ExportDialog, ExportRequest
from app.ui.history_panel import HistoryPanel
from app.ui.messages import MessageAction, MessageBridge
from app.ui.preview_build import layout_options
from app.ui.queue_panel import QueuePanel
from app.ui.session import DocumentSession
from app.ui.settings import BATCH_FOLDER, EXPORT_FOLDER, AppSettings

log = logging.getLogger(__name__)


class AtsChecker(QObject):
    """The manual ATS check: reads the export's own snapshot of the resume and its PDF in a worker thread."""

    checked = Signal(int, object)  #: history entry id, ``AtsReport`` or the error text

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="manual-ats")

    def check(self, entry_id: int) -> None:
        """Starts a check; ``checked`` follows."""
        self._pool.submit(self._run, entry_id)

    def _run(self, entry_id: int) -> None:
        from app.export.ats import check_pdf
        from app.model.loading import load_resume_bytes

        result: object
        try:
            queue = JobQueue(self.store)
            entry = queue.get_history(entry_id)
            job = queue.get_job(entry.job_id)
            resume = load_resume_bytes(queue.job_documents(job)[0].content)  # as exported, not as edited since
            report = check_pdf(resume, Path(entry.path).read_bytes())
            queue.set_ats_report(entry_id, report.to_json())
            result = report
        except (ResumePairError, OSError) as exc:
            result = str(exc)
        finally:
            self.store.close()
        self.checked.emit(entry_id, result)

    def shutdown(self) -> None:
        """Waits for a check in progress."""
        self._pool.shutdown(wait=True)


def open_with_system(path: Path) -> bool:
    """Opens a file or folder with the system's application; ``False`` when none took it."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


class ExportController(QObject):
    """Queues exports for the window and reports their ends."""

    def __init__(  # noqa: PLR0917 - the window hands over its parts once
        self,
        window: QWidget,
        system: ExportSystem,
        library: DocumentLibrary,
        worker: QueueWorker,
        panels: tuple[QueuePanel, HistoryPanel],
        messages: MessageBridge,
        settings: AppSettings,
    ) -> None:
        super().__init__(window)
        self.window, self.system, self.library, self.worker = window, system, library, worker
        self.queue_panel, self.history_panel = panels
        self.messages, self.settings = messages, settings
        self.template_settings = TemplateSettings(system.store)
        #: The open document (the window's), and how to show a field with a problem.
        self.current: Callable[[], DocumentSession | None] = lambda: None
        self.preview_pdf: Callable[[], bytes] = lambda: b""
        self.jump_to: Callable[[str], None] = lambda _path: None
        self.open_document: Callable[[int], object] = lambda _id: None
        self._pending_exports: dict[int, ExportRequest] = {}
        self._pending_batches: dict[int, Path] = {}
        self._batch_dialogs: list[BatchDialog] = []
        self.ats = AtsChecker(system.store, self)
        self.ats.checked.connect(self._manual_ats_done)
        worker.jobUpdated.connect(self._job_updated)
        worker.atsChecked.connect(self._ats_checked)
        history = self.history_panel
        history.reExportRequested.connect(self.reexport)
        history.atsRequested.connect(self.check_ats)
        self.queue_panel.jobRequeued.connect(lambda _job_id: self.worker.wake())

    # -- one resume ------------------------------------------------------------------------------------------

    def initial_options(self, session: DocumentSession) -> ExportOptions:
        """The export dialog's starting point: the template's remembered choices, else the document's design."""
        template = session.get(("meta", "template"))
        template_id = template if isinstance(template, str) and template in template_registry() else None
        remembered = self.template_settings.load(template_id or DEFAULT_TEMPLATE_ID)
        if remembered is not None:
            return remembered
        options = layout_options(session.data)
        return ExportOptions.model_validate({**options.model_dump(), "template": template_id or DEFAULT_TEMPLATE_ID})

    def export_dialog(self) -> ExportDialog | None:
        """Ctrl+E: the export dialog; on accept the export is queued (and copied where asked when done)."""
        session = self.current()
        if session is None:
            return None
        session.autosave_now()
        folder = Path(self.settings.get(EXPORT_FOLDER) or Path.home())
        dialog = ExportDialog(
            self.template_settings,
            data=session.data,
            title=session.title,
            issues=session.issues,
            notes=session.notes,
            preview_pdf=self.preview_pdf(),
            initial=self.initial_options(session),
            folder=folder if folder.is_dir() else Path.home(),
            parent=self.window,
        )
        dialog.jumpRequested.connect(self.jump_to)
        dialog.accepted.connect(lambda: self.start_export(dialog.request()))
        dialog.open()
        return dialog

    def start_export(self, request: ExportRequest) -> Job | None:
        """Queues an export of the open document."""
        session = self.current()
        if session is None or session.document_id is None:
            return None
        session.autosave_now()
        if request.copy_to is not None:
            self.settings.set(EXPORT_FOLDER, str(request.copy_to))
        try:
            job = self.system.queue_export(
                session.document_id, request.options, request.file_name.removesuffix(request.options.format.suffix)
            )
        except ResumePairError as exc:
            self.messages.error(f"Cannot export: {exc}")
            return None
        self._pending_exports[job.id] = request
        self.queue_panel.upsert(job)
        self.worker.wake()
        self.messages.status(f"Exporting {request.file_name}…", 5000)
        return job

    # -- batches ---------------------------------------------------------------------------------------------

    def batch_dialog(self) -> BatchDialog:
        """The batch export dialog."""
        session = self.current()
        if session is not None:
            session.autosave_now()
        folder = Path(self.settings.get(BATCH_FOLDER) or Path.home())
        dialog = BatchDialog(self.library, folder if folder.is_dir() else Path.home(), self.window)
        dialog.startRequested.connect(lambda ids, options, path: self._start_batch(dialog, ids, options, path))
        dialog.openDocumentRequested.connect(self.open_document)
        self.worker.batchItemDone.connect(dialog.item_done)
        self.worker.jobProgress.connect(dialog.progress)
        self.worker.batchProgress.connect(dialog.items_progress)
        self._batch_dialogs.append(dialog)
        dialog.finished.connect(lambda _result: self._batch_dialogs.remove(dialog))
        dialog.open()
        return dialog

    def _start_batch(self, dialog: BatchDialog, ids: list[int], options: ExportOptions, path: Path) -> None:
        self.settings.set(BATCH_FOLDER, str(path.parent))
        try:
            job = self.system.queue_batch(ids, options, title=path.stem)
        except ResumePairError as exc:
            dialog.failed_to_start(str(exc))
            return
        self._pending_batches[job.id] = path
        dialog.track(job.id)
        self.queue_panel.upsert(job)
        self.worker.wake()

    def reexport(self, job_id: int) -> Job | None:
        """Queues the same document(s) with the same options again."""
        old = self.system.queue.get_job(job_id)
        try:
            options = ExportOptions.model_validate(old.options)
            if old.kind is JobKind.BATCH:
                job = self.system.queue_batch(old.document_ids, options, title="re-export")
            else:
                job = self.system.queue_export(old.document_ids[0], options)
        except (ResumePairError, ValueError) as exc:
            self.messages.error(f"Cannot re-export: {exc}")
            return None
        self.queue_panel.upsert(job)
        self.worker.wake()
        return job

    def check_ats(self, entry_id: int) -> None:
        """The history's ATS check: it reads a PDF back, so other formats are told rather than checked."""
        entry = self.system.queue.get_history(entry_id)
        if not entry.file_name.lower().endswith(".pdf"):
            self.messages.error(
                f"The ATS check reads PDF files; {entry.file_name} is not one. Export a PDF to check it."
            )
            return
        self.ats.check(entry_id)

    # -- outcomes --------------------------------------------------------------------------------------------

    def _job_updated(self, job: Job) -> None:
        self.queue_panel.upsert(job)
        if not job.final:
            for dialog in self._batch_dialogs:
                dialog.job_updated(job, None)
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
            shown = copied or Path(entry.path)
            pages = f" ({entry.pages} page{'s' if entry.pages != 1 else ''})" if entry.pages else ""
            self.messages.info(f"Exported {entry.file_name}{pages}{where}.", actions=self._file_actions(shown))
        elif job.status is JobStatus.FAILED:
            self.messages.error(f"Export #{job.id} failed: {job.error}")

    def _file_actions(self, path: Path) -> list[MessageAction]:
        def show(target: Path, what: str) -> None:
            if not open_with_system(target):
                self.messages.error(f"No application could open {what} {target}.")

        return [("Open", lambda: show(path, "the file")), ("Show in folder", lambda: show(path.parent, "the folder"))]

    def _copy_export(self, source: str, target: Path, entry_id: int) -> Path | None:
        remove_dead_temporaries(target.parent)
        try:
            atomic_write_bytes(target, Path(source).read_bytes(), mode=0o644)
        except OSError as exc:
            self.messages.error(f"{target} could not be written: {exc.strerror or exc}")
            return None
        self.system.queue.count_downloads(entry_id)
        self.history_panel.reload()
        return target

    def _ats_checked(self, entry_id: int, score: float) -> None:
        self.history_panel.reload()
        if score < 100:
            entry = self.system.queue.get_history(entry_id)
            problems = len((entry.ats or {}).get("missing", [])) + len((entry.ats or {}).get("out_of_order", []))
            self.messages.error(
                f"ATS check of {entry.file_name}: {score:g} % ({problems} items not found in order; see the history)."
            )

    def _manual_ats_done(self, entry_id: int, result: object) -> None:
        if isinstance(result, str):
            self.messages.error(f"ATS check failed: {result}")
            return
        self.history_panel.reload()
        self.history_panel.select_entry(entry_id)
        summary = getattr(result, "summary", None)
        score = getattr(result, "score", 100)
        text = summary() if callable(summary) else "ATS check done."
        if score < 100:
            self.messages.error(text)
        else:
            self.messages.info(text)

    def shutdown(self) -> None:
        """Waits for a manual ATS check in progress."""
        self.ats.shutdown()
