"""Every locale with every template: headings, labels, "present", a month name, lang and direction (HTML)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pytest

from app.model import parse_resume
from app.render.dates import format_date
from app.render.html import render_html
from app.render.locales import section_titles, supported_tags, text_direction, words
from app.render.options import ExportOptions
from app.render.pipeline import plan_render
from app.render.templates import template_registry
from tests.conftest import ROOT
from tests.render.language_samples import sample_resume

TEMPLATES = list(template_registry())
#: English words a template printed before it spoke other languages.
ENGLISH = ("Experience", "Education", "Present", "Courses:", "Keywords:", "Score:", "Profile", "Languages")


def full_resume(tag: str) -> dict[str, Any]:
    """The language sample with the remaining sections and labels filled in."""
    data = sample_resume(tag, locale=tag)
    work = data["work"][0]
    data["education"][0].update({"score": "1,3", "courses": [work["position"], "Python"]})
    data["awards"] = [{"title": work["position"], "awarder": work["name"], "date": "2020-11"}]
    data["certificates"] = [{"name": work["position"], "issuer": work["name"], "date": "2019-05"}]
    data["publications"] = [{"name": work["position"], "publisher": work["name"], "releaseDate": "2018-02"}]
    data["volunteer"] = [{"organization": work["name"], "position": work["position"], "startDate": "2015-01"}]
    data["interests"] = [{"name": work["position"], "keywords": ["Python", "Go"]}]
    data["references"] = [{"name": data["basics"]["name"], "reference": work["highlights"][0]}]
    data["projects"][0]["keywords"] = ["Python", "Go"]
    return data


@cache
def html_for(tag: str, template_id: str) -> str:
    resume = parse_resume(full_resume(tag))
    plan = plan_render(resume, ExportOptions(template=template_id))
    return render_html(resume, plan.template, plan.tokens, plan.setup, ExportOptions().quality)


def body(html: str) -> str:
    return html[html.index("<body>") :]


@pytest.mark.parametrize("template_id", TEMPLATES)
@pytest.mark.parametrize("tag", supported_tags())
def test_locale_speaks_in_every_template(tag: str, template_id: str) -> None:
    html = html_for(tag, template_id)
    text = body(html)
    direction = text_direction(tag)
    assert f'<html lang="{tag}" dir="{direction}">' in html
    assert direction == ("rtl" if tag in {"ar", "he", "fa", "ur"} else "ltr")

    titles = section_titles(tag)
    for key in titles:
        assert f">{titles[key]}</h2>" in text, (key, titles[key])
    summary_key = "summary" if template_id == "technical" else "profile"
    assert f">{words(tag)[summary_key]}</h2>" in text
    if template_id == "modern":
        assert f">{words(tag)['contact']}</h2>" in text

    found = words(tag)
    assert f"<bdi>{found['present']}</bdi>" in text  # the open job
    assert f"<bdi>{format_date('2021-03', tag)}</bdi>" in text  # its start: a month name or 3月
    assert f"<bdi>{format_date('2020-11', tag)}</bdi>" in text  # the award's date
    assert found["courses"] + found["colon"].rstrip() in text
    assert found["score"] + found["colon"].rstrip() in text
    assert found["quote_open"] in text  # the reference is quoted the language's way
    if template_id in {"classic", "compact"}:
        assert found["keywords"] + found["colon"].rstrip() in text  # their project keywords carry a label
    if tag != "en":
        for english in ENGLISH:
            assert f">{english}<" not in text and f"{english}</" not in text, english


@pytest.mark.parametrize("template_id", TEMPLATES)
@pytest.mark.parametrize("tag", ["en", "ar", "he"])
def test_numbers_and_addresses_are_left_to_right_isolates(tag: str, template_id: str) -> None:
    text = body(html_for(tag, template_id))
    assert re.search(r'<bdi dir="ltr">(<a [^>]*>)?\+49 30 1234567', text)
    assert re.search(r'<bdi dir="ltr"><a href="mailto:maria@example.org">maria@example.org</a></bdi>', text)
    assert re.search(r'<bdi dir="ltr"><a href="https://example.org/maria">example.org/maria</a></bdi>', text)
    assert '<bdi dir="ltr"><a href="https://github.com/maria-n">maria-n</a></bdi>' in text
    for period in re.findall(r'<div class="entry-date">(.*?)</div>', text):
        assert period.startswith("<bdi>") and period.endswith("</bdi>"), period


def test_degree_and_separators_follow_the_language() -> None:
    text = body(html_for("ja", "classic"))
    assert "シニア開発者・ソフトウェアエンジニア" in text  # {type}・{area}
    assert "履修科目：" in text  # label with a full-width colon and no space after it
    assert "、" in text
    assert "「" in text and "」" in text
    arabic = body(html_for("ar", "classic"))
    assert "مطورة أولى في مهندسة برمجيات" in arabic
    assert "، " in arabic


def test_english_is_unchanged_by_default() -> None:
    resume = parse_resume({"basics": {"name": "Ada"}, "work": [{"name": "Acme", "startDate": "2019-03"}]})
    plan = plan_render(resume, ExportOptions())
    html = render_html(resume, plan.template, plan.tokens, plan.setup, ExportOptions().quality)
    assert '<html lang="en" dir="ltr">' in html
    assert ">Experience</h2>" in html
    assert "<bdi>Mar 2019</bdi> – <bdi>Present</bdi>" in html


def test_unknown_locale_falls_back_to_english() -> None:
    resume = parse_resume({"basics": {"name": "Ada"}, "skills": [{"name": "X"}], "meta": {"locale": "tlh"}})
    plan = plan_render(resume, ExportOptions())
    html = render_html(resume, plan.template, plan.tokens, plan.setup, ExportOptions().quality)
    assert '<html lang="en" dir="ltr">' in html and ">Skills</h2>" in html


def test_templates_use_logical_properties_only() -> None:
    """Physical left/right would not mirror in right-to-left documents."""
    physical = re.compile(
        r"(?<![\w-])(padding|margin|border)-(left|right)\b|text-align:\s*(left|right)|float:|\b(left|right):"
    )
    for sheet in sorted((ROOT / "resources" / "templates").rglob("*.css")):
        rules = re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.DOTALL)
        assert not physical.search(rules), (sheet.name, physical.search(rules))


def test_every_template_stack_ends_in_bundled_fonts() -> None:
    """Each font-family a template sets is a token (whose stack ends in the fallbacks) or names them itself."""
    for sheet in sorted((ROOT / "resources" / "templates").rglob("*.css")):
        rules = re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.DOTALL)
        for value in re.findall(r"(?:font-family|--mono)\s*:\s*([^;]+);", rules):
            assert value.strip() in {"var(--doc-font-body)", "var(--doc-font-heading)", "var(--mono)", "inherit"} or (
                "var(--rp-fallback-" in value
            ), (sheet.name, value)
