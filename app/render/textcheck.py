"""The check every exported PDF passes: the resume's characters are in it, as text, drawn by bundled fonts.

Two failures this catches (both were seen: a blank one-page PDF on a Linux without fontconfig configuration,
and Korean syllables missing from the font the system offered): a PDF without extractable text, and one whose
text lacks characters of the resume. Either is a permanent ``RenderError`` naming the cause; a character that no
bundled font has is named with the field it is in, before the PDF is even read.

What is compared, and why it gives no false failures:

* Only text the templates print from the resume (``printed_texts``), not headings or dates they make up.
* Characters are compared one by one, as sets, so order (columns, right-to-left runs) does not matter; both
  sides are NFKC-normalised, case-folded and stripped of combining marks (a PDF font may draw "é" as one
  glyph or two, and templates may set headings in capitals). White space, control and format characters
  (zero-width joiners, soft hyphens) and the parts of emoji sequences (a family, a flag, a skin tone: one glyph
  for several characters) are not compared.
* The PDF side is what its fonts' ``ToUnicode`` maps say the drawn glyphs are. Arabic, Devanagari and Thai are
  shaped: a letter becomes a contextual form or part of a ligature that maps to no character of its own, so
  for these scripts the PDF must embed one of our fonts for the script instead of containing each letter.
* Where a font draws two characters with one glyph (U+30FB and U+2027 in Noto Sans JP), the map names only one
  of them; ``resources/fonts/aliases.json`` lists these pairs (made by docs/import_fonts.py) and either counts.

It reads the ``ToUnicode`` streams straight from the file (Chromium writes plain objects and a classic
cross-reference table): ~1.5 ms for the two-page sample, where extracting the text with pypdf takes ~100 ms a page.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any

from app.errors import RenderError
from app.model.fields import is_absolute_uri
from app.model.resume import Resume
from app.render.fonts import bundled_families, is_covered
from app.render.html import display_url, safe_href
from app.render.sections import plan_sections
from app.resources import resource_path

#: Scripts whose letters a PDF may not list one by one (see the module docstring), by code point range.
SHAPED_SCRIPTS: dict[str, tuple[tuple[int, int], ...]] = {
    "Arab": ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
    "Deva": ((0x0900, 0x097F), (0xA8E0, 0xA8FF)),
    "Thai": ((0x0E00, 0x0E7F),),
}
_SCRIPT_NAMES = {"Arab": "Arabic", "Deva": "Devanagari", "Thai": "Thai"}
#: Characters that, with their neighbours, make one emoji glyph: joiner, variation selector, keycap.
_EMOJI_GLUE = re.compile("[\u200d\ufe0f\u20e3\U0001f3fb-\U0001f3ff\U0001f1e6-\U0001f1ff\U000e0020-\U000e007f]")
_TO_UNICODE_REF = re.compile(rb"\s+(\d+)\s+\d+\s+R")
_BASE_FONT = re.compile(rb"\s*/([^\s/<>\[\]()]+)")
_BF_CHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.DOTALL)
_BF_RANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.DOTALL)
_HEX_PAIR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_HEX_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])")
_MAX_NAMED = 5
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF")
_XREF_SECTION = re.compile(rb"\s*(\d+) (\d+)\s*?\r?\n")
_PREV = re.compile(rb"/Prev\s+(\d+)")
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}){0,2}$")


#: Per kind of section, the fields of an entry the templates print as they are (Python names; custom: generic).
_PRINTED_FIELDS: dict[str, tuple[str, ...]] = {
    "work": ("name", "position", "location", "description", "summary", "highlights"),
    "volunteer": ("organization", "position", "summary", "highlights"),
    "education": ("institution", "area", "study_type", "score", "courses"),
    "awards": ("title", "awarder", "summary"),
    "certificates": ("name", "issuer"),
    "publications": ("name", "publisher", "summary"),
    "skills": ("name", "level", "keywords"),
    "languages": ("language", "fluency"),
    "interests": ("name", "keywords"),
    "references": ("name", "reference"),
    "projects": ("name", "entity", "description", "highlights", "keywords", "roles", "type"),
    "custom": ("line", "title", "subtitle", "location", "summary", "highlights", "keywords"),
}
_DATE_FIELDS = ("start_date", "end_date", "date", "release_date", "start", "end")


def printed_texts(resume: Resume) -> Iterator[tuple[str, str]]:
    """``(field path, text)`` for every piece of resume text the templates print (not URLs they only link).

    Sections and entries come from the same plan the templates follow, so what the user hid is not expected.
    """
    basics = resume.basics
    yield from _fields("basics", basics.model_dump(by_alias=False), ("name", "label", "email", "phone", "summary"))
    if basics.url and (safe_href(basics.url) or not is_absolute_uri(basics.url)):
        yield "basics.url", display_url(basics.url)
    if basics.location is not None:
        yield from _fields(
            "basics.location", basics.location.model_dump(by_alias=False), ("city", "region", "country_code")
        )
    for i, profile in enumerate(basics.profiles):
        yield from _fields(f"basics.profiles.{i}", profile.model_dump(by_alias=False), ("network", "username"))
        if not profile.username and profile.url:
            yield f"basics.profiles.{i}.url", display_url(profile.url)
    data = resume.model_dump(mode="python", by_alias=False)
    stored = resume.model_dump(mode="python", by_alias=True)
    for section in plan_sections(data, stored, defaultdict(str)):
        for index, entry in zip(section.indices, section.entries, strict=True):
            prefix = f"{section.key}.{index}"
            yield from _fields(prefix, entry, _PRINTED_FIELDS[section.kind])
            for date_name in _DATE_FIELDS:
                value = entry.get(date_name)
                if isinstance(value, str) and value.strip() and not _ISO_DATE.match(value.strip()):
                    yield f"{prefix}.{_SCHEMA_NAMES.get(date_name, date_name)}", value  # shown as written
            url = entry.get("url")
            if section.kind in {"publications", "projects", "custom"} and isinstance(url, str) and url:
                yield f"{prefix}.url", display_url(url)


#: Python field names and the names the schema (and the user) know them by.
_SCHEMA_NAMES = {"start_date": "startDate", "end_date": "endDate", "release_date": "releaseDate",
                 "study_type": "studyType", "country_code": "countryCode", "postal_code": "postalCode"}  # fmt: skip


def _fields(prefix: str, entry: dict[str, Any], names: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """The named text fields of one entry, addressed as the schema spells them (``work.0.studyType``)."""
    for name in names:
        value = entry.get(name)
        path = f"{prefix}.{_SCHEMA_NAMES.get(name, name)}"
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, list):
            for j, item in enumerate(value):
                if isinstance(item, str):
                    yield f"{path}.{j}", item


@lru_cache(maxsize=8192)
def comparable(char: str) -> str:
    """How a character is compared: NFKC, case-folded, without combining marks (``É`` → ``e``, ``ﬁ`` → ``fi``)."""
    folded = unicodedata.normalize("NFKC", char).casefold()
    return "".join(part for part in unicodedata.normalize("NFKD", folded) if unicodedata.category(part)[0] != "M")


@lru_cache(maxsize=8192)
def _kind(char: str) -> str | None:
    """``None`` for a character compared one by one; else why not: ``skip`` or a shaped script's code."""
    category = unicodedata.category(char)
    if category[0] in "ZCM":
        return "skip"
    point = ord(char)
    for script, ranges in SHAPED_SCRIPTS.items():
        if any(low <= point <= high for low, high in ranges):
            return script
    return None


