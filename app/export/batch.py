"""One batch job: every resume rendered into the job's work folder as it completes, then one ZIP streamed to disk.

Memory stays flat in the number of resumes: the job thread reads one resume at a time from the database and keeps
at most two per render thread in flight; a finished item is a file, not bytes held until the end; the ZIP is
written from those files a megabyte at a time. A batch killed and run again (``worker --once``, the app) finds
its finished items in the work folder (``batch_items``) and renders only the rest.

How an item is rendered is a step given to the run (``ItemRenderer``: resume and options to bytes and an
extension), so other formats go through the same queue, history and ZIP.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import shutil
import time
import zipfile
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from app.errors import RenderError, UserError
from app.export.batch_items import ItemFolder, ItemResult, ItemStatus, RenderedFile, item_digest
from app.export.jobs import JobQueue
from app.export.models import Job
from app.export.naming import safe_stem, unique_name
from app.export.storage import QuotaExceededError, format_bytes
from app.library.documents import Document
from app.model.loading import load_resume_bytes
from app.model.resume import Resume
from app.render.exports import export_document
from app.render.options import ExportFormat, ExportOptions
from app.render.pipeline import Printer, render_pdf

log = logging.getLogger(__name__)

#: Renders one resume to one file (PDF today; other formats plug in here).
ItemRenderer = Callable[[Resume, ExportOptions], RenderedFile]
#: Reports progress: percent, resumes done, expected end (``None`` until there is a rate to go by). Raises
#: ``JobCancelledError`` when the job is no longer this run's.
Progress = Callable[[int, int, dt.datetime | None], None]
#: Tries per item in one run when rendering fails transiently (a renderer that crashed or hung is replaced).
ITEM_TRIES = 3
#: Items read ahead per render thread: enough to keep every thread busy, few enough to keep memory flat.
READ_AHEAD = 2
#: Extensions whose files are compressed inside already: stored in the ZIP, not deflated again.
_COMPRESSED = {".pdf", ".docx", ".png", ".jpg", ".zip"}


def pdf_renderer(printer: Printer) -> ItemRenderer:
    """The format step: PDF through the render pipeline with the given printer, every other format without it."""

    def render(resume: Resume, options: ExportOptions) -> RenderedFile:
        if options.format is not ExportFormat.PDF:
            document = export_document(resume, options)
            return RenderedFile(document.data, options.format.suffix, document.pages)
        rendered = render_pdf(resume, options, printer)
        return RenderedFile(rendered.data, ".pdf", rendered.pages)

    return render


@dataclass
class BatchItem:
    """One resume of a batch: its outcome, as the manifest lists it."""

    input: str
    status: str = "pending"
    file: str | None = None
    pages: int | None = None
    size: int | None = None
    error: str | None = None
    path: Path | None = None

    def manifest_row(self) -> dict[str, Any]:
        """The row in ``manifest.json`` (CONTRACT.md)."""
        if self.status == "completed":
            return {
                "input": self.input,
                "status": "completed",
                "file": self.file,
                "pages": self.pages or None,  # null for formats without pages (a PDF has one at least)
                "bytes": self.size,
            }
        return {"input": self.input, "status": "failed", "error": self.error}


@dataclass(frozen=True)
class BatchOutcome:
    """Every item of a finished run, in input order, with a unique file name inside the ZIP for each completed one."""

    items: list[BatchItem]
    rendered: int
    reused: int

    @property
    def completed(self) -> list[BatchItem]:
        """The items that have a file."""
        return [item for item in self.items if item.status == "completed"]


class BatchRun:
    """Renders the items of one batch job that are not in its work folder yet."""

    def __init__(
        self,
        queue: JobQueue,
        job: Job,
        folder: ItemFolder,
        *,
        render_item: ItemRenderer,
        threads: int,
        progress: Progress,
        on_item: Callable[[int, BatchItem], None] | None = None,
        room_bytes: int | None = None,
    ) -> None:
        self.queue = queue
        self.job = job
        self.options = ExportOptions.model_validate(job.options)
        self.options_key = json.dumps(job.options, sort_keys=True).encode()
        self.folder = folder
        self.render_item = render_item
        self.threads = max(1, threads)
        self.progress = progress
        self.on_item = on_item
        #: What the export quota leaves for this ZIP: a batch that outgrows it stops at once, not once all is done.
        self.room_bytes = room_bytes

    def run(self, *, last_attempt: bool) -> BatchOutcome:
        """Renders what is missing and returns every item's outcome.

        A transient failure that persists fails the run (``RenderError``: the queue retries later, keeping what is
        done), except in the job's last attempt, where the item is listed as failed and the ZIP is made.
        """
        total = self.queue.job_document_count(self.job)
        items = [BatchItem(input=name) for name in self.queue.job_inputs(self.job)[:total]]
        existing = self.folder.scan()
        counts = {"done": 0, "rendered": 0, "reused": 0, "bytes": 0}
        started = time.monotonic()
        transient: ItemResult | None = None

        def finish(result: ItemResult) -> None:
            nonlocal transient
            item = items[result.index]
            if result.status is ItemStatus.RETRY and not last_attempt:
                transient = transient or result
            self._apply(item, result)
            counts["done"] += 1
            counts["bytes"] += result.size
            if self.room_bytes is not None and counts["bytes"] > self.room_bytes:
                raise QuotaExceededError(
                    f"export storage is full: the first {counts['done']} of {total} resumes already take "
                    f"{format_bytes(counts['bytes'])} and only {format_bytes(self.room_bytes)} of the export quota is "
                    "free; delete exports in History, run `resumepair cleanup`, or export fewer resumes at once"
                )
            if self.on_item is not None:
                self.on_item(result.index, item)
            self.progress(1 + counts["done"] * 89 // max(1, total), counts["done"], self._eta(counts, total, started))

        pool = ThreadPoolExecutor(self.threads, thread_name_prefix=f"batch-{self.job.id}")
        pending: dict[Future[ItemResult], int] = {}
        positions = iter(range(total))
        try:
            while True:
                while len(pending) < self.threads * READ_AHEAD and (index := next(positions, None)) is not None:
                    document = self.queue.job_document(self.job, index)
                    digest = item_digest(document.content, self.options_key)
                    found = existing.pop((index, digest), None)
                    if found is not None:
                        counts["reused"] += 1
                        finish(found)
                    else:
                        pending[pool.submit(self._render, index, document, digest)] = index
                if not pending:
                    break
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    del pending[future]
                    counts["rendered"] += 1
                    finish(future.result())
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        if transient is not None:
            raise RenderError(f"a resume in the batch could not be rendered: {transient.error}", transient=True)
        _name_files(items)
        return BatchOutcome(items, counts["rendered"], counts["reused"])

    def _render(self, index: int, document: Document, digest: str) -> ItemResult:
        """One item, in a render thread: read, validate, render, store as a file."""
        try:
            resume = load_resume_bytes(document.content)  # the manifest names the input beside the message
        except (UserError, ValidationError) as exc:
            return self.folder.put_failure(index, digest, str(exc))
        error: RenderError | None = None
        for _try in range(ITEM_TRIES):
            try:
                rendered = self.render_item(resume, self.options)
            except RenderError as exc:
                if not exc.transient:
                    return self.folder.put_failure(index, digest, str(exc))
                log.warning("batch %d, item %d: %s (try %d of %d)", self.job.id, index, exc, _try + 1, ITEM_TRIES)
                error = exc
                continue
            except UserError as exc:  # --fit-pages cannot fit this one, say
                return self.folder.put_failure(index, digest, str(exc))
            return self.folder.put(index, digest, safe_stem(resume.display_name), rendered)
        return ItemResult(index, digest, ItemStatus.RETRY, error=str(error))

    @staticmethod
    def _apply(item: BatchItem, result: ItemResult) -> None:
        if result.status is ItemStatus.COMPLETED:
            item.status, item.pages, item.size, item.path = "completed", result.pages, result.size, result.path
            item.file = f"{result.stem}{result.suffix}"  # made unique when the ZIP is written
        else:
            item.status, item.error = "failed", result.error

    def _eta(self, counts: dict[str, int], total: int, started: float) -> dt.datetime | None:
        """When the rest should be done, at the rate this run has rendered so far (after a few items)."""
        rendered, elapsed = counts["rendered"], time.monotonic() - started
        if rendered < 3 or elapsed <= 0:
            return None
        remaining = total - counts["done"]
        return self.queue.store.clock() + dt.timedelta(seconds=remaining * elapsed / rendered)


def _name_files(items: list[BatchItem]) -> None:
    """Unique names inside the ZIP, in input order (the same on every run), compared case-insensitively.

    "Jane Doe" and "JANE DOE" would collide when unzipped on Windows or macOS.
    """
    taken: set[str] = set()
    for item in items:
        if item.status != "completed" or item.file is None:
            continue
        stem, suffix = Path(item.file).stem, Path(item.file).suffix
        item.file = unique_name(stem, suffix, lambda name: name.casefold() in taken)
        taken.add(item.file.casefold())


def zip_size_estimate(outcome: BatchOutcome, manifest: bytes) -> int:
    """An upper bound of the ZIP's size, for the quota check before writing it."""
    headers = sum(2 * (30 + 46 + 20 + 2 * len((item.file or "").encode())) for item in outcome.completed)
    return sum(item.size or 0 for item in outcome.completed) + headers + len(manifest) + 1024


