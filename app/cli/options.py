"""Turning export flags into ``ExportOptions``, with messages that name the flag."""

from __future__ import annotations

import argparse
from pathlib import PurePath

from pydantic import ValidationError

from app.errors import OptionError
from app.render.options import MAX_FIT_PAGES, MAX_MARGIN_MM, ExportFormat, ExportOptions
from app.render.tokens import resolve_tokens

_FLAG_NAMES = {"margin_mm": "--margin", "fit_pages": "--fit-pages", "template": "--template"}


def export_format(args: argparse.Namespace, output: str | None) -> ExportFormat:
    """``--format``, else the format ``output``'s extension names, else PDF; an unknown extension is an error."""
    if getattr(args, "format", None):
        return ExportFormat(args.format)
    if output is None:
        return ExportFormat.PDF
    found = ExportFormat.for_path(output)
    suffix = PurePath(output).suffix
    if found is None and suffix:
        known = ", ".join(member.suffix for member in ExportFormat)
        raise OptionError(f"-o {output}: '{suffix}' is not a format ResumePair writes ({known}); or give --format")
    return found or ExportFormat.PDF


def options_from_args(args: argparse.Namespace, output: str | None = None) -> ExportOptions:
    """Validates every export flag; an ``OptionError`` names the flag and the allowed range.

    ``output`` is the single export's ``-o`` file, whose extension picks the format when ``--format`` does not.
    """
    tokens: dict[str, str] = {}
    for item in args.token:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise OptionError(f"--token {item[:40]}: use NAME=VALUE, e.g. accent=#1f3a5f")
        tokens[name.strip()] = value.strip()
    resolve_tokens(tokens)
    try:
        return ExportOptions(
            format=export_format(args, output),
            template=args.template,
            page_size=args.page_size,
            quality=args.quality,
            margin_mm=args.margin,
            fit_pages=args.fit_pages,
            tokens=tokens,
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else ""
        flag = _FLAG_NAMES.get(field, field)
        limits = {"--margin": f"from 0 to {MAX_MARGIN_MM:g} mm", "--fit-pages": f"from 1 to {MAX_FIT_PAGES}"}
        detail = limits.get(flag, first["msg"])
        raise OptionError(f"{flag}: must be {detail}" if flag in limits else f"{flag}: {detail}") from None
