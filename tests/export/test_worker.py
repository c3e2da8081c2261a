"""The QThread worker with the real engine: progress, retries, cancel, renderer crash, quota, disk errors."""

from __future__ import annotations

import errno
import os
import random
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from app.errors import RenderError
from app.export.jobs import JobQueue
from app.export.models import JobStatus
from app.export.retry import RetryPolicy
from app.export.service import ExportSystem
from app.export.storage import ExportStorage
from app.export.worker import QueueWorker, WorkerScope
from app.render.options import ExportOptions
from app.store.database import Store
from tests.conftest import SAMPLE

FAST = RetryPolicy(scale=0.0001, rng=random.Random(3))


@pytest.fixture
def live(data_dir: Path) -> ExportSystem:
    store = Store(data_dir)
    queue = JobQueue(store, FAST)
    return ExportSystem(store, queue, ExportStorage(queue))


@pytest.fixture
def make_worker(qtbot: Any, live: ExportSystem, engine: Any) -> Iterator[Any]:
    workers: list[QueueWorker] = []

    def make(**overrides: Any) -> QueueWorker:
        worker = QueueWorker(live.store, engine, WorkerScope(until_idle=True), policy=FAST)
        for name, value in overrides.items():
            setattr(worker, name, value)
        workers.append(worker)
        return worker

    yield make
    for worker in workers:
        worker.stop()
        worker.wait(10_000)


def run_until_done(qtbot: Any, worker: QueueWorker) -> None:
    with qtbot.waitSignal(worker.finished, timeout=60_000):
        worker.start()
    assert worker.crash is None


def test_a_pdf_job_runs_reports_progress_and_lands_in_history(qtbot: Any, live: ExportSystem, make_worker: Any) -> None:
    job = live.queue_export(live.import_file(SAMPLE), ExportOptions(page_size="letter"))
    worker = make_worker()
    progress: list[int] = []
    finished: list[tuple[int, str]] = []
    worker.jobProgress.connect(lambda job_id, percent: progress.append(percent))
    worker.jobFinished.connect(lambda job_id, status: finished.append((job_id, status)))
    run_until_done(qtbot, worker)
    qtbot.waitUntil(lambda: finished == [(job.id, "completed")])
    assert progress == sorted(progress) and progress[-1] == 100
    entry = live.queue.history_for_job(job.id)
    assert entry is not None and entry.pages == 2
    page = PdfReader(entry.path).pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == (612, 792)


def test_a_transient_failure_is_retried_and_then_completes(qtbot: Any, live: ExportSystem, make_worker: Any) -> None:
    job = live.queue_export(live.import_file(SAMPLE), ExportOptions())
    worker = make_worker()
    real_print = worker.print_pdf
    calls = []

    def flaky(html: str, setup: Any) -> bytes:
        calls.append(1)
        if len(calls) == 1:
            raise RenderError("rendering took longer than 30 s", transient=True)
        return real_print(html, setup)

    worker.print_pdf = flaky
    retries: list[tuple[int, float, str]] = []
    worker.retryScheduled.connect(lambda *args: retries.append(args))
    run_until_done(qtbot, worker)
    qtbot.waitUntil(lambda: len(retries) == 1)
    assert retries[0][0] == job.id and "longer than 30 s" in retries[0][2]
    done = live.queue.get_job(job.id)
    assert (done.status, done.attempts) == (JobStatus.COMPLETED, 2)


def test_cancelling_a_running_job_leaves_no_file(qtbot: Any, live: ExportSystem, make_worker: Any) -> None:
    job = live.queue_export(live.import_file(SAMPLE), ExportOptions())
    worker = make_worker()
    real_print = worker.print_pdf
    entered, release = threading.Event(), threading.Event()

    def slow(html: str, setup: Any) -> bytes:
        entered.set()
        release.wait(30)
        return real_print(html, setup)

    worker.print_pdf = slow
    worker.start()
    qtbot.waitUntil(entered.is_set, timeout=30_000)
    live.queue.cancel(job.id)
    release.set()
    qtbot.waitUntil(worker.isFinished, timeout=30_000)
    assert live.queue.get_job(job.id).status is JobStatus.CANCELLED
    assert live.queue.list_history() == []
    assert list(live.storage.folder.iterdir()) == []


