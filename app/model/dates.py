"""Reading the dates people write (``May 2022``, ``2016/07``, ``14. März 2019``, ``2019年3月``, ``Present``).

The schema wants ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``. Real files hold every other spelling, in the resume's
own language. Month names come from CLDR (Babel), tried in the resume's language first, then English, then the
other languages people write resumes in; a date is read only when it is unambiguous, otherwise it is kept as
written (and printed as written) — never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from app.model.fields import is_partial_date

#: Languages whose month names are recognised, most common in resumes first (CLDR locale ids).
MONTH_LANGUAGES = (
    "en", "en_GB", "de", "fr", "es", "pt", "it", "nl", "pl", "cs", "sk", "sv", "da", "nb", "fi", "ru", "uk",
    "tr", "el", "ro", "hu", "ca", "hr", "sl", "id", "ms", "vi", "ar", "he", "fa", "hi",
)  # fmt: skip

#: Words that mean "still going" in an end date (compared case-insensitively, without trailing dots).
ONGOING_WORDS = frozenset(
    (
        "present", "current", "currently", "now", "ongoing", "today", "to date", "till date", "till now", "until now",
        "to present", "present day", "heute", "aktuell", "derzeit", "jetzt", "laufend", "bis heute", "bis jetzt",
        "présent", "présentement", "aujourd'hui", "aujourd’hui", "actuel", "actuellement", "en cours", "à ce jour",
        "presente", "actual", "actualidad", "la actualidad", "hoy", "actualmente", "en curso", "atual", "atualmente",
        "o momento", "oggi", "attuale", "in corso", "attualmente", "heden", "nu", "huidig", "tot heden", "obecnie",
        "teraz", "nadal", "do dziś", "do teraz", "současnost", "dosud", "nyní", "doposud", "pågående", "nuvarande",
        "idag", "i dag", "nuværende", "nå", "nåværende", "dags dato", "nykyään", "nyt", "nykyhetki", "настоящее время",
        "по настоящее время", "наст. время", "н.в", "сейчас", "текущее время", "нині", "дотепер", "теперішній час",
        "сьогодні", "günümüz", "halen", "devam ediyor", "şimdi", "σήμερα", "παρόν", "τώρα", "الآن", "حتى الآن", "حاليا",
        "حاليًا", "היום", "כיום", "עד היום", "تاکنون", "اکنون", "حال", "वर्तमान", "अब तक",
        "至今", "现在", "目前", "現在", "迄今", "現職", "현재", "재직중", "재직 중",
        "hiện tại", "nay", "hiện nay", "sekarang", "saat ini",
    )
)  # fmt: skip

_FILLER_WORDS = frozenset(
    (
        "de", "del", "of", "the", "du", "em", "di", "van", "von", "år", "года", "г", "g", "r", "roku", "rok", "năm",
        "th", "st", "nd", "rd", "e", "el", "la", "le",
    )
)  # fmt: skip
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2[01]\d\d)(?!\d)")
_YEAR_FIRST = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})(?:\s*[-/.]\s*(\d{1,2}))?\.?")
_MONTH_FIRST = re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{4})")
_THREE_NUMBERS = re.compile(r"(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*[-/.]\s*(\d{4})")
_TIMESTAMP = re.compile(r"(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")
_CJK = re.compile(r"(\d{4})\s*[年년](?:\s*(\d{1,2})\s*[月월](?:\s*(\d{1,2})\s*[日일])?)?")
_VIETNAMESE = re.compile(r"th[aá]ng\s*(\d{1,2})\s*(?:n[aă]m\s*|[,/]\s*)?(\d{4})")
_WORD = re.compile(r"[^\W\d_]+(?:['’.][^\W\d_]+)*\.?", re.UNICODE)
_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class DateReading:
    """A date as the schema writes it (``iso``), or ``ongoing`` for an end date that says "present"."""

    iso: str | None = None
    ongoing: bool = False


def read_date(text: str, language: str | None = None) -> DateReading | None:
    """Reads one written date; ``None`` when it cannot be read without guessing.

    ``language`` is the resume's language (a BCP 47 tag such as ``fr`` or ``pt-BR``), tried first for month
    names that mean different months in different languages (``listopad``: October in Croatian, November in Polish).
    """
    written = _plain(text)
    if not written:
        return None
    if written.casefold().rstrip(".").strip() in ONGOING_WORDS:
        return DateReading(ongoing=True)
    for reader in (_read_numeric, _read_cjk):
        iso = reader(written)
        if iso is not None:
            return DateReading(iso) if is_partial_date(iso) else None
    iso = _read_with_month_name(written, language)
    return DateReading(iso) if iso is not None and is_partial_date(iso) else None


def _plain(text: str) -> str:
    """The text with full-width and non-Latin digits made ASCII and runs of spaces made one."""
    folded = unicodedata.normalize("NFKC", text)
    digits = "".join(str(unicodedata.decimal(char)) if char.isdecimal() else char for char in folded)
    return " ".join(digits.split())


def _iso(year: str, month: str | int | None = None, day: str | int | None = None) -> str:
    if month is None:
        return year
    if day is None:
        return f"{year}-{int(month):02d}"
    return f"{year}-{int(month):02d}-{int(day):02d}"


def _read_numeric(text: str) -> str | None:
    """``2016/07``, ``2022-6-01``, ``07/2025``, ``14.03.2019``, ``2019-03-14T10:00Z``, ``2019``."""
    if (match := _TIMESTAMP.fullmatch(text)) is not None:
        return match.group(1)
    if _YEAR.fullmatch(text):
        return text
    if (match := _YEAR_FIRST.fullmatch(text)) is not None:
        return _iso(match.group(1), match.group(2), match.group(3))
    if (match := _MONTH_FIRST.fullmatch(text)) is not None:
        return _iso(match.group(2), match.group(1))
    if (match := _THREE_NUMBERS.fullmatch(text)) is not None:
        first, separator, second, year = match.groups()
        if int(first) > 12 or separator == ".":  # 14/03/2019, and 03.04.2019 as Europe writes it
            return _iso(year, second, first)
        if int(second) > 12:  # 03/14/2019
            return _iso(year, first, second)
        return None  # 03/04/2019: March or April? Not guessed.
    return None


def _read_cjk(text: str) -> str | None:
    """``2019年3月``, ``2019년 3월 14일``, ``tháng 3 năm 2019``."""
    if (match := _CJK.fullmatch(text)) is not None:
        return _iso(match.group(1), match.group(2), match.group(3))
    if (match := _VIETNAMESE.fullmatch(text.casefold())) is not None:
        return _iso(match.group(2), match.group(1))
    return None


def _read_with_month_name(text: str, language: str | None) -> str | None:
    """``May 2022``, ``2012, October``, ``September, 2011``, ``14 de marzo de 2019``, ``March 14th, 2019``."""
    years = _YEAR.findall(text)
    if len(years) != 1:
        return None
    rest = _YEAR.sub(" ", text, count=1)
    words = [word.casefold().rstrip(".") for word in _WORD.findall(rest)]
    numbers = [int(number) for number in _NUMBER.findall(rest)]
    unknown = [word for word in words if word not in _FILLER_WORDS]
    if len(unknown) != 1 or len(numbers) > 1 or re.search(r"[^\w\s.,'’-]", rest):
        return None
    month = _month_number(unknown[0], language)
    if month is None:
        return None
    if numbers:
        return _iso(years[0], month, numbers[0]) if 1 <= numbers[0] <= 31 else None
    return _iso(years[0], month)


def _month_number(word: str, language: str | None) -> int | None:
    """The month a word names, in the first language (the resume's, then the usual order) that knows it."""
    order = list(MONTH_LANGUAGES)
    if language:
        hinted = language.replace("-", "_")
        order = [hinted, hinted.split("_")[0], *order]
    for locale_id in dict.fromkeys(order):
        found = _month_names(locale_id).get(word) or _month_names(locale_id).get(_without_accents(word))
        if found is not None:
            return found
    return None


@cache
def _month_names(locale_id: str) -> dict[str, int]:
    """Every wide and abbreviated month name of one language, both grammatical forms, folded for lookup."""
    from babel import UnknownLocaleError
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    try:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale=locale_id).items():
                    folded = name.casefold().rstrip(".")
                    names[folded] = number
                    names.setdefault(_without_accents(folded), number)
    except (UnknownLocaleError, ValueError):
        return {}
    if locale_id.startswith("en"):
        names.update({"sept": 9, "febr": 2})
    return names


def _without_accents(word: str) -> str:
    """``février`` → ``fevrier``: hand-typed files often drop accents."""
    return "".join(char for char in unicodedata.normalize("NFKD", word) if not unicodedata.combining(char))
