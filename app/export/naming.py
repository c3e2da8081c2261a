"""Safe, readable file names for exports and ZIP entries: Unicode letters kept, anything dangerous removed."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

MAX_STEM = 80
#: File systems count bytes: 255 per name. Stems stay well below, leaving room for "<stamp>-" and "_2.pdf".
MAX_STEM_BYTES = 150
_WINDOWS_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"{device}{digit}" for device in ("COM", "LPT") for digit in (*"123456789", "¹", "²", "³")),
}
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')


def safe_stem(title: str, fallback: str = "resume") -> str:
    """A file name stem from a title: ``Jane Doe`` → ``Jane_Doe``, ``Zoë/Ünal`` → ``Zoë_Ünal``.

    Letters of every script are kept (NFC-normalised), path separators, control and format characters,
    and characters Windows forbids are removed, leading dots are dropped (no hidden files), Windows
    reserved names get a trailing underscore, and the result is capped at ``MAX_STEM`` characters.
    """
    text = re.sub(r"[\t\n\r\v\f]", " ", unicodedata.normalize("NFC", title))
    text = "".join(ch for ch in text if unicodedata.category(ch) not in {"Cc", "Cf", "Cs", "Co", "Cn"})
    text = _UNSAFE.sub(" ", text)
    text = re.sub(r"\s+", "_", text.strip())
    text = re.sub(r"_+", "_", text).strip("._ ")
    text = text[:MAX_STEM]
    while len(text.encode("utf-8")) > MAX_STEM_BYTES:
        text = text[:-1]
    text = text.rstrip("._ ")
    if not text:
        text = fallback
    head, dot, rest = text.partition(".")
    if head.upper() in _WINDOWS_RESERVED:
        # Windows reads "CON.txt" as the device CON too: the mark goes on the part before the first dot.
        text = f"{head}_{dot}{rest}"
    return text


def unique_name(stem: str, suffix: str, taken: Callable[[str], bool]) -> str:
    """``stem + suffix``, or ``stem_2 + suffix``, ``stem_3``... the first name ``taken`` says is free.

    ``taken`` decides what counts as the same name: callers on case-insensitive targets (ZIPs opened on
    Windows or macOS) compare folded names.
    """
    candidate = f"{stem}{suffix}"
    counter = 1
    while taken(candidate):
        counter += 1
        candidate = f"{stem}_{counter}{suffix}"
    return candidate
