"""Item 3 of issue 14: a PDF without the resume's text fails, naming the cause; a good one always passes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from app.errors import RenderError
from app.model import load_resume_file, parse_resume
from app.render.html import PageSetup
from app.render.options import ExportOptions
from app.render.pipeline import render_pdf
from app.render.textcheck import (
    comparable,
    expected_characters,
    pdf_text_characters,
    printed_texts,
    verify_pdf_text,
)
from tests.conftest import SAMPLE


def doctored(engine: Any, change: Callable[[str], str]) -> Callable[[str, PageSetup], bytes]:
    """A printer that alters the HTML before printing: what a renderer that loses text would produce."""
    return lambda html, setup: engine.render(change(html), setup)


def test_comparable_forms() -> None:
    assert comparable("É") == "e"
    assert comparable("ﬁ") == "fi"
    assert comparable("Ｐ") == "p"
    assert comparable("ß") == "ss"
    assert comparable("İ") == "i"
    assert comparable("한") == comparable("한")  # a Hangul syllable stays one unit
    assert len(comparable("한")) == 3


def test_printed_texts_name_fields_as_the_schema_does() -> None:
    resume = parse_resume(
        {
            "basics": {"name": "Ada", "url": "javascript:alert(1)", "profiles": [{"url": "https://x.example/ada/"}]},
            "education": [{"studyType": "BSc", "startDate": "2019-09", "endDate": "2021-06"}],
        }
    )
    # Import (issue 12) keeps a date it cannot read as written; the strict model of today does not accept one.
    resume.education[0].__dict__["start_date"] = "Autumn 2019"
    texts = dict(printed_texts(resume))
    assert texts["basics.name"] == "Ada"
    assert "basics.url" not in texts  # an unsafe URL is not printed
    assert texts["basics.profiles.0.url"] == "x.example/ada"
    assert texts["education.0.studyType"] == "BSc"
    assert texts["education.0.startDate"] == "Autumn 2019"  # shown as written
    assert "education.0.endDate" not in texts  # formatted by the template, not the resume's text


def test_emoji_sequences_spaces_and_marks_are_not_compared() -> None:
    resume = parse_resume({"basics": {"name": "👩‍💻 🇩🇪 1️⃣ ❤️ Zoë\u00ad A\u200bB", "label": "🚀"}})
    plain, shaped = expected_characters(list(printed_texts(resume)))
    assert set(plain) == {"z", "o", "e", "a", "b", comparable("🚀")}
    assert shaped == {}
    arabic = parse_resume({"basics": {"name": "ليلى", "label": "प्रिया สมศรี"}})
    assert set(expected_characters(list(printed_texts(arabic)))[1]) == {"Arab", "Deva", "Thai"}


def test_the_sample_passes_and_both_readers_agree(engine: Any) -> None:
    resume = load_resume_file(SAMPLE)
    pdf = render_pdf(resume, ExportOptions(), engine.render).data  # verify_pdf_text ran inside
    verify_pdf_text(resume, pdf)  # after the metadata update too
    fast = pdf_text_characters(pdf)
    assert fast == pdf_text_characters(pdf, general=True)
    assert {"r", "i", "c", "h", "a", "d"} <= fast[0]
    assert any(name.endswith("+NotoSerif-Regular") for name in fast[1])


def test_a_blank_pdf_fails_permanently(engine: Any) -> None:
    resume = load_resume_file(SAMPLE)
    blank = doctored(engine, lambda html: html[: html.index("<body>")] + "<body></body></html>")
    with pytest.raises(RenderError, match="no extractable text") as failure:
        render_pdf(resume, ExportOptions(), blank)
    assert failure.value.transient is False


def test_a_lost_character_is_named_with_its_field(engine: Any) -> None:
    resume = parse_resume({"basics": {"name": "Жанна Ng", "label": "Engineer"}})
    lossy = doctored(engine, lambda html: html.replace("Ж", ""))
    with pytest.raises(RenderError, match=r"lacks characters of the resume: basics.name: 'Ж' \(U\+0416 CYRILLIC") as e:
        render_pdf(resume, ExportOptions(), lossy)
    assert e.value.transient is False


def test_a_script_set_in_none_of_our_fonts_is_named(engine: Any) -> None:
    resume = parse_resume({"basics": {"name": "Leila", "summary": "مهندسة برمجيات"}})
    without_arabic = doctored(engine, lambda html: html.replace("مهندسة برمجيات", "Leila"))
    with pytest.raises(RenderError, match=r"basics.summary \(Arabic text, set in none of our Arab fonts\)"):
        render_pdf(resume, ExportOptions(), without_arabic)


def test_a_character_no_bundled_font_has_is_named_before_printing(engine: Any) -> None:
    resume = parse_resume({"basics": {"name": "Kavya"}, "work": [{"name": "Acme", "summary": "தமிழ் text"}]})
    with pytest.raises(RenderError, match=r"no bundled font has these characters.*work.0.summary: 'த' \(U\+0BA4"):
        render_pdf(resume, ExportOptions(), engine.render)


def test_an_empty_resume_needs_no_text(engine: Any) -> None:
    rendered = render_pdf(parse_resume({}), ExportOptions(), engine.render)
    assert rendered.pages == 1


def test_shared_glyphs_count_for_each_other(engine: Any) -> None:
    """Noto Sans JP draws U+30FB (katakana middle dot) with the glyph of U+2027: the PDF names only U+2027."""
    resume = parse_resume({"basics": {"name": "山田・花子"}, "meta": {"locale": "ja"}})
    render_pdf(resume, ExportOptions(), engine.render)
