"""The bundled font families and the ``@font-face`` rules that make Chromium use them.

Every family ships real regular, bold, italic and bold-italic faces: a style without its own face would be
synthesized by Chromium and end up as a Type 3 font in the PDF, which ATS parsers cannot read.
"""

from __future__ import annotations

import json
from functools import cache

from pydantic import BaseModel, ConfigDict

from app.resources import resource_path

#: URL prefix under which the renderer's URL scheme serves ``resources/fonts``.
FONT_URL_PREFIX = "resumepair://app/fonts/"


class FontFace(BaseModel):
    """One font file and the weight/style it provides."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    file: str
    weight: int
    style: str


class FontFamily(BaseModel):
    """A bundled family; ``id`` is what design tokens and ``meta.design`` refer to."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    family: str
    generic: str
    license: str
    faces: tuple[FontFace, ...]

    def css_stack(self) -> str:
        """The ``font-family`` value: the bundled face first, then system fonts for scripts it lacks (CJK...)."""
        return f'"{self.family}", {self.generic}'


@cache
def font_families() -> dict[str, FontFamily]:
    """All bundled families by id, read once from ``resources/fonts/fonts.json``."""
    data = json.loads(resource_path("fonts", "fonts.json").read_text(encoding="utf-8"))
    families = [FontFamily.model_validate(item) for item in data["families"]]
    return {family.id: family for family in families}


@cache
def font_face_css() -> str:
    """``@font-face`` rules for every bundled face; Chromium downloads only the ones a page uses."""
    rules = []
    for family in font_families().values():
        for face in family.faces:
            fmt = "opentype" if face.file.endswith(".otf") else "truetype"
            rules.append(
                f'@font-face {{ font-family: "{family.family}"; font-weight: {face.weight}; '
                f"font-style: {face.style}; "
                f'src: url("{FONT_URL_PREFIX}{family.id}/{face.file}") format("{fmt}"); }}'
            )
    return "\n".join(rules)
