"""The resume's sections as the editor lists them, and the edits of that structure, as plain data (no Qt).

The editor shows every schema section (so the user can fill an empty one) and every custom section, in the order
the export uses (``app.render.sections.plan_sections``): ``meta.sections`` first, then the others in the default
order. Each edit here returns new data; the editor pushes it through the session as one undo step. Whatever
``meta.sections`` holds that we do not know about (extra keys of an item) is written back untouched.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Any

from app.model.resume import Resume
from app.model.sections import SectionSetting, custom_section_keys, readable_title, section_settings
from app.model.shape import fields_of
from app.render.locales import SECTION_KEYS, locale_or_default, section_titles
from app.render.templates import DEFAULT_TEMPLATE_ID, Template, template_registry

#: Keys a custom section may never take: the schema's own and ours.
RESERVED_KEYS = frozenset({"meta", "basics", "$schema"})
#: What ``SectionSetting.as_json`` writes; any other key of a stored item is the user's and is kept.
_SETTING_KEYS = ("key", "title", "hidden", "breakBefore", "column")


@dataclass(frozen=True)
class SectionRow:
    """One section in the editor's list: what it is called and what the user chose for it."""

    setting: SectionSetting
    title: str  #: the heading the export prints (the user's title, else the language's or the readable key)
    default_title: str  #: the heading without the user's title
    custom: bool
    entries: int  #: how many entries the section holds (hidden ones included)
    column: str  #: where a two-column template puts it: ``main`` or ``side`` (the user's, else the template's)

    @property
    def key(self) -> str:
        """The section's key in the resume (``work``, ``side_projects``)."""
        return self.setting.key


def resume_template(data: dict[str, Any]) -> Template:
    """The template the resume is shown with (``meta.template`` when it names one, else the default)."""
    meta = data.get("meta")
    chosen = meta.get("template") if isinstance(meta, dict) else None
    registry = template_registry()
    return (
        registry.get(chosen, registry[DEFAULT_TEMPLATE_ID])
        if isinstance(chosen, str)
        else registry[DEFAULT_TEMPLATE_ID]
    )


def _custom_keys(data: dict[str, Any], settings: list[SectionSetting]) -> list[str]:
    """Custom sections with entries, then those only named in ``meta.sections`` (added, not filled yet)."""
    found = custom_section_keys(data)
    schema = set(fields_of(Resume))
    listed = [
        s.key
        for s in settings
        if s.key not in schema
        and s.key not in RESERVED_KEYS
        and s.key not in found
        and not s.key.startswith("x-")
        and _may_hold_entries(data.get(s.key))
    ]
    return [*found, *listed]


def _may_hold_entries(value: Any) -> bool:
    """An absent or empty key can become a custom section; a key holding something else is not ours to take."""
    return value is None or value == []


def editor_sections(data: dict[str, Any]) -> list[SectionRow]:
    """Every section the editor lists, in the order the export shows them."""
    settings = {setting.key: setting for setting in section_settings(data)}
    custom = _custom_keys(data, list(settings.values()))
    default_order = [*SECTION_KEYS, *custom]
    order = [key for key in settings if key in default_order]
    order += [key for key in default_order if key not in settings]
    meta = data.get("meta")
    locale = meta.get("locale") if isinstance(meta, dict) else None
    headings = section_titles(locale_or_default(locale if isinstance(locale, str) else None))
    sidebar = resume_template(data).manifest.sidebar or ()
    rows = []
    for key in order:
        setting = settings.get(key, SectionSetting(key))
        is_custom = key in custom
        default_title = readable_title(key) if is_custom else headings[key]
        value = data.get(key)
        rows.append(
            SectionRow(
                setting=setting,
                title=setting.title or default_title,
                default_title=default_title,
                custom=is_custom,
                entries=len(value) if isinstance(value, list) else 0,
                column=setting.column or ("side" if key in sidebar else "main"),
            )
        )
    return rows


def stored_sections(
    data: dict[str, Any], settings: list[SectionSetting], drop: frozenset[str] = frozenset()
) -> list[dict[str, Any]]:
    """``meta.sections`` for these settings, complete and in order, as the user's file would keep it.

    Unknown keys of a stored item are kept; items the editor does not list (a setting for a key that holds no
    list, something that is not a setting at all) are kept after them, unless their key is in ``drop``.
    """
    meta = data.get("meta")
    listed = meta.get("sections") if isinstance(meta, dict) else None
    ours = {setting.key for setting in settings}
    extras: dict[str, dict[str, Any]] = {}
    kept: list[Any] = []
    for item in listed if isinstance(listed, list) else []:
        key = item.get("key") if isinstance(item, dict) else None
        if key in ours and isinstance(key, str):
            extras.setdefault(key, {name: value for name, value in item.items() if name not in _SETTING_KEYS})
        elif key not in drop:
            kept.append(copy.deepcopy(item))
    return [*({**setting.as_json(), **copy.deepcopy(extras.get(setting.key, {}))} for setting in settings), *kept]


def with_settings(
    data: dict[str, Any], settings: list[SectionSetting], drop: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """A copy of ``data`` whose ``meta.sections`` is exactly ``settings`` (plus what the editor does not list)."""
    changed = copy.deepcopy(data)
    meta = changed.get("meta")
    if not isinstance(meta, dict):
        meta = changed["meta"] = {}
    meta["sections"] = stored_sections(data, settings, drop)
    return changed


def changed_setting(rows: list[SectionRow], key: str, **changes: Any) -> list[SectionSetting]:
    """The settings in order with one section's setting changed (``title``, ``hidden``, ``break_before``...)."""
    return [replace(row.setting, **changes) if row.key == key else row.setting for row in rows]


def without_section(data: dict[str, Any], rows: list[SectionRow], key: str) -> dict[str, Any]:
    """A copy of ``data`` without section ``key``: its entries and its setting."""
    changed = with_settings(data, [row.setting for row in rows if row.key != key], frozenset({key}))
    changed.pop(key, None)
    return changed


def custom_key(data: dict[str, Any], title: str) -> str:
    """A key for a new custom section called ``title``: its words in ASCII, unique, never a schema key.

    "Side projects" → ``side_projects``; "Prix & distinctions" → ``prix_distinctions``; a title with no Latin
    letters at all ("受賞") → ``section``; a taken key gets a number (``side_projects_2``).
    """
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    base = "_".join(re.findall(r"[a-z0-9]+", ascii_text.lower())) or "section"
    taken = set(data) | set(fields_of(Resume)) | RESERVED_KEYS | {s.key for s in section_settings(data)}
    key, number = base, 2
    while key in taken:
        key, number = f"{base}_{number}", number + 1
    return key


def with_custom_section(data: dict[str, Any], rows: list[SectionRow], title: str) -> tuple[dict[str, Any], str]:
    """A copy of ``data`` with a new custom section titled ``title`` (one empty entry, listed last), and its key."""
    key = custom_key(data, title)
    changed = with_settings(data, [*(row.setting for row in rows), SectionSetting(key, title=title.strip())])
    changed[key] = [{}]
    return changed, key
