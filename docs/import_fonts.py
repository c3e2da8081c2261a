"""Brings the fallback fonts (every script beyond Latin, Greek and Cyrillic, plus symbols) into resources/fonts.

Run by hand when a font is added or updated (`.venv/bin/python docs/import_fonts.py`); it needs `apt-get`, `npm`
and fontTools with WOFF2 support (``pip install 'fonttools[woff]'``). Sources, pinned:

* the Debian package ``fonts-noto-core`` (Noto's hinted TrueType releases): Arabic, Hebrew, Devanagari, Thai (sans
  and serif), Symbols, Symbols 2, Math;
* the npm packages ``@fontsource/noto-sans-{sc,tc,jp,kr}`` and ``@fontsource/noto-emoji`` (Google Fonts' static
  TrueType instances, cut by Google into ~100 unicode-range slices per weight): Chinese Simplified and
  Traditional, Japanese, Korean, monochrome emoji. Only the numbered (CJK) slices of weights 400 and 700 are
  kept; their Latin, Cyrillic and Vietnamese slices are left out because Noto Sans, which comes before them in
  every font stack, covers those characters.

Every face is checked to have TrueType outlines (``glyf``; CFF outlines become Type 3 fonts in Chromium's PDFs)
and no variation axes. WOFF2 slices are stored as plain TrueType: fontconfig indexes a TrueType file from its
cmap in well under a millisecond, where it has to decompress a WOFF2 file whole (~5 ms each, 4 s for the CJK
slices at the first start with an empty cache), and the installers compress them better than WOFF2 (xz: 6.5 MB
against 9.2 MB for the regular weights). Google's static instances carry the variable font's default names
("Noto Sans SC Thin" for every weight); the names are corrected, outlines are untouched.

Writes the faces, their licences and ``fonts.json`` entries (family, weight, the code points each face covers).
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
    ("noto-sans-symbols-2", "Noto Sans Symbols 2", "sans-serif", {400: "NotoSansSymbols2-Regular.ttf"}, "Zsym"),
    ("noto-sans-math", "Noto Sans Math", "sans-serif", {400: "NotoSansMath-Regular.ttf"}, "Zmth"),
]
#: Families of the list above that also have a bold face (``<stem>-Bold.ttf``).
DEBIAN_BOLD = frozenset(
    family_id for family_id, *_rest in DEBIAN_FAMILIES if family_id not in {"noto-sans-symbols-2", "noto-sans-math"}
)

#: id, CSS family, PostScript stem, npm package@version, script
FONTSOURCE_FAMILIES: list[tuple[str, str, str, str, str]] = [
    ("noto-sans-sc", "Noto Sans SC", "NotoSansSC", "@fontsource/noto-sans-sc@5.3.0", "Hans"),
    ("noto-sans-tc", "Noto Sans TC", "NotoSansTC", "@fontsource/noto-sans-tc@5.3.0", "Hant"),
    ("noto-sans-jp", "Noto Sans JP", "NotoSansJP", "@fontsource/noto-sans-jp@5.3.0", "Jpan"),
    ("noto-sans-kr", "Noto Sans KR", "NotoSansKR", "@fontsource/noto-sans-kr@5.3.0", "Kore"),
    ("noto-emoji", "Noto Emoji", "NotoEmoji", "@fontsource/noto-emoji@5.3.2", "Zsye"),
]
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


def set_names(font: TTFont, family: str, stem: str, weight: int) -> None:
    """Family, style, full and PostScript names for one static instance; the typographic names are dropped."""
    style = WEIGHT_NAMES[weight]
    table = font["name"]
    table.names = [record for record in table.names if record.nameID not in {1, 2, 4, 6, 16, 17}]
    for name_id, value in ((1, family), (2, style), (4, f"{family} {style}"), (6, f"{stem}-{style}")):
        table.setName(value, name_id, 3, 1, 0x409)
        table.setName(value, name_id, 1, 0, 0)
    font["OS/2"].usWeightClass = weight


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


def import_fontsource(work: Path) -> list[dict[str, object]]:
    """Unpacks each npm package and stores its numbered slices of weights 400 and 700 as TrueType."""
    families = []
    for family_id, family, stem, package, script in FONTSOURCE_FAMILIES:
        folder = FONTS / family_id
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        tarball = subprocess.run(
            ["npm", "pack", "--silent", package], cwd=work, check=True, capture_output=True, text=True
        ).stdout.split()[-1]
        unpacked = work / family_id
        unpacked.mkdir()
        subprocess.run(["tar", "xzf", str(work / tarball), "-C", str(unpacked)], check=True)
        files = unpacked / "package" / "files"
        slices: dict[str, str] = {}
        for weight, style_name in WEIGHT_NAMES.items():
            for path in sorted(files.glob(f"{family_id}-*-{weight}-normal.woff2")):
                match = re.fullmatch(rf"{family_id}-(\d+)-{weight}-normal\.woff2", path.name)
                if match is None:
                    continue  # a named subset (latin, cyrillic, ...): covered by Noto Sans
                piece = match.group(1)
                font = TTFont(path)
                check_outlines(font, path.name)
                set_names(font, family, stem, weight)
                font.flavor = None
                font.save(folder / f"{stem}-{style_name}.{piece}.ttf")
                points = code_points(font) - _SHARED
                # Both weights are cut alike; a slice covers what both of its weights have.
                previous = slices.get(piece)
                slices[piece] = unicode_range(points if previous is None else points & _parse(previous))
        shutil.copy2(unpacked / "package" / "LICENSE", folder / "OFL.txt")
        (folder / "SOURCE.txt").write_text(
            f"npm package {package} (https://fontsource.org, from Google Fonts, {family}).\n"
            "Numbered unicode-range slices of weights 400 and 700, converted from WOFF2 to TrueType with their\n"
            "names corrected (docs/import_fonts.py); outlines unchanged. Licence: SIL Open Font License 1.1.\n",
            encoding="utf-8",
        )
        (folder / "slices.json").write_text(
            json.dumps({"slices": dict(sorted(slices.items(), key=lambda item: int(item[0])))}, indent=0) + "\n",
            encoding="utf-8",
        )
        faces = [
            {"file": f"{stem}-{WEIGHT_NAMES[weight]}.{{slice}}.ttf", "weight": weight, "style": "normal"}
            for weight in WEIGHT_NAMES
        ]
        families.append(_family(family_id, family, "sans-serif", script=script, faces=faces, slices="slices.json"))
    return families


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


def write_aliases() -> None:
    """``aliases.json``: characters a bundled face draws with one shared glyph (the PDF names only one of them).

    Pairs that normalise alike (NFKC, case, marks: what the PDF text check compares) need no entry.
    """
    groups: set[tuple[str, ...]] = set()
    for path in sorted(FONTS.glob("*/*.ttf")):
        by_glyph: dict[str, set[str]] = defaultdict(set)
        for point, glyph in (TTFont(path, lazy=True).getBestCmap() or {}).items():
            if 0xFE00 <= point <= 0xFE0F or unicodedata.category(chr(point))[0] in "CZ":
                continue  # never compared (see app/render/textcheck.py)
            by_glyph[glyph].add(comparable(chr(point)))
        groups.update(tuple(sorted(forms)) for forms in by_glyph.values() if len(forms) > 1 and all(forms))
    lines = ",\n".join("    " + json.dumps(group, ensure_ascii=False) for group in sorted(groups))
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
            fallback = import_debian(work) + import_fontsource(work)
    index["families"] = text + fallback
    index_path.write_text(json.dumps(index, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    write_aliases()


if __name__ == "__main__":
    main()
