"""Batch jobs item by item, with a stand-in renderer (no Chromium): retries inside a run, resuming, the ZIP."""

from __future__ import annotations

import json
import threading
import zipfile
from pathlib import Path
from typing import Any

import pytest

from app.errors import RenderError
from app.export.batch_items import RenderedFile
from app.export.models import Job, JobStatus
from app.export.processor import JobProcessor
from app.export.service import ExportSystem
from app.render.options import ExportOptions


class Renderer:
    """Renders ``%PDF-fake <name>``; ``fail`` maps a name to how many times its render fails first."""

    def __init__(self, fail: dict[str, int] | None = None, *, transient: bool = True) -> None:
        self.fail = dict(fail or {})
        self.transient = transient
        self.rendered: list[str] = []
        self._lock = threading.Lock()

    def __call__(self, resume: Any, options: ExportOptions) -> RenderedFile:
        name = resume.basics.name
        with self._lock:
            if self.fail.get(name, 0) > 0:
                self.fail[name] -= 1
                raise RenderError(f"rendering {name} took too long", transient=self.transient)
            self.rendered.append(name)
        return RenderedFile(f"%PDF-fake {name}".encode(), ".pdf", 2)


def work(system: ExportSystem, job: Job) -> Path:
    return system.store.data_dir / "work" / f"job-{job.id}"


def batch_of(system: ExportSystem, *names: str) -> Job:
    ids = [system.queue.add_document(name, json.dumps({"basics": {"name": name}}).encode()) for name in names]
    return system.queue_batch(ids, ExportOptions())


def run(system: ExportSystem, renderer: Renderer, **claim: Any) -> Job:
    job = system.queue.claim("me", **claim)
    assert job is not None
    return JobProcessor(system.queue, system.storage, None, render_item=renderer).run(job, "me")  # type: ignore[arg-type]


