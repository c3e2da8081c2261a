"""Opening the export system for one data folder, and queuing exports: shared by the CLI and the app."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.export.jobs import JobQueue
from app.export.models import Job, JobKind
from app.export.retry import RetryPolicy
from app.export.storage import ExportStorage
from app.model.loading import decode_json_object
from app.render.options import ExportOptions
from app.store.database import Store


@dataclass
class ExportSystem:
    """The store, queue and storage of one data folder."""

    store: Store
    queue: JobQueue
    storage: ExportStorage

    @classmethod
    def open(cls, data_dir: Path, policy: RetryPolicy | None = None) -> ExportSystem:
        """Opens (creating or migrating) the database; a damaged one is moved aside (see ``recovery_notice``)."""
        store = Store(data_dir)
        queue = JobQueue(store, policy)
        return cls(store, queue, ExportStorage(queue))

    def recovery_notice(self) -> str | None:
        """A sentence for the user when the database had to be replaced on open."""
        if self.store.recovered_from is None:
            return None
        return (
            f"the database was damaged; it was moved aside to {self.store.recovered_from} and a new one was "
            "started (exports already in the exports folder are kept)"
        )

    def import_file(self, path: Path, content: bytes | None = None) -> int:
        """Adds a resume file to the library as it is on disk (valid or not); returns the document id.

        ``content`` is the file's bytes when the caller has already read (and checked) them, so what is
        exported is exactly what was validated.
        """
        if content is None:
            content = path.read_bytes()
        return self.queue.add_document(_title_of(content, path), content, str(path.resolve()))

    def queue_export(self, document_id: int, options: ExportOptions, title: str | None = None) -> Job:
        """Queues one PDF export of a library document; ``title`` names the file (default: the document's)."""
        title = title or self.queue.get_document(document_id).title
        planner = self.storage.path_planner(title, options.format.suffix)
        return self.queue.create_job(JobKind.PDF, [document_id], options.model_dump(mode="json"), planner)

    def queue_batch(self, document_ids: Sequence[int], options: ExportOptions, title: str = "batch") -> Job:
        """Queues one ZIP of many documents."""
        planner = self.storage.path_planner(title, ".zip")
        return self.queue.create_job(JobKind.BATCH, list(document_ids), options.model_dump(mode="json"), planner)


def _title_of(content: bytes, path: Path) -> str:
    """The resume's name for titles and file names; the file name when the content has none."""
    try:
        data = decode_json_object(content)
    except Exception:  # noqa: BLE001 - an unreadable file still gets a title
        return path.stem
    return title_of_data(data, path)


def title_of_data(data: dict[str, Any], path: Path) -> str:
    """``basics.name`` as a title, or the file's name when the resume has none (or one UTF-8 cannot hold)."""
    basics = data.get("basics")
    name = basics.get("name") if isinstance(basics, dict) else None
    return printable_title(name) or path.stem


def printable_title(value: object) -> str:
    """A name usable as a title and in SQLite: stripped, and ``""`` if it is not text that UTF-8 can hold."""
    if not isinstance(value, str):
        return ""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate ("\ud800" in the JSON): invalid, reported by validation
        return ""
    return value.strip()
