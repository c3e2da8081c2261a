"""Brings the fallback fonts (every script beyond Latin, Greek and Cyrillic, plus symbols) into resources/fonts.

Run by hand when a font is added or updated (`.venv/bin/python docs/import_fonts.py`); it needs `apt-get`, `npm`
and fontTools with WOFF2 support (``pip install 'fonttools[woff]'``). Sources, pinned:

* the Debian package ``fonts-noto-core`` (Noto's hinted TrueType releases): Arabic, Hebrew, Devanagari, Thai (sans
  and serif), Symbols, Symbols 2, Math;
* the npm packages ``@expo-google-fonts/noto-sans-{sc,tc,jp,kr}`` and ``@expo-google-fonts/noto-emoji``: Google
  Fonts' static TrueType instances, weights 400 and 700 (Chinese Simplified and Traditional, Japanese, Korean,
  monochrome emoji);
* the npm packages ``@fontsource/noto-sans-{sc,tc,jp,kr}`` for what to keep of the CJK fonts: the characters of
  Google Fonts' web slices (~13,500 for Chinese Simplified: the web's repertoire; the full fonts have ~30,900 at
  10.5 MB a weight) and, among them, Google's language subset (GB 2312, Big5, JIS level 1 and 2 and kana, all
  hangul syllables: ~7,000-11,500 characters) with the punctuation and symbols CJK text uses.

Each CJK weight is cut in two files, ``core`` (the language subset) and ``more`` (the rest of the repertoire).
Not Google's ~100 slices: Chromium writes one PDF font per file, and text extraction (pypdf, so the ATS check)
put a space at every change of font, so "工程师" came out as "工 程 师". With ``core``, a resume's text stays in
one font but for rare characters, and a document still loads only what it needs. Every face is checked to have
TrueType outlines (``glyf``; CFF outlines become Type 3 fonts in Chromium's PDFs) and no variation axes.
TrueType rather than WOFF2: fontconfig indexes a TrueType file from its cmap quickly, where it decompresses
WOFF2 whole (seconds at a first start), and the installers' compression does as well.

Writes the faces, their licences, ``fonts.json`` entries (family, weight, the code points each face covers) and
``aliases.json``.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from app.render.textcheck import comparable  # noqa: E402

FONTS = ROOT / "resources" / "fonts"
DEBIAN_PACKAGE = "fonts-noto-core=20201225-1"
DEBIAN_DIR = "usr/share/fonts/truetype/noto"

#: id, CSS family, generic, files (weight → file name in the Debian package), script
DEBIAN_FAMILIES: list[tuple[str, str, str, dict[int, str], str]] = [
    ("noto-sans-arabic", "Noto Sans Arabic", "sans-serif", {400: "NotoSansArabic-Regular.ttf"}, "Arab"),
    ("noto-naskh-arabic", "Noto Naskh Arabic", "serif", {400: "NotoNaskhArabic-Regular.ttf"}, "Arab"),
    ("noto-sans-hebrew", "Noto Sans Hebrew", "sans-serif", {400: "NotoSansHebrew-Regular.ttf"}, "Hebr"),
    ("noto-serif-hebrew", "Noto Serif Hebrew", "serif", {400: "NotoSerifHebrew-Regular.ttf"}, "Hebr"),
    ("noto-sans-devanagari", "Noto Sans Devanagari", "sans-serif", {400: "NotoSansDevanagari-Regular.ttf"}, "Deva"),
    ("noto-serif-devanagari", "Noto Serif Devanagari", "serif", {400: "NotoSerifDevanagari-Regular.ttf"}, "Deva"),
    ("noto-sans-thai", "Noto Sans Thai", "sans-serif", {400: "NotoSansThai-Regular.ttf"}, "Thai"),
    ("noto-serif-thai", "Noto Serif Thai", "serif", {400: "NotoSerifThai-Regular.ttf"}, "Thai"),
    ("noto-sans-symbols", "Noto Sans Symbols", "sans-serif", {400: "NotoSansSymbols-Regular.ttf"}, "Zsym"),
    ("noto-sans-symbols-2", "Noto Sans Symbols2", "sans-serif", {400: "NotoSansSymbols2-Regular.ttf"}, "Zsym"),
    ("noto-sans-math", "Noto Sans Math", "sans-serif", {400: "NotoSansMath-Regular.ttf"}, "Zmth"),
]
#: Families of the list above that also have a bold face (``<stem>-Bold.ttf``).
DEBIAN_BOLD = frozenset(
    family_id for family_id, *_rest in DEBIAN_FAMILIES if family_id not in {"noto-sans-symbols-2", "noto-sans-math"}
)

#: id, CSS family, PostScript stem, script, Google's language subset (fontsource's name for it)
CJK_FAMILIES: list[tuple[str, str, str, str, str]] = [
    ("noto-sans-sc", "Noto Sans SC", "NotoSansSC", "Hans", "chinese-simplified"),
    ("noto-sans-tc", "Noto Sans TC", "NotoSansTC", "Hant", "chinese-traditional"),
    ("noto-sans-jp", "Noto Sans JP", "NotoSansJP", "Jpan", "japanese"),
    ("noto-sans-kr", "Noto Sans KR", "NotoSansKR", "Kore", "korean"),
]
FONTSOURCE_VERSION = "5.3.0"
#: Blocks kept whole in ``core``: general punctuation to symbols, CJK punctuation to compatibility, kana,
#: bopomofo, hangul jamo, vertical and small forms, half- and full-width forms.
_CORE_BLOCKS = ((0x2000, 0x2BFF), (0x3000, 0x33FF), (0x1100, 0x11FF), (0xFE10, 0xFE6F), (0xFF00, 0xFFEF))
EXPO_VERSION = "0.4.3"
EMOJI_PACKAGE = "@expo-google-fonts/noto-emoji@0.4.7"
WEIGHT_NAMES = {400: "Regular", 700: "Bold"}
#: Characters every slice repeats (space, "!", '"', no-break space ...): Noto Sans has them, so they are not
#: part of a slice's unicode-range (a range that claims them would make Chromium load the slice for a space).
_SHARED = set(range(0x80)) | {0xA0, 0xAD}


def code_points(font: TTFont) -> set[int]:
    """Every code point the font maps to a glyph."""
    return set(font.getBestCmap() or {})


def unicode_range(points: set[int]) -> str:
    """Code points as a CSS ``unicode-range`` value (``U+41-5a,U+e9``)."""
    ranges: list[str] = []
    ordered = sorted(points)
    start = previous = ordered[0]
    for point in [*ordered[1:], -1]:
        if point == previous + 1:
            previous = point
            continue
        ranges.append(f"U+{start:x}" if start == previous else f"U+{start:x}-{previous:x}")
        start = previous = point
    return ",".join(ranges)


def check_outlines(font: TTFont, name: str) -> None:
    """TrueType outlines, no variations: anything else is drawn as a Type 3 font in Chromium's PDFs."""
    if "glyf" not in font or "CFF " in font or "CFF2" in font or "fvar" in font:
        raise SystemExit(f"{name}: not a static TrueType-outline font")


