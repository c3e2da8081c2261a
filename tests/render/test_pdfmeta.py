"""PDF post-processing without pypdf for Chromium's PDFs, and through pypdf for anything else: the same result."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader, PdfWriter

from app.model import parse_resume
from app.render.document_design import document_design
from app.render.html import render_html
from app.render.options import Quality
from app.render.pdfmeta import PdfMetadata, _apply_metadata_pypdf, _SkiaPdf, apply_metadata, page_count
from tests.conftest import SAMPLE

METADATA = PdfMetadata(
    title="Zoë (Ünal) \\ — Ingénieure", author="Zoë Ünal", subject="Resume of Zoë", keywords="C++, (Rust), 日本語"
)


def chromium_pdf(engine: Any, name: str = "Zoë Ünal") -> bytes:
    import json

    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["basics"]["name"] = name
    resume = parse_resume(data)
    design = document_design(resume)
    return bytes(
        engine.render(render_html(resume, design.template, design.tokens, design.setup, Quality.DRAFT), design.setup)
    )


def described(pdf: bytes) -> dict[str, object]:
    reader = PdfReader(io.BytesIO(pdf))
    info = reader.metadata or {}
    return {
        "pages": len(reader.pages),
        "boxes": [(tuple(page.mediabox), tuple(page.cropbox)) for page in reader.pages],
        "info": {key: str(info[key]) for key in sorted(info)},
        "text": [page.extract_text() for page in reader.pages],
    }


def test_a_chromium_pdf_is_updated_without_pypdf_exactly_as_pypdf_would(engine: Any, tmp_path: Path) -> None:
    pdf = chromium_pdf(engine)
    assert _SkiaPdf.parse(pdf) is not None, "Chromium's PDF should take the fast path"
    fast = apply_metadata(pdf, METADATA, (612, 792))
    slow = _apply_metadata_pypdf(pdf, METADATA, (612, 792), int(pdf.rsplit(b"startxref", 1)[1].split()[0]))
    assert described(fast) == described(slow)
    assert described(fast)["info"]["/Title"] == METADATA.title  # type: ignore[index]
    assert page_count(pdf) == len(PdfReader(io.BytesIO(pdf)).pages) == 2
    if shutil.which("pdfinfo"):
        path = tmp_path / "fast.pdf"
        path.write_bytes(fast)
        result = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
        assert result.stderr == ""
        shown = " ".join(result.stdout.split())
        assert "Page size: 612 x 792 pts (letter)" in shown
        assert "Title: Zoë (Ünal) \\ — Ingénieure" in shown


def test_any_other_pdf_goes_through_pypdf() -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=600, height=800)
    writer.add_blank_page(width=600, height=800)
    buffer = io.BytesIO()
    writer.write(buffer)
    other = buffer.getvalue()
    assert _SkiaPdf.parse(other) is None
    assert page_count(other) == 2
    updated = apply_metadata(other, METADATA, (595, 842))
    assert described(updated)["boxes"] == [((0, 0, 595, 842), (0, 0, 595, 842))] * 2


@pytest.mark.parametrize("broken", [b"", b"%PDF-1.4\n", b"%PDF-1.4\ntrailer\n<</Size 1>>\nstartxref\n9\n%%EOF\n"])
def test_a_broken_pdf_is_not_taken_for_a_chromium_one(broken: bytes) -> None:
    assert _SkiaPdf.parse(broken) is None
