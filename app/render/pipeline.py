"""The render pipeline: validated resume + options → PDF bytes with metadata and a page count.

The printer is passed in (``Printer``), so the same pipeline runs in the GUI thread (the CLI calls
``PdfEngine.render``) and in worker threads (which wait on ``PdfEngine.submit``'s future).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from app.errors import FitError
from app.model.resume import Resume
from app.render.document_design import DocumentDesign, document_design
from app.render.html import PageSetup, render_html
from app.render.options import ExportOptions
from app.render.pdfmeta import PdfMetadata, apply_metadata, page_count
from app.render.textcheck import verify_pdf_text

#: Prints one HTML document with one page setup to PDF bytes.
Printer = Callable[[str, PageSetup], bytes]

#: Scale factors ``--fit-pages`` tries, largest first; below 0.6 text stops being readable.
FIT_SCALES = (0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6)


@dataclass(frozen=True)
class RenderedPdf:
    """A finished PDF in memory."""

    data: bytes
    pages: int
    template_id: str


#: The names this module had before the design moved to ``document_design`` (the desktop app and the render
#: tests still use them).
RenderPlan = DocumentDesign
plan_render = document_design


def scaled_tokens(tokens: Mapping[str, str], scale: float) -> dict[str, str]:
    """Tokens with type size, spacing and line height shrunk by ``scale`` (within each token's limits)."""
    shrunk = dict(tokens)
    shrunk["baseSize"] = f"{max(6.0, float(tokens['baseSize']) * scale):.2f}"
    shrunk["spacing"] = f"{max(0.3, float(tokens['spacing']) * scale):.3f}"
    shrunk["lineHeight"] = f"{max(1.0, float(tokens['lineHeight']) - (1 - scale) * 0.6):.3f}"
    return shrunk


def render_pdf(resume: Resume, options: ExportOptions, printer: Printer) -> RenderedPdf:
    """Renders one resume; with ``fit_pages`` shrinks step by step until it fits or fails with ``FitError``.

    A PDF that lacks the resume's text fails with a permanent ``RenderError`` (app/render/textcheck.py).
    """
    plan = document_design(resume, options)
    # build_context renders from model_dump(), a fresh copy: the resume the caller holds is never changed.
    html = render_html(resume, plan.template, plan.tokens, plan.setup, options.quality)
    pdf = printer(html, plan.setup)
    pages = page_count(pdf)
    if options.fit_pages is not None and pages > options.fit_pages:
        for scale in FIT_SCALES:
            tokens = scaled_tokens(plan.tokens, scale)
            html = render_html(resume, plan.template, tokens, plan.setup, options.quality)
            pdf = printer(html, plan.setup)
            pages = page_count(pdf)
            if pages <= options.fit_pages:
                break
        else:
            wanted = f"{options.fit_pages} page" + ("s" if options.fit_pages > 1 else "")
            raise FitError(
                f"cannot fit the resume into {wanted}: at the smallest readable size it still takes {pages} pages; "
                "shorten it, lower --margin, or allow more pages"
            )
    # Never a blank PDF, nor one without some of the resume's characters: a permanent RenderError names them.
    verify_pdf_text(resume, pdf)
    final = apply_metadata(pdf, PdfMetadata.for_resume(resume), plan.setup.page_size.size_pt)
    return RenderedPdf(final, pages, plan.template.id)
