"""The ATS check: 100 % for every template with the sample; it catches a missing section and a wrong order."""

from __future__ import annotations

from typing import Any

import pytest

from app.export.ats import check_pdf, check_text
from app.model import load_resume_file, parse_resume
from app.render.options import ExportOptions
from app.render.pipeline import render_pdf
from app.render.templates import template_registry
from tests.conftest import ROOT, SAMPLE

LONG = ROOT / "resources/samples/long.resume.json"


@pytest.mark.parametrize("source", [SAMPLE, LONG], ids=["sample", "long"])
@pytest.mark.parametrize("template_id", list(template_registry()))
def test_every_template_scores_100(engine: Any, template_id: str, source: Any) -> None:
    resume = load_resume_file(source)
    pdf = render_pdf(resume, ExportOptions(template=template_id), engine.render).data
    report = check_pdf(resume, pdf)
    assert report.score == 100, (report.missing, report.out_of_order)
    assert report.total > 30


def test_a_missing_section_is_caught(engine: Any) -> None:
    resume = load_resume_file(SAMPLE)
    data = resume.model_dump(mode="json", by_alias=True, exclude_unset=True)
    data.pop("education")
    pdf = render_pdf(parse_resume(data), ExportOptions(), engine.render).data
    report = check_pdf(resume, pdf)
    assert report.score < 100
    assert "heading: Education" in report.missing
    assert any(item.startswith("education: ") and "University of Oklahoma" in item for item in report.missing)


def test_entries_out_of_order_are_caught(engine: Any) -> None:
    data = load_resume_file(LONG).model_dump(mode="json", by_alias=True, exclude_unset=True)
    swapped = dict(data, work=[data["work"][1], data["work"][0], *data["work"][2:]])
    pdf = render_pdf(parse_resume(swapped), ExportOptions(), engine.render).data
    report = check_pdf(parse_resume(data), pdf)
    assert report.score < 100
    assert report.out_of_order


def test_hyphen_at_a_line_end_still_matches() -> None:
    resume = parse_resume(
        {"basics": {"name": "A"}, "work": [{"position": "Dev", "highlights": ["customer-facing work"]}]}
    )
    assert check_text(resume, "A\nExperience\nDev\ncustomer-\nfacing work").score == 100
