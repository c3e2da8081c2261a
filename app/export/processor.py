"""Runs one claimed job from start to finish: everything except the ``printToPdf`` call itself.

The printer is injected (``Printer``): in the app and the CLI it waits on the GUI thread's ``PdfEngine``. The
processor decides what a failure means: invalid resume, unknown template, quota → permanent; a renderer
timeout or crash, a disk error → transient (the queue schedules a retry with backoff).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import time
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from app.errors import RenderError, UserError
from app.export.ats import check_pdf
from app.export.jobs import JobQueue
from app.export.models import Job, JobKind
from app.export.naming import safe_stem, unique_name
from app.export.storage import ExportStorage, ExportWriteError
from app.model.loading import load_resume_bytes
from app.model.resume import Resume
from app.render.options import ExportOptions
from app.render.pipeline import Printer, RenderedPdf, render_pdf
from app.store.database import StoreError

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int], None]
#: job id, item index, the item with its outcome (batch jobs, one call per resume as it finishes)
ItemCallback = Callable[[int, int, "BatchItem"], None]
BATCH_RENDER_THREADS = 3
#: Seconds between progress writes to the database (a cancel is noticed within this time).
HEARTBEAT_S = 0.5


class JobCancelledError(Exception):
    """The user cancelled the job while it ran; its work is thrown away."""


@dataclass
class BatchItem:
    """One resume of a batch: its outcome, as the manifest lists it."""

    input: str
    status: str = "pending"
    file: str | None = None
    pages: int | None = None
    size: int | None = None
    error: str | None = None
    pdf: bytes | None = None

    def manifest_row(self) -> dict[str, Any]:
        """The row in ``manifest.json`` (CONTRACT.md)."""
        if self.status == "completed":
            return {
                "input": self.input,
                "status": "completed",
                "file": self.file,
                "pages": self.pages,
                "bytes": self.size,
            }
        return {"input": self.input, "status": "failed", "error": self.error}


class JobProcessor:
    """Processes claimed jobs for one lease owner."""

    def __init__(
        self,
        queue: JobQueue,
        storage: ExportStorage,
        printer: Printer,
        on_progress: ProgressCallback | None = None,
        on_item: ItemCallback | None = None,
    ) -> None:
        self.queue = queue
        self.storage = storage
        self.printer = printer
        self.on_progress = on_progress
        self.on_item = on_item
        self._heartbeats: dict[int, float] = {}

    def ats_check(self, job_id: int) -> tuple[int, float] | None:
        """Runs the ATS check of a completed PDF job and stores it; returns (history entry id, score).

        Kept off the export's own path: text extraction costs several times the print itself, and the export
        is already safe and visible when the check starts.
        """
        job = self.queue.get_job(job_id)
        entry = self.queue.history_for_job(job_id)
        if job.kind is not JobKind.PDF or entry is None:
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
        return self.queue.get_job(job.id)

    # -- one PDF ------------------------------------------------------------------------------------------

    def _run_pdf(self, job: Job, owner: str) -> None:
        options = ExportOptions.model_validate(job.options)
        document = self.queue.job_documents(job)[0]
        resume = load_resume_bytes(document.content, source=document.source_path or document.title)
        self._progress(job, owner, 10)
        rendered = render_pdf(resume, options, self.printer)
        self._progress(job, owner, 80)
        self._store(job, owner, rendered.data, rendered.pages)

    # -- a batch into one ZIP -------------------------------------------------------------------------------

    def _run_batch(self, job: Job, owner: str) -> None:
        options = ExportOptions.model_validate(job.options)
        documents = self.queue.job_documents(job)
        items = [BatchItem(input=Path(doc.source_path).name if doc.source_path else doc.title) for doc in documents]
        total = len(documents)
        done = 0

        def render_one(index: int) -> tuple[int, RenderedPdf | None, Resume | None, Exception | None]:
            document = documents[index]
            try:
                resume = load_resume_bytes(document.content)
                return index, render_pdf(resume, options, self.printer), resume, None
            except (UserError, ValidationError, RenderError) as exc:
                return index, None, None, exc

        self._progress(job, owner, 1)
        names: set[str] = set()
        transient: RenderError | None = None
        with ThreadPoolExecutor(max_workers=BATCH_RENDER_THREADS, thread_name_prefix=f"batch-{job.id}") as pool:
            for index, rendered, resume, error in pool.map(render_one, range(total)):
                item = items[index]
                if isinstance(error, RenderError) and error.transient:
                    transient = transient or error
                if rendered is None or resume is None:
                    item.status, item.error = "failed", _message(error) if error else "not rendered"
                else:
                    # Case-insensitively unique: "Jane Doe" and "JANE DOE" would collide when unzipped on
                    # Windows or macOS.
                    item.file = unique_name(
                        safe_stem(resume.display_name), ".pdf", lambda name: name.casefold() in names
                    )
                    names.add(item.file.casefold())
                    item.status, item.pdf = "completed", rendered.data
                    item.pages, item.size = rendered.pages, len(rendered.data)
                done += 1
                if self.on_item is not None:
                    self.on_item(job.id, index, item)
                self._progress(job, owner, 1 + done * 89 // total)
        if transient is not None:
            raise RenderError(f"a resume in the batch could not be rendered: {transient}", transient=True)
        completed = [item for item in items if item.status == "completed"]
        if not completed:
            reasons = "; ".join(f"{item.input}: {item.error}" for item in items[:3])
            raise UserError(f"none of the {total} resumes could be exported ({reasons})")
        archive = self._zip(items, options, self.queue.store.clock())
        self._store(job, owner, archive, sum(item.pages or 0 for item in completed))

    @staticmethod
    def _zip(items: list[BatchItem], options: ExportOptions, created: dt.datetime) -> bytes:
        manifest = {
            "created": created.isoformat(),
            "options": options.model_dump(mode="json"),
            "items": [item.manifest_row() for item in items],
        }
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for item in items:
                if item.pdf is not None and item.file is not None:
                    # PDFs are compressed inside already: deflating them again costs 1 ms each and saves ~1 %.
                    archive.writestr(item.file, item.pdf, compress_type=zipfile.ZIP_STORED)
            manifest_text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
            archive.writestr("manifest.json", manifest_text, compress_type=zipfile.ZIP_DEFLATED)
        return buffer.getvalue()

    # -- shared steps ---------------------------------------------------------------------------------------

    def _store(self, job: Job, owner: str, data: bytes, pages: int) -> int:
        if job.result_path is None:
            raise UserError(f"job {job.id} has no result path")
        path = Path(job.result_path)
        self.storage.check_quota(len(data))
        self._progress(job, owner, 90)
        self.storage.write(path, data)
        entry = self.queue.complete(job.id, owner, str(path), len(data), pages)
        if entry is None:
            # Cancelled meanwhile. Remove the file unless another run of this job completed it after all.
            if not self.queue.path_in_history(str(path)):
                self.storage.discard(path)
            raise JobCancelledError
        if self.on_progress is not None:
            self.on_progress(job.id, 100)
        return entry.id

    def _fail_quietly(self, job: Job, owner: str, message: str) -> None:
        """Records a transient failure; if the database still refuses, the lease expires and recovery retries."""
        try:
            self.queue.fail(job.id, owner, message, transient=True)
        except StoreError as exc:
            log.warning("job %d: could not record the failure either (%s); its lease will expire", job.id, exc)

    def _progress(self, job: Job, owner: str, percent: int) -> None:
        """Reports progress; the database row, the lease and the check for a cancel follow every ``HEARTBEAT_S``.

        A write transaction per batch item cost more than printing the item.
        """
        now = time.monotonic()
        due = now - self._heartbeats.get(job.id, 0.0) >= HEARTBEAT_S or percent >= 90
        if not due:
            if self.on_progress is not None:
                self.on_progress(job.id, percent)
            return
        self._heartbeats[job.id] = now
        self._heartbeat(job, owner, percent)

    def _heartbeat(self, job: Job, owner: str, percent: int) -> None:
        if not self.queue.heartbeat(job.id, owner, percent):
            raise JobCancelledError
        if self.on_progress is not None:
            self.on_progress(job.id, percent)


def _message(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        return f"option {where}: {first['msg']}" if where else first["msg"]
    return str(exc)
