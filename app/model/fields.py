"""Field types shared by every section: text, partial dates, e-mail addresses and URIs.

The JSON Resume schema says a string field holds a string; an explicit ``null`` is not a string, so it is an
error here (absent fields are fine). Each check raises a ``PydanticCustomError`` whose message is already
written for people, so the mapping in ``issues.py`` can pass it through unchanged.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

_DATE_PATTERN = re.compile(r"^([1-2][0-9]{3})(?:-([0-1][0-9])(?:-([0-3][0-9]))?)?$")
_EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URI_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S*$")


def _text(value: Any) -> str:
    if value is None:
        raise PydanticCustomError("null_text", "must be text, not null (remove the field or give it a value)")
    if not isinstance(value, str):
        raise PydanticCustomError("not_text", "must be text, not {kind}", {"kind": _json_kind(value)})
    return value


def _date(value: Any) -> str:
    text = _text(value)
    match = _DATE_PATTERN.match(text)
    if match is None:
        raise PydanticCustomError(
            "bad_date", "'{value}' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD", {"value": text[:40]}
        )
    year, month, day = match.groups()
    if month is not None and not 1 <= int(month) <= 12:
        raise PydanticCustomError("bad_month", "'{value}' has no month {month}", {"value": text, "month": month})
    if day is not None:
        try:
            dt.date(int(year), int(month), int(day))
        except ValueError:
            raise PydanticCustomError("bad_day", "'{value}' is not a day in the calendar", {"value": text}) from None
    return text


def _email(value: Any) -> str:
    text = _text(value)
    if text and not _EMAIL_PATTERN.match(text):
        raise PydanticCustomError("bad_email", "'{value}' is not an e-mail address", {"value": text[:80]})
    return text


def _uri(value: Any) -> str:
    text = _text(value)
    if text and not _URI_PATTERN.match(text):
        raise PydanticCustomError(
            "bad_uri", "'{value}' is not a full URL (it needs a scheme such as https://)", {"value": text[:80]}
        )
    return text


def _text_list(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise PydanticCustomError("not_list", "must be a list of text, not {kind}", {"kind": _json_kind(value)})
    return value


def _json_kind(value: Any) -> str:
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
Text = Annotated[str | None, BeforeValidator(_text)]
PartialDate = Annotated[str | None, BeforeValidator(_date)]
Email = Annotated[str | None, BeforeValidator(_email)]
Uri = Annotated[str | None, BeforeValidator(_uri)]
TextList = Annotated[list[ItemText], BeforeValidator(_text_list)]
