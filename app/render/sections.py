"""Which sections a resume shows, in which order, under which headings, in which column: one plan for every output.

Templates, the DOCX, Markdown and text exports and the ATS check all take the plan from here, so a section the
user renamed, moved, hid or added (``meta.sections``, custom sections, hidden entries; see ``app.model.sections``)
looks the same in every format. Sections listed in ``meta.sections`` come first, in that order; sections with
content that are not listed follow in the default order (the schema's, then custom sections as the file has
them). Hidden sections and hidden entries are left out; so are entries with nothing in them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.model.sections import (
    SectionSetting,
    custom_section_keys,
    generic_entry,
    is_hidden,
    readable_title,
    section_settings,
)
from app.render.locales import SECTION_KEYS


@dataclass(frozen=True)
class PlannedSection:
    """One section as it is shown: its entries (visible, non-empty) and where it goes."""

    key: str
    title: str
    entries: list[dict[str, Any]]
    #: Where each entry is in the resume's list (for messages and jumping to the field): ``work.<index>``.
    indices: list[int] = field(default_factory=list)
    custom: bool = False
    break_before: bool = False
    column: str = "main"  #: ``main`` or ``side`` (two-column templates place ``side`` in the sidebar)
    setting: SectionSetting = field(default_factory=lambda: SectionSetting(""))

    @property
    def kind(self) -> str:
        """What the entries look like: the schema section's key, or ``custom`` for the generic layout."""
        return "custom" if self.custom else self.key


def plan_sections(
    data: Mapping[str, Any],
    stored: Mapping[str, Any],
    titles: Mapping[str, str],
    sidebar: frozenset[str] = frozenset(),
) -> list[PlannedSection]:
    """The sections to show, in order.

    ``data`` is the resume as templates get it (Python field names), ``stored`` as it is stored (the schema's
    names: ``meta.sections`` and custom sections are read from it), ``titles`` the headings of the resume's
    language by schema key, ``sidebar`` the sections a two-column template puts in its sidebar by default.
    """
    settings = {setting.key: setting for setting in section_settings(dict(stored))}
    custom = custom_section_keys(dict(stored))
    default_order = [*SECTION_KEYS, *custom]
    order = [*settings, *(key for key in default_order if key not in settings)]
    planned = []
    for key in order:
        if key not in default_order:
            continue  # a setting for a section the resume does not have
        setting = settings.get(key, SectionSetting(key))
        if setting.hidden:
            continue
        is_custom = key in custom
        shown = _entries(stored[key] if is_custom else data.get(key) or [], is_custom)
        if not shown:
            continue
        planned.append(
            PlannedSection(
                key=key,
                title=setting.title or (readable_title(key) if is_custom else titles[key]),
                entries=[entry for _index, entry in shown],
                indices=[index for index, _entry in shown],
                custom=is_custom,
                break_before=setting.break_before,
                column=setting.column or ("side" if key in sidebar else "main"),
                setting=setting,
            )
        )
    return planned


def _entries(items: Any, custom: bool) -> list[tuple[int, dict[str, Any]]]:
    """The entries to show, with their positions: not hidden, not empty; custom ones in the generic shape."""
    shown = []
    for index, item in enumerate(items if isinstance(items, list) else []):
        if is_hidden(item):
            continue
        entry = generic_entry(item) if custom else item
        if isinstance(entry, dict) and _has_content(entry):
            shown.append((index, entry))
    return shown


def _has_content(value: Any) -> bool:
    """Whether an entry holds anything to show (a freshly added, empty entry does not)."""
    if isinstance(value, dict):
        shown = (item for key, item in value.items() if key != "hidden" and not str(key).startswith("x-"))
        return any(_has_content(item) for item in shown)
    if isinstance(value, list):
        return any(_has_content(item) for item in value)
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None and value is not False
