"""Field paths in words: ``work.0.startDate`` is "Experience › CEO at Acme › Start" to a person.

Messages about a resume (validation problems, import repairs) name fields by their dotted path, which is right
for the CLI and wrong on screen; the UI says where the field is, with the labels the form shows.
"""

from __future__ import annotations

from typing import Any

from app.errors import FieldIssue
from app.ui.form_spec import BASICS_FIELDS, LOCATION_FIELDS, PROFILES, SECTIONS, FieldSpec, SectionSpec

_SECTIONS: dict[str, SectionSpec] = {spec.key: spec for spec in SECTIONS}
_BASICS: dict[str, FieldSpec] = {spec.key: spec for spec in BASICS_FIELDS}
_LOCATION: dict[str, FieldSpec] = {spec.key: spec for spec in LOCATION_FIELDS}


def _readable_key(key: str) -> str:
    words = "".join(f" {c.lower()}" if c.isupper() else c for c in key).replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def _entry_name(spec: SectionSpec, entry: Any, index: int) -> str:
    if isinstance(entry, dict):
        parts = [str(entry[key]).strip() for key in spec.title_keys if isinstance(entry.get(key), str)]
        name = " · ".join(part for part in parts if part)
        if name:
            return name
    return f"{spec.noun} {index + 1}"


def _field_label(spec: SectionSpec, key: str) -> str:
    return next((field.label for field in spec.fields if field.key == key), _readable_key(key))


def readable_path(dotted: str, data: dict[str, Any]) -> str:
    """Where a field is, in the form's words."""
    parts = dotted.split(".") if dotted else []
    if not parts:
        return "The resume"
    head, rest = parts[0], parts[1:]
    if head == "basics":
        if not rest:
            return "Basics"
        if rest[0] == "location" and len(rest) > 1:
            spec = _LOCATION.get(rest[1])
            return f"Basics › Location › {spec.label if spec else _readable_key(rest[1])}"
        if rest[0] == "profiles" and len(rest) > 1 and rest[1].isdigit():
            profiles = data.get("basics", {}).get("profiles") if isinstance(data.get("basics"), dict) else None
            index = int(rest[1])
            entry = profiles[index] if isinstance(profiles, list) and index < len(profiles) else None
            where = f"Basics › Profiles › {_entry_name(PROFILES, entry, index)}"
            return f"{where} › {_field_label(PROFILES, rest[2])}" if len(rest) > 2 else where
        spec = _BASICS.get(rest[0])
        return f"Basics › {spec.label if spec else _readable_key(rest[0])}"
    if head == "meta":
        return "Design › " + " › ".join(_readable_key(part) for part in rest) if rest else "Design"
    section = _SECTIONS.get(head)
    if section is None:
        return " › ".join(_readable_key(part) if not part.isdigit() else f"entry {int(part) + 1}" for part in parts)
    if not rest or not rest[0].isdigit():
        return section.title
    index = int(rest[0])
    entries = data.get(head)
    entry = entries[index] if isinstance(entries, list) and index < len(entries) else None
    where = f"{section.title} › {_entry_name(section, entry, index)}"
    if len(rest) > 1:
        where += f" › {_field_label(section, rest[1])}"
        if len(rest) > 2 and rest[2].isdigit():
            where += f" (item {int(rest[2]) + 1})"
    return where


def describe_issue(issue: FieldIssue, data: dict[str, Any]) -> str:
    """A problem as the form would say it: "Experience › CEO › Start: 'spring' is not a date"."""
    return f"{readable_path(issue.path, data)}: {issue.message}"
