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


def write_html(resume_html: str, setup: PageSetup) -> bytes:
    """The template's document for this resume as one file that needs nothing else."""
    html = _STYLESHEET.sub(lambda match: f"<style>\n{_resource_text(match.group(1))}\n</style>", resume_html)
    html = _FONT_URL.sub(lambda match: f'url("{_font_data_uri(match.group(1))}")', html)
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


def _resource_text(path: str) -> str:
    return resource_path(*path.split("/")).read_text(encoding="utf-8")


def _font_data_uri(path: str) -> str:
    file = resource_path(*path.split("/"))
    kind = _FONT_TYPES.get(file.suffix.lower(), "application/octet-stream")
    return f"data:{kind};base64,{base64.b64encode(file.read_bytes()).decode('ascii')}"
