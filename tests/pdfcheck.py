"""Helpers that read exported PDFs the way a recruiter's tools do: text, links, fonts, boxes, metadata."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader


def _bundled_font_prefixes() -> tuple[str, ...]:
    """PostScript name stems of every bundled family: its CSS family without spaces (``NotoSansSC``)."""
    import json

    index = Path(__file__).resolve().parent.parent / "resources" / "fonts" / "fonts.json"
    families = json.loads(index.read_text(encoding="utf-8"))["families"]
    return tuple(sorted({family["family"].replace(" ", "") for family in families}, key=len, reverse=True))


BUNDLED_FONT_PREFIXES = _bundled_font_prefixes()


@dataclass
class FontRow:
    name: str
    type: str
    embedded: bool


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def normalise(text: str) -> str:
    return " ".join(text.split())


def assert_in_order(text: str, needles: list[str]) -> None:
    flat = normalise(text)
    position = 0
    for needle in needles:
        found = flat.find(normalise(needle), position)
        assert found >= 0, f"{needle!r} not found after position {position} in: {flat[position : position + 300]!r}"
        position = found + len(normalise(needle))


def link_uris(pdf: bytes) -> list[str]:
    uris = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for annot in page.get("/Annots") or []:
            obj = annot.get_object()
            action = obj.get("/A")
            if obj.get("/Subtype") == "/Link" and action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    return uris


def page_boxes(pdf: bytes) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(io.BytesIO(pdf)).pages]


def pdf_fonts(pdf: bytes) -> list[FontRow]:
    """Runs poppler's ``pdffonts`` and parses its table."""
    assert shutil.which("pdffonts"), "pdffonts (poppler-utils) is needed; `make test` installs it"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        output = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in output.splitlines()[2:]:
        parts = line.split()
        # name, type (1-2 words), encoding, emb, sub, uni, object id, generation
        emb = parts[-5]
        type_words = parts[1:-6]
        rows.append(FontRow(parts[0], " ".join(type_words), emb == "yes"))
    return rows
