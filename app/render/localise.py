"""What templates use to speak a resume's language: ``loc.title("work")``, ``loc.range(start, end)``, ``loc.tag``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup, escape

from app.model.resume import Resume
from app.render.dates import format_date, range_parts, range_separator
from app.render.locales import resume_locale, text_direction, words

#: Quotation marks a reference may already start with (then the template adds none).
_OPENING_QUOTES = "\"'“„«‘‚‹»”「『"


@dataclass(frozen=True)
class DocumentLocale:
    """The resume's language as templates see it (``loc`` in every template).

    Dates and periods come back as markup in which each date is a bidi isolate (``<bdi>``): a date keeps its own
    order of words and digits inside right-to-left text, and the two ends of a period keep the document's order.
    """

    tag: str  #: the ``lang`` of the document
    direction: str  #: its ``dir``: ``ltr`` or ``rtl``

    @property
    def words(self) -> Mapping[str, str]:
        """Every catalogue word of this locale (``loc.words.courses``)."""
        return words(self.tag)

    @property
    def gap(self) -> str:
        """The space after a label's colon ("Courses: x"), if the language puts one ("主修课程：x" has none)."""
        colon = self.words["colon"]
        return " " if colon != colon.rstrip() else ""

    def title(self, key: str) -> str:
        """A section heading (or any catalogue word) by key."""
        return self.words[key]

    def label(self, key: str) -> str:
        """A label with the language's colon: ``Courses:``, ``Cours :``, ``主修课程：``."""
        return self.words[key] + self.words["colon"].rstrip()

    def date(self, value: str | None) -> Markup:
        """One date (awards, certificates, publications), isolated; empty when there is none."""
        text = format_date(value, self.tag)
        return Markup("<bdi>{}</bdi>").format(text) if text else Markup("")

    def range(self, start: str | None, end: str | None) -> Markup:
        """A period, each end isolated: ``<bdi>Mar 2019</bdi> – <bdi>Present</bdi>``; empty without dates."""
        parts = range_parts(start, end, self.tag)
        isolated = [Markup("<bdi>{}</bdi>").format(part) for part in parts]
        return escape(range_separator(self.tag)).join(isolated)

    def degree(self, study_type: str | None, area: str | None) -> str:
        """Degree and field as the language joins them (``Bachelor in Physics``, ``学士 · 物理学``)."""
        kind, field = (study_type or "").strip(), (area or "").strip()
        if kind and field:
            return self.words["degree"].replace("{type}", kind).replace("{area}", field)
        return kind or field

    def needs_quotes(self, first_line: str) -> bool:
        """Whether a reference needs quotation marks added (it does not start with one already)."""
        return bool(first_line) and first_line[:1] not in _OPENING_QUOTES + self.words["quote_open"][:1]


def document_locale(resume: Resume) -> DocumentLocale:
    """The locale a resume is typeset in: its ``meta.locale``, English when absent or not supported."""
    tag = resume_locale(resume)
    return DocumentLocale(tag, text_direction(tag))