def import_debian(work: Path) -> list[dict[str, object]]:
    """Extracts the Debian package and copies the chosen faces with the package's copyright file."""
    subprocess.run(["apt-get", "download", DEBIAN_PACKAGE], cwd=work, check=True)
    deb = next(work.glob("fonts-noto-core_*.deb"))
    subprocess.run(["dpkg-deb", "-x", str(deb), str(work / "deb")], check=True)
    source = work / "deb" / DEBIAN_DIR
    families = []
    for family_id, family, generic, regular, script in DEBIAN_FAMILIES:
        files = dict(regular)
        if family_id in DEBIAN_BOLD:
            files[700] = regular[400].replace("-Regular", "-Bold")
        folder = FONTS / family_id
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        faces = []
        for weight, file_name in files.items():
            font = TTFont(source / file_name)
            check_outlines(font, file_name)
            shutil.copy2(source / file_name, folder / file_name)
            faces.append(
                {
                    "file": file_name,
                    "weight": weight,
                    "style": "normal",
                    "unicodeRange": unicode_range(code_points(font) - _SHARED),
                }
            )
        shutil.copy2(work / "deb" / "usr/share/doc/fonts-noto-core/copyright", folder / "COPYRIGHT-debian.txt")
        shutil.copy2(FONTS / "noto-sans" / "OFL.txt", folder / "OFL.txt")
        families.append(_family(family_id, family, generic, script=script, faces=faces))
    return families


