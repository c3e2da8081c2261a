"""Field types shared by every section: text, partial dates, e-mail addresses and URIs.

The working model is lenient about *formats* and strict about *types*: a date the import could not read
("Summer 2019"), an e-mail that is not an address ("###EMAIL###") or a relative link ("pdf/cv.pdf") is kept
as the person wrote it and printed as text, because refusing it would turn people away for a detail. A value of
the wrong type (a number where text belongs, an explicit ``null``) is an error here; the import layer
(``app.model.normalise``) repairs those before the model sees them. Conformance to the official schema's
patterns and formats is judged separately, by ``app.model.schema_check`` (``resumepair validate``).

Each field type carries a ``FieldKind`` in its metadata so the normaliser can walk the models instead of
keeping a second description of the schema.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from typing import Annotated, Any

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

#: The official schema's ``iso8601`` pattern: YYYY, YYYY-MM or YYYY-MM-DD.
ISO_DATE_PATTERN = re.compile(r"([1-2][0-9]{3})(?:-([0-1][0-9])(?:-([0-3][0-9]))?)?")
_EMAIL_PATTERN = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_URI_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S*")


class FieldKind(enum.Enum):
    """What a text field holds, for the normaliser and the strict checks."""

    TEXT = "text"
    DATE = "date"
    EMAIL = "email"
    URI = "uri"
    TEXT_LIST = "text list"


def is_partial_date(value: str) -> bool:
    """Whether ``value`` is a real YYYY, YYYY-MM or YYYY-MM-DD date (the pattern *and* the calendar)."""
    return partial_date_problem(value) is None and ISO_DATE_PATTERN.fullmatch(value) is not None


def partial_date_problem(value: str) -> str | None:
    """Why a value shaped like an ISO date is not one (``2019-13``, ``2019-02-30``); ``None`` otherwise."""
    match = ISO_DATE_PATTERN.fullmatch(value)
    if match is None:
        return None
    year, month, day = match.groups()
    if month is not None and not 1 <= int(month) <= 12:
        return f"'{value}' has no month {month}"
    if day is not None:
        try:
            dt.date(int(year), int(month), int(day))
        except ValueError:
            return f"'{value}' is not a day in the calendar"
    return None


def is_email(value: str) -> bool:
    """Whether ``value`` looks like an e-mail address (the whole value, no surrounding text)."""
    return _EMAIL_PATTERN.fullmatch(value) is not None


def is_absolute_uri(value: str) -> bool:
    """Whether ``value`` is an absolute URI with a scheme (``https://…``, ``mailto:…``), as RFC 3986 says."""
    return _URI_PATTERN.fullmatch(value) is not None


def _text(value: Any) -> str:
    if value is None:
        raise PydanticCustomError("null_text", "must be text, not null (remove the field or give it a value)")
    if not isinstance(value, str):
        raise PydanticCustomError("not_text", "must be text, not {kind}", {"kind": json_kind(value)})
    return value


def _text_list(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise PydanticCustomError("not_list", "must be a list of text, not {kind}", {"kind": json_kind(value)})
    return value


def json_kind(value: Any) -> str:
    """Names a Python value by its JSON type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "text"


# The validators sit outside the ``| None`` so that an explicit null is rejected while an absent field keeps
# its ``None`` default (defaults are not validated).
ItemText = Annotated[str, BeforeValidator(_text)]
Text = Annotated[str | None, BeforeValidator(_text), FieldKind.TEXT]
PartialDate = Annotated[str | None, BeforeValidator(_text), FieldKind.DATE]
Email = Annotated[str | None, BeforeValidator(_text), FieldKind.EMAIL]
Uri = Annotated[str | None, BeforeValidator(_text), FieldKind.URI]
TextList = Annotated[list[ItemText], BeforeValidator(_text_list), FieldKind.TEXT_LIST]
