"""Reactive Resume's JSON export (versions 3, 4 and 5) → JSON Resume.

The three versions differ in nearly every name (``work``/``experience``, ``url``/``url.href``/``website.url``,
``date``/``period``, ``visible``/``hidden``), so each item is read through a small per-version reader and mapped
once per section. Its page settings map to ours where we have a counterpart: section order, titles, hidden
sections and the sidebar (``meta.sections``), hidden items (``hidden: true``), paper, margins, accent colour and
language (``meta.layout``, ``meta.design``, ``meta.locale``). Everything else — item ids, icons, numeric levels,
fonts, the template's name, private notes — is kept under ``x-rxresume`` on the object it came from.
"""

from __future__ import annotations

import re
from typing import Any

from app.model.formats.common import compact, keep_aside, rich_text, section_key, split_period
from app.model.repairs import Repair

SOURCE = "rxresume"
#: Reactive Resume's section ids → ours (the others have the same name).
_SECTION_KEYS = {"experience": "work", "work": "work", "certifications": "certificates"}
_SCHEMA_SECTIONS = (
    "work", "education", "awards", "certificates", "publications", "skills", "languages", "interests", "volunteer",
    "references", "projects",
)  # fmt: skip
#: Headings Reactive Resume gives its sections by default: these are not the user's own titles.
_DEFAULT_TITLES = {
    "work experience", "experience", "work", "education", "awards", "certifications", "certificates",
    "publications", "skills", "languages", "interests", "volunteer experience", "volunteering", "volunteer",
    "references", "projects", "profiles", "summary", "custom section",
}  # fmt: skip


def detect_version(data: dict[str, Any]) -> int | None:
    """3, 4 or 5 for a Reactive Resume export (its unwrapped ``data``), ``None`` for anything else."""
    sections = data.get("sections")
    metadata = data.get("metadata")
    if not isinstance(sections, dict) or not isinstance(metadata, dict) or not isinstance(data.get("basics"), dict):
        return None
    layout = metadata.get("layout")
    if isinstance(data.get("customSections"), list) or isinstance(data.get("picture"), dict):
        return 5
    if isinstance(layout, dict) and isinstance(layout.get("pages"), list):
        return 5
    basics = data["basics"]
    if "summary" in sections or isinstance(sections.get("custom"), dict) or isinstance(basics.get("url"), dict):
        return 4
    if "picture" in basics or "customFields" in basics or "experience" in sections:
        return 4
    return 3


def unwrap(data: dict[str, Any]) -> dict[str, Any]:
    """An API or database dump (``{"id", "title", "data": {...}}``) holds the resume in ``data``."""
    inner = data.get("data")
    if isinstance(inner, dict) and "sections" in inner and "sections" not in data:
        return inner
    return data


def convert(data: dict[str, Any]) -> tuple[dict[str, Any], list[Repair]]:
    """The export as a JSON Resume document, and a note of what was read."""
    data = unwrap(data)
    version = detect_version(data)
    assert version is not None
    converter = _Converter(data, version)
    result = converter.build()
    message = f"read from a Reactive Resume version {version} export"
    note = Repair("", f"Reactive Resume {version}", "JSON Resume", message)
    return result, [note]


