"""Atomic file writes: a reader never sees half a file, whatever happens to the process or the disk."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

#: Prefix of temporary files; cleanup code recognises (and removes) leftovers by it.
TEMP_PREFIX = ".rp-tmp-"
#: linkat(2)'s "the current folder" and "link the file open as the first argument" (Linux).
_AT_FDCWD = -100
_AT_EMPTY_PATH = 0x1000


#: Writes a file's whole content into the handle it is given.
Writer = Callable[[BinaryIO], object]


def atomic_write_bytes(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Writes ``data`` to a temporary file beside ``path``, fsyncs it, then renames it over ``path``.

    Raises ``OSError`` (disk full, read-only folder, ...) with nothing left behind.
    """
    atomic_write_stream(path, lambda handle: handle.write(data), mode)


def atomic_copy(source: Path, path: Path, mode: int = 0o600) -> None:
    """Copies ``source`` to ``path`` atomically, a megabyte at a time: a ZIP of thousands never sits in memory."""

    def copy(handle: BinaryIO) -> None:
        with source.open("rb") as original:
            shutil.copyfileobj(original, handle, 1 << 20)

    atomic_write_stream(path, copy, mode)


def atomic_write_stream(path: Path, write: Writer, mode: int = 0o600) -> None:
    """``atomic_write_bytes`` for content produced by ``write(handle)`` (into a seekable file, e.g. a ZIP).

    ``write`` may be called a second time, on a fresh file, where an unnamed file cannot be given a name; it
    must write the whole content each time.
    """
    folder = path.parent
    temp_path = _complete_unnamed_file(path, write, mode) or _complete_named_file(folder, path.suffix, write, mode)
    if temp_path == path:  # a new file, linked into place whole: there was never a temporary name
        fsync_dir(folder)
        return
    try:
        temp_path.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp_path.unlink()
        raise
    fsync_dir(folder)


def _fill(handle: BinaryIO, write: Writer, mode: int) -> None:
    """Writes the whole content, gives it its final permissions and makes it durable."""
    write(handle)
    handle.flush()
    if os.name == "posix":
        os.fchmod(handle.fileno(), mode)
    os.fsync(handle.fileno())


def _complete_unnamed_file(path: Path, write: Writer, mode: int) -> Path | None:
    """Linux: writes into a file with no name (``O_TMPFILE``) and, once complete, names it.

    A process killed while writing leaves nothing behind at all (the kernel frees an unnamed file). A new file is
    linked straight to ``path`` (returned as is: a link fails rather than replace, so this is atomic); an existing
    one gets a temporary name for the caller's rename, which exists for a few microseconds (a SIGKILL there once
    left one in a user's folder). Returns ``None`` where this is not possible (other systems, file systems
    without ``O_TMPFILE``, no ``/proc``); write errors (disk full) are raised as ``OSError``.
    """
    folder, suffix = path.parent, path.suffix
    unnamed = getattr(os, "O_TMPFILE", None)
    if unnamed is None or not Path("/proc/self/fd").is_dir():
        return None
    try:
        fd = os.open(folder, unnamed | os.O_WRONLY, 0o600)
    except OSError:
        return None  # e.g. EOPNOTSUPP: this file system cannot make unnamed files
    temp_path = folder / f"{temp_prefix()}{os.urandom(6).hex()}{suffix}"
    with os.fdopen(fd, "wb") as handle:
        _fill(handle, write, mode)
        target = temp_path if path.exists() else path
        try:
            _link_open_file(handle.fileno(), target)
        except FileExistsError:
            # Another writer made ``path`` meanwhile: replace it through a temporary name, as an existing file.
            target = temp_path
            try:
                _link_open_file(handle.fileno(), target)
            except OSError:
                return None
        except OSError:
            return None
    return target


def _link_open_file(fd: int, target: Path) -> None:
    """Gives the unnamed file open as ``fd`` the name ``target``; ``FileExistsError`` if the name is taken.

    Through ``/proc/self/fd`` first; where that link crosses devices (some sandboxes mount ``/proc`` so), with
    ``linkat(AT_EMPTY_PATH)``, which needs the privilege to link any open file (root, as in CI).
    """
    try:
        os.link(f"/proc/self/fd/{fd}", target, follow_symlinks=True)
        return
    except FileExistsError:
        raise
    except OSError as proc_error:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.linkat(fd, b"", _AT_FDCWD, os.fsencode(target), _AT_EMPTY_PATH) == 0:
            return
        code = ctypes.get_errno()
        if code == errno.EEXIST:
            raise FileExistsError(code, os.strerror(code), str(target)) from proc_error
        raise proc_error from None


def _complete_named_file(folder: Path, suffix: str, write: Writer, mode: int) -> Path:
    """Writes a complete temporary file with a name (removed again if writing fails)."""
    fd, temp_name = tempfile.mkstemp(prefix=temp_prefix(), suffix=suffix, dir=folder)
    temp_path = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            _fill(handle, write, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            temp_path.unlink()
        raise
    return temp_path


def temp_prefix() -> str:
    """Temporary names carry the writer's pid, so a cleanup can tell a dead writer's leftovers from live work."""
    return f"{TEMP_PREFIX}{os.getpid()}-"


def temp_owner_pid(name: str) -> int | None:
    """The pid in a temporary file name made by ``temp_prefix``, or ``None`` if it is not one of ours."""
    if not name.startswith(TEMP_PREFIX):
        return None
    head = name[len(TEMP_PREFIX) :].split("-", 1)[0]
    return int(head) if head.isdigit() else None


def remove_dead_temporaries(folder: Path) -> list[str]:
    """Removes our temporary files in ``folder`` whose writer died (a crash between write and rename).

    Only names made by ``temp_prefix`` are touched, so this is safe in a user's own folder too.
    """
    removed: list[str] = []
    try:
        candidates = list(folder.glob(f"{TEMP_PREFIX}*"))
    except OSError:
        return removed
    for path in candidates:
        owner = temp_owner_pid(path.name)
        if owner is None or pid_alive(owner):
            continue
        with contextlib.suppress(FileNotFoundError, PermissionError):
            path.unlink()
            removed.append(path.name)
    return removed


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid exists on this machine (always ``True`` where it cannot be told)."""
    if pid <= 0:
        return False
    if os.name != "posix":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def fsync_dir(folder: Path) -> None:
    """Makes a rename in ``folder`` durable (POSIX); a no-op where folders cannot be opened."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
