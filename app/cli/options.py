"""Turning export flags into ``ExportOptions``, with messages that name the flag."""

from __future__ import annotations

import argparse

from pydantic import ValidationError

from app.errors import OptionError
from app.render.options import MAX_FIT_PAGES, MAX_MARGIN_MM, ExportOptions
from app.render.tokens import resolve_tokens

_FLAG_NAMES = {"margin_mm": "--margin", "fit_pages": "--fit-pages", "template": "--template"}


def options_from_args(args: argparse.Namespace) -> ExportOptions:
    """Validates every export flag; an ``OptionError`` names the flag and the allowed range."""
    tokens: dict[str, str] = {}
    for item in args.token:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise OptionError(f"--token {item[:40]}: use NAME=VALUE, e.g. accent=#1f3a5f")
        tokens[name.strip()] = value.strip()
    resolve_tokens(tokens)
    try:
        return ExportOptions(
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