class _Converter:
    """One export of one version → one document."""

    def __init__(self, data: dict[str, Any], version: int) -> None:
        self.data = data
        self.version = version
        self.sections: dict[str, Any] = data.get("sections") or {}
        self.metadata: dict[str, Any] = data.get("metadata") or {}
        self.result: dict[str, Any] = {}
        self.section_settings: dict[str, dict[str, Any]] = {}
        self.custom_keys: dict[str, str] = {}  # Reactive Resume's id of a custom section → our key

    # -- reading an item, whatever the version ---------------------------------------------------------------

    def url(self, item: dict[str, Any]) -> str | None:
        value = item.get("website") if self.version == 5 else item.get("url")
        if isinstance(value, dict):
            return value.get("url") or value.get("href") or None
        return value if isinstance(value, str) and value else None

    def period(self, item: dict[str, Any]) -> tuple[str | None, str | None]:
        value = item.get("period") if self.version == 5 and item.get("period") else item.get("date")
        if isinstance(value, dict):  # version 3: {"start": ..., "end": ...}
            return _day(value.get("start")), _day(value.get("end"))
        return split_period(value if isinstance(value, str) else None)

    def single_date(self, item: dict[str, Any]) -> str | None:
        start, _end = self.period(item)
        return start

    def hidden(self, item: dict[str, Any]) -> bool:
        return item.get("hidden") is True or item.get("visible") is False

    @property
    def summary_field(self) -> str:
        """Where an item's rich text is: ``summary`` until version 4, ``description`` in version 5."""
        return "description" if self.version == 5 else "summary"

    def text(self, item: dict[str, Any], *names: str) -> tuple[str | None, list[str]]:
        """Rich text (Markdown in version 3, HTML after) as a summary and its bullet items."""
        for name in names:
            if item.get(name):
                return rich_text(item[name])
        return None, []

    # -- the document ----------------------------------------------------------------------------------------

    def build(self) -> dict[str, Any]:
        self.result["basics"] = self.basics()
        for rr_key, section in self._builtin_sections():
            self.section(rr_key, section)
        for rr_id, section in self._custom_sections():
            self.custom_section(rr_id, section)
        meta = self.meta()
        if meta:
            self.result["meta"] = meta
        return self.result

    def _builtin_sections(self) -> list[tuple[str, dict[str, Any]]]:
        return [
            (key, value)
            for key, value in self.sections.items()
            if isinstance(value, dict) and key not in {"custom", "summary", "profiles"}
            and (_SECTION_KEYS.get(key, key) in _SCHEMA_SECTIONS or self.version == 3)
        ]  # fmt: skip

    def _custom_sections(self) -> list[tuple[str, dict[str, Any]]]:
        if self.version == 5:
            return [(str(section.get("id")), section) for section in self.data.get("customSections") or []]
        if self.version == 4:
            return [(f"custom.{key}", value) for key, value in (self.sections.get("custom") or {}).items()]
        return []

    def basics(self) -> dict[str, Any]:
        source = self.data["basics"]
        summary = {
            3: source.get("summary"),
            4: (self.sections.get("summary") or {}).get("content"),
        }.get(self.version, (self.data.get("summary") or {}).get("content"))
        if isinstance(summary, dict):  # version 3 exports of version 4's importer: {"body": ...}
            summary = summary.get("body")
        text, items = rich_text(summary)
        picture = {3: source.get("photo"), 4: source.get("picture")}.get(self.version, self.data.get("picture"))
        website = source.get("website") if self.version == 3 else self.url({"url": source.get("url"), **source})
        basics: dict[str, Any] = {
            "name": source.get("name"),
            "label": source.get("headline"),
            "email": source.get("email"),
            "phone": source.get("phone"),
            "url": website,
            "image": _picture_url(picture),
            "summary": "\n".join([text or "", *(f"• {item}" for item in items)]).strip(),
            "location": self.location(source.get("location")),
            "profiles": self.profiles(),
        }
        basics = compact(basics)
        keep_aside(
            basics,
            SOURCE,
            {"birthdate": source.get("birthdate"), "customFields": source.get("customFields"), "picture": picture},
        )
        return basics

    def location(self, value: Any) -> Any:
        if isinstance(value, dict):  # version 3
            return compact(
                {
                    "address": value.get("address"),
                    "city": value.get("city"),
                    "region": value.get("region"),
                    "postalCode": value.get("postalCode"),
                    "countryCode": value.get("country"),
                }
            )
        return {"city": value} if isinstance(value, str) and value.strip() else None

    def profiles(self) -> list[dict[str, Any]]:
        if self.version == 3:
            items = self.data["basics"].get("profiles") or []
        else:
            items = (self.sections.get("profiles") or {}).get("items") or []
        profiles = []
        for item in items:
            if not isinstance(item, dict) or self.hidden(item):
                continue
            entry = compact({"network": item.get("network"), "username": item.get("username"), "url": self.url(item)})
            keep_aside(entry, SOURCE, {"id": item.get("id"), "icon": item.get("icon")})
            profiles.append(entry)
        return profiles

    # -- sections ------------------------------------------------------------------------------------------------

    def section(self, rr_key: str, section: dict[str, Any]) -> None:
        key = _SECTION_KEYS.get(rr_key, rr_key)
        if self.version == 3 and (section.get("type") == "custom" or key not in _SCHEMA_SECTIONS):
            self.custom_section(rr_key, section)
            return
        entries = [self.entry(key, item) for item in section.get("items") or [] if isinstance(item, dict)]
        if entries:
            self.result.setdefault(key, []).extend(entries)
        self.remember_section(rr_key, key, section)

    def custom_section(self, rr_id: str, section: dict[str, Any]) -> None:
        title = str(section.get("name") or section.get("title") or "Custom section")
        key = section_key(title, set(self.result) | set(_SCHEMA_SECTIONS) | {"basics", "meta"})
        kind = _SECTION_KEYS.get(str(section.get("type") or ""), str(section.get("type") or ""))
        entries = []
        for item in section.get("items") or []:
            if isinstance(item, dict):
                entries.append(self.entry(kind, item) if kind in _SCHEMA_SECTIONS else self.generic_entry(item))
        self.result[key] = entries
        self.custom_keys[rr_id] = key
        self.remember_section(rr_id, key, section, title=title)

    def remember_section(self, rr_id: str, key: str, section: dict[str, Any], title: str | None = None) -> None:
        name = title or section.get("name") or section.get("title")
        setting: dict[str, Any] = {"key": key}
        if isinstance(name, str) and name.strip() and (title or name.strip().casefold() not in _DEFAULT_TITLES):
            setting["title"] = name.strip()
        if self.hidden(section):
            setting["hidden"] = True
        if section.get("startOnNewPage") is True:
            setting["breakBefore"] = True
        self.section_settings[rr_id] = setting

    def entry(self, key: str, item: dict[str, Any]) -> dict[str, Any]:
        """One item of a built-in section: its fields by section, what has no place kept aside."""
        fields = compact(_FIELDS[key](self, item))
        if self.hidden(item):
            fields["hidden"] = True
        numeric = {name: item[name] for name in ("level", "levelNum") if isinstance(item.get(name), int | float)}
        leftovers = {name: value for name, value in item.items() if name not in _READ_FIELDS}
        keep_aside(fields, SOURCE, {**leftovers, **numeric})
        return fields

    def generic_entry(self, item: dict[str, Any]) -> dict[str, Any]:
        """An item of a custom section (version 3: title/subtitle; version 4: name/description)."""
        start, end = self.period(item)
        summary, bullets = self.text(item, "summary", "description" if self.version == 5 else "")
        entry = compact(
            {
                "name": item.get("title") or item.get("name"),
                "position": item.get("subtitle") or (item.get("description") if self.version == 4 else None),
                "location": item.get("location"),
                "startDate": start,
                "endDate": end,
                "url": self.url(item),
                "summary": summary,
                "highlights": bullets,
                "keywords": item.get("keywords"),
            }
        )
        if self.hidden(item):
            entry["hidden"] = True
        keep_aside(entry, SOURCE, {"id": item.get("id"), "level": item.get("level"), "levelNum": item.get("levelNum")})
        return entry

    # -- page settings -------------------------------------------------------------------------------------------

    def meta(self) -> dict[str, Any]:
        meta: dict[str, Any] = {}
        sections = self.ordered_sections()
        if sections:
            meta["sections"] = sections
        found = self.metadata.get("page")
        page: dict[str, Any] = found if isinstance(found, dict) else {}
        paper = str(page.get("format") or "").lower()
        layout: dict[str, Any] = {}
        if paper in {"a4", "letter"}:
            layout["pageSize"] = paper
        margin = page.get("marginX") if self.version == 5 else page.get("margin")
        if isinstance(margin, int | float):  # version 5 in points, version 4 in CSS pixels
            layout["marginMm"] = round(margin * (0.3528 if self.version == 5 else 0.2646), 1)
        if layout:
            meta["layout"] = layout
        accent = _hex_colour(self.accent())
        if accent:
            meta["design"] = {"accent": accent}
        locale = self.metadata.get("locale") if self.version == 3 else page.get("locale")
        if isinstance(locale, str) and locale:
            meta["locale"] = locale
        kept = {key: value for key, value in self.metadata.items() if key not in {"layout"}}
        keep_aside(meta, SOURCE, {"version": self.version, "metadata": kept, "layout": self.metadata.get("layout")})
        return meta

    def accent(self) -> Any:
        if self.version == 5:
            return ((self.metadata.get("design") or {}).get("colors") or {}).get("primary")
        return (self.metadata.get("theme") or {}).get("primary")

    def ordered_sections(self) -> list[dict[str, Any]]:
        """``meta.sections`` in the layout's order: page by page, main column then sidebar."""
        placed: list[dict[str, Any]] = []
        for page_number, columns in enumerate(self.layout_pages()):
            first_on_page = True
            for column_number, column in enumerate(columns):
                for rr_id in column:
                    setting = self.setting_for(rr_id)
                    if setting is None:
                        continue
                    setting = dict(setting)
                    if column_number > 0:
                        setting["column"] = "side"
                    if page_number > 0 and first_on_page:
                        setting["breakBefore"] = True
                    first_on_page = False
                    placed.append(setting)
        listed = {setting["key"] for setting in placed}
        placed.extend(s for s in self.section_settings.values() if s["key"] not in listed and len(s) > 1)
        return placed

    def layout_pages(self) -> list[list[list[str]]]:
        layout = self.metadata.get("layout")
        if isinstance(layout, dict):  # version 5
            return [[page.get("main") or [], page.get("sidebar") or []] for page in layout.get("pages") or []]
        if isinstance(layout, list):
            pages = [page for page in layout if isinstance(page, list)]
            return [[list(column) for column in page if isinstance(column, list)] for page in pages]
        return []

    def setting_for(self, rr_id: str) -> dict[str, Any] | None:
        if rr_id in self.section_settings:
            return self.section_settings[rr_id]
        if rr_id in self.custom_keys.values():
            return next(s for s in self.section_settings.values() if s["key"] == rr_id)
        plain = rr_id.removeprefix("custom.")
        for known, setting in self.section_settings.items():
            if known.removeprefix("custom.") == plain:
                return setting
        return None