def manifest_bytes(outcome: BatchOutcome, options: dict[str, Any], created: dt.datetime) -> bytes:
    """``manifest.json`` (CONTRACT.md): when, with which options, and each input's outcome."""
    manifest = {
        "created": created.isoformat(),
        "options": options,
        "items": [item.manifest_row() for item in outcome.items],
    }
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_zip(handle: IO[bytes], outcome: BatchOutcome, manifest: bytes, created: dt.datetime) -> None:
    """Streams the items' files and the manifest into ``handle`` (a seekable file).

    Entries are readable by everyone once unzipped (``-rw-r--r--``), whatever the app's private umask made the
    files in its own folder, and carry the batch's time.
    """
    stamp = created.astimezone(dt.UTC).timetuple()[:6]
    with zipfile.ZipFile(handle, "w") as archive:
        for item in outcome.completed:
            if item.path is None or item.file is None:
                continue
            info = _entry(item.file, stamp, compressed=Path(item.file).suffix.lower() in _COMPRESSED)
            info.file_size = item.size or 0
            with item.path.open("rb") as source, archive.open(info, "w", force_zip64=info.file_size > 2**31) as target:
                shutil.copyfileobj(source, target, 1 << 20)
        archive.writestr(_entry("manifest.json", stamp, compressed=False), manifest)


def _entry(name: str, stamp: tuple[int, ...], *, compressed: bool) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp)  # type: ignore[arg-type]
    info.compress_type = zipfile.ZIP_STORED if compressed else zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix: the mode below is honoured by unzip tools
    info.external_attr = 0o100644 << 16
    return info