def _emoji_parts(text: str) -> set[int]:
    """Positions of characters that belong to an emoji sequence drawn as one glyph."""
    positions: set[int] = set()
    for match in _EMOJI_GLUE.finditer(text):
        positions.update({match.start() - 1, match.start(), match.start() + 1})
    return positions


@cache
def _aliases() -> dict[str, frozenset[str]]:
    """Comparable forms of characters some bundled font draws with the same glyph, each to its partners."""
    groups = json.loads(resource_path("fonts", "aliases.json").read_text(encoding="utf-8"))["groups"]
    found: dict[str, set[str]] = {}
    for group in groups:
        for member in group:
            found.setdefault(member, set()).update(group)
    return {member: frozenset(partners) for member, partners in found.items()}


@cache
def _script_fonts() -> dict[str, tuple[str, ...]]:
    """Per shaped script, the PostScript name stems of our fonts for it (``NotoNaskhArabic``...)."""
    stems: dict[str, list[str]] = {}
    for family in bundled_families().values():
        if family.script in SHAPED_SCRIPTS:
            stems.setdefault(family.script, []).append(family.family.replace(" ", ""))
    return {script: tuple(names) for script, names in stems.items()}


def _distinct_characters(texts: list[str]) -> set[str]:
    """The characters of the texts, without those that only occur inside emoji sequences."""
    joined = "\n".join(texts)
    distinct = set(joined)
    if _EMOJI_GLUE.search(joined):
        glued = _emoji_parts(joined)
        distinct = {char for position, char in enumerate(joined) if position not in glued}
    return distinct


