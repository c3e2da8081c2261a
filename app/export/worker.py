"""The queue worker: a ``QThread`` that claims jobs and runs up to three at once.

Job threads do everything but printing (reading, validation, Jinja, PDF metadata, ZIP, files, database); the print
itself is a request to the GUI thread's ``PdfEngine`` (a queued signal) whose future the job thread waits on.
Progress and outcomes are emitted as Qt signals, which reach the GUI thread queued.
"""

from __future__ import annotations

import datetime as dt
import importlib
import itertools
import logging
import threading
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass

from PySide6.QtCore import QObject, QThread, Signal

from app.errors import RenderError
from app.export.jobs import JobQueue, new_owner
from app.export.models import Job
from app.export.processor import JobProcessor
from app.export.retry import RetryPolicy, policy_from_environment
from app.export.storage import ExportStorage
from app.render.engine import PdfEngine
from app.render.html import PageSetup
from app.store.database import Store, StoreError

log = logging.getLogger(__name__)

MAX_CONCURRENT_JOBS = 3
RECOVERY_INTERVAL = dt.timedelta(seconds=30)
CLEANUP_INTERVAL = dt.timedelta(hours=1)


@dataclass(frozen=True)
class _Context:
    """What one run of the worker loop works with."""

    queue: JobQueue
    storage: ExportStorage
    processor: JobProcessor
    pool: ThreadPoolExecutor
    checks: ThreadPoolExecutor | None


@dataclass
class _LoopState:
    """When the worker last looked for stale jobs and swept expired exports."""

    last_recovery: dt.datetime
    last_cleanup: dt.datetime | None


@dataclass(frozen=True)
class WorkerScope:
    """Which jobs a worker takes and when it stops.

    ``only``: just these job ids (the CLI waits for its own job); ``None`` for every job.
    ``until_idle``: stop once none of those jobs is pending or running (``worker --once``, the CLI); otherwise
    run until ``stop()`` (the desktop app).
    """

    only: tuple[int, ...] | None = None
    until_idle: bool = True


