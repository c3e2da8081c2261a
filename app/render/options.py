"""Export options: what the user chose in the export dialog or on the command line.

These models forbid unknown fields: a typo in an option is an error, never a silent default.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import PurePath

from pydantic import BaseModel, ConfigDict, Field, field_validator


class PageSize(StrEnum):
    """Paper sizes offered; values are what the CLI accepts."""

    A4 = "a4"
    LETTER = "letter"
    LEGAL = "legal"

    @property
    def size_mm(self) -> tuple[float, float]:
        """Width and height in millimetres."""
        return {"a4": (210.0, 297.0), "letter": (215.9, 279.4), "legal": (215.9, 355.6)}[self.value]

    @property
    def size_pt(self) -> tuple[int, int]:
        """Width and height in PostScript points, as the PDF page box must read."""
        return {"a4": (595, 842), "letter": (612, 792), "legal": (612, 1008)}[self.value]

    @property
    def label(self) -> str:
        """How people write it."""
        return {"a4": "A4", "letter": "Letter", "legal": "Legal"}[self.value]


class Quality(StrEnum):
    """Export quality. Its measurable meaning is the resolution photos are embedded at (see ``dpi``)."""

    DRAFT = "draft"
    NORMAL = "normal"
    HIGH = "high"

    @property
    def dpi(self) -> int:
        """Largest resolution, in dots per inch at printed size, that embedded images keep."""
        return {"draft": 96, "normal": 150, "high": 300}[self.value]


class ExportFormat(StrEnum):
    """What an export writes; values are what ``--format`` accepts, and each has its file extension."""

    PDF = "pdf"
    DOCX = "docx"
    MARKDOWN = "md"
    TEXT = "txt"
    HTML = "html"
    JSON = "json"

    @property
    def suffix(self) -> str:
        """The file extension, with its dot."""
        return f".{self.value}"

    @property
    def label(self) -> str:
        """How a format picker names it."""
        return {
            "pdf": "PDF",
            "docx": "Word (DOCX)",
            "md": "Markdown",
            "txt": "Plain text",
            "html": "Web page (HTML)",
            "json": "JSON Resume",
        }[self.value]

    @property
    def uses_paper(self) -> bool:
        """Whether paper size and margins mean anything in this format (PDF, DOCX, and HTML when printed)."""
        return self in {ExportFormat.PDF, ExportFormat.DOCX, ExportFormat.HTML}

    @property
    def uses_template(self) -> bool:
        """Whether the template's look (layout, fonts, colours) is in this format."""
        return self in {ExportFormat.PDF, ExportFormat.DOCX, ExportFormat.HTML}

    @classmethod
    def for_path(cls, path: str) -> ExportFormat | None:
        """The format a file name's extension asks for (``.markdown`` and ``.htm`` too); ``None`` if none does."""
        suffix = PurePath(path).suffix.lower().lstrip(".")
        aliases = {"markdown": "md", "htm": "html", "text": "txt"}
        try:
            return cls(aliases.get(suffix, suffix))
        except ValueError:
            return None


MAX_MARGIN_MM = 50.0
MAX_FIT_PAGES = 20


class ExportOptions(BaseModel):
    """Everything that decides how one resume becomes one file, besides the resume itself.

    ``None`` (template, page size, margin) means "not chosen": the resume's own choice applies, else the
    default (see ``app.render.document_design``).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: ExportFormat = ExportFormat.PDF
    template: str | None = None
    page_size: PageSize | None = None
    quality: Quality = Quality.NORMAL
    margin_mm: float | None = Field(default=None, ge=0, le=MAX_MARGIN_MM)
    fit_pages: int | None = Field(default=None, ge=1, le=MAX_FIT_PAGES)
    tokens: dict[str, str] = Field(default_factory=dict)

    @field_validator("format", "page_size", "quality", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value
