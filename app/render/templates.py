"""The template registry: finds every ``resources/templates/<id>/manifest.json`` and checks it.

A template is a folder holding ``manifest.json``, ``template.html.j2`` and ``style.css`` (plus any assets it
links). The manifest gives the id, a name and description for pickers, default design tokens and margins.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.errors import TemplateError
from app.render.tokens import resolve_tokens
from app.resources import resource_path

DEFAULT_TEMPLATE_ID = "classic"


class TemplateManifest(BaseModel):
    """What ``manifest.json`` holds; unknown keys are errors so a typo does not go unnoticed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")
    name: str
    description: str
    tokens: dict[str, str]
    margin_mm: float = Field(ge=0, le=50)
    #: Two-column templates: the sections their sidebar holds unless the resume says otherwise (``column``).
    sidebar: tuple[str, ...] | None = None


class Template:
    """A template found on disk: its manifest and the folder its files live in."""

    def __init__(self, manifest: TemplateManifest, folder: Path) -> None:
        self.manifest = manifest
        self.folder = folder

    @property
    def id(self) -> str:
        """Stable identifier used by options, ``meta.template`` and the CLI."""
        return self.manifest.id

    @property
    def has_sidebar(self) -> bool:
        """Whether the template has a second column the user can put sections in."""
        return self.manifest.sidebar is not None

    def __repr__(self) -> str:
        return f"Template({self.id!r})"


@cache
def template_registry() -> dict[str, Template]:
    """Every valid template by id, in name order. Broken manifests are a packaging bug and raise."""
    root = resource_path("templates")
    found: dict[str, Template] = {}
    for manifest_path in sorted(root.glob("*/manifest.json")):
        try:
            manifest = TemplateManifest.model_validate(json.loads(manifest_path.read_text(encoding="utf-8")))
        except (ValidationError, json.JSONDecodeError) as exc:
            raise TemplateError(f"{manifest_path}: broken template manifest: {exc}") from exc
        if manifest.id != manifest_path.parent.name:
            raise TemplateError(f"{manifest_path}: id '{manifest.id}' does not match its folder name")
        resolve_tokens(manifest.tokens)
        found[manifest.id] = Template(manifest, manifest_path.parent)
    return dict(sorted(found.items(), key=lambda item: item[1].manifest.name))


def get_template(template_id: str) -> Template:
    """The template with this id, or a ``TemplateError`` listing the ones that exist."""
    registry = template_registry()
    template = registry.get(template_id)
    if template is None:
        known = ", ".join(registry)
        raise TemplateError(f"unknown template '{template_id[:40]}'; available templates: {known}")
    return template
