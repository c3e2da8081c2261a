"""The resume's own structure: which sections, in which order, under which titles, and which entries are hidden.

What the user chose is stored in the resume (CONTRACT.md): ``meta.sections`` is an ordered list of
``{"key", "title"?, "hidden"?, "breakBefore"?, "column"?}``; an entry of any section carries ``"hidden": true``
to be kept but not exported; a top-level key outside the schema whose value is a list of objects or strings is a
custom section. This module reads those choices leniently (a malformed setting is skipped, never an error) and
gives custom sections' entries one generic shape, so every template and every export format shows them alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from app.model.resume import Resume
from app.model.shape import fields_of, schema_sections

#: Top-level keys that are never sections: ours and the schema's own.
_NOT_SECTIONS = frozenset({"meta", "basics", "$schema"})
#: Columns a two-column template has.
COLUMNS = ("main", "side")


@dataclass(frozen=True)
class SectionSetting:
    """One entry of ``meta.sections``: what the user chose for one section."""

    key: str
    title: str | None = None
    hidden: bool = False
    break_before: bool = False
    column: str | None = None  #: ``main`` or ``side`` in two-column templates; ``None``: the template's choice

    def as_json(self) -> dict[str, Any]:
        """The setting as ``meta.sections`` stores it (only what differs from the defaults)."""
        stored: dict[str, Any] = {"key": self.key}
        if self.title:
            stored["title"] = self.title
        if self.hidden:
            stored["hidden"] = True
        if self.break_before:
            stored["breakBefore"] = True
        if self.column:
            stored["column"] = self.column
        return stored


def section_settings(data: dict[str, Any]) -> list[SectionSetting]:
    """``meta.sections`` as settings, in order; entries that are not objects with a text ``key`` are skipped."""
    meta = data.get("meta")
    listed = meta.get("sections") if isinstance(meta, dict) else None
    settings: list[SectionSetting] = []
    seen: set[str] = set()
    for item in listed if isinstance(listed, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("key"), str) or item["key"] in seen:
            continue
        seen.add(item["key"])
        title = item.get("title")
        column = item.get("column")
        settings.append(
            SectionSetting(
                key=item["key"],
                title=title.strip() if isinstance(title, str) and title.strip() else None,
                hidden=item.get("hidden") is True,
                break_before=item.get("breakBefore") is True,
                column=column if column in COLUMNS else None,
            )
        )
    return settings


def custom_section_keys(data: dict[str, Any]) -> list[str]:
    """Top-level keys outside the schema holding a list of objects or strings, in the file's order."""
    schema_keys = set(fields_of(Resume))
    return [
        key
        for key, value in data.items()
        if key not in schema_keys
        and key not in _NOT_SECTIONS
        and not key.startswith("x-")
        and isinstance(value, list)
        and value
        and all(isinstance(item, dict | str) for item in value)
    ]


def readable_title(key: str) -> str:
    """A custom section's key as a heading: ``side_projects`` → "Side projects", ``openSource`` → "Open source"."""
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", key).replace("_", " ").replace("-", " ").split()
    if not words:
        return key
    text = " ".join(word if word.isupper() and len(word) > 1 else word.lower() for word in words)
    return text[0].upper() + text[1:]


def is_hidden(entry: Any) -> bool:
    """Whether an entry is kept in the data but not shown or exported (``"hidden": true``)."""
    return isinstance(entry, dict) and entry.get("hidden") is True


_EMPTY_ENTRY: dict[str, Any] = {
    "line": None, "title": None, "subtitle": None, "start": None, "end": None, "date": None, "location": None,
    "url": None, "summary": None, "highlights": [], "keywords": [],
}  # fmt: skip


def generic_entry(entry: dict[str, Any] | str) -> dict[str, Any]:
    """A custom section's entry in the one shape templates show: title, subtitle, dates, place, link, text, lists.

    An entry written as a string is a ``line`` (shown as a bullet point).
    """
    if isinstance(entry, str):  # a section written as a list of lines ("recognition": ["Civic Hero 2020"])
        return {**_EMPTY_ENTRY, "line": entry.strip()}

    def text(*names: str) -> str | None:
        for name in names:
            value = entry.get(name)
            if isinstance(value, str | int | float) and not isinstance(value, bool) and str(value).strip():
                return str(value).strip()
        return None

    def texts(*names: str) -> list[str]:
        for name in names:
            value = entry.get(name)
            if isinstance(value, list):
                return [str(item) for item in value if isinstance(item, str | int | float) and str(item).strip()]
        return []

    return {
        "line": None,
        "title": text("name", "title", "organization", "organisation", "company", "institution", "client"),
        "subtitle": text("position", "role", "subtitle", "issuer", "awarder", "publisher", "area"),
        "start": text("startDate", "start"),
        "end": text("endDate", "end"),
        "date": text("date", "releaseDate", "year"),
        "location": text("location", "place", "city"),
        "url": text("url", "website", "link"),
        "summary": text("summary", "description", "details"),
        "highlights": texts("highlights", "bullets", "items"),
        "keywords": texts("keywords", "tags", "skills"),
    }


def section_keys(data: dict[str, Any]) -> tuple[str, ...]:
    """Every section a resume can show: the schema's, then its custom sections."""
    return (*schema_sections(), *custom_section_keys(data))
