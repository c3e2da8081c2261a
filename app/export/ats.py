"""The ATS check: whether everything a recruiter's parser looks for is in the PDF's text, in reading order.

Text is extracted with pypdf, as applicant-tracking systems do, and compared with the resume: the name, every
section heading, and per entry its title, organisation, dates and bullets. Entries must come in the resume's
order and bullets in theirs; within one entry, title, organisation and dates may come in any order (templates
put the date first or last). The score is the share of items found where they belong.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from app.model.resume import Resume
from app.render.outline import OutlineSection, build_outline


@dataclass(frozen=True)
class _Entry:
    label: str
    heads: list[str]
    bullets: list[str]


@dataclass
class AtsReport:
    """Score (0–100) and what could not be found, or was found out of order."""

    total: int = 0
    found: int = 0
    missing: list[str] = field(default_factory=list)
    out_of_order: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        """Percentage of items found in place (100 for an empty resume)."""
        return 100.0 if self.total == 0 else round(100 * self.found / self.total, 1)

    def summary(self) -> str:
        """One line for the history and notifications."""
        problems = len(self.missing) + len(self.out_of_order)
        if not problems:
            return f"ATS check {self.score:g} %: all {self.total} items found in order"
        return f"ATS check {self.score:g} %: {problems} of {self.total} items missing or out of order"

    def to_json(self) -> dict[str, object]:
        """Stored with the history entry."""
        return {
            "score": self.score,
            "total": self.total,
            "found": self.found,
            "missing": self.missing,
            "out_of_order": self.out_of_order,
        }


def normalise(text: str) -> str:
    r"""How both sides are compared: lower case, one space for any white space, no soft hyphens.

    A hyphen that ended a line is joined again ("customer-\nfacing" extracts as "customer- facing").
    """
    flat = re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip().lower()
    return re.sub(r"(\w)- (\w)", r"\1-\2", flat)


def _entries(section: OutlineSection) -> list[_Entry]:
    """Per entry: what names it (title, organisation, dates) and its bullets, as the templates print them."""
    result = []
    for entry in section.entries:
        heads = [part.text for part in (entry.title, entry.organisation) if part is not None and part.text.strip()]
        if entry.dates.strip():
            heads.append(entry.dates)
        label = f"{section.key}: {entry.heading or (entry.bullets[:1] or [''])[0][:40]}"
        bullets = [bullet.strip() for bullet in entry.bullets if bullet.strip()]
        if heads or bullets:
            result.append(_Entry(label, heads, bullets))
    return result


def check_text(resume: Resume, text: str) -> AtsReport:
    """Compares extracted text with the resume."""
    haystack = normalise(text)
    report = AtsReport()

    def mark(ok: bool, label: str, *, order_problem: bool = False) -> None:
        report.total += 1
        if ok:
            report.found += 1
        elif order_problem:
            report.out_of_order.append(label)
        else:
            report.missing.append(label)

    if resume.basics.name and resume.basics.name.strip():
        mark(normalise(resume.basics.name) in haystack, f"name: {resume.basics.name.strip()}")
    # The sections, headings and dates the templates print: the user's order, titles and hidden sections, the
    # resume's language (meta.locale).
    outline = build_outline(resume, resume.model_dump(mode="python", by_alias=True))
    for section in outline.sections:
        entries = _entries(section)
        title = section.title
        if not entries:
            continue
        heading = normalise(title)
        heading_at = _heading_position(haystack, heading, entries[0])
        if heading_at >= 0:
            mark(True, f"heading: {title}")
        else:
            mark(False, f"heading: {title}", order_problem=heading in haystack)
        cursor = max(0, heading_at)
        for entry in entries:
            anchor = None
            for head in entry.heads:
                needle = normalise(head)
                at = haystack.find(needle, cursor)
                if at >= 0:
                    anchor = at if anchor is None else min(anchor, at)
                    mark(True, f"{entry.label} / {head}")
                else:
                    mark(False, f"{entry.label} / {head}", order_problem=needle in haystack)
            bullet_cursor = anchor if anchor is not None else cursor
            for bullet in entry.bullets:
                needle = normalise(bullet)
                at = haystack.find(needle, bullet_cursor)
                if at >= 0:
                    bullet_cursor = at + len(needle)
                    mark(True, f"{entry.label} / bullet")
                else:
                    mark(False, f"{entry.label} / bullet: {bullet[:60]}", order_problem=needle in haystack)
            if anchor is not None:
                cursor = anchor + 1
    return report


def _heading_position(haystack: str, heading: str, first: _Entry) -> int:
    """Where the section heading is: the first occurrence of its text followed by the section's first entry.

    The same words may appear earlier, in a summary or a headline.
    """
    needles = [normalise(text) for text in first.heads[:1] or first.bullets[:1]]
    at = haystack.find(heading)
    while at >= 0:
        if all(haystack.find(needle, at + len(heading)) >= 0 for needle in needles):
            return at
        at = haystack.find(heading, at + 1)
    return -1


def pdf_text(pdf: bytes) -> str:
    """All pages' text as pypdf extracts it."""
    from pypdf import PdfReader  # imported here: the app and a CLI export start without it

    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def check_pdf(resume: Resume, pdf: bytes) -> AtsReport:
    """Extracts the PDF's text and checks it against the resume."""
    return check_text(resume, pdf_text(pdf))
