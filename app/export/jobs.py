"""The job queue and export history in SQL: create, claim, complete, fail, cancel, retry, recover.

Every state change is one transaction. A claim is ``BEGIN IMMEDIATE`` + select + update, so two processes on
the same data folder never get the same job. A claimed job carries a lease (owner + expiry); the owner must
still hold it when completing, so a job that was recovered or cancelled meanwhile is never completed twice.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import sqlite3
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from app.errors import UserError
from app.export.history import JobHistory
from app.export.job_documents import JobDocuments
from app.export.models import HistoryEntry, Job, JobKind, JobStatus
from app.export.retry import RetryPolicy
from app.fsutil import pid_alive
from app.library.documents import DocumentLibrary
from app.store.clock import from_db, to_db
from app.store.database import Store

HISTORY_DAYS = 7
DEFAULT_LEASE = dt.timedelta(minutes=2)
#: How far in the future a job's last update may be before we conclude the clock went back.
CLOCK_TOLERANCE = dt.timedelta(seconds=5)


class JobNotFoundError(UserError):
    """A job id that does not exist."""


class JobStateError(UserError):
    """An action that does not fit the job's state (cancelling a completed job...)."""


def new_owner() -> str:
    """A lease owner id: host, pid and a random part (pids are reused)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def owner_is_dead(owner: str) -> bool:
    """True when the owner ran on this host and its process no longer exists; unknown owners are not dead."""
    host, _, rest = owner.partition(":")
    pid_text = rest.split(":", 1)[0]
    return host == socket.gethostname() and pid_text.isdigit() and not pid_alive(int(pid_text))


class JobQueue(JobDocuments, JobHistory):
    """Queue and history operations over one ``Store``."""

    def __init__(self, store: Store, policy: RetryPolicy | None = None) -> None:
        self.store = store
        self.policy = policy or RetryPolicy()
        self.documents = DocumentLibrary(store)

    def _now(self) -> dt.datetime:
        return self.store.clock()

    # -- documents ----------------------------------------------------------------------------------------

    def add_document(self, title: str, content: bytes, source_path: str | None = None) -> int:
        """Adds a resume to the library, or refreshes the one imported from the same path; returns its id."""
        return self.documents.upsert(title, content, source_path)

    # -- jobs -----------------------------------------------------------------------------------------------

    def create_job(
        self,
        kind: JobKind,
        document_ids: Sequence[int],
        options: dict[str, Any],
        plan_path: Callable[[Callable[[str], bool]], str],
    ) -> Job:
        """Queues a job whose result file path is chosen now, once.

        ``plan_path(taken)`` picks the path; fixing it at creation means a retry after a crash overwrites the
        same file instead of leaving a second one.
        """
        if not document_ids:
            raise UserError("nothing to export: no documents given")
        now = to_db(self._now())
        with self.store.write() as conn:

            def taken(path: str) -> bool:
                row = conn.execute("SELECT 1 FROM export_jobs WHERE result_path = ?", (path,)).fetchone()
                return row is not None or os.path.exists(path)  # noqa: PTH110 - the callable takes text

            result_path = plan_path(taken)
            cursor = conn.execute(
                "INSERT INTO export_jobs(kind, document_ids, options, status, max_attempts, next_attempt_at, "
                "result_path, created_at, updated_at) VALUES (?, ?, ?, 'pending', ?, ?, ?, ?, ?)",
                (
                    kind.value,
                    json.dumps(list(document_ids)),
                    json.dumps(options, sort_keys=True),
                    self.policy.max_attempts,
                    now,
                    result_path,
                    now,
                    now,
                ),
            )
            job_id = int(cursor.lastrowid or 0)
            self._snapshot(conn, job_id, document_ids)
        return self.get_job(job_id)

    def get_job(self, job_id: int) -> Job:
        """One job by id, or ``JobNotFoundError``."""
        rows = self.store.read("SELECT * FROM export_jobs WHERE id = ?", (job_id,))
        if not rows:
            raise JobNotFoundError(f"job {job_id} does not exist")
        return Job.from_row(rows[0])

    def list_jobs(self, limit: int = 200) -> list[Job]:
        """The most recent jobs first."""
        rows = self.store.read("SELECT * FROM export_jobs ORDER BY id DESC LIMIT ?", (limit,))
        return [Job.from_row(row) for row in rows]

    def claim(self, owner: str, lease: dt.timedelta = DEFAULT_LEASE, only: Sequence[int] | None = None) -> Job | None:
        """Takes the oldest due pending job (among ``only``, if given) for ``owner``; ``None`` if none is due."""
        now = self._now()
        among = ""
        params: list[object] = [to_db(now)]
        if only is not None:
            among = f" AND id IN ({','.join('?' * len(only))})" if only else " AND 0"
            params += list(only)
        with self.store.write() as conn:
            # Only "?" placeholders are added to the text; the ids travel as parameters.
            # A job last touched "in the future" was scheduled before the clock went back: due now, or it would
            # wait for the clock to catch up (hours, after a bad clock was corrected).
            sql = (
                "SELECT id FROM export_jobs WHERE status = 'pending' AND (next_attempt_at <= ? OR updated_at > ?)"  # noqa: S608
                f"{among} "
            )
            params.insert(1, to_db(now + CLOCK_TOLERANCE))
            row = conn.execute(
                sql + "ORDER BY next_attempt_at, id LIMIT 1",
                params,
            ).fetchone()
            if row is None:
                return None
            conn.execute(
                "UPDATE export_jobs SET status = 'processing', attempts = attempts + 1, progress = 0, "
                "lease_owner = ?, lease_expires_at = ?, updated_at = ? WHERE id = ?",
                (owner, to_db(now + lease), to_db(now), row["id"]),
            )
            job_id = int(row["id"])
        return self.get_job(job_id)

    def next_due(self, only: Sequence[int] | None = None) -> dt.datetime | None:
        """When the next pending job (among ``only``) becomes due; ``None`` when nothing is pending."""
        among = ""
        if only is not None:
            among = f" AND id IN ({','.join('?' * len(only))})" if only else " AND 0"
        now = self._now()
        rows = self.store.read(
            "SELECT MIN(CASE WHEN updated_at > ? THEN ? ELSE next_attempt_at END) AS due "  # noqa: S608
            f"FROM export_jobs WHERE status = 'pending'{among}",
            (to_db(now + CLOCK_TOLERANCE), to_db(now), *(only or ())),
        )
        due = rows[0]["due"]
        return None if due is None else from_db(due)

    def holds_lease(self, job_id: int, owner: str) -> bool:
        """Whether ``owner`` still runs this job (it was not cancelled or recovered meanwhile)."""
        rows = self.store.read(
            "SELECT 1 FROM export_jobs WHERE id = ? AND status = 'processing' AND lease_owner = ?", (job_id, owner)
        )
        return bool(rows)

    def heartbeat(
        self,
        job_id: int,
        owner: str,
        progress: int,
        lease: dt.timedelta = DEFAULT_LEASE,
        *,
        items: tuple[int, dt.datetime | None] | None = None,
    ) -> bool:
        """Records progress (and, for a batch, ``items``: resumes done and the expected end) and extends the lease.

        ``False`` means the job is no longer ours (cancelled, or recovered by another process).
        """
        now = self._now()
        done, eta = items if items is not None else (None, None)
        with self.store.write() as conn:
            cursor = conn.execute(
                "UPDATE export_jobs SET progress = ?, lease_expires_at = ?, updated_at = ?, "
                "items_done = COALESCE(?, items_done), eta_at = CASE WHEN ? THEN ? ELSE eta_at END "
                "WHERE id = ? AND status = 'processing' AND lease_owner = ?",
                (
                    max(0, min(100, progress)),
                    to_db(now + lease),
                    to_db(now),
                    done,
                    items is not None,
                    to_db(eta) if eta is not None else None,
                    job_id,
                    owner,
                ),
            )
            return cursor.rowcount == 1

    def complete(
        self, job_id: int, owner: str, path: str, size: int, pages: int, *, items_done: int = 1
    ) -> HistoryEntry | None:
        """Marks the job completed and records its file in the history, in one transaction.

        Returns ``None`` (and changes nothing) when ``owner`` no longer holds the job.
        """
        now = self._now()
        with self.store.write() as conn:
            cursor = conn.execute(
                "UPDATE export_jobs SET status = 'completed', progress = 100, error = NULL, error_kind = NULL, "
                "lease_owner = NULL, lease_expires_at = NULL, items_done = ?, eta_at = NULL, updated_at = ? "
                "WHERE id = ? AND status = 'processing' AND lease_owner = ?",
                (items_done, to_db(now), job_id, owner),
            )
            if cursor.rowcount != 1:
                return None
            # A finished batch's snapshots (a copy of every resume) are not read again: dropped, so the database
            # does not grow by a batch's size with every batch. A PDF job's stays for its ATS check.
            conn.execute(
                "DELETE FROM job_documents WHERE job_id = ? AND (SELECT kind FROM export_jobs WHERE id = ?) = 'batch'",
                (job_id, job_id),
            )
            cursor = conn.execute(
                "INSERT INTO export_history(job_id, file_name, path, bytes, pages, created_at, expires_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    job_id,
                    os.path.basename(path),  # noqa: PTH119
                    path,
                    size,
                    pages,
                    to_db(now),
                    to_db(now + dt.timedelta(days=HISTORY_DAYS)),
                ),
            )
            entry_id = int(cursor.lastrowid or 0)
        return self.get_history(entry_id)

    def fail(self, job_id: int, owner: str, message: str, *, transient: bool) -> Job:
        """Records a failure: a transient one is scheduled again with backoff until attempts run out."""
        job = self.get_job(job_id)
        now = self._now()
        retry = self.policy.should_retry(job.attempts, transient=transient)
        status = JobStatus.PENDING if retry else JobStatus.FAILED
        next_at = now + self.policy.delay(job.attempts) if retry else now
        shown = message if retry or not transient else f"{message} (gave up after {job.attempts} attempts)"
        with self.store.write() as conn:
            conn.execute(
                "UPDATE export_jobs SET status = ?, error = ?, error_kind = ?, next_attempt_at = ?, "
                "lease_owner = NULL, lease_expires_at = NULL, updated_at = ? "
                "WHERE id = ? AND status = 'processing' AND lease_owner = ?",
                (
                    status.value,
                    shown,
                    "transient" if transient else "permanent",
                    to_db(next_at),
                    to_db(now),
                    job_id,
                    owner,
                ),
            )
        return self.get_job(job_id)

    def cancel(self, job_id: int) -> Job:
        """Stops a pending job, or tells a processing one's worker to abort (it checks between steps).

        The state is read and changed in one transaction: a job that finished meanwhile is reported as such
        (``JobStateError``), never cancelled after the fact.
        """
        with self.store.write() as conn:
            status = self._status(conn, job_id)
            if status not in {JobStatus.PENDING, JobStatus.PROCESSING}:
                raise JobStateError(f"job {job_id} is already {status.value}; there is nothing to cancel")
            cursor = conn.execute(
                "UPDATE export_jobs SET status = 'cancelled', error = 'cancelled by the user', error_kind = NULL, "
                "lease_owner = NULL, lease_expires_at = NULL, updated_at = ? WHERE id = ? AND status = ?",
                (to_db(self._now()), job_id, status.value),
            )
            if cursor.rowcount != 1:
                raise JobStateError(f"job {job_id} changed while it was being cancelled; try again")
        return self.get_job(job_id)

    def retry(self, job_id: int) -> Job:
        """Requeues a failed or cancelled job now, with its attempts reset and the resumes as they are now.

        Checked and changed in one transaction, guarded by the status seen: a job another process retried or
        claimed meanwhile is left alone (``JobStateError``).
        """
        now = to_db(self._now())
        with self.store.write() as conn:
            status = self._status(conn, job_id)
            if status not in {JobStatus.FAILED, JobStatus.CANCELLED}:
                raise JobStateError(f"job {job_id} is {status.value}; only failed or cancelled jobs can be retried")
            cursor = conn.execute(
                "UPDATE export_jobs SET status = 'pending', attempts = 0, progress = 0, error = NULL, "
                "error_kind = NULL, next_attempt_at = ?, lease_owner = NULL, lease_expires_at = NULL, updated_at = ? "
                "WHERE id = ? AND status = ?",
                (now, now, job_id, status.value),
            )
            if cursor.rowcount != 1:
                raise JobStateError(f"job {job_id} changed while it was being retried; try again")
            document_ids = json.loads(
                conn.execute("SELECT document_ids FROM export_jobs WHERE id = ?", (job_id,)).fetchone()[0]
            )
            # A retry by the user exports the resumes as they are now: they may have fixed what failed.
            existing = [
                document_id
                for document_id in document_ids
                if conn.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone()
            ]
            if len(existing) == len(document_ids):
                self._snapshot(conn, job_id, document_ids)
        return self.get_job(job_id)

    @staticmethod
    def _status(conn: sqlite3.Connection, job_id: int) -> JobStatus:
        """A job's status as seen inside the caller's transaction, or ``JobNotFoundError``."""
        row = conn.execute("SELECT status FROM export_jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            raise JobNotFoundError(f"job {job_id} does not exist")
        return JobStatus(row["status"])

    def recover_stale(self, keep_owner: str | None = None) -> list[int]:
        """Puts back to pending every processing job whose lease expired or whose process died.

        Leases held by ``keep_owner`` (the calling worker's own claims, ``owner:n``) are never taken back: it
        knows they are running, whatever the clock says after a suspend or a clock step. Jobs are read and taken
        back in one transaction, each guarded by the lease owner seen: a job another process re-claimed meanwhile
        keeps its new owner.
        """
        now = self._now()
        own = f"{keep_owner}:" if keep_owner else None
        recovered: list[int] = []
        with self.store.write() as conn:
            rows = conn.execute(
                "SELECT id, lease_owner, lease_expires_at FROM export_jobs WHERE status = 'processing'"
            ).fetchall()
            for row in rows:
                owner = row["lease_owner"]
                if own and (owner or "").startswith(own):
                    continue
                expired = row["lease_expires_at"] is None or row["lease_expires_at"] <= to_db(now)
                if not (expired or owner_is_dead(owner or "")):
                    continue
                cursor = conn.execute(
                    "UPDATE export_jobs SET status = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'pending' "
                    "END, error = CASE WHEN attempts >= max_attempts THEN 'the process running this export stopped "
                    "during every attempt' ELSE 'the process running this export stopped; it will be retried' END, "
                    "error_kind = 'transient', next_attempt_at = ?, lease_owner = NULL, lease_expires_at = NULL, "
                    "updated_at = ? WHERE id = ? AND status = 'processing' AND lease_owner IS ?",
                    (to_db(now), to_db(now), row["id"], owner),
                )
                if cursor.rowcount:
                    recovered.append(int(row["id"]))
        return recovered