def _field_of(char: str, texts: list[tuple[str, str]]) -> str:
    return next((path for path, text in texts if char in text), "?")


def expected_characters(texts: list[tuple[str, str]]) -> tuple[dict[str, str], dict[str, str]]:
    """What the PDF must show of ``printed_texts``.

    Returns comparable form → a character with that form, and shaped script → one character of that script.
    """
    plain: dict[str, str] = {}
    shaped: dict[str, str] = {}
    for char in _distinct_characters([text for _path, text in texts]):
        kind = _kind(char)
        if kind is None:
            plain.setdefault(comparable(char), char)
        elif kind != "skip":
            shaped.setdefault(kind, char)
    return plain, shaped


def uncovered_characters(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``(character, field)`` for characters of ``printed_texts`` that no bundled font has.

    Chromium would draw them as boxes, or with a system font where we cannot stop it (macOS, Windows).
    """
    missing = [
        char
        for char in set("".join(text for _path, text in texts))
        if unicodedata.category(char)[0] not in "ZC" and not "\ufe00" <= char <= "\ufe0f" and not is_covered(char)
    ]
    return [(char, _field_of(char, texts)) for char in sorted(missing)]


def pdf_text_characters(pdf: bytes, *, general: bool = False) -> tuple[set[str], list[str]]:
    """The comparable forms of every character the PDF's fonts map glyphs to, and the fonts' base names.

    ``general`` reads the maps with pypdf, as happens anyway when the file is not laid out as Chromium writes it.
    """
    names = [match.decode("latin-1") for match in _after(pdf, b"/BaseFont", _BASE_FONT)]
    try:
        if general:
            raise ValueError("asked for the general reader")
        offsets = _xref_offsets(pdf)
        maps = [_read_stream(pdf, offsets[int(number)]) for number in _after(pdf, b"/ToUnicode", _TO_UNICODE_REF)]
    except (ValueError, KeyError, IndexError, zlib.error):
        maps = _to_unicode_streams_with_pypdf(pdf)
    targets = {text for data in maps for text in _cmap_targets(data)}
    found = {comparable(text) for text in targets}
    for text in targets:
        if len(text) > 1:  # a ligature or a cluster: its characters count one by one too
            found.update(map(comparable, text))
    return found, names


def _after(pdf: bytes, key: bytes, value: re.Pattern[bytes]) -> list[bytes]:
    """The values following each ``key`` in the file (``bytes.find`` skims binary streams far faster than a regex)."""
    found = []
    position = pdf.find(key)
    while position >= 0:
        match = value.match(pdf, position + len(key))
        if match:
            found.append(match.group(1))
        position = pdf.find(key, position + len(key))
    return found


def _xref_offsets(pdf: bytes) -> dict[int, int]:
    """Object number → byte offset, from the classic cross-reference tables.

    Chromium writes one; the incremental update of ``apply_metadata`` appends another that points back with
    ``/Prev``. A later table's entry wins.
    """
    match = _STARTXREF.search(pdf, max(0, len(pdf) - 1024))
    if match is None:
        raise ValueError("no startxref")
    offsets: dict[int, int] = {}
    position: int | None = int(match.group(1))
    visited: set[int] = set()
    while position is not None and position not in visited:
        visited.add(position)
        if not pdf.startswith(b"xref", position):
            raise ValueError("not a classic cross-reference table")
        cursor = position + 4
        while (section := _XREF_SECTION.match(pdf, cursor)) is not None:
            first, count = int(section.group(1)), int(section.group(2))
            cursor = section.end()
            for index in range(count):
                entry = pdf[cursor : cursor + 20]
                if entry[17:18] == b"n":
                    offsets.setdefault(first + index, int(entry[:10]))
                cursor += 20
        trailer = pdf[cursor : pdf.index(b"startxref", cursor)]
        previous = _PREV.search(trailer)
        position = int(previous.group(1)) if previous else None
    return offsets


def _read_stream(pdf: bytes, offset: int) -> bytes:
    """The stream of the object at ``offset``; Flate-decoded when its dictionary says so."""
    start = pdf.index(b"stream", offset)
    dictionary = pdf[offset:start]
    start += len(b"stream")
    start += 2 if pdf[start : start + 2] == b"\r\n" else 1
    end = pdf.index(b"endstream", start)
    data = pdf[start:end]
    return zlib.decompress(data) if b"/FlateDecode" in dictionary else data


def _to_unicode_streams_with_pypdf(pdf: bytes) -> list[bytes]:
    """The slow, general way (object streams, other filters), used if the plain layout is not there.

    pypdf is imported here, not with the module: its import is a tenth of a cold export's own time.
    """
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject

    streams: list[bytes] = []
    seen: set[int] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        if not isinstance(fonts, DictionaryObject):
            continue
        for font in fonts.values():
            to_unicode = font.get_object().get("/ToUnicode")
            if to_unicode is not None and id(to_unicode.get_object()) not in seen:
                seen.add(id(to_unicode.get_object()))
                streams.append(to_unicode.get_object().get_data())
    return streams


@lru_cache(maxsize=16384)
def _utf16(hex_text: bytes) -> str:
    return bytes.fromhex(hex_text.decode("ascii")).decode("utf-16-be", errors="replace")


def _cmap_targets(data: bytes) -> Iterator[str]:
    """Every Unicode string a ToUnicode CMap maps some glyph to."""
    for block in _BF_CHAR.findall(data):
        for _source, target in _HEX_PAIR.findall(block):
            yield _utf16(target)
    for block in _BF_RANGE.findall(data):
        for low, high, target in _HEX_RANGE.findall(block):
            if target.startswith(b"["):
                yield from (_utf16(item) for item in re.findall(rb"<([0-9A-Fa-f]+)>", target))
                continue
            first = _utf16(target[1:-1])
            if not first:
                continue
            for offset in range(min(int(high, 16) - int(low, 16), 0xFFFF) + 1):
                yield first[:-1] + chr(ord(first[-1]) + offset)


def _describe(char: str) -> str:
    return f"'{char}' (U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')})"


def verify_pdf_text(resume: Resume, pdf: bytes) -> None:
    """Raises a permanent ``RenderError`` if the PDF lacks the resume's text (see the module docstring)."""
    texts = list(printed_texts(resume))
    uncovered = uncovered_characters(texts)
    if uncovered:
        shown = "; ".join(f"{path}: {_describe(char)}" for char, path in uncovered[:_MAX_NAMED])
        more = f" and {len(uncovered) - _MAX_NAMED} more" if len(uncovered) > _MAX_NAMED else ""
        raise RenderError(
            f"no bundled font has these characters, so the PDF would show boxes: {shown}{more}", transient=False
        )
    plain, shaped = expected_characters(texts)
    if not plain and not shaped:
        return
    found, font_names = pdf_text_characters(pdf)
    if not found:
        raise RenderError(
            "the PDF has no extractable text: its fonts did not load or were not embedded", transient=False
        )
    aliases = _aliases()
    lost = [char for key, char in plain.items() if key not in found and not (aliases.get(key, frozenset()) & found)]
    missing = [(char, _field_of(char, texts)) for char in sorted(lost)]
    stems = _script_fonts()
    for script, char in shaped.items():
        if not any(stem in name for name in font_names for stem in stems.get(script, ())):
            where = f"{_field_of(char, texts)} ({_SCRIPT_NAMES[script]} text, set in none of our {script} fonts)"
            missing.append((char, where))
    if missing:
        shown = "; ".join(f"{path}: {_describe(char)}" for char, path in missing[:_MAX_NAMED])
        more = f" and {len(missing) - _MAX_NAMED} more" if len(missing) > _MAX_NAMED else ""
        raise RenderError(f"the PDF lacks characters of the resume: {shown}{more}", transient=False)
