"""Safe, readable file names for exports and ZIP entries: Unicode letters kept, anything dangerous removed."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

MAX_STEM = 80
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
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
    text = text[:MAX_STEM].rstrip("._ ")
    if not text:
        text = fallback
    if text.split(".")[0].upper() in _WINDOWS_RESERVED:
        text = f"{text}_"
    return text


def unique_name(stem: str, suffix: str, taken: Callable[[str], bool]) -> str:
    """``stem + suffix``, or ``stem_2 + suffix``, ``stem_3``... the first name ``taken`` says is free."""
    candidate = f"{stem}{suffix}"
    counter = 1
    while taken(candidate):
        counter += 1
        candidate = f"{stem}_{counter}{suffix}"
    return candidate