def npm_unpack(work: Path, package: str) -> Path:
    """``npm pack`` one pinned package into ``work`` and unpack it; returns its ``package`` folder."""
    tarball = subprocess.run(
        ["npm", "pack", "--silent", package], cwd=work, check=True, capture_output=True, text=True
    ).stdout.split()[-1]
    target = work / re.sub(r"[^a-z0-9]+", "-", package.lower())
    target.mkdir()
    subprocess.run(["tar", "xzf", str(work / tarball), "-C", str(target)], check=True)
    return target / "package"


def woff2_points(paths: list[Path]) -> set[int]:
    """The code points every one of these fonts maps (both weights of a slice agree on them)."""
    found: list[set[int]] = []
    for path in paths:
        with TTFont(path) as font:
            found.append(code_points(font))
    return set.intersection(*found) if found else set()


def cjk_repertoire(fontsource: Path, family_id: str, language: str) -> tuple[set[int], set[int]]:
    """``core`` (Google's language subset) and ``more`` (the rest of Google's web slices), ASCII aside."""
    files = fontsource / "files"
    core: set[int] = set()
    everything: set[int] = set()
    for weight in WEIGHT_NAMES:
        core |= woff2_points([files / f"{family_id}-{language}-{weight}-normal.woff2"])
        for path in files.glob(f"{family_id}-*-{weight}-normal.woff2"):
            if re.fullmatch(rf"{family_id}-\d+-{weight}-normal\.woff2", path.name):
                everything |= woff2_points([path])
    # Punctuation, symbols, kana, bopomofo, jamo and full-width forms go with the language's characters: a
    # sentence's "，" or "・" from another file would break it in two for text extraction.
    core |= {point for point in everything if any(low <= point <= high for low, high in _CORE_BLOCKS)}
    core -= _SHARED
    return core, everything - core - _SHARED


def save_subset(source: Path, points: set[int], target: Path) -> set[int]:
    """``source`` cut down to ``points`` (layout features kept, vertical metrics dropped); returns what it maps."""
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["vhea", "vmtx", "VORG"]
    with TTFont(source) as font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(points))
        subsetter.subset(font)
        check_outlines(font, target.name)
        font.save(target)
        return code_points(font)


def import_cjk(work: Path) -> list[dict[str, object]]:
    """Chinese, Japanese, Korean: Google's static fonts, cut into ``core`` and ``more`` per weight."""
    families = []
    for family_id, family, stem, script, language in CJK_FAMILIES:
        folder = FONTS / family_id
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        core, more = cjk_repertoire(
            npm_unpack(work, f"@fontsource/{family_id}@{FONTSOURCE_VERSION}"), family_id, language
        )
        expo = npm_unpack(work, f"@expo-google-fonts/{family_id}@{EXPO_VERSION}")
        covered: dict[str, list[set[int]]] = {"core": [], "more": []}
        for weight, style_name in WEIGHT_NAMES.items():
            source = expo / f"{weight}{style_name}" / f"{stem}_{weight}{style_name}.ttf"
            for piece, points in (("core", core), ("more", more)):
                covered[piece].append(save_subset(source, points, folder / f"{stem}-{style_name}.{piece}.ttf"))
        slices = {piece: unicode_range(set.intersection(*found) - _SHARED) for piece, found in covered.items()}
        shutil.copy2(expo / "LICENSE_FONT", folder / "OFL.txt")
        (folder / "SOURCE.txt").write_text(
            f"{family}: npm package @expo-google-fonts/{family_id}@{EXPO_VERSION} (Google Fonts' static instances,\n"
            f"weights 400 and 700), cut with fontTools.subset by docs/import_fonts.py to the characters of\n"
            f"@fontsource/{family_id}@{FONTSOURCE_VERSION}'s slices: 'core' is Google's {language} subset, 'more'\n"
            "the rest. Outlines and layout features unchanged. Licence: SIL Open Font License 1.1 (OFL.txt).\n",
            encoding="utf-8",
        )
        (folder / "slices.json").write_text(json.dumps({"slices": slices}, indent=0) + "\n", encoding="utf-8")
        faces = [
            {"file": f"{stem}-{style_name}.{{slice}}.ttf", "weight": weight, "style": "normal"}
            for weight, style_name in WEIGHT_NAMES.items()
        ]
        families.append(_family(family_id, family, "sans-serif", script=script, faces=faces, slices="slices.json"))
    return families


