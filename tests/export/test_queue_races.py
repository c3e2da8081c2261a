"""Queue state changes with another process acting at the worst moment, and a print that never answers.

``meddle`` runs another process's step (a second ``Store`` on the same folder) just before the step under test
opens its transaction: exactly where a check made outside the transaction goes stale.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest

from app.errors import RenderError
from app.export.jobs import JobQueue, JobStateError
from app.export.models import JobStatus
from app.export.processor import JobProcessor
from app.export.service import ExportSystem
from app.export.worker import QueueWorker
from app.render.options import ExportOptions
from app.store.database import Store
from tests.conftest import SAMPLE
from tests.export.conftest import FakeClock


def meddle(system: ExportSystem, step: Callable[[JobQueue], object]) -> None:
    """Makes ``step`` run, once, in another connection right before this queue's next write transaction."""
    real_write = system.store.write
    other = JobQueue(Store(system.store.data_dir, clock=system.store.clock))

    @contextlib.contextmanager
    def write_after_meddling() -> Iterator[Any]:
        system.store.write = real_write  # type: ignore[method-assign]
        step(other)
        with real_write() as conn:
            yield conn

    system.store.write = write_after_meddling  # type: ignore[method-assign]


def queued(system: ExportSystem) -> int:
    return system.queue_export(system.import_file(SAMPLE), ExportOptions()).id


def test_retry_leaves_a_job_alone_that_another_process_retried_and_claimed(system: ExportSystem) -> None:
    job_id = queued(system)
    system.queue.claim("me")
    system.queue.fail(job_id, "me", "bad resume", transient=False)

    def retry_and_claim(other: JobQueue) -> None:
        other.retry(job_id)
        other.claim("other-process")

    meddle(system, retry_and_claim)
    with pytest.raises(JobStateError, match="processing"):
        system.queue.retry(job_id)
    job = system.queue.get_job(job_id)
    assert (job.status, job.lease_owner, job.attempts) == (JobStatus.PROCESSING, "other-process", 1)


def test_retry_clears_any_lease(system: ExportSystem) -> None:
    job_id = queued(system)
    system.queue.claim("me")
    system.store.connection().execute("UPDATE export_jobs SET status = 'failed' WHERE id = ?", (job_id,))
    job = system.queue.retry(job_id)
    assert (job.status, job.lease_owner, job.lease_expires_at) == (JobStatus.PENDING, None, None)


def test_cancel_says_so_when_the_job_completed_under_it(system: ExportSystem) -> None:
    job_id = queued(system)
    claimed = system.queue.claim("worker")
    assert claimed is not None and claimed.result_path is not None
    Path(claimed.result_path).write_bytes(b"%PDF-1.4 done")
    meddle(system, lambda other: other.complete(job_id, "worker", claimed.result_path or "", 13, 1))
    with pytest.raises(JobStateError, match="already completed"):
        system.queue.cancel(job_id)
    assert system.queue.get_job(job_id).status is JobStatus.COMPLETED


def test_recovery_does_not_take_back_a_job_another_process_just_reclaimed(
    system: ExportSystem, clock: FakeClock
) -> None:
    job_id = queued(system)
    system.queue.claim(f"{socket.gethostname()}:999999999:dead")  # a process of this host that is gone

    def recover_and_reclaim(other: JobQueue) -> None:
        assert other.recover_stale() == [job_id]
        assert other.claim("alive-elsewhere:1:x") is not None

    meddle(system, recover_and_reclaim)
    assert system.queue.recover_stale() == []
    job = system.queue.get_job(job_id)
    assert (job.status, job.lease_owner, job.attempts) == (JobStatus.PROCESSING, "alive-elsewhere:1:x", 2)


class SilentEngine:
    """An engine that accepts prints and never answers them (a hung GUI thread)."""

    timeout_s = 0.01

    def __init__(self) -> None:
        self.futures: list[Future[bytes]] = []

    def submit(self, html: str, setup: object) -> Future[bytes]:
        self.futures.append(Future())
        return self.futures[-1]


def test_a_print_that_never_answers_is_a_transient_render_error_and_is_cancelled(system: ExportSystem) -> None:
    engine = SilentEngine()
    worker = QueueWorker(system.store, engine)  # type: ignore[arg-type]
    with pytest.raises(RenderError, match="did not answer within") as caught:
        worker.print_pdf("<p>x</p>", object())  # type: ignore[arg-type]
    assert caught.value.transient
    assert engine.futures[0].cancelled()


def test_an_os_error_without_a_message_is_still_named(system: ExportSystem) -> None:
    job_id = queued(system)
    job = system.queue.claim("me")
    assert job is not None

    def printer(html: str, setup: object) -> bytes:
        raise TimeoutError

    done = JobProcessor(system.queue, system.storage, printer).run(job, "me")  # type: ignore[arg-type]
    assert done.id == job_id and done.status is JobStatus.PENDING
    assert done.error == "I/O error: TimeoutError"
