"""The export formats besides PDF, read back as a user's tools read them.

DOCX with python-docx and through LibreOffice (headless, to PDF, then the text in order); Markdown and plain text
as text; the HTML file for anything it could load; JSON against the official schema.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from app.model.importer import import_resume_file
from app.model.schema_check import schema_errors
from app.render.engine import wait_for
from app.render.exports.docx_file import write_docx
from app.render.exports.html_file import write_html
from app.render.exports.json_file import write_json
from app.render.exports.markdown import write_markdown
from app.render.exports.plaintext import WIDTH, columns, write_text
from app.render.fonts import families_drawing
from app.render.html import render_html
from app.render.options import ExportOptions, PageSize, Quality
from app.render.outline import build_outline
from app.render.pipeline import plan_render
from tests.conftest import DATA, SAMPLE
from tests.pdfcheck import assert_in_order

LONG = SAMPLE.parent / "long.resume.json"
FIXTURES = [SAMPLE, LONG, DATA / "messy" / "chinese.json", DATA / "messy" / "custom-sections.json",
            DATA / "formats" / "reactive-resume-v4.json", DATA / "messy" / "html-in-text.json"]  # fmt: skip
#: The sample's content in the order every format must keep.
SAMPLE_ORDER = ["Richard Hendriks", "Programmer", "Profile", "Richard hails from Tulsa", "Experience", "CEO/President",
                "Pied Piper", "Dec 2013", "Successfully won Techcrunch Disrupt", "Projects", "Miss Direction",
                "Education", "University of Oklahoma", "Skills", "Web Development"]  # fmt: skip


def outline_of(path: Path) -> Any:
    imported = import_resume_file(path)
    return build_outline(imported.resume(), imported.data)


def docx_of(path: Path, **options: Any) -> bytes:
    imported = import_resume_file(path)
    resume = imported.resume()
    plan = plan_render(resume, ExportOptions(**options))
    return write_docx(build_outline(resume, imported.data), plan.tokens, plan.setup, title="T", subject="S")


# -- Markdown and text ---------------------------------------------------------------------------------------------


def test_markdown_keeps_the_order_escapes_markup_and_links() -> None:
    text = write_markdown(outline_of(SAMPLE)).decode("utf-8")
    assert text.startswith("# Richard Hendriks\n")
    assert_in_order(text, SAMPLE_ORDER)
    assert "## Experience" in text and "### CEO/President, [Pied Piper](<http://piedpiper.example.com>)" in text
    assert "- Successfully won Techcrunch Disrupt" in text
    assert "[richard.hendriks@mail.com](<mailto:richard.hendriks@mail.com>)" in text


def test_markdown_shows_markup_like_text_as_written() -> None:
    text = write_markdown(outline_of(DATA / "messy" / "html-in-text.json")).decode("utf-8")
    assert r"Rewrote \<table\> layouts as CSS grid" in text


@pytest.mark.parametrize("path", FIXTURES, ids=lambda path: path.name)
def test_plain_text_has_no_markup_and_no_line_over_80_columns(path: Path) -> None:
    text = write_text(outline_of(path)).decode("utf-8")
    widths = [columns(line) for line in text.splitlines()]
    assert max(widths) <= WIDTH, [line for line in text.splitlines() if columns(line) > WIDTH]
    assert "**" not in text and "](" not in text and "<p>" not in text


def test_plain_text_of_the_sample_in_order() -> None:
    text = write_text(outline_of(SAMPLE)).decode("utf-8")
    assert_in_order(text.replace("PROFILE", "Profile").replace("EXPERIENCE", "Experience")
                    .replace("PROJECTS", "Projects").replace("EDUCATION", "Education").replace("SKILLS", "Skills")
                    .replace("RICHARD HENDRIKS", "Richard Hendriks"), SAMPLE_ORDER)  # fmt: skip


def test_text_and_markdown_follow_the_resume_structure() -> None:
    text = write_markdown(outline_of(DATA / "formats" / "reactive-resume-v4.json")).decode("utf-8")
    assert "Hidden Internship Co" not in text and "## Talks" in text and "Boring Deploys" in text
    custom = write_text(outline_of(DATA / "messy" / "custom-sections.json")).decode("utf-8")
    assert "COMMUNITY" in custom and "  - Civic Hero 2020" in custom


# -- DOCX ----------------------------------------------------------------------------------------------------------


def test_docx_uses_word_styles_links_paper_and_properties() -> None:
    data = docx_of(SAMPLE, page_size=PageSize.LETTER, margin_mm=20)
    document = Document(io.BytesIO(data))
    styles = [paragraph.style.name for paragraph in document.paragraphs]
    assert styles[0] == "Title" and document.paragraphs[0].text == "Richard Hendriks"
    assert {"Heading 1", "Heading 2", "List Bullet"} <= set(styles)
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"][:3] == [
        "Profile",
        "Experience",
        "Projects",
    ]
    assert document.tables == []  # one column, no layout tables
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (216, 279)
    assert round(section.left_margin.mm) == 20
    properties = document.core_properties
    assert (properties.title, properties.author, properties.language) == ("T", "Richard Hendriks", "en")
    links = {rel.target_ref for rel in document.part.rels.values() if rel.is_external}
    assert {"mailto:richard.hendriks@mail.com", "http://piedpiper.example.com"} <= links
    assert document.styles["Normal"].font.name == "Noto Serif"  # the classic template's body font


def test_docx_of_a_right_to_left_and_a_cjk_resume() -> None:
    arabic = DATA / "messy" / "arabic-rtl.json"
    document = Document(io.BytesIO(docx_of(arabic)))
    xml = document.element.xml
    assert "<w:bidi/>" in xml
    assert document.core_properties.language == "ar"
    chinese = Document(io.BytesIO(docx_of(DATA / "messy" / "chinese.json")))
    rfonts = chinese.styles["Normal"].element.rPr.rFonts
    assert rfonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "Noto Sans SC"
    assert chinese.paragraphs[0].text == "王晓明"


def test_docx_is_a_valid_package_for_word() -> None:
    data = docx_of(LONG)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = set(package.namelist())
        assert {"[Content_Types].xml", "word/document.xml", "word/styles.xml", "docProps/core.xml"} <= names
        document = package.read("word/document.xml").decode("utf-8")
    # OOXML order inside paragraph properties: w:bidi is never after spacing/indentation/justification.
    assert not re.search(r"<w:(spacing|ind|jc)\b[^>]*/>\s*<w:bidi/>", document)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed by the Makefile's system-deps")
def test_libreoffice_opens_the_docx_and_prints_it_in_order(tmp_path: Path) -> None:
    source = tmp_path / "resume.docx"
    source.write_bytes(docx_of(SAMPLE))
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir",
         str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "resume.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert_in_order(text, SAMPLE_ORDER)


# -- HTML and JSON -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [SAMPLE, DATA / "messy" / "chinese.json"], ids=lambda path: path.name)
def test_the_html_file_needs_nothing_else(path: Path) -> None:
    imported = import_resume_file(path)
    resume = imported.resume()
    plan = plan_render(resume, ExportOptions(template="modern"))
    html = write_html(render_html(resume, plan.template, plan.tokens, plan.setup, Quality.NORMAL), plan.setup).decode()
    assert "resumepair:" not in html and "<script" not in html.lower() and "<link" not in html.lower()
    assert 'http-equiv="Content-Security-Policy"' in html
    sources = re.findall(r"""(?:src|url)\(?\s*=?\s*["']?([a-z]+:)""", html)
    assert set(sources) <= {"data:"}, set(sources)
    assert "font/ttf;base64," in html
    assert resume.basics.name in html


@pytest.mark.parametrize(
    ("path", "expected"),
    [(SAMPLE, {"Lato"}), (DATA / "messy" / "chinese.json", {"Lato", "Noto Sans SC"})],
    ids=["sample", "chinese"],
)
def test_the_html_file_carries_only_the_fonts_its_text_is_drawn_with(path: Path, expected: set[str]) -> None:
    """Every design font inlined made a 13.5 MB file of the two-page sample; a family that draws none of the
    text's characters (after one that draws them all) is left out, and the stacks no longer name it."""
    imported = import_resume_file(path)
    resume = imported.resume()
    plan = plan_render(resume, ExportOptions(template="modern"))
    html = write_html(render_html(resume, plan.template, plan.tokens, plan.setup, Quality.NORMAL), plan.setup).decode()
    faces = re.findall(r'font-family: "([^"]+)"; font-weight: (\d+); font-style: (\w+)', html)
    assert {family for family, _weight, _style in faces} == expected
    assert ("Lato", "700", "italic") in faces  # a used design family keeps every face
    stacks = " ".join(re.findall(r"--rp-fallback-[a-z]+:[^;]*", html))
    assert "Inter" not in stacks and "Noto Serif" not in stacks
    if path == SAMPLE:
        assert len(html) < 5_000_000


def test_the_html_file_prints_in_its_inlined_fonts(engine: Any, tmp_path: Path) -> None:
    """Opened in Chromium, the file draws every character with a font it carries: the PDF of it embeds Lato only."""
    imported = import_resume_file(SAMPLE)
    resume = imported.resume()
    plan = plan_render(resume, ExportOptions(template="modern"))
    html = write_html(render_html(resume, plan.template, plan.tokens, plan.setup, Quality.NORMAL), plan.setup).decode()
    pdf = tmp_path / "from-html.pdf"
    pdf.write_bytes(wait_for(engine.submit(html, plan.setup), timeout_s=120))
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    names = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]}
    assert names and all(name.startswith("Lato") for name in names), fonts
    assert "Type 3" not in fonts


def test_a_stack_family_draws_only_what_the_families_before_it_lack() -> None:
    assert families_drawing("Hello", ["Noto Serif", "Lato"]) == {"Noto Serif"}
    assert families_drawing("Hello 日本", ["Lato", "Noto Sans JP", "Noto Sans SC"]) == {"Lato", "Noto Sans JP"}
    assert families_drawing("x", ["Not A Bundled Font", "Inter"]) == {"Inter"}


def test_json_is_json_resume_without_what_was_hidden() -> None:
    data = json.loads(write_json(import_resume_file(DATA / "formats" / "reactive-resume-v4.json").data))
    assert schema_errors(data) == []
    assert "Hidden Internship Co" not in json.dumps(data)
    assert "awards" not in data  # a hidden section
    assert data["talks"][0]["name"] == "Boring Deploys" and data["meta"]["x-rxresume"]["version"] == 4
    sample = json.loads(write_json(import_resume_file(SAMPLE).data))
    assert sample == json.loads(SAMPLE.read_text(encoding="utf-8"))
