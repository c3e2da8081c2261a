"""A resume as one self-contained HTML file in its template: for a personal site, or to open in any browser.

The page is the PDF's own document with everything inlined: the stylesheets as ``<style>``, the fonts it needs
as ``data:`` URIs, the photo (already a ``data:`` URI). It has no script and loads nothing from anywhere — a
Content-Security-Policy in the file says so to the browser — and on screen it shows as a sheet of the chosen
paper; printed, it prints like the PDF.
"""

from __future__ import annotations

import base64
import re

from app.errors import RenderError
from app.render.fonts import bundled_families, families_drawing
from app.render.html import APP_URL, PageSetup
from app.resources import resource_path

#: Nothing may load: only the styles and fonts written into the file, and images given as data.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; base-uri 'none'; form-action 'none'"
)
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="' + re.escape(APP_URL) + r'([^"]+)">')
_FONT_URL = re.compile(r'url\("' + re.escape(APP_URL) + r'(fonts/[^"]+)"\)')
_HEAD = re.compile(r"<head>", re.IGNORECASE)
_FONT_TYPES = {".ttf": "font/ttf", ".otf": "font/otf", ".woff2": "font/woff2", ".woff": "font/woff"}
_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
_FACE_FAMILY = re.compile(r'font-family:\s*"([^"]+)"')
#: A font stack custom property: the design's (``--doc-font-body``) or a fallback stack (``--rp-fallback-serif``).
_STACK = re.compile(r"(--(?:doc-font|rp-fallback)-[a-z]+):\s*([^;}]*)")
_QUOTED = re.compile(r'"([^"]+)"')
_VAR = re.compile(r"var\((--[a-z-]+)\)")
_TAG = re.compile(r"<style\b.*?</style>|<[^>]*>", re.DOTALL)


def write_html(resume_html: str, setup: PageSetup) -> bytes:
    """The template's document for this resume as one file that needs nothing else."""
    html = _STYLESHEET.sub(lambda match: f"<style>\n{_resource_text(match.group(1))}\n</style>", resume_html)
    html = _FONT_URL.sub(lambda match: f'url("{_font_data_uri(match.group(1))}")', _without_unused_faces(html))
    if APP_URL in html:
        raise RenderError("the HTML export still refers to an app resource it could not include", transient=False)
    width, height = setup.page_size.size_mm
    margin = setup.margin_mm
    screen = (
        "@media screen { html { background: #e8e8e8; } "
        f"body {{ box-sizing: border-box; width: {width:g}mm; min-height: {height:g}mm; padding: {margin:g}mm; "
        "margin: 24px auto; background: #fff; box-shadow: 0 1px 6px rgba(0, 0, 0, 0.25); } }"
    )
    head = f'<head>\n<meta http-equiv="Content-Security-Policy" content="{CSP}">\n<style>{screen}</style>'
    html = _HEAD.sub(head, html, count=1)
    return html.encode("utf-8")


def _without_unused_faces(html: str) -> str:
    """The document with only the ``@font-face`` rules of families that draw some of its characters.

    The PDF's document declares every design font and names them all in its fallback stacks; inlined as data,
    their 20 faces made a 13.5 MB file of a two-page resume. Per stack, a family after one that covers all the
    text's characters is never used, so its faces (and its name in the stacks) are left out; a family that is
    used keeps all its faces, so bold and italic still have real ones.
    """
    text = html_text(html)
    declared = _STACK.findall(html)
    fallbacks = {prop: _QUOTED.findall(value) for prop, value in declared if prop.startswith("--rp-fallback")}
    designs = [value for prop, value in declared if prop.startswith("--doc-font")]
    used: set[str] = set()
    for value in designs:
        design = _QUOTED.findall(value)[:1]
        fallback = [name for prop in _VAR.findall(value) for name in fallbacks.get(prop, [])]
        used |= families_drawing(text, design + fallback) | set(design)
    bundled = {family.family for family in bundled_families().values()}

    def face_if_used(match: re.Match[str]) -> str:
        family = _FACE_FAMILY.search(match.group(0))
        unused = family is not None and family.group(1) in bundled and family.group(1) not in used
        return "" if unused else match.group(0)

    def stack_of_used(match: re.Match[str]) -> str:
        kept = [name for name in _QUOTED.findall(match.group(2)) if name in used or name not in bundled]
        rest = _QUOTED.sub("", match.group(2)).strip(" ,")
        value = ", ".join([f'"{name}"' for name in kept] + ([rest] if rest else []))
        return f"{match.group(1)}: {value}"

    without_faces = _FONT_FACE.sub(face_if_used, html)
    return _STACK.sub(stack_of_used, without_faces) if designs else without_faces


def html_text(html: str) -> str:
    """The characters a document shows: its markup and style sheets left out, entities as written."""
    return _TAG.sub("", html)


def _resource_text(path: str) -> str:
    return resource_path(*path.split("/")).read_text(encoding="utf-8")


def _font_data_uri(path: str) -> str:
    file = resource_path(*path.split("/"))
    kind = _FONT_TYPES.get(file.suffix.lower(), "application/octet-stream")
    return f"data:{kind};base64,{base64.b64encode(file.read_bytes()).decode('ascii')}"
