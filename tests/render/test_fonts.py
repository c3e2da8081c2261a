"""The bundled fonts: TrueType outlines, real bold faces, licences, the ranges fonts.json claims, the CSS."""

from __future__ import annotations

import importlib.util
import json
import re
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest
from fontTools.ttLib import TTFont

from app.render.fonts import (
    bundled_families,
    fallback_chain,
    font_face_css,
    font_families,
    is_covered,
    parse_unicode_range,
)
from tests.conftest import ROOT

FONTS = ROOT / "resources" / "fonts"
SCRIPT_FAMILIES = {
    "Arab": {"noto-sans-arabic", "noto-naskh-arabic"},
    "Hebr": {"noto-sans-hebrew", "noto-serif-hebrew"},
    "Deva": {"noto-sans-devanagari", "noto-serif-devanagari"},
    "Thai": {"noto-sans-thai", "noto-serif-thai"},
    "Hans": {"noto-sans-sc"},
    "Hant": {"noto-sans-tc"},
    "Jpan": {"noto-sans-jp"},
    "Kore": {"noto-sans-kr"},
}


def face_files(family_id: str) -> list[tuple[Path, int, str]]:
    """(file, weight, style) of every file of a family, slices expanded."""
    family = bundled_families()[family_id]
    slices = [None]
    if family.slices:
        slices = list(json.loads((FONTS / family_id / family.slices).read_text(encoding="utf-8"))["slices"])
    return [
        (FONTS / family_id / face.file.replace("{slice}", str(piece)), face.weight, face.style)
        for face in family.faces
        for piece in slices
    ]


@cache
def cmap(path: Path) -> frozenset[int]:
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


def test_every_face_is_truetype_with_its_weight_and_a_licence() -> None:
    for family_id, family in bundled_families().items():
        assert (FONTS / family_id / "OFL.txt").is_file(), family_id
        for path, weight, style in face_files(family_id):
            with TTFont(path, lazy=True) as font:
                assert "glyf" in font and "CFF " not in font and "fvar" not in font, path.name  # else Type 3
                assert font["OS/2"].usWeightClass == weight, path.name
                assert font["name"].getDebugName(1) == family.family, path.name
            assert style == ("italic" if "Italic" in path.name else "normal"), path.name


def test_every_script_has_real_regular_and_bold_faces() -> None:
    families = bundled_families()
    for script, expected in SCRIPT_FAMILIES.items():
        found = {family_id for family_id, family in families.items() if family.script == script}
        assert found == expected, script
        for family_id in found:
            assert {face.weight for face in families[family_id].faces} == {400, 700}, family_id
    for family in font_families().values():
        assert {(face.weight, face.style) for face in family.faces} == {
            (400, "normal"),
            (700, "normal"),
            (400, "italic"),
            (700, "italic"),
        }


def test_design_fonts_cover_greek_cyrillic_and_vietnamese() -> None:
    wanted = "ΑΩαωάΣσς" + "АЯаяЁёЇїҐґ" + "ơưđạảấầẩẫậắằẳẵặ"
    for family_id in font_families():
        for path, _weight, _style in face_files(family_id):
            missing = [char for char in wanted if ord(char) not in cmap(path)]
            assert not missing, (path.name, missing)


@pytest.mark.slow
def test_fonts_json_ranges_and_aliases_are_current() -> None:
    """What fonts.json, slices.json and aliases.json say matches the files (docs/import_fonts.py writes them)."""
    for family_id, family in bundled_families().items():
        files = face_files(family_id)
        if family.slices:
            declared = json.loads((FONTS / family_id / family.slices).read_text(encoding="utf-8"))["slices"]
            for piece, value in declared.items():
                points = {p for a, b in parse_unicode_range(value) for p in range(a, b + 1)}
                in_files = [cmap(path) for path, _w, _s in files if f".{piece}.ttf" in path.name]
                assert points == set.intersection(*map(set, in_files)) - set(range(0x80)) - {0xA0, 0xAD}, piece
        else:
            for face, (path, _weight, _style) in zip(family.faces, files, strict=True):
                points = {p for a, b in parse_unicode_range(face.unicode_range or "") for p in range(a, b + 1)}
                expected = set(cmap(path)) - (set(range(0x80)) | {0xA0, 0xAD} if family.role == "fallback" else set())
                assert points == expected, path.name
    stored = [tuple(group) for group in json.loads((FONTS / "aliases.json").read_text(encoding="utf-8"))["groups"]]
    assert stored == import_fonts().alias_groups()


