"""Every earlier schema version migrates to the latest with its rows intact and usable.

For each version N below the latest, a database is built by hand (``MIGRATIONS[:N]`` and
``PRAGMA user_version = N``) and filled with rows valid at that version; ``Store`` must bring it up to date
without losing or changing a row, and the migrated rows must still work: the history lists, the template
settings load, and a job queued by the old version is run by ``worker --once``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest

from app.export.jobs import JobQueue
from app.export.models import JobStatus
from app.library.template_settings import TemplateSettings
from app.render.options import ExportOptions
from app.store.clock import to_db
from app.store.database import DB_NAME, Store, StoreError
from app.store.schema import MIGRATIONS, SCHEMA_VERSION
from tests.conftest import SAMPLE, run_cli

#: Columns each version added to existing tables, with the value old rows must get.
ADDED_COLUMNS = [
    (2, "documents", "is_sample", 0),
    (3, "export_history", "ats_report", None),
    (4, "template_settings", "extra", "{}"),
    (6, "export_jobs", "items_done", 0),
    (6, "export_jobs", "eta_at", None),
]
OLD_TABLES = ("documents", "export_jobs", "export_history", "template_settings", "settings")


def build_database(data_dir: Path, version: int) -> Path:
    """A database at ``version``, as that version of the app would have left it, with a few rows."""
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "exports").mkdir(exist_ok=True)
    db = data_dir / DB_NAME
    conn = sqlite3.connect(db)
    for script in MIGRATIONS[:version]:
        conn.executescript(script)
    conn.execute(f"PRAGMA user_version = {version}")
    if version >= 1:
        seed(conn, data_dir, version)
    conn.commit()
    conn.close()
    return db


def seed(conn: sqlite3.Connection, data_dir: Path, version: int) -> None:
    now = dt.datetime.now(dt.UTC)
    created, expires = to_db(now - dt.timedelta(hours=1)), to_db(now + dt.timedelta(days=6))
    options = json.dumps(ExportOptions().model_dump(mode="json"), sort_keys=True)
    content = SAMPLE.read_bytes()
    conn.execute(
        "INSERT INTO documents(id, title, source_path, content, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        (1, "Richard Hendriks", str(SAMPLE), content, created, created),
    )
    conn.execute(
        "INSERT INTO documents(id, title, source_path, content, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        (2, "Old Draft", None, b'{"basics": {"name": "Old Draft"}}', created, created),
    )
    done = data_dir / "exports" / "20261101-120000-Richard_Hendriks.pdf"
    done.write_bytes(b"%PDF-1.7\n% an export made by an older version\n%%EOF\n")
    pending = data_dir / "exports" / "20261101-120001-Old_Draft.pdf"
    job_sql = (
        "INSERT INTO export_jobs(id, kind, document_ids, options, status, attempts, progress, next_attempt_at, "
        "result_path, created_at, updated_at) VALUES (?, 'pdf', ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )
    conn.execute(job_sql, (1, "[1]", options, "completed", 1, 100, created, str(done), created, created))
    conn.execute(job_sql, (2, "[2]", options, "pending", 0, 0, created, str(pending), created, created))
    conn.execute(
        "INSERT INTO export_history(id, job_id, file_name, path, bytes, pages, download_count, created_at, "
        "expires_at) VALUES (1, 1, ?, ?, ?, 1, 2, ?, ?)",
        (done.name, str(done), done.stat().st_size, created, expires),
    )
    conn.execute(
        "INSERT INTO template_settings(template_id, page_size, margin_mm, tokens, updated_at) VALUES (?, ?, ?, ?, ?)",
        ("classic", "letter", 12.5, json.dumps({"accent": "#112233"}), created),
    )
    conn.execute("INSERT INTO settings(key, value) VALUES ('export_quota_bytes', '50000000')")
    if version >= 2:
        conn.execute("UPDATE documents SET is_sample = 1 WHERE id = 2")
    if version >= 3:
        conn.execute("UPDATE export_history SET ats_report = ? WHERE id = 1", (json.dumps({"score": 97.5}),))
    if version >= 4:
        conn.execute("UPDATE template_settings SET extra = ? WHERE template_id = 'classic'", ('{"quality": "high"}',))


def snapshot(db: Path, tables: tuple[str, ...] = OLD_TABLES) -> dict[str, list[dict[str, Any]]]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return {table: [dict(row) for row in conn.execute(f"SELECT * FROM {table} ORDER BY rowid")] for table in tables}
    finally:
        conn.close()


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_an_earlier_schema_migrates_with_every_row_intact(data_dir: Path, version: int) -> None:
    db = build_database(data_dir, version)
    before = snapshot(db) if version >= 1 else None

    store = Store(data_dir)
    assert store.recovered_from is None, "a healthy old database must be migrated, never moved aside"
    assert store.read("PRAGMA user_version")[0][0] == SCHEMA_VERSION
    assert store.integrity_ok()
    store.close()
    after = snapshot(db, (*OLD_TABLES, "job_documents"))
    assert after["job_documents"] == []
    if before is None:
        assert all(rows == [] for rows in after.values())
        return

    for table in OLD_TABLES:
        assert len(after[table]) == len(before[table]), table
        for old, new in zip(before[table], after[table], strict=True):
            assert {key: new[key] for key in old} == old, f"{table} row changed by the migration"
    for added_in, table, column, default in ADDED_COLUMNS:
        if version < added_in:
            assert all(row[column] == default for row in after[table]), (table, column)

    store = Store(data_dir)
    queue = JobQueue(store)
    assert [job.status for job in queue.list_jobs()] == [JobStatus.PENDING, JobStatus.COMPLETED]
    old_job = queue.get_job(2)
    assert [doc.title for doc in queue.job_documents(old_job)] == ["Old Draft"]  # no snapshot: the live document
    (entry,) = queue.list_history()
    assert (entry.job_id, entry.download_count) == (1, 2)
    assert entry.ats == ({"score": 97.5} if version >= 3 else None)
    loaded = TemplateSettings(store).load("classic")
    assert loaded is not None
    assert (loaded.page_size.value, loaded.margin_mm, loaded.tokens) == ("letter", 12.5, {"accent": "#112233"})
    assert loaded.quality.value == ("high" if version >= 4 else "normal")
    store.close()

    # The job the old version queued still runs, and the old export stays where it was.
    result = run_cli("worker", "--once", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    jobs = {job["id"]: job for job in json.loads(run_cli("jobs", "--json", data_dir=data_dir).stdout)}
    assert (jobs[1]["status"], jobs[2]["status"]) == ("completed", "completed")
    history = json.loads(run_cli("history", "--json", data_dir=data_dir).stdout)
    assert sorted(entry["job_id"] for entry in history) == [1, 2]
    assert sorted(path.name for path in (data_dir / "exports").iterdir()) == sorted(e["file_name"] for e in history)


def test_a_migration_that_cannot_finish_leaves_the_old_version(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A migration runs in one transaction with its version bump: a failure halfway leaves version N as it was."""
    import app.store.database as store_module

    db = build_database(data_dir, SCHEMA_VERSION - 1)
    before = snapshot(db)
    broken = (*MIGRATIONS[:-1], "CREATE TABLE half_done (x INTEGER); SELECT * FROM no_such_table")
    monkeypatch.setattr(store_module, "MIGRATIONS", broken)
    with pytest.raises((sqlite3.OperationalError, StoreError), match="no such table"):
        Store(data_dir)
    # Whether the file stays in place or is moved aside, its content is the intact version N - 1.
    moved = sorted(data_dir.glob(f"{DB_NAME}.corrupt-*"))
    target = moved[0] if moved else db
    check = sqlite3.connect(target)
    try:
        assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION - 1
        tables = {row[0] for row in check.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "half_done" not in tables
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        check.close()
    assert snapshot(target) == before


def _mount_tmpfs(folder: Path, size: str) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    if os.name != "posix" or os.geteuid() != 0:
        return False
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True, check=False
    )
    return result.returncode == 0


def _fill(folder: Path) -> Path:
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)
    return filler


def test_a_full_disk_during_migration_keeps_the_database_where_it_is(tmp_path: Path) -> None:
    """A full disk is not a damaged file: the healthy database must not be moved aside as corrupt."""
    mount = tmp_path / "small-disk"
    if not _mount_tmpfs(mount, "300k"):
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        data_dir = mount / "data"
        db = build_database(data_dir, SCHEMA_VERSION - 1)
        original = db.read_bytes()
        _fill(mount)
        with pytest.raises(StoreError, match=r"(disk is full|No space left)"):
            Store(data_dir)
        assert not list(data_dir.glob(f"{DB_NAME}.corrupt-*")), "a healthy database was moved aside as corrupt"
        assert db.read_bytes() == original
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)
