"""A resume as Markdown (CommonMark): for personal sites, READMEs and anything that renders Markdown.

Headings, emphasis and lists only; every character that Markdown would read as markup is escaped, so a name
like ``C# *Developer*`` comes out as written. Links are written only for addresses a PDF would link too.
"""

from __future__ import annotations

import re

from app.render.outline import Link, Outline, OutlineEntry

#: Characters that are markup anywhere in a line (emphasis, code, links, HTML).
_INLINE = re.compile(r"([\\`*_\[\]<>]|!(?=\[))")
#: What is markup only at the start of a line: headings, quotes, lists, rules, tables.
_LINE_START = re.compile(r"^(\s*)([#>+=|-])")
_NUMBERED = re.compile(r"^(\s*\d+)([.)])")


def escape(text: str) -> str:
    """Text that Markdown shows as written: a backslash before each character it would read as markup there."""
    text = _INLINE.sub(r"\\\1", text)
    return _NUMBERED.sub(r"\1\\\2", _LINE_START.sub(r"\1\\\2", text))


def _link(link: Link) -> str:
    if link.href:
        return f"[{escape(link.text)}](<{link.href.replace('>', '%3E')}>)"
    return escape(link.text)


def write_markdown(outline: Outline) -> bytes:
    """The resume as UTF-8 Markdown."""
    lines: list[str] = [f"# {escape(outline.name or outline.locale.words['resume'])}", ""]
    if outline.label:
        lines += [f"**{escape(outline.label)}**", ""]
    if outline.contact:
        lines += [" · ".join(_link(item) for item in outline.contact), ""]
    if outline.summary:
        lines += [f"## {escape(outline.summary_title)}", ""]
        for paragraph in outline.summary:
            lines += [escape(paragraph), ""]
    for section in outline.sections:
        lines += [f"## {escape(section.title)}", ""]
        for entry in section.entries:
            lines += _entry(entry)
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")


def _entry(entry: OutlineEntry) -> list[str]:
    lines: list[str] = []
    if entry.quote:
        lines += [f"> {escape(paragraph)}" for paragraph in entry.paragraphs]
        if entry.title:
            lines += ["", f"— {escape(entry.title.text)}"]
        return [*lines, ""]
    heading = ", ".join(_link(part) for part in (entry.title, entry.organisation) if part is not None)
    if heading:
        lines += [f"### {heading}", ""]
    facts = [entry.dates, *entry.details]
    if entry.link and entry.link.text not in heading:
        facts.append(_link(entry.link) if entry.link.href else entry.link.text)
    facts = [fact for fact in facts if fact]
    if facts:
        escaped = [fact if fact.startswith("[") else escape(fact) for fact in facts]
        lines += [f"*{' · '.join(escaped)}*", ""]
    for paragraph in entry.paragraphs:
        lines += [escape(paragraph), ""]
    if entry.bullets:
        lines += [f"- {escape(bullet)}" for bullet in entry.bullets] + [""]
    if entry.keywords:
        label = f"{escape(entry.keywords_label)} " if entry.keywords_label else ""
        lines += [f"{label}{escape(', '.join(entry.keywords))}", ""]
    return lines
