"""Export the JSON Resume sample with every template and page size, and read the PDFs back."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from app import __version__
from app.model import load_resume_file
from app.render.options import ExportOptions, PageSize
from app.render.pipeline import RenderedPdf, render_pdf
from app.render.templates import template_registry
from tests.conftest import SAMPLE
from tests.pdfcheck import BUNDLED_FONT_PREFIXES, assert_in_order, link_uris, page_boxes, pdf_fonts, pdf_text

TEMPLATE_IDS = list(template_registry())


def export(engine: Any, **options: Any) -> RenderedPdf:
    return render_pdf(load_resume_file(SAMPLE), ExportOptions(**options), engine.render)


def test_there_are_at_least_four_templates() -> None:
    assert len(TEMPLATE_IDS) >= 4, TEMPLATE_IDS


@pytest.mark.parametrize("page_size", list(PageSize))
@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_sample_exports_correctly(engine: Any, template_id: str, page_size: PageSize) -> None:
    rendered = export(engine, template=template_id, page_size=page_size)
    pdf = rendered.data
    reader = PdfReader(io.BytesIO(pdf))
    assert rendered.pages == len(reader.pages) >= 1

    assert set(page_boxes(pdf)) == {page_size.size_pt}

    resume = load_resume_file(SAMPLE)
    text = pdf_text(pdf)
    needles = [resume.basics.name or ""]
    for work in resume.work:
        needles += [work.position or "", work.name or ""]
    assert_in_order(text, needles)
    for needle in ["Education", "University of Oklahoma", "Skills", "Compression", "Techcrunch"]:
        assert needle.lower() in text.lower()  # some templates set headings in capitals

    uris = link_uris(pdf)
    assert "mailto:richard.hendriks@mail.com" in uris
    assert any(uri.startswith("http://richardhendricks.example.com") for uri in uris)

    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Richard Hendriks — Programmer"
    assert meta.author == "Richard Hendriks"
    assert meta.subject and "Richard Hendriks" in meta.subject
    assert "HTML" in (meta.get("/Keywords") or "")
    assert meta.creator == f"ResumePair {__version__}"

    fonts = pdf_fonts(pdf)
    assert fonts
    for font in fonts:
        assert font.embedded, font
        assert "Type 3" not in font.type, font
        assert font.name.split("+")[-1].startswith(BUNDLED_FONT_PREFIXES), font


def test_user_page_size_wins_over_template_css(engine: Any) -> None:
    """A template that declares its own @page size still prints on the user's paper."""
    from app.render.html import PageSetup, render_html
    from app.render.pipeline import plan_render

    resume = load_resume_file(SAMPLE)
    plan = plan_render(resume, ExportOptions(page_size=PageSize.LEGAL))
    html = render_html(resume, plan.template, plan.tokens, plan.setup, ExportOptions().quality)
    hostile = html.replace("<head>", "<head><style>@page { size: 100mm 100mm; margin: 0 }</style>", 1)
    pdf = engine.render(hostile, PageSetup(PageSize.LEGAL, 10))
    boxes = {(round(w), round(h)) for w, h in page_boxes(pdf)}
    assert boxes == {(612, 1008)}


def test_margin_option_changes_layout(engine: Any) -> None:
    narrow = export(engine, margin_mm=0)
    wide = export(engine, margin_mm=50)
    assert wide.pages > narrow.pages


def test_fit_pages_shrinks_until_it_fits(engine: Any) -> None:
    normal = export(engine, template="classic")
    assert normal.pages >= 2
    fitted = export(engine, template="classic", fit_pages=1)
    assert fitted.pages == 1
    assert "Richard Hendriks" in pdf_text(fitted.data)


def test_fit_pages_fails_clearly_when_impossible(engine: Any) -> None:
    from app.errors import FitError
    from app.model import parse_resume

    resume = parse_resume({"basics": {"name": "Long"}, "work": [{"summary": "word " * 400} for _ in range(20)]})
    with pytest.raises(FitError, match="cannot fit the resume into 1 page"):
        render_pdf(resume, ExportOptions(fit_pages=1), engine.render)


def test_other_scripts_are_set_in_bundled_fonts(engine: Any) -> None:
    from app.model import parse_resume

    resume = parse_resume(
        {
            "basics": {"name": "Σοφία Иванова 王小明", "label": "مهندسة · מהנדסת"},
            "skills": [{"name": "Ελληνικά", "keywords": ["Русский", "日本語"]}],
        }
    )
    rendered = render_pdf(resume, ExportOptions(), engine.render)
    text = pdf_text(rendered.data)
    assert "Σοφία" in text
    assert "Иванова" in text
    for font in pdf_fonts(rendered.data):
        assert font.embedded and "Type 3" not in font.type, font
        assert font.name.split("+")[-1].startswith(BUNDLED_FONT_PREFIXES), font
