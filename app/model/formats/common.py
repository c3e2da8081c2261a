"""Pieces every importer of another tool's format needs: periods, rich text, section keys, kept-aside data."""

from __future__ import annotations

import re
from typing import Any

from app.model.dates import ONGOING_WORDS
from app.model.text_repairs import is_markup, markup_to_text

#: Separators between the two ends of a written period ("Jan 2020 - Present", "2012 to 2016").
_PERIOD_SEPARATOR = re.compile(r"\s+(?:-|–|—|to|until|till|bis|à|a|al|até|tot)\s+|\s*[–—]\s*|(?<=\d)\s*-\s*(?=\D)")
_MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(\S(?:.*?\S)?)\1")
_LIST_LINE = re.compile(r"^\s*(?:[-*+•]|\d{1,2}[.)])\s+(.*)$")


def split_period(text: str | None) -> tuple[str | None, str | None]:
    """A written period as (start, end) texts.

    An open end ("Jan 2020 - Present", "2015 -") gives ``None`` for the end, and a single date ("2020") is both
    ends, so it is not taken for something still going on. Importers' own artefacts are dropped: Reactive
    Resume wrote ``2019-06-01 - undefined`` for an open end.
    """
    if not text or not text.strip():
        return None, None
    single = _PERIOD_SEPARATOR.search(text.strip()) is None and not re.search(r"[-–—]\s*$", text.strip())
    parts = [part.strip() for part in _PERIOD_SEPARATOR.split(text.strip().rstrip("-–— "), maxsplit=1)]
    parts = [part for part in parts if part and part.casefold() not in {"undefined", "null", "none"}]
    if not parts:
        return None, None
    start = parts[0]
    end = parts[1] if len(parts) > 1 else (start if single else None)
    if end is not None and end.casefold().rstrip(".") in ONGOING_WORDS:
        end = None
    return start, end


def rich_text(value: Any) -> tuple[str | None, list[str]]:
    """HTML or Markdown text as (paragraphs, list items): list items become highlights, the rest a summary."""
    if not isinstance(value, str) or not value.strip():
        return None, []
    text = markup_to_text(value) if is_markup(value) else plain_markdown(value)
    text = text if text is not None else value
    paragraphs: list[str] = []
    items: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        bullet = _LIST_LINE.match(stripped) or (re.match(r"^•\s*(.*)$", stripped))
        if bullet:
            items.append(bullet.group(1).strip())
        elif stripped or (paragraphs and paragraphs[-1]):
            paragraphs.append(stripped)
    summary = "\n".join(paragraphs).strip() or None
    return summary, items


def plain_markdown(text: str) -> str:
    """Markdown emphasis and links as plain text: ``**bold**`` → ``bold``, ``[site](url)`` → ``site (url)``."""
    text = _MARKDOWN_LINK.sub(lambda match: f"{match.group(1)} ({match.group(2)})", text)
    return _MARKDOWN_EMPHASIS.sub(lambda match: match.group(2), text)


def markdown_link(text: str) -> tuple[str, str | None]:
    """A value that is one Markdown link (``[FlashInfer](https://…)``) as its text and URL."""
    match = _MARKDOWN_LINK.fullmatch(text.strip())
    if match is None:
        return plain_markdown(text), None
    return match.group(1), match.group(2)


def section_key(title: str, taken: set[str]) -> str:
    """A custom section's key from its title: ``Side Projects`` → ``side_projects``, unique among ``taken``."""
    base = re.sub(r"[^\w]+", "_", title.strip().casefold()).strip("_") or "section"
    key, number = base, 2
    while key in taken:
        key, number = f"{base}_{number}", number + 1
    taken.add(key)
    return key


def keep_aside(target: dict[str, Any], source: str, values: dict[str, Any]) -> None:
    """Keeps what has no place in JSON Resume on the object it belongs to, under ``x-<source>``."""
    kept = {key: value for key, value in values.items() if value not in (None, "", [], {})}
    if kept:
        target.setdefault(f"x-{source}", {}).update(kept)


def compact(entry: dict[str, Any]) -> dict[str, Any]:
    """An entry without its empty fields (importers fill every column; the resume needs only what was said)."""
    return {key: value for key, value in entry.items() if value not in (None, "", [], {})}
