"""Text as people put it in resume files: HTML fragments, entities, several languages at once, numbers.

Each function answers one question about one value and changes nothing else, so the normaliser can record a
repair for exactly what changed.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from typing import Any

#: A line break tag, which alone marks a value as HTML.
_BREAK = re.compile(r"<\s*br\s*/?\s*>", re.IGNORECASE)
#: A closing tag; a value is HTML when one closes a tag the value also opens ("Replaced <table> layouts" is not).
_CLOSING = re.compile(r"</\s*([a-zA-Z][a-zA-Z0-9]*)\s*>")
_ENTITY = re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")
_BLOCK_TAGS = frozenset({"p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr"})
#: Elements whose content a browser never shows as text.
_HIDDEN_TAGS = frozenset({"script", "style", "template", "noscript", "iframe", "object"})
_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z]{4})?(?:[-_](?:[A-Z]{2}|[0-9]{3}))?")
#: How people start list lines: a bullet sign, or a dash, star or plus followed by a space, or "1." / "1)".
_LIST_MARKER = re.compile(r"^\s*(?:[•·‣▪▫◦●○■□►▸✓✔]\s*|[-–—*+]\s+|\d{1,2}[.)]\s+)")


class _TextCollector(HTMLParser):
    """Collects an HTML fragment's text: line breaks for ``<br>`` and blocks, "• " for list items, link targets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._href: str | None = None
        self._link_text: list[str] = []
        self._hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden_depth += 1
        elif tag == "br" or (tag in _BLOCK_TAGS and not (self.parts and self.parts[-1].endswith("• "))):
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n• ")
        elif tag == "a":
            self._href = dict(attrs).get("href")
            self._link_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden_depth = max(0, self._hidden_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag == "a" and self._href is not None:
            shown = "".join(self._link_text).strip()
            target = self._href.strip()
            if target and target not in shown and not target.startswith(("#", "javascript:")):
                self.parts.append(f" ({target.removeprefix('mailto:')})")
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._hidden_depth:
            return
        self.parts.append(data)
        if self._href is not None:
            self._link_text.append(data)

    def text(self) -> str:
        lines = ("".join(self.parts)).split("\n")
        cleaned = [" ".join(line.split()) for line in lines]
        text = "\n".join(cleaned)
        return re.sub(r"\n{3,}", "\n\n", text).strip()


def markup_to_text(value: str) -> str | None:
    """The plain text of a value holding HTML tags or entities (``<br/>``, ``&amp;``); ``None`` if it has none."""
    if not is_markup(value):
        if _ENTITY.search(value) is None:
            return None
        unescaped = html.unescape(value)
        return unescaped if unescaped != value else None
    collector = _TextCollector()
    collector.feed(value)
    collector.close()
    return collector.text()


def is_markup(value: str) -> bool:
    """Whether text is an HTML fragment: it has a ``<br>``, or a closing tag for a tag it opens."""
    if _BREAK.search(value):
        return True
    for match in _CLOSING.finditer(value):
        if re.search(rf"<\s*{re.escape(match.group(1))}[\s/>]", value[: match.start()], re.IGNORECASE):
            return True
    return False


def is_language_map(value: Any) -> bool:
    """Whether a value is the same thing in several languages: ``{"de": "...", "en": "..."}``."""
    if not isinstance(value, dict) or not value:
        return False
    if not all(isinstance(key, str) and _LANGUAGE_TAG.fullmatch(key) for key in value):
        return False
    from babel import localedata

    return all(localedata.exists(key.replace("-", "_")) for key in value)


def choose_language(choices: dict[str, Any], preferred: str | None) -> str:
    """The key to use from a language map: the resume's language, else English, else the first."""
    wanted = [preferred, preferred.split("-")[0] if preferred else None, "en"]
    lowered = {key.lower().replace("_", "-"): key for key in choices}
    for tag in wanted:
        if tag and tag.lower() in lowered:
            return lowered[tag.lower()]
    return next(iter(choices))


def as_text(value: Any) -> str:
    """Any JSON value as text a person can read: numbers as written, lists as lines, objects as JSON."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list) and all(isinstance(item, str | int | float) for item in value):
        return "\n".join(str(item) for item in value)
    if isinstance(value, dict):
        texts = [item for item in value.values() if isinstance(item, str) and item.strip()]
        if len(value) == 1 and len(texts) == 1:
            return texts[0]
    return json.dumps(value, ensure_ascii=False)


def split_lines(value: str) -> list[str]:
    """A block of text as list items: one per line, bullets and numbering removed, empty lines dropped."""
    items = []
    for line in value.splitlines():
        item = _LIST_MARKER.sub("", line).strip()
        if item:
            items.append(item)
    return items
