"""Design tokens are validated before they become CSS."""

from __future__ import annotations

import pytest

from app.errors import OptionError
from app.render.tokens import resolve_tokens, tokens_css


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("accent", "red; } body { display: none"),
        ("accent", "url(http://x)"),
        ("accent", "#12345"),
        ("text", "expression(alert(1))"),
        ("fontBody", 'Arial"; } body {'),
        ("fontBody", "Comic Sans MS"),
        ("baseSize", "10pt; color: red"),
        ("baseSize", "nan"),
        ("baseSize", "1e9"),
        ("lineHeight", "0.2"),
        ("spacing", "-1"),
        ("nope", "1"),
    ],
)
def test_bad_tokens_are_rejected(name: str, value: str) -> None:
    with pytest.raises(OptionError, match=name):
        resolve_tokens({name: value})


def test_good_tokens_become_custom_properties() -> None:
    tokens = resolve_tokens(
        {"accent": "#0A5", "fontBody": "lato", "fontHeading": "Inter", "baseSize": "10.5pt", "spacing": 1}
    )
    css = tokens_css(tokens)
    assert "--doc-accent: #0a5;" in css
    assert '--doc-font-body: "Lato", var(--rp-fallback-sans), sans-serif;' in css
    assert '--doc-font-heading: "Inter", var(--rp-fallback-sans), sans-serif;' in css
    assert "--doc-base-size: 10.5pt;" in css
    assert "--doc-spacing: 1;" in css


def test_later_layers_win() -> None:
    assert resolve_tokens({"accent": "#111"}, {"accent": "#222"})["accent"] == "#222"