def import_fonts() -> ModuleType:
    """docs/import_fonts.py, which writes the files this test checks."""
    spec = importlib.util.spec_from_file_location("import_fonts", ROOT / "docs" / "import_fonts.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_coverage_of_what_resumes_use() -> None:
    text = (
        "Zoë Ångström Łódź Çağrı Nguyễn Thị Ánh Σοφία Иванова Їжак 王小明 陳美玲 山田花子 ソフトウェア 김서연 "
        "ليلى حداد مریم ٹیم נועה לוי प्रिया शर्मा สมศรี ใจดี → ⇒ • ◦ ▪ ★ ☆ ✓ ✔ ✗ ☎ ✉ ⚡ © ® ™ € £ ¥ ₹ ₽ ₩ "
        "∑ ≤ ≥ ∞ ≈ ½ 📧 📱 🌐 📍 💼 🎓 🔗 ⭐ 🚀 😀 ✅ ❤ 🏆 「」『』【】（）：、。・ー"
    )
    assert [char for char in text if not char.isspace() and not is_covered(char)] == []
    assert not is_covered("\U000f0000")  # private use: no bundled font has it
    assert not is_covered("ஆ")  # Tamil: not bundled


def test_a_latin_document_declares_no_fallback_faces() -> None:
    css = font_face_css("Richard Hendriks – “Pied Piper”, Zoë, Ελλάδα, Москва", "en")
    assert css.count("@font-face") == sum(len(family.faces) for family in font_families().values())
    assert "unicode-range" not in css
    assert '--rp-fallback-sans: "Noto Sans", "Noto Serif", "Lato", "Inter", "JetBrains Mono";' in css


def test_a_document_declares_the_slices_its_characters_need() -> None:
    css = font_face_css("山田花子 ソフトウェアエンジニア 東京", "ja")
    assert "noto-sans-jp/NotoSansJP-Regular." in css and "noto-sans-jp/NotoSansJP-Bold." in css
    assert "noto-sans-sc" not in css and "noto-sans-kr" not in css  # JP comes first and covers them all
    assert '"Noto Sans JP"' in css
    chinese = font_face_css("陳美玲 軟體工程師", "zh-Hant")
    assert "noto-sans-tc" in chinese and "noto-sans-jp" not in chinese
    korean = font_face_css("김서연 소프트웨어", "en")
    assert "noto-sans-kr" in korean
    arabic = font_face_css("ليلى حداد 📧", "ar")
    assert "NotoNaskhArabic-Regular.ttf" in arabic and "NotoSansArabic-Bold.ttf" in arabic  # serif and sans stacks
    assert "noto-emoji/NotoEmoji-Regular." in arabic
    for rule in re.findall(r"@font-face \{[^}]*\}", arabic):
        assert "unicode-range" in rule or '"Noto' in rule or "Lato" in rule or "Inter" in rule or "JetBrains" in rule


def test_han_order_follows_the_language() -> None:
    def han(locale: str, text: str = "") -> list[str]:
        return [f for f in fallback_chain("sans-serif", locale, text) if f.startswith("noto-sans-") and len(f) == 12]

    assert han("ja")[0] == "noto-sans-jp"
    assert han("ko")[0] == "noto-sans-kr"
    assert han("zh-Hant")[0] == "noto-sans-tc"
    assert han("zh-Hans")[0] == han("en")[0] == "noto-sans-sc"
    assert han("en", "やまだ 山田")[0] == "noto-sans-jp"  # kana in an English resume: a Japanese name
    assert han("de", "김 金")[0] == "noto-sans-kr"
    chain = fallback_chain("serif", "en")
    assert chain[:2] == ["noto-serif", "noto-sans"]
    assert set(chain) == set(bundled_families())  # every bundled family is reachable from every stack
