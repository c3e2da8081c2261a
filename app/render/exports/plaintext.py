"""A resume as plain text for pasting into a job portal's form or an e-mail: no markup, lines of at most 80 columns.

Lines are measured in display columns, so Chinese, Japanese and Korean characters count as two and a line of
them is still no wider than 80; text without spaces (CJK, long addresses) is broken between characters.
"""

from __future__ import annotations

import unicodedata

from app.render.outline import Outline, OutlineEntry

WIDTH = 80


def columns(text: str) -> int:
    """How many columns ``text`` takes in a monospaced view (wide East Asian characters take two)."""
    return sum(_width(char) for char in text)


def _width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def wrap(text: str, width: int = WIDTH, first: str = "", rest: str = "") -> list[str]:
    """``text`` as lines of at most ``width`` columns, the first starting with ``first``, the others with ``rest``."""
    lines: list[str] = []
    line = first
    prefix_width = columns(first)
    for word in text.split(" "):
        if not word:
            continue
        candidate = f"{line} {word}" if columns(line) > prefix_width else line + word
        if columns(candidate) <= width:
            line = candidate
            continue
        if columns(line) > prefix_width:
            lines.append(line.rstrip())
            line = rest
            prefix_width = columns(rest)
        for char in word:  # a word longer than a line: broken between characters
            if columns(line + char) > width:
                lines.append(line)
                line = rest
            line += char
    if columns(line) > prefix_width or not lines:
        lines.append(line.rstrip())
    return lines


def write_text(outline: Outline) -> bytes:
    """The resume as UTF-8 text; headings underlined, bullets with a hanging indent."""
    out: list[str] = [*wrap(outline.name.upper() if outline.name.isascii() else outline.name)]
    if outline.label:
        out += wrap(outline.label)
    if outline.contact:
        out += wrap(" | ".join(_contact(item.text, item.href) for item in outline.contact))
    out.append("")
    if outline.summary:
        out += _heading(outline.summary_title)
        for paragraph in outline.summary:
            out += [*wrap(paragraph), ""]
    for section in outline.sections:
        out += _heading(section.title)
        for entry in section.entries:
            out += _entry(entry)
    text = "\n".join(out).rstrip() + "\n"
    return text.encode("utf-8")


def _contact(text: str, href: str | None) -> str:
    """A contact detail; a link whose address the text does not show gets it in angle brackets."""
    if not href or href.startswith("mailto:") or href.rstrip("/").endswith(text):
        return text
    return f"{text} <{href}>"


def _heading(title: str) -> list[str]:
    lines = wrap(title.upper() if title.isascii() else title)
    return [*lines, "=" * min(WIDTH, max(columns(line) for line in lines)), ""]


def _entry(entry: OutlineEntry) -> list[str]:
    lines: list[str] = []
    if entry.quote:
        for paragraph in entry.paragraphs:
            lines += wrap(f"“{paragraph}”" if paragraph[:1] not in '"“„«' else paragraph)
        if entry.title:
            lines += wrap(f"— {entry.title.text}", first="  ")
        return [*lines, ""]
    if entry.heading:
        lines += wrap(entry.heading)
    facts = [entry.dates, *entry.details]
    if entry.link and entry.link.text not in entry.heading:
        link = entry.link
        facts.append(link.href if link.href and not link.href.startswith("mailto:") else link.text)
    facts = [fact for fact in facts if fact]
    if facts:
        lines += wrap(" | ".join(facts))
    for paragraph in entry.paragraphs:
        lines += wrap(paragraph)
    for bullet in entry.bullets:
        lines += wrap(bullet, first="  - ", rest="    ")
    if entry.keywords:
        label = f"{entry.keywords_label} " if entry.keywords_label else ""
        lines += wrap(label + ", ".join(entry.keywords))
    return [*lines, ""]
