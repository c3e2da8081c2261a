"""``export``, ``batch``, ``jobs``, ``history``, ``worker`` and ``cleanup`` as scripts use them."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

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


def test_a_batch_has_no_cap_and_shows_its_items(tmp_path: Path, data_dir: Path) -> None:
    inputs = [resume_file(tmp_path, f"p{i:03d}.json", {"basics": {"name": f"Person {i % 120}"}}) for i in range(130)]
    out = tmp_path / "many.zip"
    result = run_cli("batch", *map(str, inputs), "-o", str(out), data_dir=data_dir, timeout=300)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out) as archive:
        infos = {info.filename: info for info in archive.infolist()}
        manifest = json.loads(archive.read("manifest.json"))
    assert len([name for name in infos if name.endswith(".pdf")]) == 130
    assert "Person_7_2.pdf" in infos  # inputs 7 and 127 share a name: the later one gets the suffix
    assert {info.external_attr >> 16 for info in infos.values()} == {0o100644}  # readable once unzipped
    assert [item["input"] for item in manifest["items"]] == [path.name for path in inputs]
    (job,) = json.loads(run_cli("jobs", "--json", data_dir=data_dir).stdout)
    assert (job["items_done"], job["items_total"], job["eta_at"]) == (130, 130, None)
    assert not (data_dir / "work" / f"job-{job['id']}").exists()


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


def left_edge_pt(pdf: bytes) -> float:
    """Where the leftmost text of the first page starts, in points from the page's left edge."""
    import io

    from pypdf import PdfReader

    xs: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: object) -> None:
        if text.strip():
            xs.append(tm[4] * cm[0] + tm[5] * cm[2] + cm[4])

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return min(xs)


def designed(folder: Path, name: str, **meta: object) -> Path:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["basics"]["name"] = name
    data["meta"] = meta
    return resume_file(folder, f"{name}.json", data)


def test_export_follows_the_resumes_own_layout_unless_a_flag_says(tmp_path: Path, data_dir: Path) -> None:
    from tests.pdfcheck import page_boxes

    narrow = designed(tmp_path, "Narrow", template="classic", layout={"pageSize": "letter", "marginMm": 5})
    wide = designed(tmp_path, "Wide", template="classic", layout={"pageSize": "letter", "marginMm": 30})
    plain = designed(tmp_path, "Plain")
    pdfs = {}
    for source, flags in ((narrow, []), (wide, []), (plain, []), (narrow, ["--page-size", "legal", "--margin", "30"])):
        out = tmp_path / f"{source.stem}-{len(flags)}.pdf"
        result = run_cli("export", str(source), "-o", str(out), *flags, data_dir=data_dir)
        assert result.returncode == 0, result.stderr
        pdfs[out.stem] = out.read_bytes()
    assert set(page_boxes(pdfs["Narrow-0"])) == set(page_boxes(pdfs["Wide-0"])) == {(612, 792)}
    assert set(page_boxes(pdfs["Plain-0"])) == {(595, 842)}  # neither the resume nor a flag: A4 (CONTRACT.md)
    assert set(page_boxes(pdfs["Narrow-4"])) == {(612, 1008)}
    mm = 72 / 25.4
    assert left_edge_pt(pdfs["Wide-0"]) - left_edge_pt(pdfs["Narrow-0"]) == pytest.approx(25 * mm, abs=1.5)
    assert left_edge_pt(pdfs["Narrow-4"]) == pytest.approx(left_edge_pt(pdfs["Wide-0"]), abs=1.5)


