"""The bundled fonts and the ``@font-face`` rules that make Chromium use them, and only them.

Two kinds of families live in ``resources/fonts/fonts.json``:

* *text* families (Noto Serif, Noto Sans, Lato, Inter, JetBrains Mono), the ones a design may choose; each has
  real regular, bold, italic and bold-italic faces, because a style without its own face is synthesized by
  Chromium and ends up as a Type 3 font in the PDF, which ATS parsers cannot read;
* *fallback* families for every other script (Arabic, Hebrew, Devanagari, Thai, Chinese, Japanese, Korean) and
  for symbols and emoji, in regular and (where the font has one) bold. They have no italics: the base style sheet
  turns font synthesis off, so italic text in these scripts is set upright instead of slanted by Chromium.

Every font stack ends in the fallback families, so each character is drawn by a bundled font whatever the
machine has installed. A document only carries the rules for the fallback faces its own characters need, each
with its ``unicode-range``, so Chromium loads none it does not use. The Chinese, Japanese and Korean fonts come
in two files per weight (``slices.json``): ``core``, the language's own characters, and ``more``, the rare ones.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.resources import resource_path

#: URL prefix under which the renderer's URL scheme serves ``resources/fonts``.
FONT_URL_PREFIX = "resumepair://app/fonts/"
#: CSS custom properties holding the fallback part of every font stack (see ``css_stack``).
FALLBACK_PROPERTIES = {"serif": "--rp-fallback-serif", "sans-serif": "--rp-fallback-sans"}

#: Preferred order of fallback families after a serif and after a sans-serif (or monospace) design font.
#: ``han`` stands for the Chinese, Japanese and Korean families, ordered by the document's language, and
#: ``symbols`` for the symbol and math fonts. Every bundled family not named here follows at the end, so anything
#: a bundled font covers can be drawn.
_CHAINS: dict[str, tuple[str, ...]] = {
    "serif": (
        "noto-serif",
        "noto-sans",
        "noto-naskh-arabic",
        "noto-serif-hebrew",
        "noto-serif-devanagari",
        "noto-serif-thai",
        "symbols",
        "han",
    ),
    "sans-serif": (
        "noto-sans",
        "noto-sans-arabic",
        "noto-sans-hebrew",
        "noto-sans-devanagari",
        "noto-sans-thai",
        "symbols",
        "han",
    ),
}
#: Symbols, then emoji: ☎, ✉ and ❤ are text symbols in a resume, not pictures. The CJK fonts draw many
#: symbols too (★, ☎, ✓), full-width: in a Chinese, Japanese or Korean document they come before these.
_SYMBOLS = ("noto-sans-symbols", "noto-sans-symbols-2", "noto-sans-math", "noto-emoji")
#: Han characters look different in each region: the document's language picks the font that draws them.
_HAN_ORDER = {
    "ja": ("noto-sans-jp", "noto-sans-tc", "noto-sans-sc", "noto-sans-kr"),
    "ko": ("noto-sans-kr", "noto-sans-tc", "noto-sans-jp", "noto-sans-sc"),
    "zh-Hant": ("noto-sans-tc", "noto-sans-sc", "noto-sans-jp", "noto-sans-kr"),
    "zh-Hans": ("noto-sans-sc", "noto-sans-tc", "noto-sans-jp", "noto-sans-kr"),
}
_KANA = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\u31f0-\u31ff]")
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


class FontFace(BaseModel):
    """One font file (or, for a sliced family, one file per slice) and the weight/style it provides."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    file: str
    weight: int
    style: str
    #: The code points the face covers, as CSS writes them; ``None`` for sliced families (see ``slices.json``).
    unicode_range: str | None = Field(default=None, alias="unicodeRange")


