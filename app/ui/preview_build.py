"""Turning the editor's JSON into preview HTML, off the GUI thread (validation and Jinja are the slow parts).

A resume being edited is often invalid for a moment (half-typed date); the preview leaves the invalid fields
out, says how many, and keeps showing everything else. The editor's data itself is never changed.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from app.model.loading import find_issues, parse_resume
from app.render.document_design import document_design
from app.render.html import PageSetup, render_html
from app.render.options import ExportOptions, PageSize, Quality

_MAX_CLEANING_ROUNDS = 5


@dataclass(frozen=True)
class PreviewSource:
    """What the engine prints for the preview, and what the header says about it."""

    html: str
    setup: PageSetup
    hidden_fields: int


def layout_options(data: dict[str, Any]) -> ExportOptions:
    """Template, paper and margins stored in ``meta`` (what the design controls set)."""
    meta_value = data.get("meta")
    meta: dict[str, Any] = meta_value if isinstance(meta_value, dict) else {}
    layout_value = meta.get("layout")
    layout: dict[str, Any] = layout_value if isinstance(layout_value, dict) else {}
    page = str(layout.get("pageSize", "a4")).lower()
    margin = layout.get("marginMm")
    try:
        margin_mm = float(margin) if margin is not None else None
    except (TypeError, ValueError):
        margin_mm = None
    return ExportOptions(
        page_size=PageSize(page) if page in {"a4", "letter", "legal"} else PageSize.A4,
        margin_mm=margin_mm if margin_mm is not None and 0 <= margin_mm <= 50 else None,
    )


def build_preview(data: dict[str, Any]) -> PreviewSource:
    """Validates a copy, drops invalid fields, renders HTML; raises ``UserError`` only for a broken template."""
    cleaned = copy.deepcopy(data)
    hidden = 0
    for _round in range(_MAX_CLEANING_ROUNDS):
        issues = find_issues(cleaned)
        if not issues:
            break
        # Deepest and last first, so removing a list item does not shift the ones still to remove.
        for issue in sorted(issues, key=lambda issue: _sort_key(issue.path), reverse=True):
            hidden += _remove(cleaned, issue.path)
    else:
        cleaned = {"basics": {"name": "This resume cannot be shown"}}
    resume = parse_resume(cleaned)
    design = document_design(resume)
    html = render_html(resume, design.template, design.tokens, design.setup, Quality.NORMAL)
    return PreviewSource(html, design.setup, hidden)


def _sort_key(dotted: str) -> tuple[tuple[int, int | str], ...]:
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in dotted.split("."))


def _remove(data: Any, dotted: str) -> int:
    parts: list[str | int] = [int(p) if p.isdigit() else p for p in dotted.split(".")] if dotted else []
    if not parts:
        data.clear()
        return 1
    node = data
    for key in parts[:-1]:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return 0
    last = parts[-1]
    if isinstance(node, dict) and last in node:
        del node[last]
        return 1
    if isinstance(node, list) and isinstance(last, int) and 0 <= last < len(node):
        node.pop(last)
        return 1
    return 0
