"""Export files: safe names, quota, expiry and reconciliation of the exports folder."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from app.export.naming import safe_stem, unique_name
from app.export.service import ExportSystem
from app.export.storage import QuotaExceededError
from app.fsutil import TEMP_PREFIX
from tests.export.conftest import FakeClock


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("Jane Doe", "Jane_Doe"),
        ("Zoë Ünal-Øre", "Zoë_Ünal-Øre"),
        ("Σοφία Иванова 王小明", "Σοφία_Иванова_王小明"),
        ("../../etc/passwd", "etc_passwd"),
        ('a\\b/c:d*e?f"g<h>i|j', "a_b_c_d_e_f_g_h_i_j"),
        ("line\nbreak\x00nul\u202eRTL", "line_breaknulRTL"),
        ("CON", "CON_"),
        ("nul.txt", "nul_.txt"),
        ("...", "resume"),
        ("", "resume"),
        (".hidden", "hidden"),
    ],
)
def test_safe_stem(title: str, stem: str) -> None:
    assert safe_stem(title) == stem


def test_safe_stem_caps_length() -> None:
    assert len(safe_stem("x" * 500)) == 80


def test_unique_name_resolves_collisions() -> None:
    taken = {"a.pdf", "a_2.pdf"}
    assert unique_name("a", ".pdf", taken.__contains__) == "a_3.pdf"


def test_two_jobs_for_the_same_title_get_different_files(system: ExportSystem) -> None:
    from app.render.options import ExportOptions
    from tests.conftest import SAMPLE

    document = system.import_file(SAMPLE)
    first = system.queue_export(document, ExportOptions())
    second = system.queue_export(document, ExportOptions())
    assert first.result_path != second.result_path
    assert second.result_path and second.result_path.endswith("Richard_Hendriks_2.pdf")


def test_quota_is_a_clear_permanent_error(system: ExportSystem) -> None:
    system.storage.set_quota(1000)
    with pytest.raises(QuotaExceededError, match=r"0 bytes of 1000 bytes used.*needs 1.5 KB.*cleanup"):
        system.storage.check_quota(1500)
    system.storage.check_quota(900)


def _export(system: ExportSystem, name: str, size: int = 10) -> Path:
    from app.export.models import JobKind

    document = system.queue.add_document(name, b"{}")
    job = system.queue.create_job(JobKind.PDF, [document], {}, system.storage.path_planner(name, ".pdf"))
    claimed = system.queue.claim("me")
    assert claimed is not None and claimed.result_path
    path = Path(claimed.result_path)
    system.storage.write(path, b"x" * size)
    assert system.queue.complete(job.id, "me", str(path), size, 1)
    return path


def test_expired_exports_are_removed_with_their_files(system: ExportSystem, clock: FakeClock) -> None:
    old = _export(system, "old", 100)
    clock.advance(days=3)
    young = _export(system, "young", 50)
    clock.advance(days=4, seconds=1)
    report = system.storage.cleanup()
    assert report.expired == [old.name]
    assert report.freed_bytes == 100
    assert not old.exists()
    assert young.exists()
    assert [entry.file_name for entry in system.queue.list_history()] == [young.name]


def test_vanished_files_and_strays_are_reconciled(system: ExportSystem, clock: FakeClock) -> None:
    gone = _export(system, "gone")
    gone.unlink()
    stray_old = system.storage.folder / "stray-old.pdf"
    stray_new = system.storage.folder / "stray-new.pdf"
    for path in (stray_old, stray_new):
        path.write_bytes(b"x")
    eight_days_ago = clock.now.timestamp() - 8 * 86400
    os.utime(stray_old, (eight_days_ago, eight_days_ago))
    os.utime(stray_new, (clock.now.timestamp(), clock.now.timestamp()))
    dead_temp = system.storage.folder / f"{TEMP_PREFIX}999999999-abc.pdf"
    dead_temp.write_bytes(b"partial")
    live_temp = system.storage.folder / f"{TEMP_PREFIX}{os.getpid()}-abc.pdf"
    live_temp.write_bytes(b"in progress")
    now = time.time()
    os.utime(live_temp, (now, now))

    report = system.storage.cleanup()
    assert report.vanished == [gone.name]
    assert report.strays == ["stray-old.pdf"]
    assert report.temporaries == [dead_temp.name]
    assert system.queue.list_history() == []
    assert stray_new.exists() and live_temp.exists()
    assert not stray_old.exists() and not dead_temp.exists()


def test_write_errors_leave_nothing_behind(system: ExportSystem, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from app.export.storage import ExportWriteError

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(ExportWriteError, match="No space left on device"):
        system.storage.write(system.storage.folder / "x.pdf", b"%PDF")
    assert list(system.storage.folder.iterdir()) == []


def test_a_new_file_is_linked_into_place_without_a_temporary_name(tmp_path: Path, monkeypatch: Any) -> None:
    """A SIGKILL between naming the finished file and renaming it once left a `.rp-tmp-*` in a user's folder:
    a new file (Linux, ``O_TMPFILE``) gets its own name directly; replacing one still goes through a rename."""
    import app.fsutil as fsutil

    renamed: list[Path] = []
    real_replace = Path.replace
    monkeypatch.setattr(Path, "replace", lambda self, target: renamed.append(self) or real_replace(self, target))
    new = tmp_path / "new.zip"
    fsutil.atomic_write_bytes(new, b"first")
    assert new.read_bytes() == b"first" and oct(new.stat().st_mode & 0o777) == oct(0o600)
    fsutil.atomic_write_bytes(new, b"second")
    assert new.read_bytes() == b"second"
    assert not list(tmp_path.glob(".rp-tmp-*"))
    if hasattr(os, "O_TMPFILE"):
        assert len(renamed) == 1  # only the replacement was renamed
