"""The database: migrations, a damaged file moved aside, a newer schema refused, a long lock explained."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.store.database import DB_NAME, Store, StoreError
from app.store.schema import SCHEMA_VERSION


def test_a_new_database_is_at_the_latest_schema_and_private(data_dir: Path) -> None:
    store = Store(data_dir)
    assert store.read("PRAGMA user_version")[0][0] == SCHEMA_VERSION
    assert store.read("PRAGMA journal_mode")[0][0] == "wal"
    assert store.integrity_ok()
    assert (data_dir / DB_NAME).stat().st_mode & 0o777 == 0o600
    assert data_dir.stat().st_mode & 0o777 == 0o700


def test_every_earlier_schema_version_migrates(data_dir: Path) -> None:
    # Version 0 is an empty file (a database created by a crashed first start).
    data_dir.mkdir(parents=True)
    sqlite3.connect(data_dir / DB_NAME).close()
    store = Store(data_dir)
    tables = {row[0] for row in store.read("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"documents", "export_jobs", "export_history", "template_settings", "settings"} <= tables


def test_a_corrupt_database_is_moved_aside_and_a_fresh_one_started(data_dir: Path) -> None:
    store = Store(data_dir)
    store.set_setting("k", "v")
    store.close()
    db = data_dir / DB_NAME
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    db.write_bytes(b"this is not a database" * 100)

    fresh = Store(data_dir)
    assert fresh.recovered_from is not None
    assert fresh.recovered_from.read_bytes().startswith(b"this is not a database")
    assert fresh.integrity_ok()
    assert fresh.get_setting("k", "missing") == "missing"


def test_a_newer_schema_is_refused_without_touching_it(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    conn = sqlite3.connect(data_dir / DB_NAME)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(StoreError, match="newer version of ResumePair"):
        Store(data_dir)


def test_a_database_locked_too_long_gives_a_clear_error(data_dir: Path) -> None:
    store = Store(data_dir, busy_timeout_ms=200)
    blocker = sqlite3.connect(data_dir / DB_NAME, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="locked by another ResumePair process"):
            store.set_setting("k", "v")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    store.set_setting("k", "v")
    assert store.get_setting("k", "") == "v"
