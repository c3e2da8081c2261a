"""Reading and writing resume files, with one clear message for each way a file can be wrong.

Validation errors from pydantic are rewritten once, here, into ``FieldIssue(path, message)`` so the CLI and
the form editor say the same thing about the same field.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from app.errors import FieldIssue, ResumeLoadError, ResumeValidationError
from app.model.resume import UNKNOWN_KEY_MARK, Resume

#: Files larger than this are refused before parsing: no real resume comes close.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Deepest nesting of objects and lists accepted (the schema needs 4; unknown fields get room to spare).
MAX_DEPTH = 64

_PLAIN_MESSAGES = {
    "list_type": "must be a list",
    "dict_type": "must be an object",
    "model_type": "must be an object",
    "missing": "is required",
}


def load_resume_file(path: Path) -> Resume:
    """Reads and validates one resume file; every failure is a ``UserError`` naming the file."""
    return load_resume_bytes(read_resume_bytes(path), source=str(path))


def read_resume_bytes(path: Path) -> bytes:
    """A resume file's bytes, or a ``ResumeLoadError`` naming the file (missing, a folder, too large, unreadable)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ResumeLoadError(f"{path}: the file is {size / 1e6:.1f} MB; a resume file may be at most 20 MB")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ResumeLoadError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ResumeLoadError(f"{path}: is a folder, not a resume file") from None
    except PermissionError:
        raise ResumeLoadError(f"{path}: permission denied") from None
    except OSError as exc:
        raise ResumeLoadError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return raw


def load_resume_bytes(raw: bytes, source: str = "") -> Resume:
    """Parses UTF-8 JSON bytes into a validated ``Resume``."""
    return parse_resume(decode_json_object(raw, source), source)


def decode_json_object(raw: bytes, source: str = "") -> dict[str, Any]:
    """Decodes bytes to a JSON object, or says exactly why not (encoding, syntax with line and column, type)."""
    where = f"{source}: " if source else ""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ResumeLoadError(f"{where}is not UTF-8 text (invalid byte at offset {exc.start})") from None
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise ResumeLoadError(f"{where}is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise ResumeLoadError(f"{where}is nested too deeply to be a resume") from None
    except ValueError as exc:
        # e.g. a number with more digits than Python converts (over 4,300), or NaN/Infinity
        raise ResumeLoadError(f"{where}is not valid JSON: {exc}") from None
    depth = _depth(data)
    if depth > MAX_DEPTH:
        raise ResumeLoadError(f"{where}is nested {depth} levels deep; a resume may nest at most {MAX_DEPTH}")
    if not isinstance(data, dict):
        kind = type(data).__name__ if data is not None else "null"
        kind = {"list": "a list", "str": "a string", "int": "a number", "float": "a number", "bool": "true/false"}.get(
            kind, kind
        )
        raise ResumeLoadError(f"{where}must hold a JSON object ({{...}}) at the top, not {kind}")
    return data


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number")


def _depth(value: Any) -> int:
    """Nesting depth of decoded JSON, without recursion (hostile files nest thousands of levels)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict | list):
            deepest = max(deepest, level)
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, level + 1) for child in children if isinstance(child, dict | list))
    return deepest


def parse_resume(data: dict[str, Any], source: str = "") -> Resume:
    """Validates an already-decoded JSON object; raises ``ResumeValidationError`` listing every bad field."""
    surrogate_issues = list(_lone_surrogates(data, ""))
    if surrogate_issues:
        raise ResumeValidationError(surrogate_issues, source)
    try:
        return Resume.model_validate(data)  # validated once: the issues are derived only when it fails
    except ValidationError as exc:
        raise ResumeValidationError([_to_issue(error) for error in exc.errors(include_url=False)], source) from None
    except RecursionError:
        raise ResumeValidationError([FieldIssue("", "the document is nested too deeply")], source) from None


def find_issues(data: Any) -> list[FieldIssue]:
    """Every schema violation in ``data`` as field path + plain words; an empty list means valid."""
    surrogate_issues = list(_lone_surrogates(data, ""))
    if surrogate_issues:
        return surrogate_issues
    try:
        Resume.model_validate(data)
    except ValidationError as exc:
        return [_to_issue(error) for error in exc.errors(include_url=False)]
    except RecursionError:
        return [FieldIssue("", "the document is nested too deeply")]
    return []


def dump_resume(resume: Resume) -> dict[str, Any]:
    """The resume as a JSON object with the schema's names, keeping unknown fields and leaving out unset ones."""
    dumped: dict[str, Any] = _unmark(resume.model_dump(mode="json", by_alias=True, exclude_unset=True))
    return dumped


def _unmark(value: Any) -> Any:
    """Restores unknown keys that were renamed because they clashed with a Python field name."""
    if isinstance(value, dict):
        return {key.removeprefix(UNKNOWN_KEY_MARK): _unmark(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_unmark(item) for item in value]
    return value


def dumps_resume(resume: Resume) -> str:
    """The resume as pretty JSON text, UTF-8 friendly (non-ASCII kept as is)."""
    return json.dumps(dump_resume(resume), ensure_ascii=False, indent=2) + "\n"


def _to_issue(error: Any) -> FieldIssue:
    loc = [str(part) for part in error["loc"]]
    # Union and function validators add their own names to the location; they mean nothing to users.
    loc = [part for part in loc if not part.startswith(("function-", "nullable[", "union[", "list["))]
    message = error["msg"] if error["type"] not in _PLAIN_MESSAGES else _PLAIN_MESSAGES[error["type"]]
    if error["type"] in {"list_type"} and error.get("input") is None:
        message = "must be a list, not null"
    return FieldIssue(".".join(loc), message)


def _lone_surrogates(value: Any, path: str) -> Any:
    r"""Yields an issue for every string holding half a UTF-16 pair (JSON allows ``\\ud800``; nothing can print it)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            yield FieldIssue(path, "contains an invalid character (a lone UTF-16 surrogate)")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _lone_surrogates(key, path)
            yield from _lone_surrogates(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _lone_surrogates(item, f"{path}.{index}" if path else str(index))
