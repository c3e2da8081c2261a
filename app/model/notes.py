"""Notes for the editor: values the export keeps as written rather than reading them, said at the field.

They never block an export (an error does: ``find_issues``). A date that is not ``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD`` is printed exactly as written, not in the resume's language; an e-mail that is not an address and a
web address without a scheme are shown as text and not linked. When the date can be read (``March 2020``), the
note says how to write it.
"""

from __future__ import annotations

from typing import Any

from app.errors import FieldIssue
from app.model.dates import read_date
from app.model.fields import FieldKind, is_absolute_uri, is_email, is_partial_date, partial_date_problem
from app.model.resume import Resume
from app.model.shape import text_fields


def field_notes(data: Any) -> list[FieldIssue]:
    """A note per field whose value is kept as written; an empty list when every value is read as meant."""
    if not isinstance(data, dict):
        return []
    notes = []
    for path, kind, value in text_fields(Resume, data):
        message = _note(kind, value, data)
        if message:
            notes.append(FieldIssue(path, message))
    return notes


def _note(kind: FieldKind, value: str, data: dict[str, Any]) -> str | None:
    if kind is FieldKind.DATE and not is_partial_date(value):
        problem = partial_date_problem(value)
        if problem:
            return f"{problem}; it is printed as written"
        meta = data.get("meta")
        locale = meta.get("locale") if isinstance(meta, dict) else None
        reading = read_date(value, locale if isinstance(locale, str) else None)
        if reading is not None and reading.iso:
            return f"printed as written; write {reading.iso} to have it in the resume's language"
        if reading is not None and reading.ongoing:
            return "printed as written; for ongoing work leave the end date empty (it prints as “present”)"
        return "not a date that can be read; printed as written (use YYYY, YYYY-MM or YYYY-MM-DD)"
    if kind is FieldKind.EMAIL and not is_email(value):
        return "not an e-mail address: shown as text, not linked"
    if kind is FieldKind.URI and not is_absolute_uri(value):
        return "not a full web address (https://…): shown as text, not linked"
    return None