class QueueWorker(QThread):
    """Claims and runs export jobs; emits what happens to them."""

    jobProgress = Signal(int, int)  # noqa: N815 - Qt naming  #: job id, percent
    jobFinished = Signal(int, str)  # noqa: N815  #: job id, status after the run (completed, failed, pending...)
    retryScheduled = Signal(int, float, str)  # noqa: N815  #: job id, seconds until the retry, error text
    jobsRecovered = Signal(list)  # noqa: N815  #: ids of jobs taken back from dead processes
    cleanedUp = Signal(str)  # noqa: N815  #: summary of an expiry sweep that removed something
    storeProblem = Signal(str)  # noqa: N815  #: the database refused a step (locked, full); the worker goes on
    jobUpdated = Signal(object)  # noqa: N815  #: a ``Job`` snapshot: claimed, finished, or waiting to retry
    batchItemDone = Signal(int, int, str, str, str)  # noqa: N815  #: job id, index, input, status, error
    batchProgress = Signal(int, int, int, float)  # noqa: N815  #: job id, resumes done, in all, seconds left (-1: unknown)
    atsChecked = Signal(int, float)  # noqa: N815  #: history entry id, ATS score (after a PDF job completed)

    def __init__(
        self,
        store: Store,
        engine: PdfEngine,
        scope: WorkerScope | None = None,
        *,
        policy: RetryPolicy | None = None,
        parent: QObject | None = None,
        max_concurrent: int = MAX_CONCURRENT_JOBS,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.engine = engine
        self.scope = scope or WorkerScope()
        self.policy = policy or policy_from_environment()
        self.max_concurrent = max_concurrent
        self.owner = new_owner()
        self._claims = itertools.count(1)  # each claim gets its own lease token, owner:n
        self._stop = threading.Event()
        self._wake = threading.Event()
        #: Unexpected error that stopped the worker (a bug); ``None`` normally.
        self.crash: BaseException | None = None
        if self.scope.only is None:
            # A worker serving the app checks every PDF: the check's modules (pypdf) are loaded now, on the thread
            # creating the worker, not by the check's thread while another may be importing (see app.cli.queue).
            importlib.import_module("app.export.ats")

    def stop(self) -> None:
        """Asks the worker to finish the jobs it runs and stop claiming (returns at once)."""
        self._stop.set()
        self._wake.set()

    def wake(self) -> None:
        """Tells the worker a job was queued, so it claims it now rather than at the next poll."""
        self._wake.set()

    def print_pdf(self, html: str, setup: PageSetup) -> bytes:
        """The printer job threads use: a request to the GUI thread's engine, waited for here.

        The engine fails a print that takes longer than its own timeout; this wait is a second line for an
        engine that does not answer at all. Giving up cancels the request if it is still queued, and is a
        transient ``RenderError`` (``concurrent.futures.TimeoutError`` is an ``OSError`` since Python 3.11: left
        alone it read as "I/O error: " with nothing after it).
        """
        future = self.engine.submit(html, setup)
        limit = self.engine.timeout_s * 2 + 5
        try:
            return future.result(timeout=limit)
        except TimeoutError:
            future.cancel()
            raise RenderError(f"the renderer did not answer within {limit:g} s", transient=True) from None

    def run(self) -> None:
        """The worker loop (in the worker thread)."""
        try:
            self._loop()
        except BaseException as exc:
            log.exception("queue worker stopped by an internal error")
            self.crash = exc
        finally:
            self.store.close()

    def _loop(self) -> None:
        queue = JobQueue(self.store, self.policy)
        storage = ExportStorage(queue)
        processor = JobProcessor(
            queue,
            storage,
            lambda html, setup: self.print_pdf(html, setup),  # noqa: PLW0108 - late-bound, tests replace it
            on_progress=self.jobProgress.emit,
            on_item=lambda job_id, index, item: self.batchItemDone.emit(
                job_id, index, item.input, item.status, item.error or ""
            ),
            on_items=self.batchProgress.emit,
            # One thread more than pages: a page always has the next document waiting while Python prepares one.
            render_threads=self.engine.pool_size + 1,
        )
        recovered = queue.recover_stale()
        storage.remove_dead_temporaries()
        if recovered:
            log.info("recovered jobs from dead processes: %s", recovered)
            self.jobsRecovered.emit(recovered)
        # The CLI's own export (scope.only) skips the ATS check: it would double a cold export's time.
        checks = None if self.scope.only is not None else ThreadPoolExecutor(1, thread_name_prefix="ats-check")
        try:
            with ThreadPoolExecutor(max_workers=self.max_concurrent, thread_name_prefix="export-job") as pool:
                self._serve(_Context(queue, storage, processor, pool, checks))
        finally:
            if checks is not None:
                checks.shutdown(wait=True)

    def _serve(self, ctx: _Context) -> None:
        """Claims while there is room, waits for jobs or for the next retry, stops when told (or idle).

        A database locked or full for a while must not stop the worker for good: the step is retried a second
        later, and the problem is reported once per occurrence through ``storeProblem``.
        """
        state = _LoopState(self.store.clock(), self._sweep(ctx.storage, None))
        running: dict[Future[Job], int] = {}
        while True:
            try:
                if self._step(ctx, running, state):
                    return
            except StoreError as exc:
                log.warning("queue worker: %s; trying again in a second", exc)
                self.storeProblem.emit(str(exc))
                self._wake.wait(1.0)
                self._wake.clear()

    def _step(self, ctx: _Context, running: dict[Future[Job], int], state: _LoopState) -> bool:
        """One turn of the loop; returns ``True`` when the worker should stop."""
        while not self._stop.is_set() and len(running) < self.max_concurrent:
            job = ctx.queue.claim(f"{self.owner}:{next(self._claims)}", only=self.scope.only)
            if job is None:
                break
            self.jobUpdated.emit(job)
            running[ctx.pool.submit(self._run_job, ctx.processor, job)] = job.id
        if not running:
            due = ctx.queue.next_due(self.scope.only)
            if self._stop.is_set() or (due is None and self.scope.until_idle):
                return True
            timeout = 1.0 if due is None else max(0.0, (due - self.store.clock()).total_seconds())
            self._wake.wait(min(timeout, 1.0))
            self._wake.clear()
        else:
            finished, _ = wait(list(running), timeout=1.0, return_when=FIRST_COMPLETED)
            for future in finished:
                job_id = running.pop(future)
                self._report(ctx.queue, job_id, future)
                done = future.result() if future.exception() is None else None
                if ctx.checks is not None and done is not None and done.status.value == "completed":
                    ctx.checks.submit(self._run_ats, ctx.processor, job_id)
        now = self.store.clock()
        if abs(now - state.last_recovery) > RECOVERY_INTERVAL:
            state.last_recovery = now
            if recovered := ctx.queue.recover_stale(keep_owner=self.owner):
                self.jobsRecovered.emit(recovered)
        state.last_cleanup = self._sweep(ctx.storage, state.last_cleanup)
        return False

    def _run_job(self, processor: JobProcessor, job: Job) -> Job:
        try:
            return processor.run(job, job.lease_owner or self.owner)
        finally:
            self.store.close()

    def _run_ats(self, processor: JobProcessor, job_id: int) -> None:
        try:
            result = processor.ats_check(job_id)
        except Exception:
            log.exception("ATS check of job %d failed", job_id)
            result = None
        finally:
            self.store.close()
        if result is not None:
            self.atsChecked.emit(*result)

    def _sweep(self, storage: ExportStorage, last: dt.datetime | None) -> dt.datetime | None:
        """Expires old exports when the worker starts and hourly.

        Only a worker serving every job does this: the CLI's ``export`` waits for its own job and leaves
        housekeeping to ``cleanup`` and the app.
        """
        if self.scope.only is not None:
            return last
        now = self.store.clock()
        if last is not None and now - last < CLEANUP_INTERVAL:
            return last
        report = storage.cleanup()
        if report.removed_anything:
            self.cleanedUp.emit(report.summary())
        return now

    def _report(self, queue: JobQueue, job_id: int, future: Future[Job]) -> None:
        error = future.exception()
        if error is not None:
            log.error("job %d crashed its thread: %r", job_id, error)
        job = queue.get_job(job_id)
        self.jobUpdated.emit(job)
        if job.status.value == "pending" and job.error:
            wait_s = max(0.0, (job.next_attempt_at - self.store.clock()).total_seconds())
            self.retryScheduled.emit(job_id, wait_s, job.error)
        self.jobFinished.emit(job_id, job.status.value)
