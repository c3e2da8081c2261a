"""Other tools' resume formats, recognised by their content and converted to JSON Resume before normalising.

Each converter returns a JSON Resume document with values as the source wrote them (dates, links, text) — the
normaliser then repairs and reports those the same way for every format — plus a repair saying what was read.
"""

from __future__ import annotations

from typing import Any

from app.model.formats import linkedin, reactive_resume, rendercv
from app.model.repairs import Repair


def convert_archive(raw: bytes, where: str) -> tuple[dict[str, Any], list[Repair], str] | None:
    """A ZIP export (LinkedIn's) as a document, its notes and the format's name; ``None`` for other bytes."""
    if linkedin.is_linkedin_export(raw):
        data, repairs = linkedin.convert(raw, where)
        return data, repairs, "LinkedIn data export"
    return None


def convert_document(data: dict[str, Any]) -> tuple[dict[str, Any], list[Repair], str]:
    """Decoded data in any supported format as JSON Resume, its notes and the format's name."""
    if rendercv.is_rendercv(data):
        converted, repairs = rendercv.convert(data)
        return converted, repairs, "RenderCV"
    unwrapped = reactive_resume.unwrap(data)
    version = reactive_resume.detect_version(unwrapped)
    if version is not None:
        converted, repairs = reactive_resume.convert(unwrapped)
        return converted, repairs, f"Reactive Resume {version}"
    return data, [], "JSON Resume"
