"""A running batch shows how many resumes are done and about how long the rest will take, in the queue panel
and in the batch dialog (the worker's ``batchProgress`` signal, also shown by ``resumepair jobs``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from PySide6.QtWidgets import QProgressBar

from app.export.models import Job, JobKind, JobStatus
from app.store.clock import utc_now
from app.ui.queue_panel import describe_items


def test_describe_items() -> None:
    assert describe_items(37, 100, 25.4) == "37 of 100 · about 25 s left"
    assert describe_items(3, 1000, 75) == "3 of 1000 · about 1 min 15 s left"
    assert describe_items(0, 10, -1) == "0 of 10"
    assert describe_items(10, 10, 5) == "10 of 10"


def running_batch() -> Job:
    """A batch job as the panel sees it while the worker renders it (not run: the panel is what is tested)."""
    now = utc_now()
    fields = {
        "id": 9001, "kind": JobKind.BATCH, "document_ids": list(range(1, 11)), "options": {},
        "status": JobStatus.PROCESSING, "attempts": 1, "max_attempts": 5, "progress": 30, "error": None,
        "error_kind": None, "next_attempt_at": now, "lease_owner": "test", "lease_expires_at": None,
        "result_path": None, "created_at": now, "updated_at": now, "items_done": 3,
        "eta_at": now + dt.timedelta(seconds=42),
    }  # fmt: skip
    return Job(**fields)


def test_the_queue_panel_shows_resumes_done_and_time_left(open_window: Any) -> None:
    window = open_window()
    panel = window.queue_panel
    job = running_batch()
    panel.upsert(job)
    bar = panel.table.cellWidget(0, 2)
    assert isinstance(bar, QProgressBar)
    assert bar.format().startswith("3 of 10 · about 4")  # 42 s, give or take the second that passed
    window.worker.batchProgress.emit(job.id, 7, 10, 12.0)
    assert bar.format() == "7 of 10 · about 12 s left"
    panel.upsert(dataclasses.replace(job, status=JobStatus.COMPLETED, progress=100, items_done=10))
    assert bar.format() == "%p%"


def test_the_batch_dialog_says_it_too(open_window: Any) -> None:
    window = open_window()
    dialog = window.exports.batch_dialog()
    dialog.track(9001)
    window.worker.batchProgress.emit(9001, 4, 10, 30.0)
    assert dialog.summary.text() == "Exporting… 4 of 10 · about 30 s left"
    window.worker.batchProgress.emit(1234, 9, 10, 1.0)  # another job's progress is not this dialog's
    assert "4 of 10" in dialog.summary.text()
    dialog.reject()
