"""The resume's own structure: order, titles, hidden sections and entries, custom sections, columns, page breaks.

The plan is tested as data; then every template prints it (PDF text in order), and long resumes are checked page
by page: no heading ends a page, no entry shorter than a page is split, ``breakBefore`` starts a page.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from pypdf import PdfReader

from app.model import parse_resume
from app.model.sections import custom_section_keys, generic_entry, readable_title, section_settings
from app.render.locales import section_titles
from app.render.options import ExportOptions
from app.render.pipeline import render_pdf
from app.render.sections import plan_sections
from app.render.templates import template_registry
from tests.pdfcheck import assert_in_order, normalise

TEMPLATE_IDS = list(template_registry())
TITLES = section_titles("en")


def squeezed(pdf: bytes) -> list[str]:
    """Each page's text, lower case, without any space: letter-spaced headings extract as "side pro jects"."""
    return ["".join((page.extract_text() or "").lower().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def in_order(text: str, needles: list[str]) -> None:
    assert_in_order(text, ["".join(needle.lower().split()) for needle in needles])


def plan(data: dict[str, Any], sidebar: frozenset[str] = frozenset()) -> list[Any]:
    resume = parse_resume(data)
    return plan_sections(
        resume.model_dump(mode="python", by_alias=False),
        resume.model_dump(mode="python", by_alias=True),
        TITLES,
        sidebar,
    )


STRUCTURED: dict[str, Any] = {
    "basics": {"name": "Sofia Petrova", "label": "Engineer"},
    "work": [
        {"name": "Visible Works", "position": "Lead", "startDate": "2020-01", "highlights": ["Shipped the thing"]},
        {"name": "Secret Startup", "position": "Founder", "startDate": "2018-01", "hidden": True},
    ],
    "education": [{"institution": "Sofia University", "area": "Physics", "studyType": "MSc"}],
    "skills": [{"name": "Rust", "keywords": ["tokio"]}],
    "awards": [{"title": "Hidden Prize", "awarder": "Nobody"}],
    "interests": [{"name": "Bouldering"}],
    "side_projects": [
        {"name": "Weather Station", "role": "Maker", "startDate": "2021", "url": "https://weather.example.org",
         "highlights": ["Solar powered"], "x-note": 1},
        {"name": "Private Thing", "hidden": True},
    ],
    "recognition": ["Speaker at RustConf 2023", {"title": "Open-source award", "by": "Foundation"}],
    "settings": {"theme": "dark"},
    "meta": {
        "sections": [
            {"key": "education", "title": "Studies"},
            {"key": "side_projects", "breakBefore": True},
            {"key": "awards", "hidden": True},
            {"key": "work"},
            {"key": "nonexistent"},
            "not a setting",
            {"key": "skills", "column": "main"},
        ]
    },
}  # fmt: skip


def test_listed_sections_come_first_in_their_order_then_the_rest_in_the_default_order() -> None:
    keys = [section.key for section in plan(STRUCTURED)]
    assert keys == ["education", "side_projects", "work", "skills", "interests", "recognition"]


def test_titles_hidden_sections_entries_and_breaks() -> None:
    sections = {section.key: section for section in plan(STRUCTURED)}
    assert sections["education"].title == "Studies"
    assert sections["work"].title == "Experience"
    assert sections["side_projects"].title == "Side projects" and sections["side_projects"].break_before
    assert "awards" not in sections
    assert [entry["name"] for entry in sections["work"].entries] == ["Visible Works"]
    assert sections["work"].indices == [0]
    assert [entry["title"] for entry in sections["side_projects"].entries] == ["Weather Station"]
    assert sections["recognition"].entries[0]["line"] == "Speaker at RustConf 2023"
    assert "settings" not in sections  # an object, not a list: not a section


def test_columns_follow_the_resume_then_the_template() -> None:
    sections = {section.key: section for section in plan(STRUCTURED, frozenset({"skills", "interests"}))}
    assert sections["skills"].column == "main"  # the resume's choice wins
    assert sections["interests"].column == "side"  # the template's default
    assert sections["work"].column == "main"


def test_malformed_settings_are_skipped_not_errors() -> None:
    settings = section_settings(
        {"meta": {"sections": [{"key": 5}, {"key": "work", "column": "left"}, {"key": "work"}]}}
    )
    assert [(setting.key, setting.column) for setting in settings] == [("work", None)]
    assert section_settings({"meta": {"sections": "work"}}) == []


def test_custom_sections_and_their_generic_entries() -> None:
    assert custom_section_keys(STRUCTURED) == ["side_projects", "recognition"]
    assert readable_title("openSourceWork") == "Open source work"
    entry = generic_entry(
        {"organization": "Club", "role": "Chair", "date": "2022", "description": "Ran it", "tags": ["x"]}
    )
    assert (entry["title"], entry["subtitle"], entry["date"], entry["summary"], entry["keywords"]) == (
        "Club", "Chair", "2022", "Ran it", ["x"],
    )  # fmt: skip


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_every_template_prints_the_plan(engine: Any, template_id: str) -> None:
    rendered = render_pdf(parse_resume(STRUCTURED), ExportOptions(template=template_id), engine.render)
    pages = squeezed(rendered.data)  # headings may be capitals, letter-spaced
    text = "".join(pages)
    for gone in ("secretstartup", "hiddenprize", "privatething"):
        assert gone not in text
    main = ["studies", "sofia university", "side projects", "weather station", "solar powered", "experience",
            "visible works", "skills", "rust"]  # fmt: skip
    in_order(text, main)
    in_order(text, ["recognition", "speaker at rustconf 2023", "open-source award"])
    # breakBefore: "Side projects" starts a page (in the two-column template, the main column's page)
    assert len(pages) >= 2 and any(page.startswith("sideprojects") for page in pages[1:]), [p[:40] for p in pages]


def test_the_sidebar_holds_what_the_resume_puts_there(engine: Any) -> None:
    data = json.loads(json.dumps(STRUCTURED))
    data["meta"]["sections"] = [{"key": "work", "column": "side"}, {"key": "skills", "column": "main"}]
    rendered = render_pdf(parse_resume(data), ExportOptions(template="modern"), engine.render)
    text = "".join(squeezed(rendered.data))
    # The modern template reads main column first, then the sidebar: work (side) comes after skills (main).
    in_order(text, ["skills", "rust", "experience", "visible works"])


# -- page breaks -----------------------------------------------------------------------------------------------------


def long_resume(entries: int, bullets: int) -> dict[str, Any]:
    work = [
        {
            "name": f"Company {index:02d}",
            "position": f"Role {index:02d}",
            "startDate": f"{2000 + index % 20}-01",
            "summary": "Built and ran systems for a team of twelve people across three offices.",
            "highlights": [
                f"Entry {index:02d} result {bullet:02d}: improved a measurable thing by {bullet + 3} percent"
                for bullet in range(bullets + index % 4)
            ],
        }
        for index in range(entries)
    ]
    projects = [
        {"name": f"Project {i:02d}", "description": "A project.", "highlights": ["One", "Two"]} for i in range(8)
    ]
    return {"basics": {"name": "Lena Longform"}, "work": work, "projects": projects,
            "education": [{"institution": "Long University", "area": "Endurance"}]}  # fmt: skip


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_long_resumes_break_between_entries_and_never_after_a_heading(engine: Any, template_id: str) -> None:
    data = long_resume(entries=22, bullets=5)
    rendered = render_pdf(parse_resume(data), ExportOptions(template=template_id), engine.render)
    pages = [normalise(page.extract_text() or "") for page in PdfReader(io.BytesIO(rendered.data)).pages]
    assert len(pages) >= 3
    headings = {"experience", "projects", "education"}
    for number, page in enumerate(pages[:-1]):
        assert not any(page.lower().endswith(heading) for heading in headings), f"page {number + 1} ends with a heading"
    for index in range(22):
        on = [number for number, page in enumerate(pages) if f"Entry {index:02d} result" in page]
        title_on = [number for number, page in enumerate(pages) if f"Role {index:02d}" in page]
        assert len(set(on) | set(title_on)) == 1, (
            f"entry {index} is split across pages {sorted(set(on) | set(title_on))}"
        )


def test_an_entry_taller_than_a_page_still_prints_whole(engine: Any) -> None:
    bullets = [f"Bullet {i:03d} of a very long list" for i in range(120)]
    data = {
        "basics": {"name": "Tall Entry"},
        "work": [{"name": "Huge Corp", "position": "Everything", "highlights": bullets}],
    }
    rendered = render_pdf(parse_resume(data), ExportOptions(), engine.render)
    text = normalise(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(rendered.data)).pages))
    assert rendered.pages >= 2
    assert all(f"Bullet {i:03d}" in text for i in range(120))
