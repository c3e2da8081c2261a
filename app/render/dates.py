"""Dates and periods as a resume shows them, in the resume's language, from CLDR (Babel).

Only ISO partial dates are formatted: ``2019`` → ``2019`` / ``2019年``, ``2019-03`` and ``2019-03-14`` → month and
year (``Mar 2019``, ``März 2019``, ``2019年3月``, ``2019년 3월``; resumes give months, not days). Anything else a
resume holds in a date field — import keeps what it cannot read, such as ``Summer 2019`` — is shown as written.
A period joins its two ends with the language's own range separator (`` – ``, ``～``, ``至``, `` تا ``) and an
open end reads as the catalogue's "present".
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from babel.dates import format_skeleton

from app.render.locales import DEFAULT_LOCALE, babel_locale, words

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
#: CLDR puts thin and narrow no-break spaces around range dashes and before "г."; text extraction (ATS parsers,
#: pypdf) does not always see a space that narrow, so they become an ordinary and a no-break space.
_NARROW_SPACES = str.maketrans({"\u2009": " ", "\u202f": "\u00a0"})


def format_date(value: str | None, locale: str = DEFAULT_LOCALE, *, missing: str = "") -> str:
    """One date for display: month and year, or the year, or the text as written; ``missing`` when empty."""
    if value is None or not value.strip():
        return missing
    return _format_date(value.strip(), locale)


@cache
def _format_date(value: str, locale: str) -> str:
    match = _ISO_DATE.match(value)
    if match is None:
        return value
    year, month = int(match.group(1)), match.group(2)
    if month is None:
        return _cldr("y", dt.date(year, 1, 1), locale)
    if not 1 <= int(month) <= 12:
        return value
    return _cldr("yMMM", dt.date(year, int(month), 1), locale)


def _cldr(skeleton: str, date: dt.date, locale: str) -> str:
    return str(format_skeleton(skeleton, date, locale=babel_locale(locale))).translate(_NARROW_SPACES)


@cache
def range_separator(locale: str = DEFAULT_LOCALE) -> str:
    """What CLDR puts between the two ends of a month range whose years differ (`` – ``, ``–``, ``～``, ``至``)."""
    cldr = babel_locale(locale)
    parts = cldr.interval_formats.get("yMMM", {}).get("y")
    if isinstance(parts, list) and len(parts) == 2 and parts[0].startswith(parts[1]):
        separator = parts[0][len(parts[1]) :].replace("''", "\x00").replace("'", "").replace("\x00", "'")
    else:
        fallback = str(cldr.interval_formats.get(None) or "{0} – {1}")
        separator = fallback.split("{0}", 1)[-1].split("{1}", 1)[0]
    return separator.translate(_NARROW_SPACES) or " – "


def range_parts(start: str | None, end: str | None, locale: str = DEFAULT_LOCALE) -> list[str]:
    """The ends of a period as they are shown: one part (a single date or month) or two (start, end).

    A period without a start shows its end alone; one without an end is still going on ("present"); one that
    starts and ends in the same month shows that month once.
    """
    first = format_date(start, locale)
    if not first:
        last = format_date(end, locale)
        return [last] if last else []
    last = format_date(end, locale, missing=words(locale)["present"])
    return [first] if first == last else [first, last]


def format_range(start: str | None, end: str | None, locale: str = DEFAULT_LOCALE) -> str:
    """A period as one string: ``Mar 2019 – Present``, ``März 2019 – heute``, ``2019年3月～現在``."""
    return range_separator(locale).join(range_parts(start, end, locale))
