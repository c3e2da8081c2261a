"""The clock jumps (a user fixes a wrong clock, NTP steps it, a laptop wakes up): claims, leases, expiry and
backoff must still behave. Nothing is lost, no job runs twice, no export expires early.

The store's clock is injected (``Store(data_dir, clock=...)``); file times stay real, as they would be.
"""

from __future__ import annotations

import datetime as dt
import random
import threading
from pathlib import Path
from typing import Any

import pytest

from app.export.jobs import HISTORY_DAYS, JobQueue
from app.export.models import JobStatus
from app.export.retry import RetryPolicy
from app.export.service import ExportSystem
from app.export.storage import ExportStorage
from app.export.worker import QueueWorker, WorkerScope
from app.render.options import ExportOptions
from app.store.database import Store
from tests.conftest import SAMPLE


class JumpingClock:
    """Real time at first; tests move it by hand, backwards or forwards."""

    def __init__(self) -> None:
        self.now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        self._lock = threading.Lock()

    def __call__(self) -> dt.datetime:
        with self._lock:
            return self.now

    def jump(self, **delta: float) -> None:
        with self._lock:
            self.now += dt.timedelta(**delta)


@pytest.fixture
def clock() -> JumpingClock:
    return JumpingClock()


@pytest.fixture
def system(data_dir: Path, clock: JumpingClock) -> ExportSystem:
    store = Store(data_dir, clock=clock)
    queue = JobQueue(store, RetryPolicy(rng=random.Random(11)))
    return ExportSystem(store, queue, ExportStorage(queue))


def queue_one(system: ExportSystem, title: str | None = None) -> int:
    return system.queue_export(system.import_file(SAMPLE), ExportOptions(), title).id


def finish(system: ExportSystem, job_id: int, owner: str) -> Any:
    """What a worker does at the end of a job: the file in place, then ``complete``."""
    job = system.queue.get_job(job_id)
    assert job.result_path is not None
    system.storage.write(Path(job.result_path), b"%PDF-1.7 exported\n%%EOF\n")
    return system.queue.complete(job_id, owner, job.result_path, 24, 1)


def test_a_running_job_is_not_taken_twice_when_the_clock_goes_back(system: ExportSystem, clock: JumpingClock) -> None:
    job_id = queue_one(system)
    assert system.queue.claim("otherhost:1:first") is not None  # another host: only its lease protects the job
    clock.jump(hours=-1)
    assert system.queue.recover_stale() == []  # the lease did not expire by going back in time
    assert system.queue.claim("otherhost:2:second") is None
    assert system.queue.heartbeat(job_id, "otherhost:1:first", 50)
    entry = finish(system, job_id, "otherhost:1:first")
    assert entry is not None
    assert system.queue.complete(job_id, "otherhost:2:second", entry.path, 24, 1) is None
    assert [e.job_id for e in system.queue.list_history()] == [job_id]
    assert system.queue.get_job(job_id).attempts == 1


def test_exports_do_not_expire_early_when_the_clock_goes_back_and_forth(
    system: ExportSystem, clock: JumpingClock
) -> None:
    job_id = queue_one(system)
    assert system.queue.claim("me") is not None
    entry = finish(system, job_id, "me")
    assert entry is not None
    made = clock.now

    for jump in ({"days": -30}, {"days": -400}, {"minutes": -1}):
        clock.now = made + dt.timedelta(**jump)
        report = system.storage.cleanup()
        assert (report.expired, report.strays, report.temporaries, report.vanished) == ([], [], [], [])
        assert [e.id for e in system.queue.list_history()] == [entry.id]
    clock.now = made + dt.timedelta(days=HISTORY_DAYS) - dt.timedelta(seconds=1)
    assert system.storage.cleanup().expired == []
    assert Path(entry.path).exists()
    clock.now = made + dt.timedelta(days=HISTORY_DAYS, seconds=1)
    assert system.storage.cleanup().expired == [entry.file_name]  # and then it does expire, on time
    assert not Path(entry.path).exists()


def test_same_second_after_a_jump_back_gives_a_second_file_not_an_overwrite(
    system: ExportSystem, clock: JumpingClock
) -> None:
    first = queue_one(system)
    assert system.queue.claim("me") is not None
    first_entry = finish(system, first, "me")
    clock.jump(seconds=-1)
    clock.jump(seconds=1)  # back to the very second the first export is stamped with
    second = queue_one(system)
    assert system.queue.claim("me") is not None
    second_entry = finish(system, second, "me")
    assert first_entry is not None and second_entry is not None
    assert first_entry.path != second_entry.path
    assert Path(first_entry.path).exists() and Path(second_entry.path).exists()
    assert len(system.queue.list_history()) == 2


