"""Resume + template + tokens → one self-contained HTML document, ready for the PDF engine or the preview.

Jinja2 runs with autoescape and ``StrictUndefined``; templates get a plain, deep-copied dict of the resume
(every schema field present, ``None`` or ``[]`` when empty), so rendering can never change what the editor holds.
The user's page size and margins are injected as the last stylesheet of the document, with ``!important``,
because Chromium lets CSS ``@page`` win over the ``QPageLayout`` passed to ``printToPdf``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from app.model.fields import is_absolute_uri, is_email
from app.model.resume import Resume
from app.render.fonts import font_face_css
from app.render.images import photo_data_uri
from app.render.options import PageSize, Quality
from app.render.templates import Template
from app.render.tokens import tokens_css
from app.resources import resource_path

#: Scheme and host under which the PDF engine serves bundled resources.
APP_URL = "resumepair://app/"

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_LINK_SCHEMES = ("http://", "https://", "mailto:")
_HEAD_CLOSE = re.compile(r"</head\s*>", re.IGNORECASE)

#: Section headings, in the order single-column templates show them.
SECTION_TITLES = {
    "work": "Experience",
    "projects": "Projects",
    "education": "Education",
    "volunteer": "Volunteering",
    "awards": "Awards",
    "certificates": "Certificates",
    "publications": "Publications",
    "skills": "Skills",
    "languages": "Languages",
    "interests": "Interests",
    "references": "References",
}


@dataclass(frozen=True)
class PageSetup:
    """Paper and margins, as the user chose them; applied both in CSS and in the ``QPageLayout``."""

    page_size: PageSize
    margin_mm: float


def format_date(value: str | None, *, missing: str = "") -> str:
    """``2019-03-14`` → ``Mar 2019``; ``2019`` stays ``2019``; no date → ``missing``."""
    if not value:
        return missing
    parts = value.split("-")
    if len(parts) >= 2 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def format_range(start: str | None, end: str | None) -> str:
    """A period such as ``Mar 2019 – Present``; an entry without a start shows only its end."""
    if not start and not end:
        return ""
    if not start:
        return format_date(end)
    first, last = format_date(start), format_date(end, missing="Present")
    return first if first == last else f"{first} – {last}"


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


def _contact_items(basics: dict[str, Any]) -> list[dict[str, str | None]]:
    items: list[dict[str, str | None]] = []
    email = basics.get("email")
    if email:
        # Kept as written when it is not an address ("###EMAIL###"): shown, never linked.
        items.append({"kind": "email", "text": email, "href": f"mailto:{email}" if is_email(email) else None})
    if basics.get("phone"):
        items.append({"kind": "phone", "text": basics["phone"], "href": None})
    url = basics.get("url")
    if url and (safe_href(url) or not is_absolute_uri(url)):
        # A relative address ("pdf/cv.pdf") is shown as text; one with a scheme we will not link (javascript:,
        # file:) is left out rather than printed.
        items.append({"kind": "url", "text": display_url(url), "href": safe_href(url)})
    location = basics.get("location") or {}
    place = ", ".join(
        part for part in (location.get("city"), location.get("region"), location.get("country_code")) if part
    )
    if place:
        items.append({"kind": "location", "text": place, "href": None})
    for profile in basics.get("profiles") or []:
        text = profile.get("username") or display_url(profile.get("url"))
        if not text:
            continue
        label = f"{profile['network']}: {text}" if profile.get("network") else text
        items.append({"kind": "profile", "text": label, "href": safe_href(profile.get("url"))})
    return items


def _has_content(value: Any) -> bool:
    """Whether an entry holds anything to show (a list of empty objects is an empty section)."""
    if isinstance(value, dict):
        return any(_has_content(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_content(item) for item in value)
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None


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
    env.filters["date"] = format_date
    env.filters["href"] = safe_href
    env.filters["display_url"] = display_url
    env.globals["daterange"] = format_range
    return env


def page_css(setup: PageSetup) -> str:
    """The ``@page`` rule that makes the user's paper and margins win over the template's CSS."""
    width, height = setup.page_size.size_mm
    return (
        f"@page {{ size: {width:g}mm {height:g}mm !important; margin: {setup.margin_mm:g}mm !important; }}\n"
        "html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }"
    )


def build_context(resume: Resume, quality: Quality) -> dict[str, Any]:
    """The variables every template gets: ``r`` (the resume as plain data), ``contact``, ``photo``, titles."""
    data = resume.model_dump(mode="python", by_alias=False)
    return {
        "r": data,
        "contact": _contact_items(data["basics"]),
        "photo": photo_data_uri(resume.basics.image, quality),
        "titles": SECTION_TITLES,
        "sections": [name for name in SECTION_TITLES if any(_has_content(entry) for entry in data.get(name) or [])],
        "today": dt.date.today().isoformat(),
    }


def render_html(resume: Resume, template: Template, tokens: dict[str, str], setup: PageSetup, quality: Quality) -> str:
    """Renders one resume to a complete HTML document whose fonts, tokens and page rules are all ours."""
    env = _environment()
    jinja_template = env.get_template(f"{template.id}/template.html.j2")
    # Only our own constants and validated token values go in here; resume content never does.
    head = Markup(  # noqa: S704
        f'<meta charset="utf-8">\n'
        f'<link rel="stylesheet" href="{APP_URL}templates/_base.css">\n'
        f'<link rel="stylesheet" href="{APP_URL}templates/{template.id}/style.css">\n'
        f"<style>\n{font_face_css()}\n{tokens_css(tokens)}\n</style>"
    )
    html = jinja_template.render(rp_head=head, **build_context(resume, quality))
    override = f"<style>\n{page_css(setup)}\n</style>\n"
    match = _HEAD_CLOSE.search(html)
    if match is None:
        return override + html
    return html[: match.start()] + override + html[match.start() :]
