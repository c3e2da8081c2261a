"""Queue state changes: claim, complete with history, fail, retry, cancel, recover."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
from pathlib import Path

import pytest

from app.export.jobs import JobStateError
from app.export.models import JobStatus
from app.export.service import ExportSystem
from app.render.options import ExportOptions
from tests.conftest import SAMPLE
from tests.export.conftest import FakeClock


def queue_one(system: ExportSystem) -> int:
    document = system.import_file(SAMPLE)
    return system.queue_export(document, ExportOptions()).id


def test_a_job_is_claimed_once_and_completes_into_the_history(system: ExportSystem, clock: FakeClock) -> None:
    job_id = queue_one(system)
    job = system.queue.get_job(job_id)
    assert job.status is JobStatus.PENDING
    assert job.result_path and Path(job.result_path).name == "20261128-120000-Richard_Hendriks.pdf"

    claimed = system.queue.claim("me")
    assert claimed is not None and claimed.id == job_id and claimed.attempts == 1
    assert system.queue.claim("someone-else") is None

    Path(job.result_path).write_bytes(b"%PDF-fake")
    entry = system.queue.complete(job_id, "me", job.result_path, 9, 1)
    assert entry is not None
    assert entry.expires_at - entry.created_at == dt.timedelta(days=7)
    assert system.queue.get_job(job_id).status is JobStatus.COMPLETED
    assert [e.job_id for e in system.queue.list_history()] == [job_id]
    # completing twice (a stale worker) changes nothing
    assert system.queue.complete(job_id, "me", job.result_path, 9, 1) is None
    assert len(system.queue.list_history()) == 1


def test_transient_failures_back_off_then_fail_after_five_attempts(system: ExportSystem, clock: FakeClock) -> None:
    job_id = queue_one(system)
    for attempt in range(1, 6):
        claimed = system.queue.claim("me")
        assert claimed is not None, attempt
        job = system.queue.fail(job_id, "me", "renderer crashed", transient=True)
        if attempt < 5:
            assert job.status is JobStatus.PENDING
            delay = job.next_attempt_at - clock.now
            assert dt.timedelta(0) <= delay <= system.queue.policy.ceiling(attempt)
            assert system.queue.claim("me") is None or delay == dt.timedelta(0)
            clock.now = job.next_attempt_at
        else:
            assert job.status is JobStatus.FAILED
            assert job.error_kind == "transient"
            assert "gave up after 5 attempts" in (job.error or "")


def test_permanent_failure_fails_at_once_and_retry_requeues(system: ExportSystem) -> None:
    job_id = queue_one(system)
    system.queue.claim("me")
    job = system.queue.fail(job_id, "me", "basics.name: must be text", transient=False)
    assert (job.status, job.error_kind, job.attempts) == (JobStatus.FAILED, "permanent", 1)
    job = system.queue.retry(job_id)
    assert (job.status, job.attempts, job.error) == (JobStatus.PENDING, 0, None)
    with pytest.raises(JobStateError):
        system.queue.retry(job_id)


def test_cancel_pending_and_processing(system: ExportSystem) -> None:
    first, second = queue_one(system), queue_one(system)
    assert system.queue.cancel(first).status is JobStatus.CANCELLED
    claimed = system.queue.claim("me")
    assert claimed is not None and claimed.id == second
    system.queue.cancel(second)
    assert not system.queue.holds_lease(second, "me")
    assert not system.queue.heartbeat(second, "me", 50)
    with pytest.raises(JobStateError, match="nothing to cancel"):
        system.queue.cancel(second)


def test_expired_leases_and_dead_owners_are_recovered(system: ExportSystem, clock: FakeClock) -> None:
    live, dead = queue_one(system), queue_one(system)
    system.queue.claim("elsewhere:1:x")  # another host: only its lease expiry can free it
    import socket

    system.queue.claim(f"{socket.gethostname()}:999999999:x")  # this host, a pid that does not exist
    assert system.queue.recover_stale() == [dead]
    clock.advance(minutes=3)
    assert system.queue.recover_stale() == [live]
    assert {job.status for job in system.queue.list_jobs()} == {JobStatus.PENDING}


def _claim_all(data_dir: str, results: multiprocessing.Queue[list[int]]) -> None:
    from app.export.jobs import JobQueue
    from app.store.database import Store

    queue = JobQueue(Store(Path(data_dir)))
    mine = []
    while (job := queue.claim(f"proc-{multiprocessing.current_process().pid}")) is not None:
        mine.append(job.id)
        queue.complete(job.id, f"proc-{multiprocessing.current_process().pid}", f"/x/{job.id}.pdf", 1, 1)
    results.put(mine)


def test_two_processes_racing_process_every_job_exactly_once(data_dir: Path) -> None:
    from app.export.jobs import JobQueue
    from app.export.models import JobKind
    from app.store.database import Store

    queue = JobQueue(Store(data_dir))
    document = queue.add_document("x", b"{}")
    ids = [
        queue.create_job(JobKind.PDF, [document], {}, lambda taken, n=n: f"/x/planned-{n}.pdf").id for n in range(60)
    ]
    context = multiprocessing.get_context("spawn")
    results: multiprocessing.Queue[list[int]] = context.Queue()
    workers = [context.Process(target=_claim_all, args=(str(data_dir), results)) for _ in range(2)]
    for worker in workers:
        worker.start()
    claimed = [results.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
    everything = claimed[0] + claimed[1]
    assert sorted(everything) == ids  # every job once, none twice
    assert len(queue.list_history()) == 60
    rows = queue.store.read("SELECT job_id, COUNT(*) AS n FROM export_history GROUP BY job_id HAVING n > 1")
    assert rows == []
    assert json.loads(json.dumps([len(c) for c in claimed]))  # both lists exist
