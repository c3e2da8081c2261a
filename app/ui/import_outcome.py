"""What opening a file did, told the way the window shows it: repairs grouped by kind, the language, the link.

The import layer (``app.model.importer``) reads any supported file leniently and lists its repairs; this module
decides what the app makes of that. Only a JSON Resume JSON file can stay linked to its document (Save writes
JSON back where it came from; a YAML file, a LinkedIn ZIP or another tool's export would be overwritten with
something else), and a resume without ``meta.locale`` whose text reads as another language gets a suggestion.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import ResumePairError
from app.library.documents import DocumentLibrary
from app.model.importer import ImportResult
from app.model.loading import decode_json_object
from app.model.repairs import Repair, shorten
from app.render.detect import detect_locale
from app.render.locales import DEFAULT_LOCALE, supported_locales

#: Extensions the Open dialog and drag and drop take (the content decides the format; these are hints).
IMPORT_SUFFIXES = (".json", ".yaml", ".yml", ".zip")
OPEN_FILTER = (
    "Resumes (*.json *.yaml *.yml *.zip);;JSON Resume or Reactive Resume (*.json);;YAML: JSON Resume or RenderCV "
    "(*.yaml *.yml);;LinkedIn data export (*.zip);;All files (*)"
)

FILE, DATES, LINKS, OLD_NAMES, EMPTY, TEXT, SHAPE, KEPT = (
    "File and format",
    "Dates",
    "Links and e-mail addresses",
    "Old field names",
    "Empty values left out",
    "Text",
    "Lists and entries",
    "Kept as written or set aside",
)
#: The report's groups, in the order they are shown.
GROUP_ORDER = (FILE, DATES, LINKS, OLD_NAMES, EMPTY, TEXT, SHAPE, KEPT)
_LINK_FIELDS = {"url", "email", "image"}
_DATE_FIELDS = {"startDate", "endDate", "date", "releaseDate"}


def repair_group(repair: Repair) -> str:
    """The group a repair is listed under, from where it is and what it says (the messages are ours)."""
    message = repair.message.lower()
    field = repair.path.rsplit(".", 1)[-1]
    if not repair.path or (" section " in f" {message} " and "read as" in message):
        return FILE  # the file as a whole, and another tool's sections mapped to ours
    if "old field name" in message:
        return OLD_NAMES
    if "kept under" in message or "kept as written" in message or "kept and printed as written" in message:
        return KEPT
    if "left out" in message and ("empty" in message or "null" in message or "holds nothing" in message):
        return EMPTY
    if field in _DATE_FIELDS or "date" in message or "ongoing" in message:
        return DATES
    if field in _LINK_FIELDS or "web address" in message or "e-mail" in message:
        return LINKS
    if any(word in message for word in ("list", "entry", "entries", "object", "map of")):
        return SHAPE
    return TEXT


def grouped(repairs: list[Repair]) -> list[tuple[str, list[Repair]]]:
    """The repairs by group, groups in ``GROUP_ORDER``, repairs in file order within each."""
    groups: dict[str, list[Repair]] = {}
    for repair in repairs:
        groups.setdefault(repair_group(repair), []).append(repair)
    return [(name, groups[name]) for name in GROUP_ORDER if name in groups]


def _shown(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"“{shorten(value)}”"
    short = shorten(value)
    return short if isinstance(short, str) else json.dumps(short, ensure_ascii=False)


def describe_repair(repair: Repair) -> str:
    """One row of the report: ``path: message (was → now)``; a value kept as written is shown once."""
    where = repair.path or "file"
    if repair.kept:
        change = "" if repair.was is None else f" ({_shown(repair.was)})"
    elif not repair.path:  # a note on the whole file: a conversion says from what; a parse error is for logs
        change = "" if ":" in str(repair.was) else f" ({repair.was} → {repair.now})"
    else:
        change = f" ({_shown(repair.was)} → {_shown(repair.now)})"
    return f"{where}: {repair.message}{change}"


def is_linkable(result: ImportResult) -> bool:
    """Whether Save may write back to the file read: only a JSON Resume file written as JSON."""
    return result.source_format == "JSON Resume" and result.syntax in {"json", "json5"}


def suggested_locale(data: dict[str, Any]) -> str | None:
    """The language to suggest for a resume with no ``meta.locale``: what its text reads as, unless English."""
    meta = data.get("meta")
    if isinstance(meta, dict) and meta.get("locale"):
        return None
    found = detect_locale(data)
    return found if found and found != DEFAULT_LOCALE else None


def locale_label(tag: str) -> str:
    """A language's name in itself (``Deutsch``), or the tag when it is not one of ours."""
    return next((info.native_name for info in supported_locales() if info.tag == tag), tag)


def json_name_beside(origin: Path, title_stem: str) -> Path:
    """Where Save As suggests writing a document imported from a file that is not JSON Resume JSON.

    Next to the original with a ``.json`` extension; never the original itself (a Reactive Resume export is
    JSON too) nor a file that exists, which gets the person's name instead.
    """
    beside = origin.with_suffix(".json")
    if beside != origin and not beside.exists():
        return beside
    return origin.parent / f"{title_stem}.json"


def unlinked_copy(library: DocumentLibrary, data: dict[str, Any]) -> int | None:
    """The library document an earlier import of the same converted file made, so opening it again adds none."""
    for document in library.list():
        if document.source_path is None and not document.is_sample:
            try:
                if decode_json_object(document.content) == data:
                    return document.id
            except ResumePairError:
                continue
    return None


@dataclass(frozen=True)
class ImportOutcome:
    """One file opened: what it was, what the import changed, and how the document relates to the file."""

    path: Path
    document_id: int
    title: str
    source_format: str
    syntax: str
    repairs: tuple[Repair, ...]
    #: Save writes back to ``path`` (only JSON Resume JSON); otherwise Save asks for a new ``.json`` file.
    linked: bool
    #: The language the text reads as, when the resume names none and it is not English.
    suggested_locale: str | None = None
    #: The file's version replaced the library's edits (the user chose so); one Undo brings them back.
    replaced: bool = False

    @property
    def converted(self) -> bool:
        """The file was not JSON Resume JSON (YAML, a LinkedIn export, another tool's format)."""
        return not self.linked

    @property
    def worth_reporting(self) -> bool:
        """Whether the report has anything to say: repairs, a conversion or a language to suggest."""
        return bool(self.repairs) or self.converted or self.suggested_locale is not None

    def groups(self) -> list[tuple[str, list[Repair]]]:
        """The repairs by group, for the report."""
        return grouped(list(self.repairs))

    def kind(self) -> str:
        """How the file was written, in words: ``YAML (JSON Resume)``, ``LinkedIn data export``."""
        if self.source_format == "JSON Resume":
            return {"yaml": "JSON Resume as YAML", "json5": "hand-written JSON Resume"}.get(self.syntax, "JSON Resume")
        return self.source_format

    def summary(self) -> str:
        """The one line the message bar shows: ``Imported cv.yaml (JSON Resume as YAML): 12 repairs``."""
        count = len(self.repairs)
        repairs = "no repairs" if not count else f"{count} repair{'s' if count != 1 else ''}"
        return f"Imported {self.path.name} ({self.kind()}): {repairs}"

    def file_note(self) -> str:
        """What happens to the file: left alone until Save, and where Save writes."""
        if self.linked:
            return f"{self.path.name} is unchanged; Save (Ctrl+S) writes the repaired resume back to it."
        return f"{self.path.name} is left as it is: Save asks where to write the resume as a JSON Resume file (.json)."
