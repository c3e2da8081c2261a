"""The resume's own structure through the CLI: ``meta.sections`` (order, titles, hidden sections, page breaks,
columns), custom sections and hidden entries in every export format, in a batch, and ``meta.layout``'s paper."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from pypdf import PdfReader

from tests.conftest import SAMPLE, run_cli
from tests.pdfcheck import assert_in_order, normalise, page_boxes, pdf_text


def structured() -> dict[str, Any]:
    """The sample with its sections reordered, renamed and hidden, a custom section, and hidden entries."""
    data: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["work"].append({"name": "Hooli", "position": "Secret Side Job", "hidden": True})
    data["community"] = [
        {"name": "Tulsa Python Meetup", "position": "Organiser", "startDate": "2015-03", "x-members": 240},
        {"name": "Hidden Meetup", "hidden": True},
        "Mentor at a compression summer school",
    ]
    data["meta"] = {
        "layout": {"pageSize": "letter"},
        "sections": [
            {"key": "skills", "title": "What I Do Best"},
            {"key": "community", "title": "Giving Back", "breakBefore": True},
            {"key": "work"},
            {"key": "awards", "hidden": True},
            {"key": "volunteer", "hidden": True},
        ],
    }
    return data


@pytest.fixture()
def resume_file(tmp_path: Path) -> Path:
    path = tmp_path / "structured.json"
    path.write_text(json.dumps(structured()), encoding="utf-8")
    return path


def assert_in_order_any_case(text: str, needles: list[str]) -> None:
    """Headings may be set in capitals (CSS ``text-transform``, plain text's underlined titles)."""
    assert_in_order(text.casefold(), [needle.casefold() for needle in needles])


HIDDEN = ["Secret Side Job", "Hidden Meetup", "Digital Compression Pioneer Award"]
ORDER = ["What I Do Best", "Web Development", "Giving Back", "Tulsa Python Meetup", "Organiser",
         "Mentor at a compression summer school", "Experience", "Pied Piper"]  # fmt: skip


def test_the_pdf_follows_the_resumes_structure(resume_file: Path, tmp_path: Path, data_dir: Path) -> None:
    output = tmp_path / "structured.pdf"
    result = run_cli("export", str(resume_file), "-o", str(output), "--template", "classic", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    pdf = output.read_bytes()
    text = pdf_text(pdf)
    assert_in_order_any_case(text, ORDER)
    for absent in HIDDEN:
        assert absent not in normalise(text)
    assert set(page_boxes(pdf)) == {(612.0, 792.0)}  # meta.layout's Letter, honoured by the CLI
    pages = [normalise(page.extract_text() or "").casefold() for page in PdfReader(io.BytesIO(pdf)).pages]
    starts = next(number for number, page in enumerate(pages) if "giving back" in page)
    assert starts > 0 and pages[starts].startswith("giving back")  # breakBefore: the section opens a page


@pytest.mark.parametrize("suffix", ["docx", "md", "txt", "html", "json"])
def test_every_format_follows_it(resume_file: Path, tmp_path: Path, data_dir: Path, suffix: str) -> None:
    output = tmp_path / f"structured.{suffix}"
    result = run_cli("export", str(resume_file), "-o", str(output), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    if suffix == "docx":
        text = "\n".join(paragraph.text for paragraph in Document(str(output)).paragraphs)
    else:
        text = output.read_text(encoding="utf-8")
    if suffix == "json":
        data = json.loads(text)
        assert data["community"][0]["x-members"] == 240 and "awards" not in data
        assert [entry.get("name") for entry in data["work"]] == ["Pied Piper"]
        return
    assert_in_order_any_case(text, ORDER)
    for absent in HIDDEN:
        assert absent.casefold() not in text.casefold()


def test_a_batch_keeps_each_resumes_structure(resume_file: Path, tmp_path: Path, data_dir: Path) -> None:
    output = tmp_path / "two.zip"
    result = run_cli("batch", str(resume_file), str(SAMPLE), "-o", str(output), "--format", "txt", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(output) as archive:
        texts = [archive.read(name).decode("utf-8") for name in archive.namelist() if name.endswith(".txt")]
    structured_text = next(text for text in texts if "GIVING BACK" in text.upper())
    plain = next(text for text in texts if text is not structured_text)
    assert "Secret Side Job" not in structured_text and "Giving Back".upper() not in plain.upper()
    assert "Digital Compression Pioneer Award" in plain
