"""The render pipeline: validated resume + options → PDF bytes with metadata and a page count.

The printer is passed in (``Printer``), so the same pipeline runs in the GUI thread (the CLI calls
``PdfEngine.render``) and in worker threads (which wait on ``PdfEngine.submit``'s future).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from app.errors import FitError, OptionError
from app.model.resume import Resume
from app.render.html import PageSetup, render_html
from app.render.options import ExportOptions
from app.render.pdfmeta import PdfMetadata, finish_pdf, page_count
from app.render.templates import DEFAULT_TEMPLATE_ID, Template, get_template, template_registry
from app.render.textcheck import verify_pdf_text
from app.render.tokens import resolve_tokens

log = logging.getLogger(__name__)

#: Prints one HTML document with one page setup to PDF bytes.
Printer = Callable[[str, PageSetup], bytes]

#: Scale factors ``--fit-pages`` tries, largest first; below 0.6 text stops being readable.
FIT_SCALES = (0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6)


@dataclass(frozen=True)
class RenderPlan:
    """Everything decided before rendering: which template, which tokens, which paper."""

    template: Template
    tokens: dict[str, str]
    setup: PageSetup


@dataclass(frozen=True)
class RenderedPdf:
    """A finished PDF in memory."""

    data: bytes
    pages: int
    template_id: str


def resume_design(resume: Resume) -> dict[str, str]:
    """Valid design tokens stored in the resume (``meta.design``), so a document keeps its look.

    A resume comes from anywhere: a token there that is unknown or invalid is skipped with a warning (the
    template's default applies) rather than failing the export; tokens given as options are strict.
    """
    design = (resume.meta.model_extra or {}).get("design")
    if not isinstance(design, dict):
        return {}
    kept: dict[str, str] = {}
    for name, value in design.items():
        try:
            kept.update(resolve_tokens({str(name): value}))
        except OptionError as exc:
            log.warning("meta.design ignored: %s", exc)
    return kept


def choose_template(resume: Resume, options: ExportOptions) -> Template:
    """The option's template, else ``meta.template`` when it names a bundled one, else the default."""
    if options.template:
        return get_template(options.template)
    wanted = resume.meta.template
    if wanted and wanted in template_registry():
        return get_template(wanted)
    if wanted:
        log.warning("meta.template '%s' is not a bundled template; using '%s'", wanted, DEFAULT_TEMPLATE_ID)
    return get_template(DEFAULT_TEMPLATE_ID)


def plan_render(resume: Resume, options: ExportOptions) -> RenderPlan:
    """Resolves template, tokens and page setup; raises ``UserError`` for anything invalid."""
    template = choose_template(resume, options)
    tokens = resolve_tokens(template.manifest.tokens, resume_design(resume), options.tokens)
    margin = options.margin_mm if options.margin_mm is not None else template.manifest.margin_mm
    return RenderPlan(template, tokens, PageSetup(options.page_size, margin))


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
    plan = plan_render(resume, options)
    # build_context renders from model_dump(), a fresh copy: the resume the caller holds is never changed.
    html = render_html(resume, plan.template, plan.tokens, plan.setup, options.quality)
    pdf = printer(html, plan.setup)
    if options.fit_pages is not None and (pages := page_count(pdf)) > options.fit_pages:
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
    final, pages = finish_pdf(pdf, PdfMetadata.for_resume(resume), options.page_size.size_pt)
    return RenderedPdf(final, pages, plan.template.id)
