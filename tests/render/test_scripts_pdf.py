"""A resume in every script, with every template: bundled fonts only, no Type 3, text extractable.

Also: the same PDF whatever fonts the machine has, and right-to-left layouts mirrored in the PDF.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from fontTools.ttLib import TTFont

from app.model import parse_resume
from app.render.options import ExportOptions
from app.render.pipeline import render_pdf
from app.render.templates import template_registry
from tests.conftest import ROOT
from tests.pdfcheck import BUNDLED_FONT_PREFIXES, pdf_fonts, pdf_text
from tests.render.language_samples import sample_resume

#: One resume holding every script we typeset, symbols and emoji; Latin-script words checked in the text.
MIXED: dict[str, Any] = {
    "basics": {
        "name": "Zoë Ångström-Łukasiewicz",
        "label": "Ingénieure · Инженер · Μηχανικός · 工程师 · 工程師 · エンジニア · 엔지니어",
        "email": "zoe@example.org",
        "phone": "+33 1 23 45 67 89",
        "summary": "Nguyễn Thị Ánh — Çağrı Şahin. ★ ✓ → • ☎ ✉ 📧 🚀 👩‍💻 🇩🇪 1️⃣ ❤️ ∑ ≤ ∞ € ₹ ₩ ©",
        "location": {"city": "Zürich", "countryCode": "CH"},
        "profiles": [{"network": "GitHub", "username": "zoe-a"}],
    },
    "work": [
        {
            "name": "北风贸易有限公司 / 北風貿易股份有限公司",
            "position": "ソフトウェアエンジニア / 소프트웨어 엔지니어",
            "startDate": "2021-03",
            "highlights": [
                "مهندسة برمجيات في شركة الرياح الشمالية",
                "مهندس نرم‌افزار در شرکت؛ سافٹ ویئر انجینئر ٹیم",
                "מהנדסת תוכנה בחברת רוח צפונית",
                "सॉफ़्टवेयर इंजीनियर, क्षेत्र प्रबंधन",
                "วิศวกรซอฟต์แวร์ที่บริษัท ลมเหนือ จำกัด",
            ],
        }
    ],
    "education": [{"institution": "Πανεπιστήμιο Αθηνών", "area": "Информатика", "studyType": "MSc"}],
    "skills": [{"name": "Языки", "keywords": ["Ελληνικά", "Русский", "日本語", "한국어", "中文", "עברית", "हिन्दी"]}],
}
#: Words that extract as they are written (scripts that are not shaped into contextual forms).
WORDS = [
    "Zoë",
    "Ångström",
    "Инженер",
    "Μηχανικός",
    "工程师",
    "工程師",
    "エンジニア",
    "엔지니어",
    "Zürich",
    "Nguyễn",
    "עברית",
]
TEMPLATES = list(template_registry())


@cache
def bundled_code_points() -> frozenset[int]:
    points: set[int] = set()
    for path in (ROOT / "resources" / "fonts").glob("*/*.ttf"):
        with TTFont(path, lazy=True) as font:
            points |= set(font.getBestCmap() or {})
    return frozenset(points)


def resume_characters() -> set[str]:
    text = json.dumps(MIXED, ensure_ascii=False)
    return {char for char in text if not char.isspace() and char not in "\u200d\ufe0f\u20e3\u200c"}


def test_every_character_is_covered_by_a_bundled_font() -> None:
    missing = sorted(char for char in resume_characters() if ord(char) not in bundled_code_points())
    assert missing == []


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_every_script_exports_with_bundled_fonts_only(engine: Any, template_id: str) -> None:
    rendered = render_pdf(parse_resume(MIXED), ExportOptions(template=template_id), engine.render)  # text verified
    fonts = pdf_fonts(rendered.data)
    names = {font.name.split("+")[-1].split("-")[0] for font in fonts}
    for font in fonts:
        assert font.embedded, font
        assert "Type 3" not in font.type, font
        assert font.name.split("+")[-1].startswith(BUNDLED_FONT_PREFIXES), font
    for family in ("NotoSansSC", "NotoSansJP", "NotoSansKR", "NotoSansHebrew", "NotoSansDevanagari", "NotoEmoji"):
        # (Traditional characters shared with Simplified come from the first Han font: SC in an English document.)
        assert any(name.startswith(family) or name.startswith(family.replace("Sans", "Serif")) for name in names), (
            family,
            names,
        )
    assert any("Arabic" in name for name in names) and any("Thai" in name for name in names), names
    text = pdf_text(rendered.data)
    squeezed = re.sub(r"\s", "", text)  # pypdf puts a space where the font changes (Japanese font → Chinese one)
    for word in WORDS:
        assert word in squeezed or word[::-1] in squeezed, word  # right-to-left runs may extract in visual order


@pytest.mark.parametrize("tag", ["zh-Hans", "zh-Hant", "ja", "ko"])
def test_chinese_japanese_korean_text_extracts_without_gaps(engine: Any, tag: str) -> None:
    """One font draws a resume's characters (not one per slice): pypdf, and so the ATS check, reads whole words."""
    resume = sample_resume(tag, locale=tag)
    text = pdf_text(render_pdf(parse_resume(resume), ExportOptions(), engine.render).data)
    # Noto Sans JP draws U+30FB with the glyph of U+2027, and the PDF's map names U+2027 (see aliases.json).
    text = text.replace("\u2027", "\u30fb")
    flat = " ".join(text.split())  # white space as the ATS check compares it
    squeezed = "".join(text.split())
    for sentence in (resume["basics"]["summary"], resume["work"][0]["highlights"][0]):
        assert "".join(sentence.split()) in squeezed
        if tag != "ko":  # Korean puts an ASCII full stop (Noto Sans) after hangul: pypdf adds a space before it
            assert sentence in flat


