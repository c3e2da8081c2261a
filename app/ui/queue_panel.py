"""The queue panel: every active and recent export job, with progress, retries, errors, Cancel and Retry.

It is fed by the queue worker's signals (job snapshots and progress); the database is read once, when the
panel opens, and written only when the user cancels or retries.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.export.jobs import JobQueue
from app.export.models import Job, JobKind, JobStatus
from app.export.progress import duration_text
from app.store.clock import utc_now
from app.ui.icons import icon

COLUMNS = ("Export", "Status", "Progress", "Attempts", "Next retry", "Error")
MAX_ROWS = 100


def describe_retry(job: Job) -> str:
    """A short "in 42 s" or "at 14:05" for a job waiting to retry; empty otherwise."""
    if job.status is not JobStatus.PENDING or not job.error:
        return ""
    seconds = (job.next_attempt_at - utc_now()).total_seconds()
    if seconds <= 1:
        return "now"
    if seconds < 90:
        return f"in {seconds:.0f} s"
    return f"at {job.next_attempt_at.astimezone().strftime('%H:%M')}"


def describe_items(done: int, total: int, seconds_left: float) -> str:
    """A batch's progress as its bar shows it: "37 of 100 · about 25 s left" (no estimate when it is unknown)."""
    text = f"{done} of {total}"
    if seconds_left >= 0 and done < total:
        text += f" · about {duration_text(seconds_left)} left"
    return text


class QueuePanel(QWidget):
    """A table of jobs; ``message`` reports what Cancel/Retry did (or why they could not)."""

    message = Signal(str, bool)  #: text, is_error
    jobRequeued = Signal(int)  # noqa: N815 - Qt naming  #: a job was retried: wake the worker

    def __init__(self, queue: JobQueue, title_of: Callable[[int], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.queue = queue
        self.title_of = title_of
        self.setObjectName("queuePanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("jobs")
        self.table.setAccessibleName("Export jobs")
        self.table.setTabKeyNavigation(False)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.cancel_button = QPushButton(icon("circle-x"), "Cancel", self)
        self.cancel_button.setAccessibleName("Cancel the selected export")
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.retry_button = QPushButton(icon("rotate-ccw"), "Retry", self)
        self.retry_button.setAccessibleName("Retry the selected export")
        self.retry_button.setObjectName("retry")
        self.retry_button.clicked.connect(self.retry_selected)
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.retry_button)
        layout.addLayout(row)
        self.jobs: dict[int, Job] = {}
        for job in reversed(queue.list_jobs(limit=MAX_ROWS)):
            self.upsert(job)
        self._update_buttons()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """A dock of a few rows: the editor keeps most of a small screen's height."""
        return QSize(640, 170)

    # -- fed by signals ---------------------------------------------------------------------------------------

    def upsert(self, job: Job) -> None:
        """Shows a job's latest state (a new row for a new job, at the top)."""
        self.jobs[job.id] = job
        row = self._row_of(job.id)
        if row is None:
            self.table.insertRow(0)
            row = 0
            bar = QProgressBar(self.table)
            bar.setRange(0, 100)
            bar.setTextVisible(True)
            self.table.setCellWidget(row, 2, bar)
            while self.table.rowCount() > MAX_ROWS:
                self.table.removeRow(self.table.rowCount() - 1)
        name = self.title_of(job.document_ids[0]) if job.document_ids else "?"
        label = f"#{job.id} {name}" if job.kind is JobKind.PDF else f"#{job.id} batch of {len(job.document_ids)}"
        cells = (
            label,
            job.status.value,
            None,
            f"{job.attempts}/{job.max_attempts}",
            describe_retry(job),
            job.error or "",
        )
        for column, text in enumerate(cells):
            if text is None:
                continue
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, job.id)
            if column == 5 and text:
                item.setToolTip(text)
            self.table.setItem(row, column, item)
        cell = self.table.cellWidget(row, 2)
        if isinstance(cell, QProgressBar):
            cell.setValue(job.progress)
            if job.kind is JobKind.BATCH and job.status is JobStatus.PROCESSING:
                left = (job.eta_at - utc_now()).total_seconds() if job.eta_at is not None else -1.0
                cell.setFormat(describe_items(job.items_done, job.items_total, left))
            else:
                cell.setFormat("%p%")
        self._update_buttons()

    def set_progress(self, job_id: int, percent: int) -> None:
        """Moves a job's progress bar."""
        row = self._row_of(job_id)
        bar = self.table.cellWidget(row, 2) if row is not None else None
        if isinstance(bar, QProgressBar):
            bar.setValue(percent)

    def set_items(self, job_id: int, done: int, total: int, seconds_left: float) -> None:
        """Shows how many resumes of a running batch are done and about how long the rest will take."""
        row = self._row_of(job_id)
        bar = self.table.cellWidget(row, 2) if row is not None else None
        if isinstance(bar, QProgressBar):
            bar.setFormat(describe_items(done, total, seconds_left))
            bar.setToolTip(f"{done} of {total} resumes done")

    # -- actions -------------------------------------------------------------------------------------------------

    def selected_job(self) -> Job | None:
        """The job in the selected row."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return self.jobs.get(int(item.data(Qt.ItemDataRole.UserRole))) if item is not None else None

    def select_job(self, job_id: int) -> None:
        """Selects a job's row (keyboard users and tests)."""
        row = self._row_of(job_id)
        if row is not None:
            self.table.selectRow(row)

    def cancel_selected(self) -> None:
        """Cancels the selected pending or processing job."""
        job = self.selected_job()
        if job is None:
            return
        try:
            self.upsert(self.queue.cancel(job.id))
        except UserError as exc:
            self.message.emit(str(exc), True)
            return
        self.message.emit(f"Export #{job.id} cancelled", False)

    def retry_selected(self) -> None:
        """Requeues the selected failed or cancelled job."""
        job = self.selected_job()
        if job is None:
            return
        try:
            self.upsert(self.queue.retry(job.id))
        except UserError as exc:
            self.message.emit(str(exc), True)
            return
        self.jobRequeued.emit(job.id)

    def _row_of(self, job_id: int) -> int | None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == job_id:
                return row
        return None

    def _update_buttons(self) -> None:
        job = self.selected_job()
        self.cancel_button.setEnabled(job is not None and job.status in {JobStatus.PENDING, JobStatus.PROCESSING})
        self.retry_button.setEnabled(job is not None and job.status in {JobStatus.FAILED, JobStatus.CANCELLED})