def test_a_killed_render_process_is_retried_and_completes(
    qtbot: Any, live: ExportSystem, make_worker: Any, engine: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine.render("<p>warm up</p>", _setup())  # every page has a render process before we kill one
    job = live.queue_export(live.import_file(SAMPLE), ExportOptions())
    original_start = engine._start
    killed: list[int] = []

    def start_then_kill(slot: Any, render_job: Any) -> None:
        original_start(slot, render_job)
        pid = slot.page.renderProcessPid()
        if not killed and pid > 0:
            killed.append(pid)
            os.kill(pid, signal.SIGKILL)

    monkeypatch.setattr(engine, "_start", start_then_kill)
    run_until_done(qtbot, make_worker())
    assert killed
    done = live.queue.get_job(job.id)
    assert done.status is JobStatus.COMPLETED, done.error
    assert done.attempts == 2


def test_quota_exceeded_fails_permanently_with_advice(qtbot: Any, live: ExportSystem, make_worker: Any) -> None:
    live.storage.set_quota(10_000)
    job = live.queue_export(live.import_file(SAMPLE), ExportOptions())
    run_until_done(qtbot, make_worker())
    failed = live.queue.get_job(job.id)
    assert (failed.status, failed.error_kind, failed.attempts) == (JobStatus.FAILED, "permanent", 1)
    assert "export storage is full" in (failed.error or "")
    assert list(live.storage.folder.iterdir()) == []


def test_a_disk_error_is_transient(
    qtbot: Any, live: ExportSystem, make_worker: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.export.storage as storage_module

    real_write = storage_module.atomic_write_bytes
    failures = []

    def failing_once(path: Path, data: bytes, mode: int = 0o600) -> None:
        if not failures:
            failures.append(path)
            raise OSError(errno.EIO, "Input/output error")
        real_write(path, data, mode)

    monkeypatch.setattr(storage_module, "atomic_write_bytes", failing_once)
    job = live.queue_export(live.import_file(SAMPLE), ExportOptions())
    run_until_done(qtbot, make_worker())
    done = live.queue.get_job(job.id)
    assert (done.status, done.attempts) == (JobStatus.COMPLETED, 2)


def test_an_unreadable_resume_fails_permanently_then_retry_after_fixing_it(
    qtbot: Any, live: ExportSystem, make_worker: Any, tmp_path: Path
) -> None:
    broken = tmp_path / "cv.json"
    broken.write_text('{"basics": {"name": "Ada",\n  "email": "ada@example.com"', encoding="utf-8")
    job = live.queue_export(live.import_file(broken), ExportOptions())
    run_until_done(qtbot, make_worker())
    failed = live.queue.get_job(job.id)
    assert (failed.status, failed.error_kind) == (JobStatus.FAILED, "permanent")
    assert "is not valid JSON" in (failed.error or "") and "line 1, column 13" in (failed.error or "")

    broken.write_text('{"basics": {"name": "Ada", "email": "ada@example.com"}}', encoding="utf-8")
    live.import_file(broken)
    live.queue.retry(job.id)
    run_until_done(qtbot, make_worker())
    assert live.queue.get_job(job.id).status is JobStatus.COMPLETED


def _setup() -> Any:
    from app.render.html import PageSetup
    from app.render.options import PageSize

    return PageSetup(PageSize.A4, 10)


def test_a_job_exports_the_resume_as_it_was_when_queued(
    qtbot: Any, live: ExportSystem, make_worker: Any, tmp_path: Path
) -> None:
    from app.export.ats import pdf_text

    source = tmp_path / "cv.json"
    source.write_text('{"basics": {"name": "Before Edit"}}', encoding="utf-8")
    document = live.import_file(source)
    job = live.queue_export(document, ExportOptions())
    live.queue.add_document("After Edit", b'{"basics": {"name": "After Edit"}}', str(source.resolve()))
    run_until_done(qtbot, make_worker())
    entry = live.queue.history_for_job(job.id)
    assert entry is not None
    assert "Before Edit" in pdf_text(Path(entry.path).read_bytes())
