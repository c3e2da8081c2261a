"""HTML rendering: dates, links, empty sections, page rules, the warm-up page."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from app.model import parse_resume
from app.render.engine import wait_for
from app.render.fonts import font_families
from app.render.html import PageSetup, display_url, format_date, format_range, render_html, safe_href, warm_up_html
from app.render.options import ExportOptions, PageSize
from app.render.pipeline import plan_render
from app.render.templates import template_registry


def test_dates_read_naturally() -> None:
    assert format_date("2019-03-14") == "Mar 2019"
    assert format_date("2019") == "2019"
    assert format_range("2019-03", None) == "Mar 2019 – Present"
    assert format_range(None, "2020") == "2020"
    assert format_range(None, None) == ""
    assert format_range("2016-08", "2016-08-30") == "Aug 2016"


def test_only_safe_schemes_become_links() -> None:
    assert safe_href("https://a.example") == "https://a.example"
    assert safe_href("mailto:a@b.c") == "mailto:a@b.c"
    assert safe_href("javascript:alert(1)") is None
    assert safe_href("file:///etc/passwd") is None
    assert display_url("https://a.example/") == "a.example"


def test_empty_sections_are_left_out_and_page_rule_comes_last() -> None:
    resume = parse_resume(
        {"basics": {"name": "Ada"}, "work": [], "projects": [{}, {"name": ""}], "skills": [{"name": "Maths"}]}
    )
    options = ExportOptions(page_size=PageSize.LETTER, margin_mm=12)
    plan = plan_render(resume, options)
    html = render_html(resume, plan.template, plan.tokens, plan.setup, options.quality)
    assert "Experience" not in html
    assert "Projects" not in html
    assert "Skills" in html
    head = html[: html.lower().index("</head>")]
    assert head.rstrip().endswith("</style>")
    assert "size: 215.9mm 279.4mm !important; margin: 12mm !important;" in head.split("<style>")[-1]


def test_rendering_does_not_change_the_resume() -> None:
    resume = parse_resume({"basics": {"name": "Ada"}})
    before = resume.model_dump()
    plan = plan_render(resume, ExportOptions())
    render_html(resume, plan.template, plan.tokens, plan.setup, ExportOptions().quality)
    assert resume.model_dump() == before


@pytest.mark.parametrize("template_id", sorted(template_registry()))
def test_the_warm_up_page_loads_every_face_of_its_template(engine: Any, template_id: str, tmp_path: Path) -> None:
    """A CLI export prints this page while it prepares its job, so that the job's own print finds the
    template's fonts loaded: it must draw the body and heading fonts in all four faces, with real fonts."""
    template = template_registry()[template_id]
    setup = PageSetup(PageSize.A4, template.manifest.margin_mm)
    pdf = tmp_path / "warm-up.pdf"
    pdf.write_bytes(wait_for(engine.submit(warm_up_html(template, setup), setup), timeout_s=120))
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    drawn = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]}
    families = {
        font_families()[template.manifest.tokens[token]].family.replace(" ", "")
        for token in ("fontBody", "fontHeading")
    }
    wanted = {f"{family}-{face}" for family in families for face in ("Regular", "Bold", "Italic", "BoldItalic")}
    assert wanted <= drawn, fonts
    assert "Type 3" not in fonts
