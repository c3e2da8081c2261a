"""``resumepair validate``: the official JSON Resume 1.2.1 schema's judgement, exactly, plus what import would repair.

Errors are what a draft-07 validator with the official ``schema.json`` reports: types, patterns, ``required``;
``null`` where the schema wants text is an error. The schema's ``format`` keywords (``email``, ``uri``) are
annotations in draft-07, so a bad address is a *warning*. Dates shaped like ISO dates but not in the calendar
(``2019-13``) pass the schema's pattern and are warnings too. Repairs are what ``import`` would change.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from app.errors import ResumeLoadError
from app.model.decoding import decode_data
from app.model.fields import FieldKind, is_absolute_uri, is_email, json_kind, partial_date_problem
from app.model.formats import convert_document
from app.model.normalise import normalise_resume
from app.model.resume import Resume
from app.model.shape import text_fields
from app.resources import resource_path

_TYPE_WORDS = {
    "string": "text",
    "object": "an object",
    "array": "a list",
    "number": "a number",
    "boolean": "true/false",
}
_FORMAT_WORDS = {
    "email": "'{value}' is not an e-mail address",
    "uri": "'{value}' is not a full URL (it needs a scheme such as https://)",
}


@cache
def official_schema() -> dict[str, Any]:
    """The official JSON Resume 1.2.1 schema, bundled unchanged (MIT, see resources/schema/LICENSE.md)."""
    schema: dict[str, Any] = json.loads(resource_path("schema", "jsonresume-1.2.1.schema.json").read_text("utf-8"))
    return schema


def check_resume_bytes(raw: bytes, source: str) -> dict[str, Any]:
    """One file's result in the ``validate --json`` shape: ``valid``, ``errors``, ``warnings``, ``repairs``."""
    result: dict[str, Any] = {"file": source, "valid": False, "errors": [], "warnings": [], "repairs": []}
    if raw.startswith(b"PK\x03\x04"):
        message = "is a ZIP archive (a LinkedIn data export?), not JSON Resume; export and the app's Import read it"
        result["errors"] = [{"path": "", "message": message}]
        return result
    try:
        decoded = decode_data(raw, source)
    except ResumeLoadError as exc:
        result["errors"] = [{"path": "", "message": str(exc).removeprefix(f"{source}: ")}]
        return result
    data = decoded.data
    errors: list[dict[str, Any]] = []
    if decoded.syntax == "json5":
        errors.append(
            {
                "path": "",
                "message": f"is not strict JSON ({decoded.repairs[-1].was}); import reads it, other tools may not",
            }
        )
    if not isinstance(data, dict):
        errors.append({"path": "", "message": f"must hold an object ({{...}}) at the top, not {json_kind(data)}"})
    elif (source_format := convert_document(data)[2]) != "JSON Resume":
        message = f"is a {source_format} file, not JSON Resume; export and the app's Import convert it"
        errors.append({"path": "", "message": message})
    else:
        errors.extend(schema_errors(data))
        result["warnings"] = format_warnings(data)
        _normalised, repairs = normalise_resume(data)
        result["repairs"] = [repair.as_json() for repair in [*decoded.repairs, *repairs]]
    result["errors"] = errors
    result["valid"] = not errors
    return result


def schema_errors(data: Any) -> list[dict[str, str]]:
    """The official schema's errors (formats excluded), each with a field path and plain words."""
    validator = _validator_class()(official_schema())
    found = []
    for error in validator.iter_errors(data):
        path = ".".join(str(part) for part in error.absolute_path)
        found.append({"path": path, "message": _plain_message(error)})
    return found


@cache
def _validator_class() -> Any:
    r"""Draft-07, with ``pattern`` matched as JavaScript does (the official validator is JavaScript).

    Python's ``$`` also matches before a final newline, so ``"2019-03\n"`` would pass the date pattern here
    and fail there; ``\Z`` is the end that JavaScript's ``$`` means.
    """
    from jsonschema import Draft7Validator, ValidationError, validators

    def pattern(validator: Any, expected: str, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
        if validator.is_type(instance, "string") and not re.search(_ecma_end(expected), instance):
            yield ValidationError(f"{instance!r} does not match {expected!r}")

    return validators.extend(Draft7Validator, {"pattern": pattern})  # type: ignore[no-untyped-call]


def _ecma_end(expression: str) -> str:
    r"""The expression with each ``$`` that no backslash escapes written as ``\Z``."""
    return re.sub(r"(?<!\\)\$", r"\\Z", expression)


def _plain_message(error: Any) -> str:
    instance = error.instance
    if error.validator == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        words = " or ".join(_TYPE_WORDS.get(str(name), str(name)) for name in wanted)
        hint = " (remove the field or give it a value)" if instance is None else ""
        return f"must be {words}, not {json_kind(instance)}{hint}"
    if error.validator == "pattern" and "[1-2][0-9]{3}" in str(error.validator_value):
        return f"'{str(instance)[:40]}' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"
    if error.validator == "required":
        return f"{error.message.split(' ')[0]} is required"
    return str(error.message)


def format_warnings(data: dict[str, Any]) -> list[dict[str, str]]:
    """E-mail and URL fields whose text is not one, and ISO-shaped dates that are not in the calendar."""
    warnings = []
    for path, kind, value in text_fields(Resume, data):
        message = _format_problem(kind, value)
        if message:
            warnings.append({"path": path, "message": message})
    return warnings


def _format_problem(kind: FieldKind | None, value: str) -> str | None:
    if kind is FieldKind.EMAIL and not is_email(value):
        return _FORMAT_WORDS["email"].format(value=value[:80])
    if kind is FieldKind.URI and not is_absolute_uri(value):
        return _FORMAT_WORDS["uri"].format(value=value[:80])
    if kind is FieldKind.DATE:
        return partial_date_problem(value)
    return None
