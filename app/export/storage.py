"""The ``exports/`` folder: file names, the storage quota, atomic writes, and cleanup of what expired.

Files are written to a temporary name, fsynced and renamed, so a reader (or a crash) never sees half a PDF or
ZIP. Temporary names carry the writer's pid, so a cleanup removes a dead writer's leftovers and nothing else.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.datadir import private_subdir
from app.errors import UserError
from app.export.jobs import HISTORY_DAYS, JobNotFoundError, JobQueue
from app.export.naming import safe_stem, unique_name
from app.fsutil import (
    TEMP_PREFIX,
    Writer,
    atomic_write_bytes,
    atomic_write_stream,
    pid_alive,
    remove_dead_temporaries,
    temp_owner_pid,
)

log = logging.getLogger(__name__)

DEFAULT_QUOTA_BYTES = 100 * 1024 * 1024
QUOTA_SETTING = "export_quota_bytes"
#: ``<data>/work/job-<id>``: a batch's finished items until its ZIP is in the history.
WORK_FOLDER = "work"


class QuotaExceededError(UserError):
    """Writing this export would take the exports folder over its quota."""

    exit_code = 4


class ExportWriteError(Exception):
    """The disk refused the file (full, read-only, I/O error): worth retrying later."""


@dataclass
class CleanupReport:
    """What one cleanup removed."""

    expired: list[str] = field(default_factory=list)
    vanished: list[str] = field(default_factory=list)
    strays: list[str] = field(default_factory=list)
    temporaries: list[str] = field(default_factory=list)
    work_folders: list[str] = field(default_factory=list)
    freed_bytes: int = 0

    @property
    def removed_anything(self) -> bool:
        """Whether this cleanup changed the folder or the history."""
        return bool(self.expired or self.strays or self.temporaries or self.vanished or self.work_folders)

    def summary(self) -> str:
        """One line for people."""
        work = f", {len(self.work_folders)} abandoned batch folder(s)" if self.work_folders else ""
        return (
            f"removed {len(self.expired)} expired export(s), {len(self.strays)} stray file(s){work} and "
            f"{len(self.temporaries)} temporary file(s); dropped {len(self.vanished)} record(s) whose file was gone; "
            f"freed {format_bytes(self.freed_bytes)}"
        )


def format_bytes(size: int) -> str:
    """``48213`` → ``47.1 KB``."""
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{int(value)} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


class ExportStorage:
    """Owns ``<data>/exports``; every export file is written and removed through here."""

    def __init__(self, queue: JobQueue) -> None:
        self.queue = queue
        self.folder = private_subdir(queue.store.data_dir, "exports")

    @property
    def quota_bytes(self) -> int:
        """The quota setting (default 100 MB)."""
        return int(self.queue.store.get_setting(QUOTA_SETTING, str(DEFAULT_QUOTA_BYTES)))

    def set_quota(self, size: int) -> None:
        """Changes the quota."""
        self.queue.store.set_setting(QUOTA_SETTING, str(int(size)))

    def path_planner(self, title: str, suffix: str) -> Callable[[Callable[[str], bool]], str]:
        """A function choosing ``<YYYYMMDD-HHMMSS>-<safe title><suffix>`` in the exports folder, free of clashes."""
        stamp = self.queue.store.clock().strftime("%Y%m%d-%H%M%S")
        stem = f"{stamp}-{safe_stem(title)}"

        def plan(taken: Callable[[str], bool]) -> str:
            name = unique_name(stem, suffix, lambda candidate: taken(str(self.folder / candidate)))
            return str(self.folder / name)

        return plan

    def check_quota(self, new_bytes: int) -> None:
        """Raises ``QuotaExceededError`` (a permanent failure) when the new file does not fit."""
        used = self.queue.used_bytes()
        quota = self.quota_bytes
        if used + new_bytes > quota:
            raise QuotaExceededError(
                f"export storage is full: {format_bytes(used)} of {format_bytes(quota)} used, and this export needs "
                f"{format_bytes(new_bytes)}; delete exports in History, run `resumepair cleanup`, or raise the storage "
                "limit in the app's History"
            )

    def room_bytes(self) -> int:
        """How much the exports folder may still grow within the quota."""
        return max(0, self.quota_bytes - self.queue.used_bytes())

    def write(self, path: Path, data: bytes) -> None:
        """Writes one export atomically; disk problems become ``ExportWriteError`` (transient)."""
        if path.parent != self.folder:
            raise ValueError(f"{path} is outside the exports folder")
        try:
            atomic_write_bytes(path, data)
        except OSError as exc:
            raise ExportWriteError(f"cannot write {path.name} in {self.folder}: {exc.strerror or exc}") from exc

    def write_stream(self, path: Path, write: Writer) -> int:
        """Writes one export produced by ``write(handle)`` (a ZIP streamed from files) atomically; returns its size."""
        if path.parent != self.folder:
            raise ValueError(f"{path} is outside the exports folder")
        try:
            atomic_write_stream(path, write)
            return path.stat().st_size
        except OSError as exc:
            raise self.write_error(exc) from exc

    def write_error(self, exc: OSError) -> ExportWriteError:
        """A disk problem as the transient failure it is, naming the folder."""
        return ExportWriteError(f"cannot write in {self.folder.parent}: {exc.strerror or exc}")

    def work_folder(self, job_id: int) -> Path:
        """The folder a batch job keeps its finished items in until its ZIP is done (created private)."""
        return private_subdir(self.queue.store.data_dir, WORK_FOLDER, f"job-{job_id}")

    def discard_work(self, job_id: int) -> None:
        """Removes a batch job's items once they are in its ZIP, or no longer wanted."""
        shutil.rmtree(self.queue.store.data_dir / WORK_FOLDER / f"job-{job_id}", ignore_errors=True)

    def discard(self, path: Path) -> None:
        """Removes a file a cancelled job had already renamed into place."""
        with contextlib.suppress(FileNotFoundError):
            path.unlink()

    def cleanup(self, stray_age: dt.timedelta = dt.timedelta(days=HISTORY_DAYS)) -> CleanupReport:
        """Deletes expired exports (files and rows) and reconciles the folder with the history.

        Rows whose file vanished are dropped; stray files no record or queued job owns are removed once older
        than ``stray_age``; temporary files of dead writers are removed.
        """
        report = CleanupReport()
        now = self.queue.store.clock()
        entries = self.queue.list_history(include_expired=True)
        expired = [entry for entry in entries if entry.expires_at <= now]
        for entry in expired:
            path = Path(entry.path)
            with contextlib.suppress(FileNotFoundError):
                size = path.stat().st_size
                path.unlink()
                report.freed_bytes += size
            report.expired.append(entry.file_name)
        vanished = [entry for entry in entries if entry.expires_at > now and not Path(entry.path).exists()]
        report.vanished = [entry.file_name for entry in vanished]
        if expired or vanished:
            self.queue.delete_history([entry.id for entry in [*expired, *vanished]])
        known = {entry.path for entry in self.queue.list_history(include_expired=True)}
        planned = {job.result_path for job in self.queue.list_jobs(limit=10_000) if job.result_path and not job.final}
        for path in self.folder.iterdir():
            if not path.is_file():
                continue
            owner = temp_owner_pid(path.name)
            if path.name.startswith(TEMP_PREFIX):
                if owner is None or not pid_alive(owner) or _older_than(path, now, dt.timedelta(days=1)):
                    report.freed_bytes += _remove(path)
                    report.temporaries.append(path.name)
            elif str(path) not in known and str(path) not in planned and _older_than(path, now, stray_age):
                report.freed_bytes += _remove(path)
                report.strays.append(path.name)
        self._sweep_work_folders(report)
        if report.removed_anything:
            log.info("cleanup: %s", report.summary())
        return report

    def _sweep_work_folders(self, report: CleanupReport) -> None:
        """Removes the work folders of batch jobs that will not run again (finished, cancelled, failed, gone)."""
        root = self.queue.store.data_dir / WORK_FOLDER
        if not root.is_dir():
            return
        for folder in root.iterdir():
            number = folder.name.removeprefix("job-")
            if not (folder.is_dir() and number.isdigit()):
                continue
            try:
                if not self.queue.get_job(int(number)).final:
                    continue
            except JobNotFoundError:
                pass
            report.freed_bytes += sum(_size(path) for path in folder.iterdir())
            shutil.rmtree(folder, ignore_errors=True)
            report.work_folders.append(folder.name)

    def remove_dead_temporaries(self) -> list[str]:
        """Removes temporary files left by processes that died (run when a worker starts)."""
        return remove_dead_temporaries(self.folder)


def _older_than(path: Path, now: dt.datetime, age: dt.timedelta) -> bool:
    try:
        modified = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
    except FileNotFoundError:
        return False
    return now - modified > age


def _remove(path: Path) -> int:
    try:
        size = path.stat().st_size
        path.unlink()
    except FileNotFoundError:
        return 0
    return size


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
