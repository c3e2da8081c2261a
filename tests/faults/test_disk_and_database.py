"""A full disk, a read-only exports folder, a database locked by another process, a corrupt database file.

Each must give a clear error (the words are asserted) and lose nothing: no history row, export file or
database row that existed before goes missing, nothing partial or temporary is left in ``<data>/exports``,
and once the fault is gone the work completes.
"""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.export.jobs import JobQueue
from app.export.models import JobStatus
from app.export.retry import RetryPolicy
from app.export.service import ExportSystem
from app.export.storage import ExportStorage
from app.export.worker import QueueWorker, WorkerScope
from app.render.options import ExportOptions
from app.store.database import DB_NAME, Store, StoreError
from tests.conftest import ROOT, SAMPLE, run_cli

FAST = RetryPolicy(scale=0.0001, rng=random.Random(5))
TEMP_PREFIX = ".rp-tmp-"


# -- helpers --------------------------------------------------------------------------------------------------


def cli_env(data_dir: Path) -> dict[str, str]:
    return dict(os.environ, RESUMEPAIR_DATA_DIR=str(data_dir), RESUMEPAIR_RETRY_SCALE="0.0001")


def run(*args: str, data_dir: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``python -m app`` with retries scaled down to milliseconds."""
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=cli_env(data_dir),
        cwd=ROOT,
        check=False,
    )


def mount_tmpfs(folder: Path, size: str) -> None:
    """A tiny disk of its own at ``folder``; skips the test where mounting is impossible."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True, check=False
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")


def unmount(folder: Path) -> None:
    subprocess.run(["umount", str(folder)], capture_output=True, check=False)
    if os.path.ismount(folder):
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Callable[[Path, str], Path]]:
    mounted: list[Path] = []

    def mount(folder: Path, size: str) -> Path:
        mount_tmpfs(folder, size)
        mounted.append(folder)
        return folder

    yield mount
    for folder in reversed(mounted):
        unmount(folder)


def fill(folder: Path) -> Path:
    """Fills the disk ``folder`` is on until the kernel says no space is left."""
    filler = folder / "filler.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    return filler


def db_rows(data_dir: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(data_dir / DB_NAME)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
            for table in ("documents", "export_jobs", "export_history")
        }
    finally:
        conn.close()


def export_files(data_dir: Path) -> dict[str, bytes]:
    exports = data_dir / "exports"
    return {path.name: path.read_bytes() for path in exports.iterdir()} if exports.exists() else {}