def test_batch_renders_each_resume_with_its_own_design_unless_options_override(tmp_path: Path, data_dir: Path) -> None:
    from tests.pdfcheck import page_boxes, pdf_fonts

    inputs = [
        designed(tmp_path, "Modern Letter", template="modern", layout={"pageSize": "letter"}),
        designed(tmp_path, "Technical Legal", template="technical", layout={"pageSize": "legal"}),
        designed(tmp_path, "Plain", design={"accent": "#123456"}),
    ]

    def batch(*flags: str) -> dict[str, bytes]:
        out = tmp_path / f"out{len(flags)}.zip"
        result = run_cli("batch", *map(str, inputs), "-o", str(out), *flags, data_dir=data_dir)
        assert result.returncode == 0, result.stderr
        with zipfile.ZipFile(out) as archive:
            return {name: archive.read(name) for name in archive.namelist() if name.endswith(".pdf")}

    def fonts(pdf: bytes) -> str:
        return " ".join(row.name for row in pdf_fonts(pdf))

    own = batch()
    assert set(page_boxes(own["Modern_Letter.pdf"])) == {(612, 792)}
    assert "Lato" in fonts(own["Modern_Letter.pdf"])
    assert set(page_boxes(own["Technical_Legal.pdf"])) == {(612, 1008)}
    assert "JetBrainsMono" in fonts(own["Technical_Legal.pdf"])
    assert set(page_boxes(own["Plain.pdf"])) == {(595, 842)}
    assert "NotoSerif" in fonts(own["Plain.pdf"])

    overridden = batch("--template", "classic", "--page-size", "a4")
    for pdf in overridden.values():
        assert set(page_boxes(pdf)) == {(595, 842)}
        assert "NotoSerif" in fonts(pdf) and "Lato" not in fonts(pdf) and "JetBrains" not in fonts(pdf)


def test_cancel_retry_and_get_follow_the_contracts_exit_codes(tmp_path: Path, data_dir: Path) -> None:
    import sqlite3

    from app.export.service import ExportSystem
    from app.render.options import ExportOptions

    system = ExportSystem.open(data_dir)
    job_id = system.queue_export(system.import_file(SAMPLE), ExportOptions()).id
    system.store.close()

    assert run_cli("cancel", "999", data_dir=data_dir).returncode == 3
    cancelled = run_cli("cancel", str(job_id), "--json", data_dir=data_dir)
    assert cancelled.returncode == 0, cancelled.stderr
    assert json.loads(cancelled.stdout)["status"] == "cancelled"
    again = run_cli("cancel", str(job_id), data_dir=data_dir)
    assert (again.returncode, again.stdout) == (3, "")
    assert "already cancelled" in again.stderr

    retried = run_cli("retry", str(job_id), data_dir=data_dir)
    assert retried.returncode == 0, retried.stderr
    assert f"job {job_id} queued again" in retried.stdout
    assert "only failed or cancelled" in run_cli("retry", str(job_id), data_dir=data_dir).stderr
    assert run_cli("retry", "999", data_dir=data_dir).returncode == 3
    assert run_cli("worker", "--once", data_dir=data_dir).returncode == 0
    assert run_cli("retry", str(job_id), data_dir=data_dir).returncode == 3

    entry = json.loads(run_cli("history", "--json", data_dir=data_dir).stdout)[0]
    out = tmp_path / "copy.pdf"
    got = run_cli("get", str(entry["id"]), "-o", str(out), "--json", data_dir=data_dir)
    assert got.returncode == 0, got.stderr
    shown = json.loads(got.stdout)
    assert (shown["output"], shown["download_count"]) == (str(out), entry["download_count"] + 1)
    assert out.read_bytes() == Path(entry["path"]).read_bytes()
    assert run_cli("get", str(entry["id"]), "-o", str(tmp_path / "plain.pdf"), data_dir=data_dir).stdout.strip() == (
        str(tmp_path / "plain.pdf")
    )
    assert run_cli("get", "999", "-o", str(tmp_path / "x.pdf"), data_dir=data_dir).returncode == 3

    conn = sqlite3.connect(data_dir / "resumepair.db")
    with conn:
        conn.execute("UPDATE export_history SET expires_at = '2000-01-01T00:00:00.000000Z'")
    conn.close()
    expired = run_cli("get", str(entry["id"]), "-o", str(tmp_path / "late.pdf"), data_dir=data_dir)
    assert expired.returncode == 3 and "expired" in expired.stderr
    assert not (tmp_path / "late.pdf").exists()
