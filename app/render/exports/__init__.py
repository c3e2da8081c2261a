"""Export formats other than PDF, each a pure function of the resume: DOCX, Markdown, plain text, HTML, JSON.

``export_document`` is the one entry point: the queue calls it for every format but PDF (which needs the
engine), so every way out — the CLI, the app's dialog, a batch — writes the same bytes for the same choice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from app.errors import RenderError, UserError
from app.model.loading import dump_resume
from app.model.resume import Resume
from app.render.document_design import document_design
from app.render.options import ExportFormat, ExportOptions

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExportedDocument:
    """One resume written in one format (``pages`` is 0 for formats without pages)."""

    data: bytes
    format: ExportFormat
    pages: int = 0


def export_document(resume: Resume, options: ExportOptions) -> ExportedDocument:
    """The resume in ``options.format`` (not PDF); a failure is a permanent ``RenderError`` naming the format."""
    if options.format is ExportFormat.PDF:
        raise ValueError("PDF exports go through the render pipeline and its engine")
    try:
        data = _write(resume, options)
    except UserError:
        raise
    except Exception as exc:
        log.exception("%s export failed", options.format.label)
        raise RenderError(
            f"the {options.format.label} export failed: {type(exc).__name__}: {exc}", transient=False
        ) from exc
    return ExportedDocument(data, options.format)


def _write(resume: Resume, options: ExportOptions) -> bytes:
    from app.render.outline import build_outline

    stored = dump_resume(resume)
    if options.format is ExportFormat.JSON:
        from app.render.exports.json_file import write_json

        return write_json(stored)
    outline = build_outline(resume, stored)
    if options.format is ExportFormat.MARKDOWN:
        from app.render.exports.markdown import write_markdown

        return write_markdown(outline)
    if options.format is ExportFormat.TEXT:
        from app.render.exports.plaintext import write_text

        return write_text(outline)
    design = document_design(resume, options)
    if options.format is ExportFormat.DOCX:
        from app.render.exports.docx_file import write_docx
        from app.render.pdfmeta import PdfMetadata

        metadata = PdfMetadata.for_resume(resume)
        return write_docx(outline, design.tokens, design.setup, title=metadata.title, subject=metadata.subject)
    from app.render.exports.html_file import write_html
    from app.render.html import render_html

    return write_html(render_html(resume, design.template, design.tokens, design.setup, options.quality), design.setup)