class FontFamily(BaseModel):
    """A bundled family; ``id`` is what design tokens and ``meta.design`` refer to."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    family: str
    generic: str
    license: str
    role: Literal["text", "fallback"] = "text"
    script: str | None = None
    #: For families cut into unicode-range slices: the file (in the family's folder) mapping slice → range.
    slices: str | None = None
    faces: tuple[FontFace, ...]

    def css_stack(self) -> str:
        """The ``font-family`` value: this family, then the bundled fallbacks, then the generic family."""
        fallback = FALLBACK_PROPERTIES["serif" if self.generic == "serif" else "sans-serif"]
        return f'"{self.family}", var({fallback}), {self.generic}'


@dataclass(frozen=True)
class _Piece:
    """One ``@font-face`` unit of a fallback family: a whole family, or one slice of a sliced family."""

    family: FontFamily
    slice_id: str | None
    unicode_range: str


@cache
def _all_families() -> dict[str, FontFamily]:
    data = json.loads(resource_path("fonts", "fonts.json").read_text(encoding="utf-8"))
    families = [FontFamily.model_validate(item) for item in data["families"]]
    return {family.id: family for family in families}


@cache
def font_families() -> dict[str, FontFamily]:
    """The families a design may choose (``fontBody``, ``fontHeading``) by id."""
    return {key: family for key, family in _all_families().items() if family.role == "text"}


def bundled_families() -> dict[str, FontFamily]:
    """Every bundled family by id, design fonts first, then the script and symbol fallbacks."""
    return _all_families()


def parse_unicode_range(value: str) -> list[tuple[int, int]]:
    """``U+41-5a,U+e9`` → ``[(0x41, 0x5a), (0xe9, 0xe9)]``."""
    spans = []
    for part in value.split(","):
        text = part.strip().upper().removeprefix("U+")
        if text:
            first, _, last = text.partition("-")
            spans.append((int(first, 16), int(last or first, 16)))
    return spans


class _RangeIndex:
    """Spans of code points, each pointing at what covers it, looked up by bisection.

    Spans may overlap (Google's slices repeat a few characters): they are cut so that none does, the one that
    starts first keeping the shared code points.
    """

    def __init__(self, spans: Iterable[tuple[int, int, int]]) -> None:
        disjoint: list[tuple[int, int, int]] = []
        for first, end, value in sorted(spans):
            start = max(first, disjoint[-1][1] + 1) if disjoint else first
            if start <= end:
                disjoint.append((start, end, value))
        self._starts = [start for start, _end, _value in disjoint]
        self._spans = disjoint

    def find(self, point: int) -> int | None:
        index = bisect.bisect_right(self._starts, point) - 1
        if index >= 0:
            _start, end, value = self._spans[index]
            if point <= end:
                return value
        return None


@cache
def _family_index(family_id: str) -> tuple[_RangeIndex, tuple[_Piece, ...]]:
    """One family's index from code point to piece number, and its pieces; read when first needed.

    A design family has no pieces and answers -1: it covers the code point itself. Only the Chinese, Japanese
    and Korean families read a ``slices.json``, so a Latin document never loads those.
    """
    family = _all_families()[family_id]
    if family.role != "fallback":
        spans = [(s, e, -1) for face in family.faces for s, e in parse_unicode_range(face.unicode_range or "")]
        return _RangeIndex(_merge(spans)), ()
    if family.slices:
        data = json.loads(resource_path("fonts", family.id, family.slices).read_text(encoding="utf-8"))
        ranges: dict[str | None, str] = dict(data["slices"])
    else:
        ranges = {None: family.faces[0].unicode_range or ""}
    pieces = tuple(_Piece(family, slice_id, value) for slice_id, value in ranges.items())
    spans = [(s, e, number) for number, piece in enumerate(pieces) for s, e in parse_unicode_range(piece.unicode_range)]
    return _RangeIndex(spans), pieces


def _merge(spans: Iterable[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Overlapping or touching spans with the same value joined into one."""
    merged: list[tuple[int, int, int]] = []
    for start, end, value in sorted(spans):
        if merged and merged[-1][2] == value and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]), value)
        else:
            merged.append((start, end, value))
    return merged


@functools.lru_cache(maxsize=4096)
def is_covered(char: str) -> bool:
    """Whether some bundled font has a glyph for this character (design fonts asked first, CJK last)."""
    point = ord(char)
    ordered = sorted(_all_families().values(), key=lambda family: (family.role != "text", family.slices is not None))
    return any(_family_index(family.id)[0].find(point) is not None for family in ordered)


@functools.lru_cache(maxsize=65536)
def _first_piece(point: int, chain: tuple[str, ...]) -> _Piece | None:
    """The fallback piece that draws ``point`` in this chain, or ``None`` (a design font has it, or nothing does)."""
    for family_id in chain:
        index, pieces = _family_index(family_id)
        found = index.find(point)
        if found is not None:
            return None if found < 0 else pieces[found]
    return None