def import_emoji(work: Path) -> list[dict[str, object]]:
    """Monochrome emoji, regular and bold, whole (886 KB a weight)."""
    folder = FONTS / "noto-emoji"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    expo = npm_unpack(work, EMOJI_PACKAGE)
    faces = []
    for weight, style_name in WEIGHT_NAMES.items():
        target = folder / f"NotoEmoji-{style_name}.ttf"
        shutil.copy2(expo / f"{weight}{style_name}" / f"NotoEmoji_{weight}{style_name}.ttf", target)
        with TTFont(target) as font:
            check_outlines(font, target.name)
            points = code_points(font)
        faces.append(
            {"file": target.name, "weight": weight, "style": "normal", "unicodeRange": unicode_range(points - _SHARED)}
        )
    shutil.copy2(expo / "LICENSE_FONT", folder / "OFL.txt")
    (folder / "SOURCE.txt").write_text(
        f"Noto Emoji (monochrome): npm package {EMOJI_PACKAGE} (Google Fonts' static instances), unchanged.\n"
        "Licence: SIL Open Font License 1.1 (OFL.txt).\n",
        encoding="utf-8",
    )
    return [_family("noto-emoji", "Noto Emoji", "sans-serif", script="Zsye", faces=faces)]


def _parse(value: str) -> set[int]:
    points: set[int] = set()
    for part in value.split(","):
        first, _, last = part.strip().removeprefix("U+").partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return points


def _family(
    family_id: str, family: str, generic: str, *, script: str, faces: list[dict[str, object]], slices: str | None = None
) -> dict[str, object]:
    entry: dict[str, object] = {
        "id": family_id,
        "family": family,
        "generic": generic,
        "license": "OFL-1.1",
        "role": "fallback",
        "script": script,
        "faces": faces,
    }
    if slices:
        entry["slices"] = slices
    return entry


def add_text_ranges(families: list[dict[str, object]]) -> None:
    """The code points of the design fonts (Noto Sans, Lato, ...), which the coverage check needs too."""
    for family in families:
        for face in family["faces"]:  # type: ignore[attr-defined]
            font = TTFont(FONTS / str(family["id"]) / face["file"])
            check_outlines(font, face["file"])
            face["unicodeRange"] = unicode_range(code_points(font))


def alias_groups() -> list[tuple[str, ...]]:
    """Characters a bundled face draws with one shared glyph (a PDF's ToUnicode map names only one of them).

    Characters are given as the PDF text check compares them (``comparable``: NFKC, case-folded, no marks);
    pairs that compare alike need no entry.
    """
    groups: set[tuple[str, ...]] = set()
    for path in sorted(FONTS.glob("*/*.ttf")):
        by_glyph: dict[str, set[str]] = defaultdict(set)
        with TTFont(path, lazy=True) as font:
            mapping = font.getBestCmap() or {}
        for point, glyph in mapping.items():
            if 0xFE00 <= point <= 0xFE0F or unicodedata.category(chr(point))[0] in "CZ":
                continue  # never compared (see app/render/textcheck.py)
            by_glyph[glyph].add(comparable(chr(point)))
        groups.update(tuple(sorted(forms)) for forms in by_glyph.values() if len(forms) > 1 and all(forms))
    return sorted(groups)


def write_aliases() -> None:
    """``aliases.json``, from ``alias_groups``."""
    lines = ",\n".join("    " + json.dumps(group, ensure_ascii=False) for group in alias_groups())
    (FONTS / "aliases.json").write_text(
        '{\n  "about": "Generated by docs/import_fonts.py: characters some bundled font draws with one glyph.",\n'
        f'  "groups": [\n{lines}\n  ]\n}}\n',
        encoding="utf-8",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only-ranges", action="store_true", help="recompute fonts.json ranges, download nothing")
    args = parser.parse_args()
    index_path = FONTS / "fonts.json"
    index = json.loads(index_path.read_text(encoding="utf-8"))
    text = [family for family in index["families"] if family.get("role", "text") == "text"]
    add_text_ranges(text)
    if args.only_ranges:
        fallback = [family for family in index["families"] if family.get("role") == "fallback"]
    else:
        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder)
            fallback = import_debian(work) + import_cjk(work) + import_emoji(work)
    index["families"] = text + fallback
    index_path.write_text(json.dumps(index, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    write_aliases()


if __name__ == "__main__":
    main()