def test_backoff_never_becomes_negative_or_unbounded_when_the_clock_goes_back(
    system: ExportSystem, clock: JumpingClock
) -> None:
    """A failure recorded after a jump back is scheduled from the new time, within the policy's ceiling."""
    job_id = queue_one(system)
    assert system.queue.claim("me") is not None
    clock.jump(hours=-2)
    failed = system.queue.fail(job_id, "me", "the rendering process crashed", transient=True)
    assert failed.status is JobStatus.PENDING
    delay = failed.next_attempt_at - clock.now
    assert dt.timedelta(0) <= delay <= system.queue.policy.ceiling(1)
    clock.now = failed.next_attempt_at
    claimed = system.queue.claim("me")
    assert claimed is not None and claimed.attempts == 2


@pytest.mark.parametrize("scheduled", ["queued", "retry"])
def test_a_job_scheduled_before_the_clock_went_back_is_not_stranded(
    system: ExportSystem, clock: JumpingClock, scheduled: str
) -> None:
    job_id = queue_one(system)
    allowed = dt.timedelta(0)
    if scheduled == "retry":
        assert system.queue.claim("me") is not None
        system.queue.fail(job_id, "me", "the rendering process crashed", transient=True)
        allowed = system.queue.policy.ceiling(1)  # the longest a first retry may wait
    clock.jump(hours=-1)
    clock.jump(seconds=allowed.total_seconds())
    claimed = system.queue.claim("me")
    assert claimed is not None and claimed.id == job_id, "the job waits for the clock to catch up with it"


@pytest.fixture
def live(data_dir: Path, clock: JumpingClock) -> ExportSystem:
    store = Store(data_dir, clock=clock)
    queue = JobQueue(store, RetryPolicy(scale=0.0001, rng=random.Random(3)))
    return ExportSystem(store, queue, ExportStorage(queue))


def test_a_real_export_completes_once_when_the_clock_goes_back_mid_job(
    qtbot: Any, live: ExportSystem, clock: JumpingClock, engine: Any
) -> None:
    job_id = queue_one(live)
    worker = QueueWorker(live.store, engine, WorkerScope(until_idle=True), policy=live.queue.policy)
    real_print = worker.print_pdf
    prints: list[int] = []

    def print_while_the_clock_jumps(html: str, setup: Any) -> bytes:
        prints.append(1)
        clock.jump(hours=-3)
        return real_print(html, setup)

    worker.print_pdf = print_while_the_clock_jumps  # type: ignore[method-assign]
    with qtbot.waitSignal(worker.finished, timeout=60_000):
        worker.start()
    assert worker.crash is None
    job = live.queue.get_job(job_id)
    assert (job.status, job.attempts, len(prints)) == (JobStatus.COMPLETED, 1, 1)
    (entry,) = live.queue.list_history()
    assert entry.expires_at - clock.now >= dt.timedelta(days=HISTORY_DAYS) - dt.timedelta(minutes=1)
    assert sorted(path.name for path in live.storage.folder.iterdir()) == [entry.file_name]
    assert live.storage.cleanup().expired == []
    assert live.store.integrity_ok()


def test_a_forward_jump_mid_job_does_not_run_the_job_twice(
    qtbot: Any, live: ExportSystem, clock: JumpingClock, engine: Any
) -> None:
    job_id = queue_one(live)
    worker = QueueWorker(live.store, engine, WorkerScope(until_idle=False), policy=live.queue.policy)
    real_print = worker.print_pdf
    prints: list[int] = []
    reclaimed = threading.Event()

    def print_across_a_suspend(html: str, setup: Any) -> bytes:
        prints.append(1)
        if len(prints) == 1:
            clock.jump(minutes=5)  # the machine slept through the lease
            # Give the worker's loop (1 s ticks) time to look at leases before this print returns.
            reclaimed.wait(3)
        else:
            reclaimed.set()
        return real_print(html, setup)

    worker.print_pdf = print_across_a_suspend  # type: ignore[method-assign]
    worker.start()
    try:
        qtbot.waitUntil(lambda: live.queue.get_job(job_id).status is JobStatus.COMPLETED, timeout=30_000)
        qtbot.wait(1500)  # let a second run, if there is one, finish too
    finally:
        worker.stop()
        worker.wait(30_000)
    (entry,) = live.queue.list_history()
    assert Path(entry.path).exists(), "the history row points at a file a second run discarded"
    assert len(prints) == 1, "the job was rendered twice"