def zip_members(system: ExportSystem, job: Job) -> dict[str, bytes]:
    entry = system.queue.history_for_job(job.id)
    assert entry is not None
    with zipfile.ZipFile(entry.path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_an_item_whose_render_fails_once_is_tried_again_in_the_same_run(system: ExportSystem) -> None:
    job = batch_of(system, "Ada", "Bob", "Cy")
    renderer = Renderer({"Bob": 2})
    done = run(system, renderer)
    assert (done.status, done.attempts, done.items_done) == (JobStatus.COMPLETED, 1, 3)
    assert sorted(renderer.rendered) == ["Ada", "Bob", "Cy"]
    members = zip_members(system, job)
    assert members["Bob.pdf"] == b"%PDF-fake Bob"
    # the copies of the resumes taken for the job are dropped once its ZIP is in the history
    assert system.store.read("SELECT COUNT(*) FROM job_documents WHERE job_id = ?", (job.id,))[0][0] == 0
    manifest = json.loads(members["manifest.json"])
    assert [(item["input"], item["pages"]) for item in manifest["items"]] == [("Ada", 2), ("Bob", 2), ("Cy", 2)]


def test_a_lasting_transient_failure_retries_the_job_keeping_what_is_done(system: ExportSystem, clock: Any) -> None:
    job = batch_of(system, "Ada", "Bob", "Cy")
    first = Renderer({"Bob": 99})
    after_first = run(system, first)
    assert (after_first.status, after_first.error_kind) == (JobStatus.PENDING, "transient")
    assert "Bob took too long" in (after_first.error or "")
    assert sorted(first.rendered) == ["Ada", "Cy"]
    assert work(system, job).is_dir()

    clock.now = after_first.next_attempt_at
    second = Renderer()
    assert run(system, second).status is JobStatus.COMPLETED
    assert second.rendered == ["Bob"]
    assert not work(system, job).exists()


def test_on_the_last_attempt_an_item_that_keeps_failing_is_listed_and_the_zip_is_made(
    system: ExportSystem, clock: Any
) -> None:
    job = batch_of(system, "Ada", "Bob")
    system.store.connection().execute("UPDATE export_jobs SET max_attempts = 1 WHERE id = ?", (job.id,))
    done = run(system, Renderer({"Bob": 99}))
    assert done.status is JobStatus.COMPLETED
    manifest = json.loads(zip_members(system, job)["manifest.json"])
    assert [item["status"] for item in manifest["items"]] == ["completed", "failed"]
    assert "Bob took too long" in manifest["items"][1]["error"]


def test_a_permanent_failure_is_listed_and_not_tried_again(system: ExportSystem) -> None:
    job = batch_of(system, "Ada", "Bob")
    renderer = Renderer({"Bob": 1}, transient=False)
    assert run(system, renderer).status is JobStatus.COMPLETED
    manifest = json.loads(zip_members(system, job)["manifest.json"])
    assert manifest["items"][1] == {"input": "Bob", "status": "failed", "error": "rendering Bob took too long"}
    assert renderer.rendered == ["Ada"]


def test_a_user_retry_keeps_the_items_done_and_renders_the_changed_ones_again(system: ExportSystem) -> None:
    job = batch_of(system, "Ada", "Bob", "Cy")
    assert run(system, Renderer({"Cy": 99})).status is JobStatus.PENDING  # Ada and Bob are done
    system.queue.cancel(job.id)
    system.queue.documents.save(job.document_ids[1], "Bob", {"basics": {"name": "Bob"}, "work": [{"name": "Acme"}]})
    system.queue.retry(job.id)  # with the resumes as they are now
    second = Renderer()
    assert run(system, second).status is JobStatus.COMPLETED
    assert sorted(second.rendered) == ["Bob", "Cy"]


def test_cancelling_a_running_batch_removes_its_work(system: ExportSystem) -> None:
    job = batch_of(system, *[f"P{i}" for i in range(12)])
    cancelled = threading.Event()

    class Cancelling(Renderer):
        def __call__(self, resume: Any, options: ExportOptions) -> RenderedFile:
            if resume.basics.name == "P3" and not cancelled.is_set():
                system.queue.cancel(job.id)
                cancelled.set()
            return super().__call__(resume, options)

    claimed = system.queue.claim("me")
    assert claimed is not None
    processor = JobProcessor(system.queue, system.storage, None, render_item=Cancelling())  # type: ignore[arg-type]
    import app.export.processor as processor_module

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(processor_module, "HEARTBEAT_S", 0.0)
        done = processor.run(claimed, "me")
    assert done.status is JobStatus.CANCELLED
    assert not work(system, job).exists()
    assert list(system.storage.folder.iterdir()) == []


def test_a_batch_that_outgrows_the_quota_stops_early_and_cleanup_removes_its_work(system: ExportSystem) -> None:
    job = batch_of(system, *[f"P{i:02d}" for i in range(30)])
    system.storage.set_quota(len(b"%PDF-fake P00") * 5)
    renderer = Renderer()
    done = JobProcessor(system.queue, system.storage, None, render_threads=1, render_item=renderer).run(  # type: ignore[arg-type]
        system.queue.claim("me"),
        "me",  # type: ignore[arg-type]
    )
    assert (done.status, done.error_kind) == (JobStatus.FAILED, "permanent")
    assert "export storage is full: the first 6 of 30 resumes" in (done.error or "")
    assert len(renderer.rendered) < 10  # not all 30 rendered before finding out
    report = system.storage.cleanup()
    assert report.work_folders == [f"job-{job.id}"]
    assert "1 abandoned batch folder(s)" in report.summary()
    assert not work(system, job).exists()


def test_progress_reports_items_and_a_time_estimate(system: ExportSystem) -> None:
    batch_of(system, *[f"P{i}" for i in range(8)])
    seen: list[tuple[int, int, float]] = []
    claimed = system.queue.claim("me")
    assert claimed is not None
    processor = JobProcessor(
        system.queue,
        system.storage,
        None,  # type: ignore[arg-type]
        on_items=lambda _job, done, total, left: seen.append((done, total, left)),
        render_threads=1,
        render_item=Renderer(),
    )
    processor.run(claimed, "me")
    assert [done for done, _total, _left in seen] == list(range(1, 9))
    assert {total for _done, total, _left in seen} == {8}
    assert seen[0][2] == -1.0 and all(left >= 0 for _done, _total, left in seen[3:])


def test_zip_entries_are_public_and_the_size_estimate_is_an_upper_bound(system: ExportSystem) -> None:
    job = batch_of(system, "Zoë", "ZOË", "Ünal")
    run(system, Renderer())
    entry = system.queue.history_for_job(job.id)
    assert entry is not None
    with zipfile.ZipFile(entry.path) as archive:
        infos = archive.infolist()
    assert [info.filename for info in infos] == ["Zoë.pdf", "ZOË_2.pdf", "Ünal.pdf", "manifest.json"]
    assert {info.external_attr >> 16 for info in infos} == {0o100644}
    assert Path(entry.path).stat().st_size == entry.bytes
