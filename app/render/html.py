"""Resume + template + tokens → one self-contained HTML document, ready for the PDF engine or the preview.

Jinja2 runs with autoescape and ``StrictUndefined``; templates get a plain, deep-copied dict of the resume
(every schema field present, ``None`` or ``[]`` when empty), so rendering can never change what the editor holds.
The user's page size and margins are injected as the last stylesheet of the document, with ``!important``,
because Chromium lets CSS ``@page`` win over the ``QPageLayout`` passed to ``printToPdf``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from app.model.fields import is_absolute_uri, is_email
from app.model.resume import Resume
from app.model.sections import is_hidden
from app.render.dates import format_date, format_range
from app.render.fonts import font_face_css
from app.render.images import photo_data_uri
from app.render.locales import section_titles
from app.render.localise import document_locale
from app.render.options import PageSize, Quality
from app.render.sections import plan_sections
from app.render.templates import Template
from app.render.tokens import resolve_tokens, tokens_css
from app.resources import resource_path

#: Scheme and host under which the PDF engine serves bundled resources.
APP_URL = "resumepair://app/"

_LINK_SCHEMES = ("http://", "https://", "mailto:")
_HEAD_CLOSE = re.compile(r"</head\s*>", re.IGNORECASE)

#: ``format_date`` and ``format_range`` (app/render/dates.py) are offered here too, where callers found them.
__all__ = [
    "APP_URL",
    "PageSetup",
    "build_context",
    "display_url",
    "format_date",
    "format_range",
    "page_css",
    "render_html",
    "safe_href",
    "warm_up_html",
]


@dataclass(frozen=True)
class PageSetup:
    """Paper and margins, as the user chose them; applied both in CSS and in the ``QPageLayout``."""

    page_size: PageSize
    margin_mm: float


def safe_href(url: str | None) -> str | None:
    """The URL if it is safe to make clickable (http, https, mailto), else ``None`` (shown as text only)."""
    if not url:
        return None
    candidate = url.strip()
    return candidate if candidate.lower().startswith(_LINK_SCHEMES) else None


def display_url(url: str | None) -> str:
    """A URL as people read it: no scheme, no trailing slash."""
    if not url:
        return ""
    return re.sub(r"^[a-zA-Z][a-zA-Z0-9+.\-]*://", "", url.strip()).rstrip("/")


def _contact_item(kind: str, value: str, href: str | None, network: str | None = None) -> dict[str, str | None]:
    """One contact detail for templates; ``dir`` keeps addresses, numbers and handles left to right in any text."""
    return {
        "kind": kind,
        "text": f"{network}: {value}" if network else value,
        "value": value,
        "network": network,
        "href": href,
        "dir": "auto" if kind == "location" else "ltr",
    }


def contact_items(basics: dict[str, Any], separator: str = ", ") -> list[dict[str, str | None]]:
    """The contact details templates and exports show: e-mail, phone, website, place, profiles (links only if safe)."""
    items: list[dict[str, str | None]] = []
    email = basics.get("email")
    if email:
        # Kept as written when it is not an address ("###EMAIL###"): shown, never linked.
        items.append(_contact_item("email", email, f"mailto:{email}" if is_email(email) else None))
    if basics.get("phone"):
        items.append(_contact_item("phone", basics["phone"], None))
    url = basics.get("url")
    if url and (safe_href(url) or not is_absolute_uri(url)):
        # A relative address ("pdf/cv.pdf") is shown as text; one with a scheme we will not link (javascript:,
        # file:) is left out rather than printed.
        items.append(_contact_item("url", display_url(url), safe_href(url)))
    location = basics.get("location") or {}
    place = separator.join(
        part for part in (location.get("city"), location.get("region"), location.get("country_code")) if part
    )
    if place:
        items.append(_contact_item("location", place, None))
    for profile in basics.get("profiles") or []:
        text = profile.get("username") or display_url(profile.get("url"))
        if not text or is_hidden(profile):  # hidden by the user: kept in the resume, not shown (as in JSON)
            continue
        items.append(_contact_item("profile", text, safe_href(profile.get("url")), profile.get("network") or None))
    return items


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept in ``<data>/cache/jinja``: compiling them costs a cold export ~50 ms."""
    from app.datadir import private_subdir, resolve_data_dir
    from app.errors import UserError

    try:
        folder = private_subdir(resolve_data_dir(), "cache", "jinja")
    except UserError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource_path("templates"))),
        bytecode_cache=_bytecode_cache(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters["href"] = safe_href
    env.filters["display_url"] = display_url
    return env


def page_css(setup: PageSetup) -> str:
    """The ``@page`` rule that makes the user's paper and margins win over the template's CSS."""
    width, height = setup.page_size.size_mm
    return (
        f"@page {{ size: {width:g}mm {height:g}mm !important; margin: {setup.margin_mm:g}mm !important; }}\n"
        "html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }"
    )


def build_context(resume: Resume, quality: Quality, template: Template | None = None) -> dict[str, Any]:
    """The variables every template gets.

    ``r`` (the resume as plain data), ``contact``, ``photo``, ``loc`` (the resume's language) and ``sections``
    (the sections to show, in order, with their headings, entries and column: ``app.render.sections``).
    """
    data = resume.model_dump(mode="python", by_alias=False)
    stored = resume.model_dump(mode="python", by_alias=True)
    loc = document_locale(resume)
    sidebar = frozenset(template.manifest.sidebar or ()) if template is not None else frozenset()
    return {
        "r": data,
        "contact": contact_items(data["basics"], loc.words["list_separator"]),
        "photo": photo_data_uri(resume.basics.image, quality),
        "loc": loc,
        "sections": plan_sections(data, stored, section_titles(loc.tag), sidebar),
    }


def _head(template: Template, tokens: dict[str, str]) -> Markup:
    """The template's stylesheets and design tokens, for the document's ``<head>``.

    Only our own constants and validated token values go in here; resume content never does.
    """
    return Markup(  # noqa: S704
        f'<meta charset="utf-8">\n'
        f'<link rel="stylesheet" href="{APP_URL}templates/_base.css">\n'
        f'<link rel="stylesheet" href="{APP_URL}templates/{template.id}/style.css">\n'
        f"<style>\n{tokens_css(tokens)}\n</style>"
    )


#: Text in every weight and style a template draws with, in its body and heading fonts.
_WARM_UP_BODY = (
    "<p>Warm-up <b>bold</b> <i>italic</i> <b><i>both</i></b></p>"
    '<p style="font-family: var(--doc-font-heading)">Heading <b>bold</b> <i>italic</i> <b><i>both</i></b></p>'
)


def warm_up_html(template: Template, setup: PageSetup) -> str:
    """A page that loads what a first document of ``template`` needs: its stylesheets and its Latin fonts.

    A CLI export prints it while it reads its input, so the render process has parsed the styles and fonts
    before the real document arrives: the first document then takes ~46 ms instead of ~88 ms to load and
    print (2-page resume; a warm-up without them saves only the render process's start).
    """
    tokens = resolve_tokens(template.manifest.tokens)
    return (
        f'<!DOCTYPE html>\n<html lang="en" dir="ltr">\n<head>\n{_head(template, tokens)}\n<title>warm-up</title>\n'
        f"<style>\n{font_face_css()}\n{page_css(setup)}\n</style>\n</head>\n<body>{_WARM_UP_BODY}</body>\n</html>\n"
    )


def render_html(resume: Resume, template: Template, tokens: dict[str, str], setup: PageSetup, quality: Quality) -> str:
    """Renders one resume to a complete HTML document whose fonts, tokens and page rules are all ours."""
    env = _environment()
    jinja_template = env.get_template(f"{template.id}/template.html.j2")
    context = build_context(resume, quality, template)
    html = jinja_template.render(rp_head=_head(template, tokens), **context)
    # Fonts are declared once the document's characters are known: only the script slices it needs.
    fonts = font_face_css(html, context["loc"].tag)
    override = f"<style>\n{fonts}\n{page_css(setup)}\n</style>\n"
    match = _HEAD_CLOSE.search(html)
    if match is None:
        return override + html
    return html[: match.start()] + override + html[match.start() :]
