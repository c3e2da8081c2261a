"""The SQLite store in the data folder: connections, migrations, transactions, and recovery from corruption.

One connection per thread (SQLite connections must not be shared), WAL so readers never block the writer,
``synchronous=NORMAL`` (durable at every checkpoint, and WAL keeps the file consistent after a crash), and
write transactions started with ``BEGIN IMMEDIATE`` so two processes never interleave a read-then-write.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from app.datadir import ensure_private_dir
from app.errors import UserError
from app.store.clock import Clock, utc_now
from app.store.schema import MIGRATIONS, SCHEMA_VERSION

log = logging.getLogger(__name__)

DB_NAME = "resumepair.db"
BUSY_TIMEOUT_MS = 5000


#: Free space below which a disk counts as full: less than SQLite needs for one more page of its journal.
_FULL_DISK_BYTES = 64 * 1024


class StoreError(UserError):
    """The database cannot be used: locked for too long, unwritable, or newer than this version of the app."""

    exit_code = 4


class Store:
    """The data folder's database; cheap to share between threads (each gets its own connection)."""

    def __init__(self, data_dir: Path, clock: Clock = utc_now, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
        self.data_dir = ensure_private_dir(data_dir)
        self.path = data_dir / DB_NAME
        self.clock = clock
        self.busy_timeout_ms = busy_timeout_ms
        #: Where a damaged database was moved on open, so the UI and CLI can say so; ``None`` normally.
        self.recovered_from: Path | None = None
        self._local = threading.local()
        self._open()

    # -- connections ----------------------------------------------------------------------------------

    def connection(self) -> sqlite3.Connection:
        """The calling thread's connection, opened on first use."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
        return conn

    def close(self) -> None:
        """Closes this thread's connection (other threads close theirs when they end)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (``BEGIN IMMEDIATE``): committed on success, rolled back on any error."""
        conn = self.connection()
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise self._busy_error(exc) from None
        try:
            yield conn
        except sqlite3.OperationalError as exc:
            self._rollback(conn)
            raise self._busy_error(exc) from None
        except BaseException:
            self._rollback(conn)
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            self._rollback(conn)
            raise self._busy_error(exc) from None

    @staticmethod
    def _rollback(conn: sqlite3.Connection) -> None:
        """Rolls back if a transaction is still open.

        On SQLITE_FULL SQLite has already rolled back itself; a second ROLLBACK would replace the real error
        with "no transaction is active".
        """
        if conn.in_transaction:
            conn.execute("ROLLBACK")

    def read(self, sql: str, params: tuple[object, ...] = ()) -> list[sqlite3.Row]:
        """Runs one query outside any write transaction."""
        try:
            return self.connection().execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            raise self._busy_error(exc) from None

    def integrity_ok(self) -> bool:
        """``PRAGMA integrity_check`` passes (used by fault tests and after recovery)."""
        return str(self.read("PRAGMA integrity_check")[0][0]) == "ok"

    # -- settings ---------------------------------------------------------------------------------------

    def get_setting(self, key: str, default: str) -> str:
        """A value from the ``settings`` table."""
        rows = self.read("SELECT value FROM settings WHERE key = ?", (key,))
        return str(rows[0]["value"]) if rows else default

    def set_setting(self, key: str, value: str) -> None:
        """Stores one setting."""
        with self.write() as conn:
            conn.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # -- internals ----------------------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=self.busy_timeout_ms / 1000, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_ms)}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        return conn

    def _open(self) -> None:
        try:
            self._check_and_migrate()
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                raise self._busy_error(exc) from None
            if not _is_corruption(exc):
                # A full disk or an I/O error is not a damaged file: moving a healthy database aside would lose
                # the user's library and history for nothing.
                if _disk_is_full(self.path.parent):
                    raise StoreError(f"{self.path}: cannot be opened: the disk is full ({exc}); free space") from None
                raise StoreError(
                    f"{self.path}: cannot be opened ({exc}); free disk space or check the folder's permissions"
                ) from None
            self._move_aside(exc)
            self._check_and_migrate()
        if os.name == "posix":
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(OSError):
                    Path(f"{self.path}{suffix}").chmod(0o600)

    def _check_and_migrate(self) -> None:
        conn = self.connection()
        if self.path.stat().st_size > 0:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                raise sqlite3.DatabaseError(f"integrity check failed: {result}")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: was written by a newer version of ResumePair (schema {version}, this version knows "
                f"{SCHEMA_VERSION}); update the app, or use another --data-dir"
            )
        for number in range(version, SCHEMA_VERSION):
            log.info("migrating database to schema %d", number + 1)
            with self.write() as write_conn:
                for statement in _statements(MIGRATIONS[number]):
                    write_conn.execute(statement)
                write_conn.execute(f"PRAGMA user_version = {number + 1}")

    def _move_aside(self, reason: Exception) -> None:
        """Keeps a damaged database for inspection and starts a fresh one; nothing is deleted."""
        self.close()
        stamp = self.clock().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{DB_NAME}.corrupt-{stamp}")
        counter = 1
        while target.exists():
            counter += 1
            target = self.path.with_name(f"{DB_NAME}.corrupt-{stamp}-{counter}")
        for suffix in ("", "-wal", "-shm"):
            source = Path(f"{self.path}{suffix}")
            if source.exists():
                source.replace(Path(f"{target}{suffix}"))
        log.error("database %s was damaged (%s); moved aside to %s", self.path, reason, target)
        self.recovered_from = target

    def _busy_error(self, exc: sqlite3.OperationalError) -> Exception:
        if "locked" in str(exc) or "busy" in str(exc):
            return StoreError(
                f"{self.path}: the database is locked by another ResumePair process for more than "
                f"{self.busy_timeout_ms / 1000:g} s; try again, or close the other process"
            )
        if "readonly" in str(exc) or "read-only" in str(exc):
            return StoreError(f"{self.path}: the database is read-only; check the data folder's permissions")
        if "disk is full" in str(exc) or "disk I/O error" in str(exc):
            return StoreError(f"{self.path}: the disk is full or failing ({exc}); nothing was changed — free space")
        return exc


_CORRUPTION_WORDS = ("not a database", "malformed", "integrity check failed", "file is encrypted")


def _disk_is_full(folder: Path) -> bool:
    """Whether the disk holding ``folder`` has no room left (SQLite reports that as a mere I/O error at open)."""
    try:
        return shutil.disk_usage(folder).free < _FULL_DISK_BYTES
    except OSError:
        return False


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    """Whether SQLite says the file itself is damaged (as opposed to full, locked or unreadable)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code in {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}:
        return True
    return any(words in str(exc).lower() for words in _CORRUPTION_WORDS)


def _statements(script: str) -> list[str]:
    return [part.strip() for part in script.split(";") if part.strip()]
