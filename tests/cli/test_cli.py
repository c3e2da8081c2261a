"""The command line as scripts use it: output, JSON shapes and exit codes from CONTRACT.md."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import SAMPLE, run_cli


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_validate_accepts_the_official_sample(data_dir: Path) -> None:
    result = run_cli("validate", str(SAMPLE), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout


def test_validate_json_names_fields(tmp_path: Path, data_dir: Path) -> None:
    bad = write(tmp_path / "bad.json", {"basics": {"email": None}, "work": [{"startDate": "March 2019"}]})
    broken = tmp_path / "broken.json"
    broken.write_bytes(b"{nope")
    result = run_cli("validate", "--json", str(SAMPLE), str(bad), str(broken), data_dir=data_dir)
    assert result.returncode == 3
    report = json.loads(result.stdout)
    assert [item["valid"] for item in report] == [True, False, False]
    assert report[0] == {"file": str(SAMPLE), "valid": True, "errors": [], "warnings": [], "repairs": []}
    paths = [error["path"] for error in report[1]["errors"]]
    assert paths == ["basics.email", "work.0.startDate"]
    assert [repair["path"] for repair in report[1]["repairs"]] == ["basics.email", "work.0.startDate"]
    assert report[1]["repairs"][1] == {
        "path": "work.0.startDate",
        "was": "March 2019",
        "now": "2019-03",
        "message": "date read as 2019-03",
    }
    assert "not valid JSON" in report[2]["errors"][0]["message"]
    assert "line 1, column 2" in report[2]["errors"][0]["message"]


def test_templates_json_lists_id_name_description(data_dir: Path) -> None:
    result = run_cli("templates", "--json", data_dir=data_dir)
    assert result.returncode == 0
    rows = json.loads(result.stdout)
    assert {"id", "name", "description"} <= set(rows[0])
    assert "classic" in [row["id"] for row in rows]


def test_export_writes_the_pdf_and_prints_its_path(tmp_path: Path, data_dir: Path) -> None:
    out = tmp_path / "out.pdf"
    result = run_cli("export", str(SAMPLE), "-o", str(out), "--page-size", "Letter", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out)
    assert result.stderr == ""
    page = PdfReader(out).pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == (612, 792)
    assert not [name for name in os.listdir(tmp_path) if name.startswith(".rp-tmp-")]


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--template", "nope"], 3, "unknown template 'nope'"),
        (["--margin", "60"], 3, "--margin: must be from 0 to 50 mm"),
        (["--fit-pages", "0"], 3, "--fit-pages: must be from 1 to 20"),
        (["--token", "accent=red; }"], 3, "design token accent"),
        (["--page-size", "a5"], 2, "invalid choice"),
    ],
)
def test_export_rejects_bad_options(tmp_path: Path, data_dir: Path, args: list[str], code: int, words: str) -> None:
    out = tmp_path / "out.pdf"
    result = run_cli("export", str(SAMPLE), "-o", str(out), *args, data_dir=data_dir)
    assert result.returncode == code
    assert words in result.stderr
    assert not out.exists()


def test_export_repairs_what_it_can_and_says_so(tmp_path: Path, data_dir: Path) -> None:
    messy = write(
        tmp_path / "messy.json", {"basics": {"name": "Ana Null", "label": None}, "work": [{"company": "Acme"}]}
    )
    result = run_cli("export", str(messy), "-o", str(tmp_path / "out.pdf"), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"resumepair: {messy}: repaired basics.label: was null; left out",
        f"resumepair: {messy}: repaired work.0.name: old field name 'company' read as 'name'",
    ]
    assert "Acme" in PdfReader(tmp_path / "out.pdf").pages[0].extract_text()


def test_export_of_a_file_that_is_no_resume_exits_3_with_line_and_column(tmp_path: Path, data_dir: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "basics": {"name": "A"\n  "work": []\n}', encoding="utf-8")
    result = run_cli("export", str(bad), "-o", str(tmp_path / "out.pdf"), data_dir=data_dir)
    assert result.returncode == 3
    assert result.stderr.strip().startswith(f"resumepair: {bad}: is not valid JSON")
    assert "line 3, column 3" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_export_to_a_read_only_folder_exits_4(tmp_path: Path, data_dir: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running with permissions that ignore read-only folders")
        result = run_cli("export", str(SAMPLE), "-o", str(folder / "out.pdf"), data_dir=data_dir)
    finally:
        folder.chmod(0o700)
    assert result.returncode == 4
    assert "cannot write" in result.stderr
    assert os.listdir(folder) == []


def test_fit_pages_impossible_exits_4(tmp_path: Path, data_dir: Path) -> None:
    long = write(tmp_path / "long.json", {"basics": {"name": "L"}, "work": [{"summary": "word " * 500}] * 15})
    result = run_cli("export", str(long), "-o", str(tmp_path / "o.pdf"), "--fit-pages", "1", data_dir=data_dir)
    assert result.returncode == 4
    assert "cannot fit" in result.stderr