def _needed_pieces(text: str, locale: str) -> list[_Piece]:
    """The fallback pieces Chromium will draw a document's characters with.

    Per character and per stack, the first piece that covers it: a Japanese document gets the Japanese slices
    only, not also the Chinese and Korean ones that cover the same characters further down the stack.
    """
    points = {ord(char) for char in set(_NON_ASCII.findall(text))}
    wanted: dict[tuple[str, str | None], _Piece] = {}
    for generic in FALLBACK_PROPERTIES if points else ():
        chain = tuple(fallback_chain(generic, locale, text))
        for point in points:
            piece = _first_piece(point, chain)
            if piece is not None:
                wanted[(piece.family.id, piece.slice_id)] = piece
    order = list(_all_families())
    return sorted(wanted.values(), key=lambda piece: (order.index(piece.family.id), piece.slice_id or ""))


def families_drawing(text: str, stack: Iterable[str]) -> set[str]:
    """Of a font stack (CSS family names, in order), those that draw at least one of the text's characters.

    A browser draws each character with the first family of the stack that has it, so a family after one that
    covers everything the text holds is never used: the HTML export leaves such families' faces out of its file.
    Names that are not bundled families are skipped.
    """
    by_name = {family.family: family.id for family in _all_families().values()}
    chain = [(name, by_name[name]) for name in stack if name in by_name]
    drawing: set[str] = set()
    for point in {ord(char) for char in text}:
        for name, family_id in chain:
            if _family_index(family_id)[0].find(point) is not None:
                drawing.add(name)
                break
    return drawing


def han_order(locale: str, text: str) -> tuple[str, ...]:
    """The Chinese/Japanese/Korean families in the order the document's language (or its kana/hangul) asks for."""
    if locale in _HAN_ORDER:
        return _HAN_ORDER[locale]
    if _KANA.search(text):
        return _HAN_ORDER["ja"]
    if _HANGUL.search(text):
        return _HAN_ORDER["ko"]
    return _HAN_ORDER["zh-Hans"]


def fallback_chain(generic: str, locale: str, text: str = "") -> list[str]:
    """Family ids after a design font of this generic kind: the preferred order, then every other family."""
    families = _all_families()
    chain: list[str] = []
    for name in _CHAINS["serif" if generic == "serif" else "sans-serif"]:
        if name == "symbols":
            chain += [] if locale in _HAN_ORDER else list(_SYMBOLS)
        elif name == "han":
            chain += [*han_order(locale, text), *(_SYMBOLS if locale in _HAN_ORDER else ())]
        else:
            chain.append(name)
    chain += [family_id for family_id in families if family_id not in chain]
    return [family_id for family_id in chain if family_id in families]


def _face_rule(family: FontFamily, face: FontFace, file: str, unicode_range: str | None) -> str:
    fmt = "opentype" if file.endswith(".otf") else "truetype"
    rule = (
        f'@font-face {{ font-family: "{family.family}"; font-weight: {face.weight}; font-style: {face.style}; '
        f'src: url("{FONT_URL_PREFIX}{family.id}/{file}") format("{fmt}");'
    )
    return rule + (f" unicode-range: {unicode_range}; }}" if unicode_range else " }")


@cache
def _text_face_css() -> str:
    rules = []
    for family in font_families().values():
        rules += [_face_rule(family, face, face.file, None) for face in family.faces]
    return "\n".join(rules)


def font_face_css(text: str = "", locale: str = "en") -> str:
    """``@font-face`` rules and fallback stacks for a document whose text (or whole HTML) is ``text``.

    The design fonts are always declared; of the fallback fonts, only the pieces ``text`` has characters in.
    The fallback stacks (``--rp-fallback-serif``, ``--rp-fallback-sans``) name the design fonts and those
    pieces' families only, so Chromium never looks a family up among the system's fonts.
    """
    pieces = _needed_pieces(text, locale)
    rules = [_text_face_css()]
    for piece in pieces:
        for face in piece.family.faces:
            file = face.file if piece.slice_id is None else face.file.replace("{slice}", piece.slice_id)
            rules.append(_face_rule(piece.family, face, file, piece.unicode_range))
    present = {family_id for family_id, family in _all_families().items() if family.role == "text"}
    present |= {piece.family.id for piece in pieces}
    families = _all_families()
    stacks = []
    for generic, prop in FALLBACK_PROPERTIES.items():
        chain = [f'"{families[f].family}"' for f in fallback_chain(generic, locale, text) if f in present]
        stacks.append(f"{prop}: {', '.join(chain)};")
    rules.append(":root { " + " ".join(stacks) + " }")
    return "\n".join(rules)