def _picture_url(picture: Any) -> str | None:
    """The photo's address unless the resume hides it (v3 ``visible``, v4 ``effects.hidden``, v5 ``hidden``)."""
    if not isinstance(picture, dict):
        return None
    hidden = picture.get("hidden") is True or picture.get("visible") is False
    hidden = hidden or (isinstance(picture.get("effects"), dict) and picture["effects"].get("hidden") is True)
    url = picture.get("url")
    return url if isinstance(url, str) and url and not hidden else None


def _day(value: Any) -> str | None:
    """A version 3 date: ``YYYY-MM-DD``, or a UTC timestamp of a local midnight (rounded to the nearest day)."""
    if not isinstance(value, str) or not value.strip():
        return None
    match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})T(\d{2}):\d{2}.*", value.strip())
    if match is None:
        return value.strip()
    import datetime as dt

    day = dt.date.fromisoformat(match.group(1))
    return (day + dt.timedelta(days=1)).isoformat() if int(match.group(2)) >= 12 else day.isoformat()


def _hex_colour(value: Any) -> str | None:
    """``#dc2626`` as it is; ``rgba(220, 38, 38, 1)`` as ``#dc2626``."""
    if not isinstance(value, str):
        return None
    if re.fullmatch(r"#[0-9a-fA-F]{6}", value.strip()):
        return value.strip().lower()
    match = re.fullmatch(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*[\d.]+\s*)?\)", value.strip())
    if match is None:
        return None
    return "#" + "".join(f"{min(int(part), 255):02x}" for part in match.groups())


