"""Reading and writing resume files, with one clear message for each way a file can be wrong.

Files are read through the lenient import layer (``app.model.importer``); the editor's own data is checked
against the model (``find_issues``). Validation errors from pydantic are rewritten once, here, into
``FieldIssue(path, message)`` so the CLI and the form editor say the same thing about the same field.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from app.errors import FieldIssue, ResumeLoadError, ResumeValidationError
from app.model.decoding import decode_data
from app.model.fields import json_kind
from app.model.resume import Resume

#: Files larger than this are refused before parsing: no real resume comes close.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: LinkedIn's complete export holds messages and more beside the resume files, which alone are read from it.
MAX_ARCHIVE_BYTES = 200 * 1024 * 1024

_PLAIN_MESSAGES = {
    "list_type": "must be a list",
    "dict_type": "must be an object",
    "model_type": "must be an object",
    "missing": "is required",
}


def load_resume_file(path: Path) -> Resume:
    """Imports one resume file leniently (see ``app.model.importer``); failures are ``UserError``s naming it."""
    return load_resume_bytes(read_resume_bytes(path), source=str(path))


def read_resume_bytes(path: Path) -> bytes:
    """A resume file's bytes, or a ``ResumeLoadError`` naming the file (missing, a folder, too large, unreadable)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as file:
            is_zip = file.read(4) == b"PK\x03\x04"
        limit = MAX_ARCHIVE_BYTES if is_zip else MAX_FILE_BYTES
        if size > limit:
            allowed = f"a {'ZIP export' if is_zip else 'resume file'} may be at most {limit // (1024 * 1024)} MB"
            raise ResumeLoadError(f"{path}: the file is {size / 1e6:.1f} MB; {allowed}")
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
    """Imports a resume file's bytes leniently into the model (the repairs are dropped; see ``import_resume``)."""
    from app.model.importer import import_resume

    return import_resume(raw, source).resume()


def decode_json_object(raw: bytes, source: str = "") -> dict[str, Any]:
    """Decodes a file to an object (JSON, hand-written JSON, YAML) without changing any value in it."""
    data = decode_data(raw, source).data
    if not isinstance(data, dict):
        where = f"{source}: " if source else ""
        raise ResumeLoadError(f"{where}must hold an object ({{...}}) at the top, not {json_kind(data)}")
    return data


def parse_resume(data: dict[str, Any], source: str = "") -> Resume:
    """Validates an already-normalised object (the editor's); ``ResumeValidationError`` lists every bad field."""
    surrogate_issues = list(_lone_surrogates(data, ""))
    if surrogate_issues:
        raise ResumeValidationError(surrogate_issues, source)
    try:
        return Resume.model_validate(data)  # validated once: the issues are derived only when it fails
    except ValidationError as exc:
        raise ResumeValidationError(issues_of(exc), source) from None
    except RecursionError:
        raise ResumeValidationError([FieldIssue("", "the document is nested too deeply")], source) from None


def find_issues(data: Any) -> list[FieldIssue]:
    """Every type error in ``data`` as field path + plain words; an empty list means the model accepts it."""
    surrogate_issues = list(_lone_surrogates(data, ""))
    if surrogate_issues:
        return surrogate_issues
    try:
        Resume.model_validate(data)
    except ValidationError as exc:
        return issues_of(exc)
    except RecursionError:
        return [FieldIssue("", "the document is nested too deeply")]
    return []


def issues_of(exc: ValidationError) -> list[FieldIssue]:
    """A pydantic failure as field paths and plain words."""
    return [_to_issue(error) for error in exc.errors(include_url=False)]


def dump_resume(resume: Resume) -> dict[str, Any]:
    """The resume as a JSON object with the schema's names, keeping unknown fields and leaving out unset ones."""
    dumped: dict[str, Any] = resume.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return dumped


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
