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
from app.render.html import SECTION_TITLES, format_range


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


def _clean(values: list[str | None]) -> list[str]:
    return [value.strip() for value in values if value and value.strip()]


def _entries(resume: Resume, section: str) -> list[_Entry]:
    result: list[_Entry] = []
    if section == "work":
        for w in resume.work:
            heads = _clean([w.position, w.name, format_range(w.start_date, w.end_date)])
            result.append(_Entry(f"work: {w.position or w.name}", heads, _clean(list(w.highlights))))
    elif section == "volunteer":
        for v in resume.volunteer:
            heads = _clean([v.position, v.organization, format_range(v.start_date, v.end_date)])
            result.append(_Entry(f"volunteer: {v.position or v.organization}", heads, _clean(list(v.highlights))))
    elif section == "education":
        for e in resume.education:
            heads = _clean([e.institution, e.area, format_range(e.start_date, e.end_date)])
            result.append(_Entry(f"education: {e.institution}", heads, []))
    elif section == "projects":
        for p in resume.projects:
            heads = _clean([p.name, format_range(p.start_date, p.end_date)])
            result.append(_Entry(f"project: {p.name}", heads, _clean(list(p.highlights))))
    elif section == "awards":
        result += [_Entry(f"award: {a.title}", _clean([a.title, a.awarder]), []) for a in resume.awards]
    elif section == "certificates":
        result += [_Entry(f"certificate: {c.name}", _clean([c.name, c.issuer]), []) for c in resume.certificates]
    elif section == "publications":
        result += [_Entry(f"publication: {p.name}", _clean([p.name, p.publisher]), []) for p in resume.publications]
    elif section == "skills":
        result += [_Entry(f"skill: {s.name}", _clean([s.name]), []) for s in resume.skills]
    elif section == "languages":
        result += [_Entry(f"language: {la.language}", _clean([la.language]), []) for la in resume.languages]
    elif section == "interests":
        result += [_Entry(f"interest: {i.name}", _clean([i.name]), []) for i in resume.interests]
    elif section == "references":
        result += [_Entry(f"reference: {r.name}", _clean([r.name]), []) for r in resume.references]
    return [entry for entry in result if entry.heads or entry.bullets]


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
    for section, title in SECTION_TITLES.items():
        entries = _entries(resume, section)
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
