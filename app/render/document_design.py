"""The design a resume is rendered with: its own choices, unless an export names others explicitly.

A resume carries its look (CONTRACT.md, ``meta`` keys): ``meta.template``, ``meta.layout`` (``pageSize``,
``marginMm``) and ``meta.design`` (design tokens). Every path that renders — the preview, a single export, each
item of a batch, the CLI — asks ``document_design`` and gets the same answer, field by field:

- template: the option's, else ``meta.template`` when it names a bundled template, else the default;
- paper: the option's, else ``meta.layout.pageSize``, else A4;
- margins: the option's, else ``meta.layout.marginMm``, else the template's own;
- tokens: the template's defaults, then ``meta.design``, then the option's tokens (each wins over the one before).

A resume comes from anywhere: a value of its own that is unknown or out of range is skipped with a warning (the
next source applies) rather than failing the export. Options are the user's explicit choice and are strict.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import Any

from app.errors import OptionError
from app.model.resume import Resume
from app.render.html import PageSetup
from app.render.options import MAX_MARGIN_MM, ExportOptions, PageSize
from app.render.templates import DEFAULT_TEMPLATE_ID, Template, get_template, template_registry
from app.render.tokens import resolve_tokens

log = logging.getLogger(__name__)

#: Paper when neither the export nor the resume says (CONTRACT.md: ``--page-size`` default).
DEFAULT_PAGE_SIZE = PageSize.A4


@dataclass(frozen=True)
class DocumentDesign:
    """Everything decided before rendering: which template, which tokens, which paper and margins."""

    template: Template
    tokens: dict[str, str]
    setup: PageSetup


def document_design(resume: Resume, options: ExportOptions | None = None) -> DocumentDesign:
    """The effective design of ``resume`` under ``options``; raises ``UserError`` for an invalid option."""
    options = options or ExportOptions()
    meta = _meta(resume)
    template = _template(meta, options)
    tokens = resolve_tokens(template.manifest.tokens, _design(meta), options.tokens)
    layout_value = meta.get("layout")
    layout: dict[str, Any] = layout_value if isinstance(layout_value, dict) else {}
    page_size = options.page_size or _page_size(layout.get("pageSize")) or DEFAULT_PAGE_SIZE
    margin = options.margin_mm
    if margin is None:
        margin = _margin(layout.get("marginMm"))
    if margin is None:
        margin = template.manifest.margin_mm
    return DocumentDesign(template, tokens, PageSetup(page_size, margin))


def _meta(resume: Resume) -> dict[str, Any]:
    """``meta`` as plain data (our keys are not part of the schema: they live among its extra fields)."""
    return resume.meta.model_dump(by_alias=True)


def _template(meta: dict[str, Any], options: ExportOptions) -> Template:
    if options.template:
        return get_template(options.template)
    wanted = meta.get("template")
    if isinstance(wanted, str) and wanted in template_registry():
        return get_template(wanted)
    if wanted:
        log.warning("meta.template %r is not a bundled template; using '%s'", str(wanted)[:40], DEFAULT_TEMPLATE_ID)
    return get_template(DEFAULT_TEMPLATE_ID)


def _design(meta: dict[str, Any]) -> dict[str, str]:
    """The valid tokens of ``meta.design``; an unknown or invalid one is skipped with a warning."""
    design = meta.get("design")
    if not isinstance(design, dict):
        return {}
    kept: dict[str, str] = {}
    for name, value in design.items():
        if value is None:
            continue  # the app writes null for "back to the template's default"
        try:
            kept.update(resolve_tokens({str(name): value}))
        except OptionError as exc:
            log.warning("meta.design ignored: %s", exc)
    return kept


def _page_size(value: object) -> PageSize | None:
    if value is None:
        return None
    try:
        return PageSize(str(value).strip().lower())
    except ValueError:
        log.warning("meta.layout.pageSize %r is not a4, letter or legal; ignored", str(value)[:40])
        return None


def _margin(value: object) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        margin = float(value) if isinstance(value, int | float | str) else math.nan
    except ValueError:
        margin = math.nan
    if not (math.isfinite(margin) and 0 <= margin <= MAX_MARGIN_MM):
        log.warning("meta.layout.marginMm %r is not a number from 0 to %g; ignored", str(value)[:40], MAX_MARGIN_MM)
        return None
    return margin
