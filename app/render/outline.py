"""The resume as an outline of plain text: what the DOCX, Markdown and plain-text exports write.

The same sections, order, headings, dates and words as the templates (``app.render.sections``, the resume's
locale), but no layout: a heading per section, and per entry a title line, a line of details, paragraphs, bullet
points and keywords. Writers only decide how each of those looks in their format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.model.resume import Resume
from app.render.dates import format_date, format_range
from app.render.html import contact_items, display_url, safe_href
from app.render.locales import section_titles
from app.render.localise import DocumentLocale, document_locale
from app.render.sections import PlannedSection, plan_sections


@dataclass(frozen=True)
class Link:
    """Text that may be a link (``href`` is ``None`` for text that must not be linked)."""

    text: str
    href: str | None = None


@dataclass
class OutlineEntry:
    """One entry: "Senior Engineer, Acme · Mar 2019 – Present", then details, text and lists."""

    title: Link | None = None
    organisation: Link | None = None
    dates: str = ""
    details: list[str] = field(default_factory=list)
    link: Link | None = None
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    keywords_label: str = ""
    quote: bool = False  #: a reference: the paragraphs are what the person said

    @property
    def heading(self) -> str:
        """The title line as text: "Senior Engineer, Acme"."""
        parts = [part.text for part in (self.title, self.organisation) if part is not None and part.text]
        return ", ".join(parts)


@dataclass
class OutlineSection:
    """A section: its heading, its entries, whether it starts a new page."""

    key: str
    title: str
    entries: list[OutlineEntry]
    break_before: bool = False


@dataclass
class Outline:
    """A whole resume as text, in its language and direction."""

    name: str
    label: str
    contact: list[Link]
    summary_title: str
    summary: list[str]
    sections: list[OutlineSection]
    locale: DocumentLocale
    keywords: list[str] = field(default_factory=list)


def build_outline(resume: Resume, stored: dict[str, Any]) -> Outline:
    """The outline of a resume; ``stored`` is the resume as stored (schema names), for its sections and settings."""
    loc = document_locale(resume)
    data = resume.model_dump(mode="python", by_alias=False)
    basics = data["basics"]
    separator = loc.words["list_separator"]
    contact = [Link(str(item["text"]), item["href"]) for item in contact_items(basics, separator)]
    sections = [
        OutlineSection(
            planned.key, planned.title, [_entry(planned, entry, loc) for entry in planned.entries], planned.break_before
        )
        for planned in plan_sections(data, stored, section_titles(loc.tag))
    ]
    skills = [str(skill.get("name")) for skill in data.get("skills") or [] if skill.get("name")]
    return Outline(
        name=(basics.get("name") or "").strip(),
        label=(basics.get("label") or "").strip(),
        contact=contact,
        summary_title=loc.title("profile"),
        summary=_lines(basics.get("summary")),
        sections=sections,
        locale=loc,
        keywords=skills,
    )


def _lines(text: Any) -> list[str]:
    return [line.strip() for line in str(text or "").split("\n") if line.strip()]


def _texts(items: Any) -> list[str]:
    return [str(item).strip() for item in items or [] if str(item).strip()]


def _link(text: Any, url: Any) -> Link | None:
    if not text:
        return None
    return Link(str(text).strip(), safe_href(url))


def _entry(planned: PlannedSection, x: dict[str, Any], loc: DocumentLocale) -> OutlineEntry:
    """One entry, laid out as the templates' macros lay it out (``resources/templates/_macros.html.j2``)."""
    tag = loc.tag
    kind = planned.kind
    period = format_range(x.get("start_date"), x.get("end_date"), tag)
    url = safe_href(x.get("url"))
    if kind in {"work", "volunteer"}:
        organisation = x.get("name") if kind == "work" else x.get("organization")
        entry = OutlineEntry(_link(x.get("position"), None), _link(organisation, url), period,
                             [part for part in (x.get("location"), x.get("description")) if part],
                             paragraphs=_lines(x.get("summary")), bullets=_texts(x.get("highlights")))  # fmt: skip
    elif kind == "education":
        details = [f"{loc.label('score')}{loc.gap}{x['score']}"] if x.get("score") else []
        courses = _texts(x.get("courses"))
        if courses:
            details.append(f"{loc.label('courses')}{loc.gap}{' · '.join(courses)}")
        entry = OutlineEntry(_link(loc.degree(x.get("study_type"), x.get("area")), None),
                             _link(x.get("institution"), url), period, details)  # fmt: skip
    elif kind == "projects":
        roles = ", ".join(_texts(x.get("roles")))
        entry = OutlineEntry(_link(x.get("name"), url), _link(x.get("entity"), None), period,
                             [part for part in (roles, x.get("type")) if part], paragraphs=_lines(x.get("description")),
                             bullets=_texts(x.get("highlights")), keywords=_texts(x.get("keywords")),
                             keywords_label=loc.label("keywords"))  # fmt: skip
    elif kind == "awards":
        entry = OutlineEntry(_link(x.get("title"), None), _link(x.get("awarder"), None),
                             format_date(x.get("date"), tag), paragraphs=_lines(x.get("summary")))  # fmt: skip
    elif kind == "certificates":
        entry = OutlineEntry(_link(x.get("name"), url), _link(x.get("issuer"), None), format_date(x.get("date"), tag))
    elif kind == "publications":
        entry = OutlineEntry(_link(x.get("name"), url), _link(x.get("publisher"), None),
                             format_date(x.get("release_date"), tag), paragraphs=_lines(x.get("summary")))  # fmt: skip
    elif kind in {"skills", "interests"}:
        entry = OutlineEntry(_link(x.get("name"), None), details=[x["level"]] if x.get("level") else [],
                             keywords=_texts(x.get("keywords")))  # fmt: skip
    elif kind == "languages":
        entry = OutlineEntry(_link(x.get("language"), None), details=[x["fluency"]] if x.get("fluency") else [])
    elif kind == "references":
        entry = OutlineEntry(_link(x.get("name"), None), paragraphs=_lines(x.get("reference")), quote=True)
    elif x.get("line"):  # a custom section written as a list of lines
        entry = OutlineEntry(bullets=[str(x["line"])])
    else:  # a custom section's generic entry
        when = format_range(x.get("start"), x.get("end"), tag) or format_date(x.get("date"), tag)
        entry = OutlineEntry(_link(x.get("title"), url), _link(x.get("subtitle"), None), when,
                             [x["location"]] if x.get("location") else [], paragraphs=_lines(x.get("summary")),
                             bullets=_texts(x.get("highlights")), keywords=_texts(x.get("keywords")))  # fmt: skip
    written = x.get("url")
    if written and kind not in {"skills", "languages", "interests", "references"}:
        entry.link = Link(display_url(str(written)), url)  # a relative address is shown, not linked
    return entry