def test_the_pdf_is_the_same_whatever_fonts_the_machine_has(tmp_path: Path) -> None:
    """Once with this machine's fontconfig setup, once with no configuration at all (a minimal system)."""
    source = tmp_path / "mixed.json"
    source.write_text(json.dumps(MIXED, ensure_ascii=False), encoding="utf-8")
    outputs = []
    for name, extra in (("system", {}), ("none", {"FONTCONFIG_FILE": str(tmp_path / "missing.conf")})):
        target = tmp_path / f"{name}.pdf"
        command = [sys.executable, "-m", "app", "--data-dir", str(tmp_path / name), "export", str(source)]
        result = subprocess.run(
            [*command, "-o", str(target), "--template", "modern"],
            env={**os.environ, **extra},
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        outputs.append(re.sub(rb"/(CreationDate|ModDate) \([^)]*\)", b"", target.read_bytes()))
    assert outputs[0] == outputs[1]


def test_fontconfig_sees_only_the_bundled_fonts(tmp_path: Path) -> None:
    from app.render.fontconfig import fontconfig_applies, use_bundled_fonts_only

    if not fontconfig_applies() or shutil.which("fc-list") is None:
        pytest.skip("fontconfig is not used here")
    config = use_bundled_fonts_only(tmp_path)
    assert config is not None
    listed = subprocess.run(
        ["fc-list", "--format", "%{file}\\n"],
        env={"FONTCONFIG_FILE": str(config), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert set(listed) == {str(path) for path in (ROOT / "resources" / "fonts").glob("*/*.ttf")}
    for generic, family in (("serif", "Noto Serif"), ("sans-serif", "Noto Sans"), ("monospace", "JetBrains Mono")):
        match = subprocess.run(
            ["fc-match", "--format", "%{family}", generic.replace("-", "\\-")],  # "-" starts a size in fc syntax
            env={"FONTCONFIG_FILE": str(config), "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert match == family


def word_x(pdf: bytes, word: str, tmp_path: Path) -> tuple[float, float]:
    """Where ``word`` starts on the first page, and the page width (poppler's bounding boxes)."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    width = float(re.search(r'<page width="([\d.]+)"', html).group(1))  # type: ignore[union-attr]
    match = re.search(rf'<word xMin="([\d.]+)"[^>]*>{re.escape(word)}</word>', html)
    assert match, word
    return float(match.group(1)), width


@pytest.mark.parametrize(("tag", "side"), [("en", "left"), ("ar", "right"), ("he", "right")])
def test_two_column_layout_mirrors_for_right_to_left(engine: Any, tmp_path: Path, tag: str, side: str) -> None:
    pdf = render_pdf(parse_resume(sample_resume(tag, locale=tag)), ExportOptions(template="modern"), engine.render)
    x, width = word_x(pdf.data, "maria@example.org", tmp_path)  # the contact sidebar
    assert (x > width / 2) == (side == "right"), (x, width)
    x, width = word_x(pdf.data, "+49", tmp_path)  # the phone number stays left to right: "+49 30 1234567"
    after, _width = word_x(pdf.data, "1234567", tmp_path)
    assert after > x