def _work(reader: _Converter, item: dict[str, Any]) -> dict[str, Any]:
    start, end = reader.period(item)
    summary, bullets = reader.text(item, reader.summary_field)
    return {
        "name": item.get("company") or item.get("name"),
        "position": item.get("position"),
        "location": item.get("location"),
        "url": reader.url(item),
        "startDate": start,
        "endDate": end,
        "summary": summary,
        "highlights": bullets,
    }


def _volunteer(reader: _Converter, item: dict[str, Any]) -> dict[str, Any]:
    fields = _work(reader, item)
    fields["organization"] = item.get("organization")
    del fields["name"], fields["location"]
    return fields


def _education(reader: _Converter, item: dict[str, Any]) -> dict[str, Any]:
    start, end = reader.period(item)
    return {
        "institution": item.get("institution") or item.get("school"),
        "studyType": item.get("studyType") or item.get("degree"),
        "area": item.get("area"),
        "score": item.get("score") or item.get("grade"),
        "url": reader.url(item),
        "startDate": start,
        "endDate": end,
        "courses": item.get("courses"),
    }


def _award(reader: _Converter, item: dict[str, Any]) -> dict[str, Any]:
    summary, bullets = reader.text(item, reader.summary_field)
    return {
        "title": item.get("title"),
        "awarder": item.get("awarder"),
        "date": reader.single_date(item),
        "summary": "\n".join([summary or "", *bullets]).strip(),
    }


