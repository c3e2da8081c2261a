"""PDF post-processing: document metadata, exact page boxes, page count.

Chromium writes Creator "Chromium" and no Author, Subject or Keywords; ATS parsers and file browsers show these,
so we set them from the resume. Chromium also converts the page size through millimetres and writes A4 as
594.96 × 841.92 pt; the contract promises the standard 595 × 842, so the boxes are set to the exact values.

Both changes are written as a PDF *incremental update* (ISO 32000-1, 7.5.6): the original bytes are kept and
new versions of the Info dictionary and the page objects are appended with their own cross-reference section.
That costs about a millisecond, where re-writing the whole file with pypdf cost over ten per export.

Chromium's PDFs (Skia) have one revision, a plain cross-reference table and no object streams: for them the
page objects and the trailer are found directly in the bytes (``_SkiaPdf``), and pypdf, whose import alone
took a sixth of a cold export's own time, is not loaded at all. Anything else goes through pypdf.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from app import __version__
from app.model.resume import Resume

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
#: One page object as Skia writes it: ``N G obj\n<</Type /Page\n...>>\nendobj``.
_PAGE_OBJECT = re.compile(rb"(?m)^(\d+) (\d+) obj\n(<</Type /Page\n.*?>>)\nendobj\n", re.DOTALL)
_PAGES_COUNT = re.compile(rb"/Type /Pages\n/Count (\d+)\n")
_TRAILER = re.compile(rb"trailer\n<<(.*?)>>\nstartxref\n(\d+)\n%%EOF\s*$", re.DOTALL)
_MEDIA_BOX = re.compile(rb"/MediaBox \[[^\]]*\]")
_REFERENCE = rb"(\d+) (\d+) R"


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
    skia = _SkiaPdf.parse(pdf)
    if skia is not None:
        return len(skia.pages)
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def apply_metadata(pdf: bytes, metadata: PdfMetadata, page_box_pt: tuple[int, int]) -> bytes:
    """Returns ``pdf`` with our document information and exact page boxes appended as an incremental update."""
    match = _STARTXREF.search(pdf[-64:])
    if match is None:
        raise ValueError("not a complete PDF: no startxref at the end")
    skia = _SkiaPdf.parse(pdf)
    if skia is None:
        return _apply_metadata_pypdf(pdf, metadata, page_box_pt, int(match.group(1)))
    return skia.with_update(metadata, page_box_pt)


def _info_entries(metadata: PdfMetadata) -> list[tuple[str, str]]:
    return [
        ("/Title", metadata.title),
        ("/Author", metadata.author),
        ("/Subject", metadata.subject),
        ("/Keywords", metadata.keywords),
        ("/Creator", f"ResumePair {__version__}"),
        ("/Producer", f"ResumePair {__version__} (Qt WebEngine)"),
    ]


def pdf_text_string(text: str) -> bytes:
    """A PDF text string: a literal ``(...)`` for plain ASCII, else UTF-16BE with its byte-order mark (as hex)."""
    if text.isascii() and text.isprintable():
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return f"({escaped})".encode("ascii")
    return b"<" + ("\ufeff" + text).encode("utf-16-be", "surrogatepass").hex().upper().encode("ascii") + b">"


@dataclass(frozen=True)
class _SkiaPdf:
    """The parts of a one-revision PDF with a plain cross-reference table that the update needs."""

    data: bytes
    pages: list[tuple[int, int, bytes]]  # object number, generation, the page dictionary as written
    size: int
    root: bytes
    info: bytes | None
    xref_at: int

    @classmethod
    def parse(cls, pdf: bytes) -> _SkiaPdf | None:
        """The PDF's pages and trailer, or ``None`` when it is not laid out the way Skia writes PDFs."""
        trailer = _TRAILER.search(pdf[-1024:])
        if trailer is None or pdf.count(b"trailer") != 1 or b"/ObjStm" in pdf or b"/Prev" in trailer.group(1):
            return None
        fields = trailer.group(1)
        size = re.search(rb"/Size (\d+)", fields)
        root = re.search(rb"/Root " + _REFERENCE, fields)
        info = re.search(rb"/Info " + _REFERENCE, fields)
        counts = _PAGES_COUNT.findall(pdf)
        pages = [
            (int(number), int(generation), body)
            for number, generation, body in _PAGE_OBJECT.findall(pdf)
            if body.count(b"<<") == body.count(b">>") and len(_MEDIA_BOX.findall(body)) == 1
        ]
        if size is None or root is None or len(counts) != 1 or int(counts[0]) != len(pages) or not pages:
            return None
        return cls(
            pdf,
            pages,
            int(size.group(1)),
            root.group(0).removeprefix(b"/Root "),
            info.group(0).removeprefix(b"/Info ") if info else None,
            int(trailer.group(2)),
        )

    def with_update(self, metadata: PdfMetadata, page_box_pt: tuple[int, int]) -> bytes:
        """The PDF with the exact page boxes and our Info dictionary appended as an incremental update."""
        out = io.BytesIO()
        out.write(self.data if self.data.endswith(b"\n") else self.data + b"\n")
        offsets: list[tuple[int, int, int]] = []
        width, height = page_box_pt
        box = f"[0 0 {width} {height}]".encode()
        for number, generation, body in self.pages:
            updated = _MEDIA_BOX.sub(lambda _m: b"/MediaBox " + box + b"\n/CropBox " + box, body, count=1)
            offsets.append((number, generation, out.tell()))
            out.write(f"{number} {generation} obj\n".encode() + updated + b"\nendobj\n")
        info = b"".join(f"{key} ".encode() + pdf_text_string(value) + b"\n" for key, value in _info_entries(metadata))
        info += self._old_dates()
        offsets.append((self.size, 0, out.tell()))
        out.write(f"{self.size} 0 obj\n<<".encode() + info + b">>\nendobj\n")
        xref_at = out.tell()
        out.write(b"xref\n")
        for number, generation, offset in sorted(offsets):
            out.write(f"{number} 1\n{offset:010d} {generation:05d} n \n".encode())
        out.write(
            b"trailer\n<< /Size %d /Root %s /Info %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n"
            % (self.size + 1, self.root, self.size, self.xref_at, xref_at)
        )
        return out.getvalue()

    def _old_dates(self) -> bytes:
        """Chromium's creation and modification dates, kept as they were written."""
        if self.info is None:
            return b""
        number, generation = self.info.split(b" ")[:2]
        found = re.search(rb"(?m)^" + number + b" " + generation + rb" obj\n<<(.*?)>>\nendobj", self.data, re.DOTALL)
        if found is None:
            return b""
        dates = re.findall(rb"(/(?:CreationDate|ModDate) \([^()\\]*\))", found.group(1))
        return b"".join(date + b"\n" for date in dates)


