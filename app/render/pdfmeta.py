"""PDF post-processing with pypdf: document metadata and page count.

Chromium writes Creator "Chromium" and no Author, Subject or Keywords; ATS parsers and file browsers show
these, so we set them from the resume.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter
from pypdf.generic import RectangleObject

from app import __version__
from app.model.resume import Resume


@dataclass(frozen=True)
class PdfMetadata:
    """The document information a ResumePair PDF carries."""

    title: str
    author: str
    subject: str
    keywords: str

    @classmethod
    def for_resume(cls, resume: Resume) -> PdfMetadata:
        """Title "name — label", Author the name, Keywords the skills and their keywords."""
        name = resume.display_name
        label = (resume.basics.label or "").strip()
        keywords: list[str] = []
        for skill in resume.skills:
            for raw_word in [skill.name or "", *skill.keywords]:
                word = raw_word.strip()
                if word and word not in keywords:
                    keywords.append(word)
        return cls(
            title=f"{name} — {label}" if label else name,
            author=name,
            subject=f"Resume of {name}" + (f", {label}" if label else ""),
            keywords=", ".join(keywords),
        )


def page_count(pdf: bytes) -> int:
    """Number of pages in a PDF held in memory."""
    return len(PdfReader(io.BytesIO(pdf)).pages)


def apply_metadata(pdf: bytes, metadata: PdfMetadata, page_box_pt: tuple[int, int]) -> bytes:
    """Returns a copy of ``pdf`` with our document information and exact page boxes; content is untouched.

    Chromium converts the page size through millimetres and writes A4 as 594.96 × 841.92 pt; the contract
    promises the standard 595 × 842, so the boxes are set to the exact values (a 0.04 pt difference).
    """
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    width, height = page_box_pt
    for page in writer.pages:
        box = RectangleObject((0, 0, width, height))
        page.mediabox = box
        page.cropbox = box
    writer.add_metadata(
        {
            "/Title": metadata.title,
            "/Author": metadata.author,
            "/Subject": metadata.subject,
            "/Keywords": metadata.keywords,
            "/Creator": f"ResumePair {__version__}",
            "/Producer": f"ResumePair {__version__} (Qt WebEngine)",
        }
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
