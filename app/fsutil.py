"""Atomic file writes: a reader never sees half a file, whatever happens to the process or the disk."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

#: Prefix of temporary files; cleanup code recognises (and removes) leftovers by it.
TEMP_PREFIX = ".rp-tmp-"


def atomic_write_bytes(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Writes ``data`` to a temporary file beside ``path``, fsyncs it, then renames it over ``path``.

    Raises ``OSError`` (disk full, read-only folder, ...) with nothing left behind.
    """
    folder = path.parent
    fd, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=path.suffix, dir=folder)
    temp_path = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if os.name == "posix":
            temp_path.chmod(mode)
        temp_path.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp_path.unlink()
        raise
    fsync_dir(folder)


def fsync_dir(folder: Path) -> None:
    """Makes a rename in ``folder`` durable (POSIX); a no-op where folders cannot be opened."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
