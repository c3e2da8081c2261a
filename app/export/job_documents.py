"""What a job exports: copies of its resumes taken when it was queued (or last retried by the user).

A job exports the resumes as they were then, not as they are when a worker gets to it; a batch reads them one
at a time, so thousands never sit in memory.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence

from app.errors import UserError
from app.export.models import Job
from app.library.documents import Document, DocumentLibrary
from app.store.database import Store


class JobDocuments:
    """The snapshots of a job's resumes; a part of ``JobQueue``."""

    store: Store
    documents: DocumentLibrary

    def get_document(self, document_id: int) -> Document:
        """One library document by id."""
        return self.documents.get(document_id)

    @staticmethod
    def _snapshot(conn: sqlite3.Connection, job_id: int, document_ids: Sequence[int]) -> None:
        """Copies the documents' current content for the job, inside the caller's transaction."""
        conn.execute("DELETE FROM job_documents WHERE job_id = ?", (job_id,))
        for position, document_id in enumerate(document_ids):
            row = conn.execute(
                "SELECT title, source_path, content FROM documents WHERE id = ?", (document_id,)
            ).fetchone()
            if row is None:
                raise UserError(f"document {document_id} does not exist")
            conn.execute(
                "INSERT INTO job_documents(job_id, position, document_id, title, source_path, content) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (job_id, position, document_id, row["title"], row["source_path"], row["content"]),
            )

    def job_documents(self, job: Job) -> list[Document]:
        """The resumes a job exports, as they were when it was queued (live documents for older jobs)."""
        rows = self.store.read("SELECT * FROM job_documents WHERE job_id = ? ORDER BY position", (job.id,))
        if not rows:
            return [self.get_document(document_id) for document_id in job.document_ids]
        return [_snapshot(row, job) for row in rows]

    def job_document_count(self, job: Job) -> int:
        """How many resumes the job exports (its snapshots, or its document ids for older jobs)."""
        rows = self.store.read("SELECT COUNT(*) AS n FROM job_documents WHERE job_id = ?", (job.id,))
        return int(rows[0]["n"]) or len(job.document_ids)

    def job_document(self, job: Job, position: int) -> Document:
        """One resume of a job as it was queued, read on its own: a batch of thousands never sits in memory."""
        rows = self.store.read("SELECT * FROM job_documents WHERE job_id = ? AND position = ?", (job.id, position))
        if not rows:
            return self.get_document(job.document_ids[position])
        return _snapshot(rows[0], job)

    def job_inputs(self, job: Job) -> list[str]:
        """What each resume of a job is called in its manifest: the file name it came from, else its title."""
        rows = self.store.read(
            "SELECT title, source_path FROM job_documents WHERE job_id = ? ORDER BY position", (job.id,)
        )
        pairs = [(row["title"], row["source_path"]) for row in rows] or [
            (document.title, document.source_path) for document in map(self.get_document, job.document_ids)
        ]
        return [os.path.basename(source) if source else title for title, source in pairs]  # noqa: PTH119


def _snapshot(row: sqlite3.Row, job: Job) -> Document:
    """A ``job_documents`` row as the document it was when ``job`` was queued."""
    return Document(
        id=row["document_id"],
        title=row["title"],
        source_path=row["source_path"],
        content=bytes(row["content"]),
        created_at=job.created_at,
        updated_at=job.created_at,
    )