def first_export(tmp_path: Path, data_dir: Path) -> dict[str, bytes]:
    """One successful export, so there is something to lose; returns the exports folder's files."""
    result = run("export", str(SAMPLE), "-o", str(tmp_path / "first.pdf"), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    files = export_files(data_dir)
    assert len(files) == 1
    return files


def assert_clear_failure(result: subprocess.CompletedProcess[str], code: int, *words: str) -> None:
    assert result.returncode == code, (result.returncode, result.stderr)
    for word in words:
        assert word in result.stderr, (word, result.stderr)
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr, result.stderr


def retry_and_run(data_dir: Path, job_id: int) -> None:
    """What a user does once the fault is gone: retry the failed job and let the worker run it."""
    store = Store(data_dir)
    JobQueue(store).retry(job_id)
    store.close()
    result = run("worker", "--once", data_dir=data_dir)
    assert result.returncode == 0, result.stderr


@pytest.fixture
def live(data_dir: Path) -> ExportSystem:
    store = Store(data_dir)
    queue = JobQueue(store, FAST)
    return ExportSystem(store, queue, ExportStorage(queue))


def run_worker(qtbot: Any, system: ExportSystem, engine: Any, **overrides: Any) -> QueueWorker:
    worker = QueueWorker(system.store, engine, WorkerScope(until_idle=True), policy=FAST)
    for name, value in overrides.items():
        setattr(worker, name, value)
    with qtbot.waitSignal(worker.finished, timeout=60_000):
        worker.start()
    return worker


# -- a full disk ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "code", "words"),
    [
        ("fsync", errno.ENOSPC, "No space left on device"),
        ("mkstemp", errno.EROFS, "Read-only file system"),
        ("mkstemp", errno.EACCES, "Permission denied"),
    ],
)
def test_a_disk_that_refuses_the_file_fails_clearly_and_the_retry_completes(
    qtbot: Any,
    live: ExportSystem,
    engine: Any,
    monkeypatch: pytest.MonkeyPatch,
    target: str,
    code: int,
    words: str,
) -> None:
    import app.fsutil as fsutil

    earlier = live.queue_export(live.import_file(SAMPLE), ExportOptions())
    run_worker(qtbot, live, engine)
    before = export_files(live.store.data_dir)
    assert live.queue.get_job(earlier.id).status is JobStatus.COMPLETED

    calls: list[int] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(fsutil.os if target == "fsync" else fsutil.tempfile, target, refuse)
    if target == "mkstemp":  # the named file is the way in: no unnamed file (O_TMPFILE) first
        monkeypatch.setattr(fsutil, "_complete_unnamed_file", lambda *_args: None)
    job = live.queue_export(live.import_file(SAMPLE), ExportOptions())
    retries: list[str] = []
    worker = QueueWorker(live.store, engine, WorkerScope(until_idle=True), policy=FAST)
    worker.retryScheduled.connect(lambda _job, _seconds, error: retries.append(error))
    with qtbot.waitSignal(worker.finished, timeout=60_000):
        worker.start()
    failed = live.queue.get_job(job.id)
    assert (failed.status, failed.error_kind, failed.attempts) == (JobStatus.FAILED, "transient", 5)
    assert words in (failed.error or "") and "gave up after 5 attempts" in (failed.error or "")
    assert len(retries) == 4 and all(words in error for error in retries)
    assert len(calls) == 5
    assert export_files(live.store.data_dir) == before  # nothing partial, nothing temporary, nothing lost
    assert len(live.queue.list_history()) == 1

    monkeypatch.undo()  # the disk has room again
    live.queue.retry(job.id)
    run_worker(qtbot, live, engine)
    assert live.queue.get_job(job.id).status is JobStatus.COMPLETED
    assert len(live.queue.list_history()) == 2
    after = export_files(live.store.data_dir)
    assert len(after) == 2 and all(after[name] == data for name, data in before.items())
    assert live.store.integrity_ok()


def test_an_exports_folder_on_a_full_disk_fails_clearly_and_loses_nothing(
    tmp_path: Path, data_dir: Path, small_disk: Callable[[Path, str], Path]
) -> None:
    assert run("jobs", data_dir=data_dir).returncode == 0  # creates the database and the exports folder
    small_disk(data_dir / "exports", "48k")  # smaller than one exported PDF

    result = run("export", str(SAMPLE), "-o", str(tmp_path / "out.pdf"), data_dir=data_dir)
    assert_clear_failure(result, 4, "export failed", "No space left on device", "gave up after 5 attempts")
    assert not (tmp_path / "out.pdf").exists()
    assert export_files(data_dir) == {}  # no partial or temporary file on the full disk
    (job,) = json.loads(run("jobs", "--json", data_dir=data_dir).stdout)
    assert (job["status"], job["attempts"]) == ("failed", 5)

    unmount(data_dir / "exports")  # space again
    retry_and_run(data_dir, job["id"])
    (entry,) = json.loads(run("history", "--json", data_dir=data_dir).stdout)
    assert entry["job_id"] == job["id"] and list(export_files(data_dir)) == [entry["file_name"]]
    db_rows(data_dir)  # integrity check


def test_a_data_folder_on_a_full_disk_gives_a_clear_error_and_keeps_the_database(
    tmp_path: Path, small_disk: Callable[[Path, str], Path]
) -> None:
    disk = small_disk(tmp_path / "disk", "1m")
    data_dir = disk / "data"
    files = first_export(tmp_path, data_dir)
    rows = db_rows(data_dir)
    filler = fill(disk)

    result = run("export", str(SAMPLE), "-o", str(tmp_path / "second.pdf"), data_dir=data_dir)
    filler.unlink()
    assert export_files(data_dir) == files
    assert db_rows(data_dir) == rows
    assert not list(data_dir.glob(f"{DB_NAME}.corrupt-*")), "a full disk is not a corrupt database"
    assert_clear_failure(result, 4)
    assert any(words in result.stderr for words in ("disk is full", "No space left on device")), result.stderr


