"""The design a resume is rendered with: its own ``meta`` choices, field by field, unless an option says otherwise."""

from __future__ import annotations

from typing import Any

import pytest

from app.errors import TemplateError
from app.model import parse_resume
from app.render.document_design import document_design
from app.render.html import PageSetup
from app.render.options import ExportOptions, PageSize
from app.render.templates import get_template


def resume(**meta: Any) -> Any:
    return parse_resume({"basics": {"name": "Ada"}, "meta": meta})


def test_nothing_chosen_anywhere_gives_the_defaults() -> None:
    design = document_design(resume())
    classic = get_template("classic").manifest
    assert (design.template.id, design.setup.page_size, design.setup.margin_mm) == ("classic", PageSize.A4, 18)
    assert design.tokens == classic.tokens


def test_the_resumes_own_template_layout_and_design_apply() -> None:
    own = resume(template="modern", layout={"pageSize": "Letter", "marginMm": "7.5"}, design={"accent": "#123456"})
    design = document_design(own)
    assert (design.template.id, design.setup.page_size, design.setup.margin_mm) == ("modern", PageSize.LETTER, 7.5)
    assert design.tokens["accent"] == "#123456"
    assert design.tokens["fontBody"] == get_template("modern").manifest.tokens["fontBody"]


def test_each_explicit_option_wins_only_for_its_own_field() -> None:
    own = resume(template="modern", layout={"pageSize": "letter", "marginMm": 7}, design={"accent": "#123456"})
    assert document_design(own, ExportOptions(page_size="legal")).setup == PageSetup(PageSize.LEGAL, 7)
    only_margin = document_design(own, ExportOptions(margin_mm=0))
    assert (only_margin.template.id, only_margin.setup.page_size, only_margin.setup.margin_mm) == (
        "modern",
        PageSize.LETTER,
        0,
    )
    other = document_design(own, ExportOptions(template="technical", tokens={"baseSize": "9"}))
    assert (other.template.id, other.setup.page_size) == ("technical", PageSize.LETTER)
    assert (other.tokens["accent"], other.tokens["baseSize"]) == ("#123456", "9")


@pytest.mark.parametrize(
    "meta",
    [
        {"template": "no-such-template"},
        {"layout": {"pageSize": "A5", "marginMm": 99}},
        {"layout": {"pageSize": 4, "marginMm": "wide"}},
        {"layout": "letter"},
        {"design": {"accent": "red; } body {", "unknownToken": "1", "baseSize": None}},
        {"design": ["#123456"]},
    ],
)
def test_a_resumes_unusable_choices_are_skipped_not_fatal(meta: dict[str, Any]) -> None:
    design = document_design(resume(**meta))
    assert (design.template.id, design.setup.page_size, design.setup.margin_mm) == ("classic", PageSize.A4, 18)
    assert design.tokens == get_template("classic").manifest.tokens


def test_an_explicit_option_that_is_wrong_is_an_error() -> None:
    with pytest.raises(TemplateError, match="unknown template 'nope'"):
        document_design(resume(template="modern"), ExportOptions(template="nope"))
