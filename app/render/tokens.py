"""Design tokens: the few values a user may change in a template's look, validated before they reach CSS.

Tokens become CSS custom properties (``--doc-accent`` ...). Each value is checked against a strict pattern or
a list of bundled fonts and then written by us, never copied as text, so nothing can be injected into the
stylesheet (a value like ``red; } body { display: none`` is rejected).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from app.errors import OptionError
from app.render.fonts import font_families

_HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


@dataclass(frozen=True)
class TokenSpec:
    """What one token accepts and how it is written to CSS."""

    name: str
    css_name: str
    description: str
    parse: Callable[[str, str], str]


def _colour(name: str, raw: str) -> str:
    value = raw.strip()
    if not _HEX_COLOUR.match(value):
        raise OptionError(f"design token {name}: '{raw[:40]}' is not a colour; use #rgb or #rrggbb")
    return value.lower()


def _font(name: str, raw: str) -> str:
    families = font_families()
    family = families.get(raw.strip().lower())
    if family is None:
        known = ", ".join(sorted(families))
        raise OptionError(f"design token {name}: '{raw[:40]}' is not a bundled font; choose one of {known}")
    return family.css_stack()


def _number(low: float, high: float, unit: str) -> Callable[[str, str], str]:
    def parse(name: str, raw: str) -> str:
        text = raw.strip().removesuffix(unit) if unit else raw.strip()
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or not low <= value <= high:
            raise OptionError(f"design token {name}: '{raw[:40]}' must be a number from {low:g} to {high:g}{unit}")
        return f"{round(value, 3):g}{unit}"

    return parse


TOKEN_SPECS: dict[str, TokenSpec] = {
    spec.name: spec
    for spec in (
        TokenSpec("accent", "--doc-accent", "accent colour for headings and rules", _colour),
        TokenSpec("text", "--doc-text", "colour of body text", _colour),
        TokenSpec("fontBody", "--doc-font-body", "font for body text (a bundled font id)", _font),
        TokenSpec("fontHeading", "--doc-font-heading", "font for the name and headings (a bundled font id)", _font),
        TokenSpec("baseSize", "--doc-base-size", "body text size in points", _number(6, 16, "pt")),
        TokenSpec("lineHeight", "--doc-line-height", "line height as a multiple of the text size", _number(1, 2.2, "")),
        TokenSpec(
            "spacing", "--doc-spacing", "space between blocks as a multiple of the default", _number(0.3, 2.5, "")
        ),
    )
}


def resolve_tokens(*layers: Mapping[str, object]) -> dict[str, str]:
    """Merges token layers (template defaults first, user choices last) and validates every value.

    Returns raw token values by name (``{"baseSize": "10.5"}``); unknown names are an ``OptionError``.
    """
    merged: dict[str, str] = {}
    for layer in layers:
        for name, value in layer.items():
            if name not in TOKEN_SPECS:
                known = ", ".join(TOKEN_SPECS)
                raise OptionError(f"unknown design token '{name[:40]}'; known tokens are {known}")
            if not isinstance(value, str | int | float) or isinstance(value, bool):
                raise OptionError(f"design token {name}: must be text or a number")
            merged[name] = str(value)
    for name, value in merged.items():
        TOKEN_SPECS[name].parse(name, value)
    return merged


def tokens_css(tokens: Mapping[str, str]) -> str:
    """A ``:root`` rule declaring every token as a CSS custom property."""
    declarations = [
        f"{TOKEN_SPECS[name].css_name}: {TOKEN_SPECS[name].parse(name, value)};" for name, value in tokens.items()
    ]
    return ":root { " + " ".join(declarations) + " }"
