"""A resume as a Word document (python-docx): one column, real styles, links, the chosen paper and margins.

Recruiters open, brand and anonymise these, and ATS parsers read them, so the document is built the way Word's
own users build one: the Title style for the name, Heading 1 per section, Heading 2 per entry, List Bullet for
highlights, no tables and no text boxes. The template's fonts, accent colour and text size go into the styles
(Word uses the fonts if the computer has them; the PDF export is the one with embedded fonts). The document is
in the resume's language (proofing, hyphenation) and direction: an Arabic or Hebrew resume is right-to-left.

python-docx has no API for hyperlinks, right-to-left paragraphs, East Asian fonts or the document language;
those few elements are written with its ``OxmlElement`` the way its documentation's recipes do.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from app.render.fonts import bundled_families
from app.render.html import PageSetup
from app.render.outline import Link, Outline, OutlineEntry

#: The CJK family Word should use for East Asian text, by resume language.
_EAST_ASIAN_FONTS = {"zh-Hans": "noto-sans-sc", "zh-Hant": "noto-sans-tc", "ja": "noto-sans-jp", "ko": "noto-sans-kr"}
#: The family Word should use for right-to-left and Indic text ("complex script" in Word's terms).
_COMPLEX_FONTS = {
    "ar": "noto-sans-arabic",
    "fa": "noto-sans-arabic",
    "ur": "noto-naskh-arabic",
    "he": "noto-sans-hebrew",
    "hi": "noto-sans-devanagari",
}


def write_docx(outline: Outline, tokens: dict[str, str], setup: PageSetup, *, title: str, subject: str) -> bytes:
    """The resume as DOCX bytes."""
    document = Document()
    _page(document, setup)
    _styles(document, outline, tokens)
    properties = document.core_properties
    properties.title = title
    properties.author = outline.name
    properties.subject = subject
    properties.keywords = ", ".join(outline.keywords)
    properties.language = outline.locale.tag
    properties.comments = "Exported by ResumePair"

    document.add_paragraph(outline.name or outline.locale.words["resume"], style="Title")
    if outline.label:
        document.add_paragraph(outline.label, style="Subtitle")
    if outline.contact:
        paragraph = document.add_paragraph(style="Contact")
        for index, item in enumerate(outline.contact):
            if index:
                paragraph.add_run("  ·  ")
            _add_link(paragraph, item)
    if outline.summary:
        document.add_paragraph(outline.summary_title, style="Heading 1")
        for text in outline.summary:
            document.add_paragraph(text)
    for section in outline.sections:
        heading = document.add_paragraph(section.title, style="Heading 1")
        heading.paragraph_format.page_break_before = section.break_before
        for entry in section.entries:
            _entry(document, entry)
    if outline.locale.direction == "rtl":
        for paragraph in document.paragraphs:
            _right_to_left(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page(document: DocxDocument, setup: PageSetup) -> None:
    width, height = setup.page_size.size_mm
    section = document.sections[0]
    section.page_width, section.page_height = Mm(width), Mm(height)
    margin = Mm(setup.margin_mm)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = margin


def _styles(document: DocxDocument, outline: Outline, tokens: dict[str, str]) -> None:
    """Fonts, sizes, accent colour and language on the styles, so a recruiter can restyle the whole document."""
    families = bundled_families()
    body = families[tokens["fontBody"]].family
    heading = families[tokens["fontHeading"]].family
    accent = RGBColor.from_string(tokens["accent"].lstrip("#").upper()) if len(tokens["accent"]) == 7 else None
    size = float(tokens["baseSize"])
    tag = outline.locale.tag
    east_asian = families[_EAST_ASIAN_FONTS[tag]].family if tag in _EAST_ASIAN_FONTS else None
    complex_script = families[_COMPLEX_FONTS[tag]].family if tag in _COMPLEX_FONTS else None
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = body
    normal.font.size = Pt(size)
    normal.paragraph_format.space_after = Pt(size * 0.3)
    _fonts_and_language(normal, tag, east_asian, complex_script)
    for name, points, font in (("Title", size * 2.2, heading), ("Subtitle", size * 1.2, heading),
                               ("Heading 1", size * 1.35, heading), ("Heading 2", size * 1.05, heading)):  # fmt: skip
        style = styles[name]
        style.font.name = font
        style.font.size = Pt(points)
        style.font.color.rgb = accent if name in {"Heading 1", "Title"} and accent else RGBColor(0x22, 0x22, 0x22)
        _fonts_and_language(style, tag, east_asian, complex_script)
    styles["Heading 1"].paragraph_format.space_before = Pt(size * 1.2)
    styles["Heading 2"].paragraph_format.space_before = Pt(size * 0.6)
    styles["Heading 2"].paragraph_format.keep_with_next = True
    for name in ("Contact", "Entry Details"):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.size = Pt(size * 0.92)
        style.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
        style.paragraph_format.keep_with_next = name == "Entry Details"
    existing = {style.name for style in styles}
    link = styles["Hyperlink"] if "Hyperlink" in existing else styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.underline = True
    if accent:
        link.font.color.rgb = accent


def _fonts_and_language(style: ParagraphStyle, tag: str, east_asian: str | None, complex_script: str | None) -> None:
    """The East Asian and complex-script fonts and the language of a style (no python-docx API for these)."""
    properties = style.element.get_or_add_rPr()
    fonts = properties.get_or_add_rFonts()
    if east_asian:
        fonts.set(qn("w:eastAsia"), east_asian)
    if complex_script:
        fonts.set(qn("w:cs"), complex_script)
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.insert_element_before(language, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    attribute = "w:eastAsia" if east_asian else "w:bidi" if complex_script else "w:val"
    language.set(qn(attribute), tag)
    if attribute != "w:val":
        language.set(qn("w:val"), "en-US")


def _entry(document: DocxDocument, entry: OutlineEntry) -> None:
    if entry.quote:
        for text in entry.paragraphs:
            document.add_paragraph(text, style="Quote")
        if entry.title:
            document.add_paragraph(f"— {entry.title.text}", style="Entry Details")
        return
    if entry.title or entry.organisation:
        heading = document.add_paragraph(style="Heading 2")
        parts = [part for part in (entry.title, entry.organisation) if part is not None and part.text]
        for index, part in enumerate(parts):
            if index:
                heading.add_run(", ")
            _add_link(heading, part)
    facts = [fact for fact in (entry.dates, *entry.details) if fact]
    show_link = entry.link is not None and entry.link.text not in entry.heading
    if facts or show_link:
        details = document.add_paragraph(" · ".join(facts), style="Entry Details")
        if show_link and entry.link is not None:
            if facts:
                details.add_run(" · ")
            _add_link(details, entry.link)
    for text in entry.paragraphs:
        document.add_paragraph(text)
    for bullet in entry.bullets:
        document.add_paragraph(bullet, style="List Bullet")
    if entry.keywords:
        paragraph = document.add_paragraph()
        if entry.keywords_label:
            paragraph.add_run(f"{entry.keywords_label} ").bold = True
        paragraph.add_run(", ".join(entry.keywords))


def _add_link(paragraph: Paragraph, link: Link) -> None:
    """A run of text, clickable when the address may be linked (the python-docx hyperlink recipe)."""
    if not link.href:
        paragraph.add_run(link.text)
        return
    relationship = paragraph.part.relate_to(link.href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), relationship)
    run = paragraph.add_run(link.text, style="Hyperlink")
    hyperlink.append(run._r)
    paragraph._p.append(hyperlink)


#: Elements that come after ``w:bidi`` in a paragraph's and ``w:rtl`` in a run's properties (OOXML's order).
_AFTER_BIDI = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
               "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
               "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")  # fmt: skip
_AFTER_RTL = ("w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")


def _right_to_left(paragraph: Paragraph) -> None:
    """A paragraph in right-to-left order (Arabic, Hebrew, Persian, Urdu)."""
    properties = paragraph._p.get_or_add_pPr()
    properties.insert_element_before(OxmlElement("w:bidi"), *_AFTER_BIDI)
    for run in paragraph.runs:
        run._r.get_or_add_rPr().insert_element_before(OxmlElement("w:rtl"), *_AFTER_RTL)
