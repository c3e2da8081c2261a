"""Runs one claimed job from start to finish: everything except the ``printToPdf`` call itself.

The printer is injected (``Printer``): in the app and the CLI it waits on the GUI thread's ``PdfEngine``. The
processor decides what a failure means: invalid resume, unknown template, quota → permanent; a renderer
timeout or crash, a disk error → transient (the queue schedules a retry with backoff).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError

from app.errors import RenderError, UserError
from app.export.batch import (
    BatchItem,
    BatchRun,
    ItemRenderer,
    manifest_bytes,
    pdf_renderer,
    write_zip,
    zip_size_estimate,
)
from app.export.batch_items import ItemFolder
from app.export.jobs import JobQueue
from app.export.models import Job, JobKind
from app.export.storage import ExportStorage, ExportWriteError
from app.model.loading import load_resume_bytes
from app.render.options import ExportOptions
from app.render.pipeline import Printer
from app.store.database import StoreError

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int], None]
#: job id, item index, the item with its outcome (batch jobs, one call per resume as it finishes)
ItemCallback = Callable[[int, int, BatchItem], None]
#: job id, resumes done, resumes in all, seconds left (-1 while unknown)
ItemsCallback = Callable[[int, int, int, float], None]
BATCH_RENDER_THREADS = 3
#: Seconds between progress writes to the database (a cancel is noticed within this time).
HEARTBEAT_S = 0.5


class JobCancelledError(Exception):
    """The user cancelled the job while it ran; its work is thrown away."""


class JobProcessor:
    """Processes claimed jobs for one lease owner."""

    def __init__(
        self,
        queue: JobQueue,
        storage: ExportStorage,
        printer: Printer,
        on_progress: ProgressCallback | None = None,
        on_item: ItemCallback | None = None,
        *,
        on_items: ItemsCallback | None = None,
        render_threads: int = BATCH_RENDER_THREADS,
        render_item: ItemRenderer | None = None,
    ) -> None:
        self.queue = queue
        self.storage = storage
        self.printer = printer
        self.on_progress = on_progress
        self.on_item = on_item
        self.on_items = on_items
        self.render_threads = render_threads
        #: The format step: PDF through ``printer`` unless another renderer is given.
        self.render_item = render_item or pdf_renderer(lambda html, setup: self.printer(html, setup))  # noqa: PLW0108 - late-bound
        self._heartbeats: dict[int, float] = {}

    def ats_check(self, job_id: int) -> tuple[int, float] | None:
        """Runs the ATS check of a completed PDF job and stores it; returns (history entry id, score).

        Kept off the export's own path: text extraction costs several times the print itself, and the export
        is already safe and visible when the check starts.
        """
        from app.export.ats import check_pdf  # pypdf's text extraction: loaded only when a check runs

        job = self.queue.get_job(job_id)
        entry = self.queue.history_for_job(job_id)
        if job.kind is not JobKind.PDF or entry is None or job.options.get("format", "pdf") != "pdf":
            return None
        try:
            resume = load_resume_bytes(self.queue.job_documents(job)[0].content)
            report = check_pdf(resume, Path(entry.path).read_bytes())
        except (UserError, OSError) as exc:
            log.warning("ATS check of job %d skipped: %s", job_id, exc)
            return None
        self.queue.set_ats_report(entry.id, report.to_json())
        return entry.id, report.score

    def run(self, job: Job, owner: str) -> Job:
        """Does the job and records the outcome; returns the job as stored afterwards."""
        try:
            if job.kind is JobKind.PDF:
                self._run_pdf(job, owner)
            else:
                self._run_batch(job, owner)
        except JobCancelledError:
            log.info("job %d was cancelled while running", job.id)
        except StoreError as exc:
            # The database was locked or full for a moment: that is the environment, not the resume.
            log.warning("job %d hit a database problem: %s", job.id, exc)
            self._fail_quietly(job, owner, str(exc))
        except (UserError, ValidationError) as exc:
            log.info("job %d failed permanently: %s", job.id, exc)
            self.queue.fail(job.id, owner, _message(exc), transient=False)
        except RenderError as exc:
            log.warning("job %d failed (%s): %s", job.id, "transient" if exc.transient else "permanent", exc)
            self.queue.fail(job.id, owner, str(exc), transient=exc.transient)
        except ExportWriteError as exc:
            log.warning("job %d could not write its file: %s", job.id, exc)
            self.queue.fail(job.id, owner, str(exc), transient=True)
        except OSError as exc:
            log.warning("job %d hit an I/O error: %s", job.id, exc)
            reason = exc.strerror or str(exc) or type(exc).__name__
            self.queue.fail(job.id, owner, f"I/O error: {reason}", transient=True)
        except Exception as exc:
            log.exception("job %d failed with an internal error", job.id)
            self.queue.fail(job.id, owner, f"internal error: {type(exc).__name__}: {exc}", transient=False)
        finally:
            self._heartbeats.pop(job.id, None)
        return self.queue.get_job(job.id)

    # -- one file --------------------------------------------------------------------------------------------

    def _run_pdf(self, job: Job, owner: str) -> None:
        options = ExportOptions.model_validate(job.options)
        document = self.queue.job_documents(job)[0]
        resume = load_resume_bytes(document.content, source=document.source_path or document.title)
        self._progress(job, owner, 10)
        rendered = self.render_item(resume, options)
        self._progress(job, owner, 80)
        if job.result_path is None:
            raise UserError(f"job {job.id} has no result path")
        self.storage.check_quota(len(rendered.data))
        self._progress(job, owner, 90)
        self.storage.write(Path(job.result_path), rendered.data)
        self._complete(job, owner, len(rendered.data), rendered.pages, 1)

    # -- a batch into one ZIP -------------------------------------------------------------------------------

    def _run_batch(self, job: Job, owner: str) -> None:
        """Renders what the work folder does not hold yet, then streams the ZIP; see ``app.export.batch``."""
        if job.result_path is None:
            raise UserError(f"job {job.id} has no result path")
        self._progress(job, owner, 1)
        folder = ItemFolder(self.storage.work_folder(job.id), self.storage.write_error)
        run = BatchRun(
            self.queue,
            job,
            folder,
            render_item=self.render_item,
            threads=self.render_threads,
            progress=lambda percent, done, eta: self._progress(job, owner, percent, (done, eta)),
            on_item=lambda index, item: self.on_item(job.id, index, item) if self.on_item is not None else None,
            room_bytes=self.storage.room_bytes(),
        )
        try:
            outcome = run.run(last_attempt=job.attempts >= job.max_attempts)
        except JobCancelledError:
            self.storage.discard_work(job.id)
            raise
        log.info("batch %d: %d rendered, %d kept from an earlier run", job.id, outcome.rendered, outcome.reused)
        completed = outcome.completed
        if not completed:
            reasons = "; ".join(f"{item.input}: {item.error}" for item in outcome.items[:3])
            raise UserError(f"none of the {len(outcome.items)} resumes could be exported ({reasons})")
        created = self.queue.store.clock()
        manifest = manifest_bytes(outcome, job.options, created)
        self.storage.check_quota(zip_size_estimate(outcome, manifest))
        self._progress(job, owner, 90)
        path = Path(job.result_path)
        size = self.storage.write_stream(path, lambda handle: write_zip(handle, outcome, manifest, created))
        self._complete(job, owner, size, sum(item.pages or 0 for item in completed), len(outcome.items))
        self.storage.discard_work(job.id)

    # -- shared steps ---------------------------------------------------------------------------------------

    def _complete(self, job: Job, owner: str, size: int, pages: int, items: int) -> None:
        """Records the written file in the history; a job cancelled meanwhile leaves no file behind."""
        path = Path(job.result_path or "")
        entry = self.queue.complete(job.id, owner, str(path), size, pages, items_done=items)
        if entry is None:
            # Cancelled meanwhile. Remove the file unless another run of this job completed it after all.
            if not self.queue.path_in_history(str(path)):
                self.storage.discard(path)
                self.storage.discard_work(job.id)
            raise JobCancelledError
        if self.on_progress is not None:
            self.on_progress(job.id, 100)

    def _fail_quietly(self, job: Job, owner: str, message: str) -> None:
        """Records a transient failure; if the database still refuses, the lease expires and recovery retries."""
        try:
            self.queue.fail(job.id, owner, message, transient=True)
        except StoreError as exc:
            log.warning("job %d: could not record the failure either (%s); its lease will expire", job.id, exc)

    def _progress(
        self, job: Job, owner: str, percent: int, items: tuple[int, dt.datetime | None] | None = None
    ) -> None:
        """Reports progress; the database row, the lease and the check for a cancel follow every ``HEARTBEAT_S``.

        A write transaction per batch item cost more than printing the item. ``items`` is a batch's resumes
        done and expected end, shown as "37 of 100, about 12 s left".
        """
        if items is not None and self.on_items is not None:
            done, eta = items
            left = -1.0 if eta is None else max(0.0, (eta - self.queue.store.clock()).total_seconds())
            self.on_items(job.id, done, job.items_total, left)
        now = time.monotonic()
        due = now - self._heartbeats.get(job.id, 0.0) >= HEARTBEAT_S or percent >= 90
        if not due:
            if self.on_progress is not None:
                self.on_progress(job.id, percent)
            return
        self._heartbeats[job.id] = now
        if not self.queue.heartbeat(job.id, owner, percent, items=items):
            raise JobCancelledError
        if self.on_progress is not None:
            self.on_progress(job.id, percent)


def _message(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        return f"option {where}: {first['msg']}" if where else first["msg"]
    return str(exc)
