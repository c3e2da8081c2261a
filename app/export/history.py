"""The export history in SQL: the files completed jobs produced, until they expire.

A history row is written by ``JobQueue.complete`` in the same transaction that completes its job; this part
reads the rows and keeps their counters and ATS reports.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from app.errors import UserError
from app.export.models import HistoryEntry
from app.store.clock import to_db
from app.store.database import Store


class JobHistory:
    """History operations; a part of ``JobQueue``."""

    store: Store

    def _now(self) -> dt.datetime:
        return self.store.clock()

    def get_history(self, entry_id: int) -> HistoryEntry:
        """One history entry by id."""
        rows = self.store.read("SELECT * FROM export_history WHERE id = ?", (entry_id,))
        if not rows:
            raise UserError(f"history entry {entry_id} does not exist")
        return HistoryEntry.from_row(rows[0])

    def history_for_job(self, job_id: int) -> HistoryEntry | None:
        """The file a completed job produced."""
        rows = self.store.read("SELECT * FROM export_history WHERE job_id = ?", (job_id,))
        return HistoryEntry.from_row(rows[0]) if rows else None

    def list_history(self, include_expired: bool = False) -> list[HistoryEntry]:
        """Exports newest first; expired ones only when asked."""
        if include_expired:
            rows = self.store.read("SELECT * FROM export_history ORDER BY id DESC")
        else:
            rows = self.store.read(
                "SELECT * FROM export_history WHERE expires_at > ? ORDER BY id DESC", (to_db(self._now()),)
            )
        return [HistoryEntry.from_row(row) for row in rows]

    def set_ats_report(self, entry_id: int, report: dict[str, Any]) -> None:
        """Stores the ATS check of an exported PDF with its history entry."""
        with self.store.write() as conn:
            conn.execute("UPDATE export_history SET ats_report = ? WHERE id = ?", (json.dumps(report), entry_id))

    def path_in_history(self, path: str) -> bool:
        """Whether a history entry points at this file."""
        return bool(self.store.read("SELECT 1 FROM export_history WHERE path = ?", (path,)))

    def used_bytes(self) -> int:
        """Bytes taken by the files the history holds."""
        return int(self.store.read("SELECT COALESCE(SUM(bytes), 0) AS n FROM export_history")[0]["n"])

    def count_downloads(self, entry_id: int) -> None:
        """One more time the user opened or saved this export."""
        with self.store.write() as conn:
            conn.execute("UPDATE export_history SET download_count = download_count + 1 WHERE id = ?", (entry_id,))

    def delete_history(self, entry_ids: Sequence[int]) -> None:
        """Forgets history rows (their files are the caller's business)."""
        with self.store.write() as conn:
            conn.executemany("DELETE FROM export_history WHERE id = ?", [(entry_id,) for entry_id in entry_ids])