def test_a_write_transaction_on_a_full_disk_raises_a_clear_store_error(
    tmp_path: Path, small_disk: Callable[[Path, str], Path]
) -> None:
    disk = small_disk(tmp_path / "disk", "1m")
    store = Store(disk / "data")
    queue = JobQueue(store)
    document = queue.add_document("Kept", b'{"basics": {"name": "Kept"}}')
    filler = fill(disk)
    try:
        with pytest.raises(StoreError, match=r"(disk is full|No space left)"):
            queue.add_document("Lost?", os.urandom(50_000))
    finally:
        filler.unlink()
    assert queue.get_document(document).title == "Kept"
    assert store.integrity_ok()


# -- a read-only exports folder ------------------------------------------------------------------------------------


def chattr(flag: str, path: Path) -> bool:
    if not shutil.which("chattr"):
        return False
    return subprocess.run(["chattr", flag, str(path)], capture_output=True, check=False).returncode == 0


def test_a_read_only_exports_folder_fails_the_export_clearly_and_keeps_the_history(
    tmp_path: Path, data_dir: Path
) -> None:
    files = first_export(tmp_path, data_dir)
    exports = data_dir / "exports"
    if not chattr("+i", exports):
        pytest.skip("chattr +i is not available on this file system")
    try:
        listing = run("history", "--json", data_dir=data_dir)
        result = run("export", str(SAMPLE), "-o", str(tmp_path / "second.pdf"), data_dir=data_dir)
    finally:
        chattr("-i", exports)
    assert export_files(data_dir) == files
    assert listing.returncode == 0, listing.stderr  # the existing exports can still be listed and opened
    assert [entry["file_name"] for entry in json.loads(listing.stdout)] == list(files)
    assert_clear_failure(result, 4, "cannot write", "Operation not permitted")
    job = json.loads(run("jobs", "--json", data_dir=data_dir).stdout)[0]
    assert job["status"] == "failed"
    retry_and_run(data_dir, job["id"])
    assert len(export_files(data_dir)) == 2


# -- a database locked by another process ----------------------------------------------------------------------------

LOCKER = r"""
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("ROLLBACK")
"""


