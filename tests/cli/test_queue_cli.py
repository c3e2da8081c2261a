"""``export``, ``batch``, ``jobs``, ``history``, ``worker`` and ``cleanup`` as scripts use them."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from tests.conftest import SAMPLE, run_cli


def resume_file(folder: Path, name: str, data: object) -> Path:
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_export_goes_through_the_queue_and_history(tmp_path: Path, data_dir: Path) -> None:
    out = tmp_path / "cv.pdf"
    assert run_cli("export", str(SAMPLE), "-o", str(out), data_dir=data_dir).returncode == 0
    jobs = json.loads(run_cli("jobs", "--json", data_dir=data_dir).stdout)
    assert len(jobs) == 1
    job = jobs[0]
    required = {"id", "kind", "status", "attempts", "progress", "error", "result_path", "created_at", "updated_at"}
    assert required <= set(job)
    assert (job["kind"], job["status"], job["progress"]) == ("pdf", "completed", 100)
    history = json.loads(run_cli("history", "--json", data_dir=data_dir).stdout)
    entry = history[0]
    required = {"id", "job_id", "file_name", "path", "bytes", "pages", "download_count", "created_at", "expires_at"}
    assert required <= set(entry)
    assert entry["job_id"] == job["id"]
    assert entry["download_count"] == 1
    assert Path(entry["path"]).read_bytes() == out.read_bytes()


def test_batch_with_one_unreadable_input_exits_5_and_lists_it(tmp_path: Path, data_dir: Path) -> None:
    good = [resume_file(tmp_path, f"g{i}.json", {"basics": {"name": f"Zoë Ünal {i}"}}) for i in range(2)]
    same = resume_file(tmp_path, "same.json", {"basics": {"name": "Zoë Ünal 0", "email": "nope"}})
    bad = tmp_path / "bad.json"
    bad.write_text('{"basics": {"email": "nope"}', encoding="utf-8")
    out = tmp_path / "out.zip"
    result = run_cli("batch", *map(str, [*good, same, bad]), "-o", str(out), data_dir=data_dir)
    assert result.returncode == 5, result.stderr
    assert "bad.json: is not valid JSON" in result.stderr and "line 1, column 29" in result.stderr
    assert "same.json: repaired basics.email: not an e-mail address" in result.stderr
    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        names = sorted(archive.namelist())
    assert names == ["Zoë_Ünal_0.pdf", "Zoë_Ünal_0_2.pdf", "Zoë_Ünal_1.pdf", "manifest.json"]
    statuses = {item["input"]: item["status"] for item in manifest["items"]}
    assert statuses == {"g0.json": "completed", "g1.json": "completed", "same.json": "completed", "bad.json": "failed"}
    failed = next(item for item in manifest["items"] if item["status"] == "failed")
    assert "is not valid JSON" in failed["error"]
    assert {"created", "options", "items"} <= set(manifest)


def test_batch_with_no_readable_input_exits_3(tmp_path: Path, data_dir: Path) -> None:
    bad = resume_file(tmp_path, "bad.json", ["not", "a", "resume"])
    out = tmp_path / "out.zip"
    result = run_cli("batch", str(bad), "-o", str(out), data_dir=data_dir)
    assert result.returncode == 3
    assert not out.exists()


def test_batch_over_100_is_refused_clearly(tmp_path: Path, data_dir: Path) -> None:
    result = run_cli("batch", *[str(SAMPLE)] * 101, "-o", str(tmp_path / "o.zip"), data_dir=data_dir)
    assert result.returncode == 3
    assert "at most 100" in result.stderr


def test_worker_once_on_an_empty_queue_and_cleanup(data_dir: Path) -> None:
    result = run_cli("worker", "--once", data_dir=data_dir)
    assert result.returncode == 0
    assert "queue empty" in result.stdout
    result = run_cli("cleanup", data_dir=data_dir)
    assert result.returncode == 0
    assert "freed 0 bytes" in result.stdout


def test_a_corrupt_database_is_reported_and_replaced(tmp_path: Path, data_dir: Path) -> None:
    assert run_cli("jobs", data_dir=data_dir).returncode == 0
    for suffix in ("-wal", "-shm"):
        Path(f"{data_dir / 'resumepair.db'}{suffix}").unlink(missing_ok=True)
    (data_dir / "resumepair.db").write_bytes(b"garbage" * 500)
    result = run_cli("export", str(SAMPLE), "-o", str(tmp_path / "x.pdf"), data_dir=data_dir)
    assert result.returncode == 0
    assert "database was damaged; it was moved aside" in result.stderr
    assert list(data_dir.glob("resumepair.db.corrupt-*"))


def test_a_killed_copy_leaves_nothing_in_the_output_folder_after_the_next_export(
    tmp_path: Path, data_dir: Path
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    leftover = out_dir / ".rp-tmp-999999999-abc.pdf"  # a writer pid that does not exist
    leftover.write_bytes(b"%PDF-half")
    unrelated = out_dir / ".rp-tmp-notapid.pdf"
    unrelated.write_bytes(b"not ours to judge")
    assert run_cli("export", str(SAMPLE), "-o", str(out_dir / "cv.pdf"), data_dir=data_dir).returncode == 0
    assert sorted(path.name for path in out_dir.iterdir()) == [".rp-tmp-notapid.pdf", "cv.pdf"]
