"""Rows of the export tables as typed values, as the CLI's ``--json`` and the UI see them."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from app.store.clock import from_db


class JobStatus(StrEnum):
    """Where a job is in its life; ``completed``, ``failed`` and ``cancelled`` are final (until a retry)."""

    PENDING = "pending"
    PROCESSING = "processing"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"


class JobKind(StrEnum):
    """One PDF, or a ZIP of many."""

    PDF = "pdf"
    BATCH = "batch"


@dataclass(frozen=True)
class Job:
    """One export job."""

    id: int
    kind: JobKind
    document_ids: list[int]
    options: dict[str, Any]
    status: JobStatus
    attempts: int
    max_attempts: int
    progress: int
    error: str | None
    error_kind: str | None
    next_attempt_at: dt.datetime
    lease_owner: str | None
    lease_expires_at: dt.datetime | None
    result_path: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    #: Resumes of a batch finished (rendered or failed) so far, and when the rest is expected to be done.
    items_done: int = 0
    eta_at: dt.datetime | None = None

    @property
    def items_total(self) -> int:
        """How many resumes the job exports."""
        return len(self.document_ids)

    @property
    def final(self) -> bool:
        """No more work will happen on this job unless someone retries it."""
        return self.status in {JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED}

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Job:
        """Builds a job from an ``export_jobs`` row."""
        return cls(
            id=row["id"],
            kind=JobKind(row["kind"]),
            document_ids=json.loads(row["document_ids"]),
            options=json.loads(row["options"]),
            status=JobStatus(row["status"]),
            attempts=row["attempts"],
            max_attempts=row["max_attempts"],
            progress=row["progress"],
            error=row["error"],
            error_kind=row["error_kind"],
            next_attempt_at=from_db(row["next_attempt_at"]),
            lease_owner=row["lease_owner"],
            lease_expires_at=from_db(row["lease_expires_at"]) if row["lease_expires_at"] else None,
            result_path=row["result_path"],
            created_at=from_db(row["created_at"]),
            updated_at=from_db(row["updated_at"]),
            items_done=row["items_done"],
            eta_at=from_db(row["eta_at"]) if row["eta_at"] else None,
        )

    def to_json(self) -> dict[str, Any]:
        """The ``jobs --json`` shape (CONTRACT.md), with ``items_total`` beside ``items_done``."""
        data = asdict(self)
        data["items_total"] = self.items_total
        for key in ("next_attempt_at", "lease_expires_at", "created_at", "updated_at", "eta_at"):
            value = data[key]
            data[key] = value.isoformat() if value is not None else None
        data["kind"] = self.kind.value
        data["status"] = self.status.value
        return data


@dataclass(frozen=True)
class HistoryEntry:
    """One exported file kept in the history until it expires."""

    id: int
    job_id: int
    file_name: str
    path: str
    bytes: int
    pages: int
    download_count: int
    created_at: dt.datetime
    expires_at: dt.datetime
    ats: dict[str, Any] | None = None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> HistoryEntry:
        """Builds an entry from an ``export_history`` row."""
        return cls(
            id=row["id"],
            job_id=row["job_id"],
            file_name=row["file_name"],
            path=row["path"],
            bytes=row["bytes"],
            pages=row["pages"],
            download_count=row["download_count"],
            created_at=from_db(row["created_at"]),
            expires_at=from_db(row["expires_at"]),
            ats=json.loads(row["ats_report"]) if "ats_report" in row.keys() and row["ats_report"] else None,  # noqa: SIM118
        )

    def to_json(self) -> dict[str, Any]:
        """The ``history --json`` shape (CONTRACT.md)."""
        data = asdict(self)
        data["created_at"] = self.created_at.isoformat()
        data["expires_at"] = self.expires_at.isoformat()
        return data