def hold_lock(db: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process holding ``BEGIN EXCLUSIVE`` on the database for ``seconds``."""
    locker = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(db), str(seconds)], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert locker.stdout is not None
    with locker.stdout:
        assert locker.stdout.readline().strip() == "locked"
    return locker


def test_a_database_locked_longer_than_the_busy_timeout_gives_a_clear_error(tmp_path: Path, data_dir: Path) -> None:
    files = first_export(tmp_path, data_dir)
    rows = db_rows(data_dir)
    locker = hold_lock(data_dir / DB_NAME, 30)
    try:
        started = time.monotonic()
        commands = {
            "export": ["export", str(SAMPLE), "-o", str(tmp_path / "second.pdf")],
            "worker": ["worker", "--once"],
        }
        results: dict[str, subprocess.CompletedProcess[str]] = {}
        threads = [
            threading.Thread(target=lambda n=name, a=args: results.__setitem__(n, run(*a, data_dir=data_dir)))
            for name, args in commands.items()
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        waited = time.monotonic() - started
        still_locked = locker.poll() is None
    finally:
        locker.kill()  # the lock ends with the process
        locker.wait(30)
    assert still_locked
    assert waited >= 5, waited  # both waited for the busy timeout before giving up
    for result in results.values():
        assert_clear_failure(result, 4, "locked by another ResumePair process for more than 5 s")
    assert db_rows(data_dir) == rows
    assert export_files(data_dir) == files
    again = run("export", str(SAMPLE), "-o", str(tmp_path / "second.pdf"), data_dir=data_dir)
    assert again.returncode == 0, again.stderr
    assert len(export_files(data_dir)) == 2


def _lock_after_printing(worker: QueueWorker, db: Path, seconds: float, lockers: list[subprocess.Popen[str]]) -> None:
    real_print = worker.print_pdf

    def print_then_lock(html: str, setup: Any) -> bytes:
        pdf = real_print(html, setup)
        if not lockers:
            lockers.append(hold_lock(db, seconds))
        return pdf

    worker.print_pdf = print_then_lock  # type: ignore[method-assign]


def test_a_lock_during_a_job_is_transient_and_the_job_completes_once(qtbot: Any, data_dir: Path, engine: Any) -> None:
    store = Store(data_dir, busy_timeout_ms=500)
    queue = JobQueue(store, FAST)
    system = ExportSystem(store, queue, ExportStorage(queue))
    job = system.queue_export(system.import_file(SAMPLE), ExportOptions())
    worker = QueueWorker(store, engine, WorkerScope(until_idle=True), policy=FAST)
    lockers: list[subprocess.Popen[str]] = []
    # Locked from just after the print for 0.75 s: the progress update gives up after 0.5 s, the failure is
    # recorded once the lock is gone.
    _lock_after_printing(worker, data_dir / DB_NAME, 0.75, lockers)
    try:
        with qtbot.waitSignal(worker.finished, timeout=60_000):
            worker.start()
    finally:
        for locker in lockers:
            locker.wait(30)
    assert lockers
    done = queue.get_job(job.id)
    assert done.status is JobStatus.COMPLETED, done.error
    assert len(queue.list_history()) == 1 and len(export_files(data_dir)) == 1


def test_the_desktop_worker_survives_a_long_lock_and_keeps_serving(qtbot: Any, data_dir: Path, engine: Any) -> None:
    store = Store(data_dir, busy_timeout_ms=300)
    queue = JobQueue(store, FAST)
    system = ExportSystem(store, queue, ExportStorage(queue))
    first = system.queue_export(system.import_file(SAMPLE), ExportOptions())
    worker = QueueWorker(store, engine, WorkerScope(until_idle=False), policy=FAST)
    lockers: list[subprocess.Popen[str]] = []
    _lock_after_printing(worker, data_dir / DB_NAME, 3.0, lockers)
    worker.start()
    try:
        qtbot.waitUntil(lambda: bool(lockers), timeout=30_000)
        lockers[0].wait(30)
        second_document = queue.add_document("After The Lock", b'{"basics": {"name": "After The Lock"}}')
        second = system.queue_export(second_document, ExportOptions())
        worker.wake()
        qtbot.waitUntil(
            lambda: worker.crash is not None or queue.get_job(second.id).status is JobStatus.COMPLETED, timeout=20_000
        )
        assert worker.crash is None and worker.isRunning()
        assert queue.get_job(first.id).status is not JobStatus.FAILED
    finally:
        worker.stop()
        worker.wait(30_000)
    assert len({entry.job_id for entry in queue.list_history()}) == len(queue.list_history())


# -- a corrupt database file ------------------------------------------------------------------------------------------


def _garbage(size: int, seed: int = 1) -> bytes:
    return random.Random(seed).randbytes(size)


CORRUPTIONS: dict[str, Callable[[bytes], bytes]] = {
    "garbage file": lambda raw: _garbage(len(raw)),
    "garbage pages": lambda raw: raw[:4096] + _garbage(len(raw) - 4096),
    "one garbage page": lambda raw: raw[:8192] + _garbage(4096) + raw[12288:],
    "zeroed header": lambda raw: b"\0" * 100 + raw[100:],
    "truncated to half": lambda raw: raw[: len(raw) // 2],
    "truncated header": lambda raw: raw[:50],
}


@pytest.mark.parametrize("kind", list(CORRUPTIONS))
def test_a_corrupt_database_is_kept_aside_and_a_fresh_one_started(tmp_path: Path, data_dir: Path, kind: str) -> None:
    files = first_export(tmp_path, data_dir)
    db = data_dir / DB_NAME
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    damaged = CORRUPTIONS[kind](db.read_bytes())
    db.write_bytes(damaged)

    result = run_cli("export", str(SAMPLE), "-o", str(tmp_path / "second.pdf"), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "database was damaged; it was moved aside to" in result.stderr
    (kept,) = [path for path in data_dir.glob(f"{DB_NAME}.corrupt-*") if not path.name.endswith(("-wal", "-shm"))]
    assert kept.read_bytes() == damaged  # nothing deleted: the damaged file is there to inspect or repair
    assert str(kept) in result.stderr
    after = export_files(data_dir)
    assert {name: after[name] for name in files} == files  # earlier exports are untouched
    assert len(after) == 2
    assert not [name for name in after if name.startswith(TEMP_PREFIX)]
    rows = db_rows(data_dir)  # the fresh database passes the integrity check
    assert [row[4] for row in rows["export_jobs"]] == ["completed"]
