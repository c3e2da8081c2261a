"""The database schema, as numbered migrations applied in order (``PRAGMA user_version`` holds the number).

Migrations are append-only: a shipped one is never edited, so every earlier database can be brought up to
date. Each runs in one transaction with the version bump.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: documents, jobs, history, per-template settings, app settings.
    """
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        source_path TEXT,
        content BLOB NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX documents_source ON documents(source_path);

    CREATE TABLE export_jobs (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('pdf', 'batch')),
        document_ids TEXT NOT NULL,
        options TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'processing', 'completed', 'failed', 'cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0,
        max_attempts INTEGER NOT NULL DEFAULT 5,
        progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        error TEXT,
        error_kind TEXT CHECK (error_kind IN ('permanent', 'transient')),
        next_attempt_at TEXT NOT NULL,
        lease_owner TEXT,
        lease_expires_at TEXT,
        result_path TEXT UNIQUE,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX export_jobs_due ON export_jobs(status, next_attempt_at);

    CREATE TABLE export_history (
        id INTEGER PRIMARY KEY,
        job_id INTEGER NOT NULL UNIQUE REFERENCES export_jobs(id) ON DELETE CASCADE,
        file_name TEXT NOT NULL,
        path TEXT NOT NULL UNIQUE,
        bytes INTEGER NOT NULL,
        pages INTEGER NOT NULL,
        download_count INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
    );
    CREATE INDEX export_history_expiry ON export_history(expires_at);

    CREATE TABLE template_settings (
        template_id TEXT PRIMARY KEY,
        page_size TEXT,
        margin_mm REAL,
        tokens TEXT NOT NULL DEFAULT '{}',
        updated_at TEXT NOT NULL
    );

    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    # 2: the bundled sample shown on first run is marked, so the library can label it.
    """
    ALTER TABLE documents ADD COLUMN is_sample INTEGER NOT NULL DEFAULT 0;
    """,
    # 3: the ATS check of each exported PDF, shown in the history.
    """
    ALTER TABLE export_history ADD COLUMN ats_report TEXT;
    """,
    # 4: export dialog choices per template besides paper, margins and tokens (quality, fit to pages).
    """
    ALTER TABLE template_settings ADD COLUMN extra TEXT NOT NULL DEFAULT '{}';
    """,
    # 5: a job exports the resumes as they were when it was queued (or last retried by the user), not as they
    #    are when a worker gets to it: snapshots of each document's content.
    """
    CREATE TABLE job_documents (
        job_id INTEGER NOT NULL REFERENCES export_jobs(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        document_id INTEGER NOT NULL,
        title TEXT NOT NULL,
        source_path TEXT,
        content BLOB NOT NULL,
        PRIMARY KEY (job_id, position)
    );
    """,
    # 6: a batch's progress in resumes (done of len(document_ids)) and when it is expected to finish.
    """
    ALTER TABLE export_jobs ADD COLUMN items_done INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE export_jobs ADD COLUMN eta_at TEXT;
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