def _certificate(reader: _Converter, item: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": item.get("name") or item.get("title"),
        "issuer": item.get("issuer"),
        "date": reader.single_date(item),
        "url": reader.url(item),
    }


def _publication(reader: _Converter, item: dict[str, Any]) -> dict[str, Any]:
    summary, bullets = reader.text(item, reader.summary_field)
    return {
        "name": item.get("name") or item.get("title"),
        "publisher": item.get("publisher"),
        "releaseDate": reader.single_date(item),
        "url": reader.url(item),
        "summary": "\n".join([summary or "", *bullets]).strip(),
    }


def _skill(reader: _Converter, item: dict[str, Any]) -> dict[str, Any]:
    level = item.get("proficiency") or item.get("description") or item.get("level")
    return {
        "name": item.get("name"),
        "level": level if isinstance(level, str) else None,
        "keywords": item.get("keywords"),
    }


def _language(reader: _Converter, item: dict[str, Any]) -> dict[str, Any]:
    fluency = item.get("fluency") or item.get("description") or item.get("level")
    return {
        "language": item.get("language") or item.get("name"),
        "fluency": fluency if isinstance(fluency, str) else None,
    }


def _interest(reader: _Converter, item: dict[str, Any]) -> dict[str, Any]:
    return {"name": item.get("name"), "keywords": item.get("keywords")}


def _reference(reader: _Converter, item: dict[str, Any]) -> dict[str, Any]:
    summary, bullets = reader.text(item, reader.summary_field)
    return {"name": item.get("name"), "reference": "\n".join([summary or "", *bullets]).strip()}


def _project(reader: _Converter, item: dict[str, Any]) -> dict[str, Any]:
    start, end = reader.period(item)
    summary, bullets = reader.text(item, reader.summary_field)
    # Versions 3 and 4 have a short plain description beside a rich summary; version 5 one rich description.
    lead = item.get("description") if reader.version != 5 else None
    return {
        "name": item.get("name"),
        "description": "\n".join(part for part in (lead, summary) if part) or None,
        "highlights": bullets,
        "url": reader.url(item),
        "startDate": start,
        "endDate": end,
        "keywords": item.get("keywords"),
    }


_FIELDS = {
    "work": _work,
    "volunteer": _volunteer,
    "education": _education,
    "awards": _award,
    "certificates": _certificate,
    "publications": _publication,
    "skills": _skill,
    "languages": _language,
    "interests": _interest,
    "references": _reference,
    "projects": _project,
}
#: Item fields the mappers read; the rest of an item is kept aside.
_READ_FIELDS = frozenset(
    {
        "name", "position", "location", "summary", "description", "url", "website", "date", "period", "title",
        "company", "organization", "institution", "school", "studyType", "degree", "area", "score", "grade",
        "courses", "awarder", "issuer", "publisher", "proficiency", "level", "fluency", "language", "keywords",
        "visible", "hidden",
    }
)  # fmt: skip
