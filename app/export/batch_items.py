"""A batch's finished resumes on disk: one file per item in the job's work folder; the listing is the journal.

An item's file is complete the moment it has its name (written under a temporary name, then renamed), and the
name says everything the ZIP and its manifest need: position, digest, pages, size and file stem, e.g.
``000042.3f9a0c1d2b4e5f60.2.48213.Jane_Doe.pdf``. A resume that cannot be exported leaves
``000042.<digest>.failed`` holding the reason. A batch killed at any moment and run again lists the folder and
renders only the items without a file; nothing is rendered twice and there is no journal to get out of step.

The digest covers the resume's content and the job's options, so a job retried after the user changed a resume
renders that resume again. Files are not fsynced: a killed process loses nothing the kernel already has, and a
file that a power cut left shorter than its name says is rendered again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from app.fsutil import remove_dead_temporaries, temp_prefix

FAILED_SUFFIX = ".failed"


class ItemStatus(StrEnum):
    """An item's outcome; ``retry`` (a transient failure) is never written down, so the next run tries again."""

    COMPLETED = "completed"
    FAILED = "failed"
    RETRY = "retry"


@dataclass(frozen=True)
class RenderedFile:
    """One resume rendered to one file in some format: its bytes, its extension and its page count."""

    data: bytes
    suffix: str
    pages: int


@dataclass(frozen=True)
class ItemResult:
    """What became of one item: a file, or the reason there is none."""

    index: int
    digest: str
    status: ItemStatus
    stem: str = ""
    suffix: str = ""
    pages: int = 0
    size: int = 0
    error: str | None = None
    path: Path | None = None


def item_digest(content: bytes, options_key: bytes) -> str:
    """Identifies what an item was rendered from: the resume's bytes and the job's options."""
    return hashlib.sha256(len(options_key).to_bytes(8, "big") + options_key + content).hexdigest()[:16]


class ItemFolder:
    """The work folder of one batch job."""

    def __init__(self, folder: Path, write_error: Callable[[OSError], Exception]) -> None:
        self.folder = folder
        self._write_error = write_error
        #: Files found by ``scan`` per position, so a new version can replace them without listing the folder.
        self._found: dict[int, list[Path]] = {}

    def scan(self) -> dict[tuple[int, str], ItemResult]:
        """The finished items by (position, digest); leftovers of a dead writer and damaged files are removed."""
        remove_dead_temporaries(self.folder)
        found: dict[tuple[int, str], ItemResult] = {}
        for path in self.folder.iterdir():
            result = self._parse(path)
            if result is None:
                continue
            found[(result.index, result.digest)] = result
            self._found.setdefault(result.index, []).append(path)
        return found

    def put(self, index: int, digest: str, stem: str, rendered: RenderedFile) -> ItemResult:
        """Stores a rendered item under its final name (and forgets older versions of the same position)."""
        name = f"{index:06d}.{digest}.{rendered.pages}.{len(rendered.data)}.{stem}{rendered.suffix}"
        path = self._write(name, rendered.data)
        return ItemResult(
            index,
            digest,
            ItemStatus.COMPLETED,
            stem,
            rendered.suffix,
            rendered.pages,
            len(rendered.data),
            path=path,
        )

    def put_failure(self, index: int, digest: str, error: str) -> ItemResult:
        """Records that this item cannot be exported as it is (an invalid resume, say), so it is not tried again."""
        self._write(f"{index:06d}.{digest}{FAILED_SUFFIX}", error.encode("utf-8", "replace"))
        return ItemResult(index, digest, ItemStatus.FAILED, error=error)

    def _write(self, name: str, data: bytes) -> Path:
        target = self.folder / name
        try:
            fd, temp_name = tempfile.mkstemp(prefix=temp_prefix(), dir=self.folder)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                Path(temp_name).replace(target)
            except BaseException:
                with contextlib.suppress(OSError):
                    Path(temp_name).unlink()
                raise
        except OSError as exc:
            raise self._write_error(exc) from exc
        for older in self._found.pop(int(name.split(".", 1)[0]), []):
            if older != target:
                with contextlib.suppress(OSError):
                    older.unlink()
        return target

    @staticmethod
    def _parse(path: Path) -> ItemResult | None:
        """An item read back from its name; ``None`` (and the file removed) when it is not a complete item."""
        parts = path.name.split(".", 4)
        if len(parts) < 3 or not parts[0].isdigit():
            return None  # a temporary file or something else: not ours to judge here
        index, digest = int(parts[0]), parts[1]
        try:
            if path.name.endswith(FAILED_SUFFIX) and len(parts) == 3:
                return ItemResult(
                    index, digest, ItemStatus.FAILED, error=path.read_text(encoding="utf-8", errors="replace")
                )
            pages, size, rest = int(parts[2]), int(parts[3]), parts[4]
            stem, dot, extension = rest.rpartition(".")
            if dot and stem and path.stat().st_size == size:
                return ItemResult(index, digest, ItemStatus.COMPLETED, stem, f".{extension}", pages, size, path=path)
        except (ValueError, IndexError, OSError):
            pass
        with contextlib.suppress(OSError):
            path.unlink()
        return None
