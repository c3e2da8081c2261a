"""The languages a resume can be typeset in (``meta.locale``): their words, names and writing direction.

Heading words and labels come from our one catalogue, ``resources/locales/catalogue.json``; everything CLDR
knows (language names, month names, date patterns, the direction of the script) comes from Babel. A tag is
matched leniently: ``de-AT``, ``de_DE.UTF-8``, ``zh-TW`` and ``nb-NO`` find ``de``, ``de``, ``zh-Hant`` and
``nb``; a language we do not have finds nothing and the caller falls back to English.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from babel import Locale

from app.model.resume import Resume
from app.resources import resource_path

log = logging.getLogger(__name__)

DEFAULT_LOCALE = "en"
#: Schema sections in the order templates show them by default.
SECTION_KEYS = (
    "work",
    "projects",
    "education",
    "volunteer",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
)
#: Our tags whose Babel (CLDR) identifier differs: CLDR's plain ``pt`` is Brazilian Portuguese, ours is Portugal's.
_BABEL_IDS = {"pt": "pt_PT", "pt-BR": "pt_BR", "zh-Hans": "zh_Hans", "zh-Hant": "zh_Hant"}
#: Old or alternative language codes people and systems still send.
_ALIASES = {"iw": "he", "in": "id", "no": "nb", "nn": "nb"}
_TRADITIONAL_REGIONS = {"TW", "HK", "MO"}


@dataclass(frozen=True)
class LocaleInfo:
    """A supported language as a picker shows it."""

    tag: str  #: what ``meta.locale`` holds: ``de``, ``pt-BR``, ``zh-Hant``
    native_name: str  #: the language's name in itself: ``Deutsch``, ``中文 (繁體)``
    english_name: str  #: ``German``, ``Chinese (Traditional)``
    direction: str  #: ``ltr`` or ``rtl``


@cache
def _catalogue() -> dict[str, dict[str, str]]:
    data = json.loads(resource_path("locales", "catalogue.json").read_text(encoding="utf-8"))
    return {str(tag): dict(words) for tag, words in data["locales"].items()}


@cache
def catalogue_keys() -> tuple[str, ...]:
    """Every word a locale must provide, as the catalogue documents them."""
    data = json.loads(resource_path("locales", "catalogue.json").read_text(encoding="utf-8"))
    return tuple(data["keys"])


def supported_tags() -> tuple[str, ...]:
    """The tags ``meta.locale`` may hold, in catalogue order (English first)."""
    return tuple(_catalogue())


def babel_locale(tag: str) -> Locale:
    """The Babel locale behind one of our tags (month names, date patterns, interval separators)."""
    return _babel_locale(tag)


@cache
def _babel_locale(tag: str) -> Locale:
    return Locale.parse(_BABEL_IDS.get(tag, tag.replace("-", "_")))


def babel_locale_ids() -> tuple[str, ...]:
    """Babel's identifiers for every supported locale (what a bundle needs of Babel's locale data)."""
    return tuple(str(babel_locale(tag)) for tag in supported_tags())


@cache
def supported_locales() -> tuple[LocaleInfo, ...]:
    """Every language a resume can be typeset in, for a language picker."""
    english = Locale.parse("en")
    infos = []
    for tag in supported_tags():
        locale = babel_locale(tag)
        native = locale.get_display_name(locale) or tag
        infos.append(
            LocaleInfo(
                tag=tag,
                native_name=native[:1].upper() + native[1:],
                english_name=locale.get_display_name(english) or tag,
                direction=text_direction(tag),
            )
        )
    return tuple(infos)


def text_direction(tag: str) -> str:
    """``rtl`` for languages written right to left (Arabic, Hebrew, Persian, Urdu), else ``ltr``."""
    return "rtl" if babel_locale(tag).character_order == "right-to-left" else "ltr"


def words(tag: str) -> Mapping[str, str]:
    """Every catalogue word of one supported locale (read-only)."""
    return _words(tag)


@cache
def _words(tag: str) -> Mapping[str, str]:
    return MappingProxyType(_catalogue()[tag])


def section_titles(tag: str = DEFAULT_LOCALE) -> dict[str, str]:
    """Section headings by schema section key, in the default order (for templates, the ATS check, DOCX...)."""
    found = words(tag)
    return {key: found[key] for key in SECTION_KEYS}


def resolve_locale(tag: str | None) -> str | None:
    """The supported tag nearest to ``tag`` (BCP 47, POSIX ``de_DE.UTF-8`` or Qt ``de_DE``), or ``None``.

    Region and script select Portuguese (``pt-BR`` versus ``pt``) and Chinese (``zh-Hant`` for Taiwan, Hong Kong
    and Macao, and for an explicit ``Hant`` script; ``zh-Hans`` otherwise).
    """
    if not tag:
        return None
    text = re.split(r"[.@]", tag.strip())[0].replace("_", "-")
    if not text or text.upper() in {"C", "POSIX"}:
        return None
    supported = {known.lower(): known for known in supported_tags()}
    if text.lower() in supported:
        return supported[text.lower()]
    subtags = text.split("-")
    language = _ALIASES.get(subtags[0].lower(), subtags[0].lower())
    script = next((part.title() for part in subtags[1:] if len(part) == 4 and part.isalpha()), None)
    region = next((part.upper() for part in subtags[1:] if len(part) in {2, 3} and part.isalnum()), None)
    if language == "zh":
        traditional = script == "Hant" or (script is None and region in _TRADITIONAL_REGIONS)
        return "zh-Hant" if traditional else "zh-Hans"
    if language == "pt":
        return "pt-BR" if region == "BR" else "pt"
    return supported.get(language)


def locale_or_default(tag: str | None) -> str:
    """``resolve_locale``, falling back to English."""
    return resolve_locale(tag) or DEFAULT_LOCALE


def system_locale(name: str | None) -> str:
    """The locale a new resume starts with, from the system's locale name; English when we lack that language.

    ``name`` is what the system calls it: ``QLocale.system().name()`` (``de_DE``), ``bcp47Name()``
    (``zh-Hant-TW``) or the ``LANG`` variable (``pt_BR.UTF-8``).
    """
    return locale_or_default(name)


def resume_locale(resume: Resume) -> str:
    """The locale a resume is typeset in: its ``meta.locale``, English when absent.

    A resume comes from anywhere: an unknown or malformed value is logged and English is used, rather than
    failing the export.
    """
    value = (resume.meta.model_extra or {}).get("locale")
    if value is None:
        return DEFAULT_LOCALE
    found = resolve_locale(value) if isinstance(value, str) else None
    if found is None:
        log.warning("meta.locale %r is not a supported language; using English", str(value)[:40])
        return DEFAULT_LOCALE
    return found
