"""Every export format through the CLI and the queue: chosen by the extension or --format, in the history, in a
batch ZIP; sizes and times per format are in the closing note (bench is for timing)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from docx import Document

from tests.conftest import SAMPLE, run_cli

FORMATS = {"pdf": b"%PDF-", "docx": b"PK\x03\x04", "md": b"# Richard Hendriks", "txt": b"RICHARD HENDRIKS",
           "html": b"<!DOCTYPE html>", "json": b"{"}  # fmt: skip


@pytest.mark.parametrize("suffix", list(FORMATS))
def test_the_extension_picks_the_format(tmp_path: Path, data_dir: Path, suffix: str) -> None:
    output = tmp_path / f"resume.{suffix}"
    result = run_cli("export", str(SAMPLE), "-o", str(output), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert output.read_bytes().startswith(FORMATS[suffix])
    history = json.loads(run_cli("history", "--json", data_dir=data_dir).stdout)
    assert history[0]["file_name"].endswith(f".{suffix}")


def test_format_overrides_the_extension_and_unknown_extensions_are_refused(tmp_path: Path, data_dir: Path) -> None:
    output = tmp_path / "cv.bin"
    refused = run_cli("export", str(SAMPLE), "-o", str(output), data_dir=data_dir)
    assert refused.returncode == 3 and "'.bin' is not a format" in refused.stderr and not output.exists()
    result = run_cli("export", str(SAMPLE), "-o", str(output), "--format", "md", data_dir=data_dir)
    assert result.returncode == 0 and output.read_text(encoding="utf-8").startswith("# Richard Hendriks")


def test_a_batch_of_docx(tmp_path: Path, data_dir: Path) -> None:
    second = tmp_path / "second.json"
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["basics"]["name"] = "Erlich Bachman"
    second.write_text(json.dumps(data), encoding="utf-8")
    output = tmp_path / "team.zip"
    result = run_cli("batch", str(SAMPLE), str(second), "-o", str(output), "--format", "docx", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(output) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        names = sorted(name for name in archive.namelist() if name != "manifest.json")
        titles = [Document(io.BytesIO(archive.read(name))).paragraphs[0].text for name in names]
    assert names == ["Erlich_Bachman.docx", "Richard_Hendriks.docx"]
    assert sorted(titles) == ["Erlich Bachman", "Richard Hendriks"]
    assert [item["pages"] for item in manifest["items"]] == [None, None]
    assert manifest["options"]["format"] == "docx"
