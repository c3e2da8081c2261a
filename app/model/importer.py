"""The import layer: any resume file's bytes → a normalised JSON Resume 1.2.1 document and a repair report.

Used by every way in (the CLI's ``export`` and ``batch``, the app's Import and Open, the queue): lenient parsing
(``app.model.decoding``), other tools' formats recognised by their content and converted (``app.model.formats``:
LinkedIn's export ZIP, Reactive Resume 3/4/5, RenderCV), then the normaliser (``app.model.normalise``). A file is
refused only when nothing in it can be read as a resume: not JSON or YAML even leniently, not an object, not one
of those formats, or an object with none of a resume's sections.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from app.errors import ResumeLoadError, ResumeValidationError
from app.model.decoding import decode_data
from app.model.fields import json_kind
from app.model.formats import convert_archive, convert_document
from app.model.normalise import normalise_resume
from app.model.repairs import Repair
from app.model.resume import Resume
from app.model.shape import fields_of

#: Longest list of a refused file's keys shown in its message.
_KEYS_SHOWN = 6


@dataclass
class ImportResult:
    """A document ready for the library and the model, what was repaired, and how the file was written."""

    data: dict[str, Any]
    repairs: list[Repair]
    #: ``json``, ``json5`` (hand-written: comments, trailing commas), ``yaml`` or ``zip``
    syntax: str
    #: ``JSON Resume``, ``LinkedIn data export``, ``Reactive Resume 4``, ``RenderCV``...
    source_format: str = "JSON Resume"

    def resume(self) -> Resume:
        """The document as the model (it always validates: the normaliser placed or set aside every value)."""
        return Resume.model_validate(self.data)


def import_resume(raw: bytes, source: str = "") -> ImportResult:
    """Reads any supported resume file leniently; ``ResumeLoadError`` only when nothing in it is a resume."""
    where = f"{source}: " if source else ""
    if raw.startswith(b"PK\x03\x04"):
        archive = convert_archive(raw, where)
        if archive is None:
            raise ResumeLoadError(
                f"{where}is a ZIP archive but not a LinkedIn data export (it has no Profile.csv, Positions.csv, "
                "Education.csv or Skills.csv)"
            )
        data, notes, source_format = archive
        syntax = "zip"
    else:
        decoded = decode_data(raw, source)
        if not isinstance(decoded.data, dict):
            raise ResumeLoadError(f"{where}must hold an object ({{...}}) at the top, not {json_kind(decoded.data)}")
        data, converted_notes, source_format = convert_document(decoded.data)
        if source_format == "JSON Resume":
            _check_is_resume(data, where)
        notes, syntax = [*decoded.repairs, *converted_notes], decoded.syntax
    normalised, repairs = normalise_resume(data)
    try:
        Resume.model_validate(normalised)
    except ValidationError as exc:  # a gap in the normaliser: say which field rather than fail obscurely
        from app.model.loading import issues_of

        raise ResumeValidationError(issues_of(exc), source) from None
    return ImportResult(normalised, [*notes, *repairs], syntax, source_format)


def import_resume_file(path: Path) -> ImportResult:
    """Reads and imports one file; every failure is a ``UserError`` naming the file."""
    from app.model.loading import read_resume_bytes

    return import_resume(read_resume_bytes(path), source=str(path))


def _check_is_resume(data: dict[str, Any], where: str) -> None:
    """An object is a resume when it is empty (a blank resume) or has at least one of the schema's keys."""
    if not data or fields_of(Resume).keys() & data.keys():
        return
    keys = ", ".join(str(key) for key in list(data)[:_KEYS_SHOWN]) + (", …" if len(data) > _KEYS_SHOWN else "")
    raise ResumeLoadError(
        f"{where}is not a resume: it has none of a resume's sections (basics, work, education, skills, …), only {keys}"
    )