def _apply_metadata_pypdf(pdf: bytes, metadata: PdfMetadata, page_box_pt: tuple[int, int], previous_xref: int) -> bytes:
    """``apply_metadata`` for any PDF, through pypdf."""
    from pypdf import PdfReader
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        FloatObject,
        IndirectObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    reader = PdfReader(io.BytesIO(pdf))
    size = int(str(reader.trailer["/Size"]))
    width, height = page_box_pt
    box = ArrayObject([NumberObject(0), NumberObject(0), FloatObject(width), FloatObject(height)])

    out = io.BytesIO()
    out.write(pdf if pdf.endswith(b"\n") else pdf + b"\n")
    offsets: dict[int, int] = {}

    def write_object(number: int, generation: int, obj: DictionaryObject) -> None:
        offsets[number] = out.tell()
        out.write(f"{number} {generation} obj\n".encode())
        obj.write_to_stream(out)
        out.write(b"\nendobj\n")

    generations: dict[int, int] = {}
    for page in reader.pages:
        reference = page.indirect_reference
        if reference is None:
            continue
        updated = DictionaryObject(page)
        updated[NameObject("/MediaBox")] = box
        updated[NameObject("/CropBox")] = box
        generations[reference.idnum] = reference.generation
        write_object(reference.idnum, reference.generation, updated)

    info = DictionaryObject({NameObject(key): TextStringObject(value) for key, value in _info_entries(metadata)})
    old_info = reader.trailer.get("/Info")
    old_dict = old_info.get_object() if isinstance(old_info, IndirectObject) else None
    if isinstance(old_dict, DictionaryObject):
        for key in ("/CreationDate", "/ModDate"):
            value = old_dict.get(key)
            if value is not None:
                info[NameObject(key)] = value
    info_number = size
    generations[info_number] = 0
    write_object(info_number, 0, info)

    xref_at = out.tell()
    out.write(b"xref\n")
    for number in sorted(offsets):
        out.write(f"{number} 1\n{offsets[number]:010d} {generations[number]:05d} n \n".encode())
    root = reader.trailer.raw_get("/Root")
    out.write(
        f"trailer\n<< /Size {size + 1} /Root {root.idnum} {root.generation} R /Info {info_number} 0 R "
        f"/Prev {previous_xref} >>\nstartxref\n{xref_at}\n%%EOF\n".encode()
    )
    return out.getvalue()
