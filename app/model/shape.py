"""The schema's shape, read from the pydantic models, so the normaliser walks the same fields the model checks.

Also the few facts about each kind of entry that the models cannot say: which field holds an entry's name
(``work`` → ``name``, ``languages`` → ``language``), used when people write an entry as a bare string, and
which field takes the value of a ``{"name": value}`` map (``{"Python": "Expert"}`` → a skill and its level).
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, Union, get_args, get_origin

from app.model.fields import FieldKind
from app.model.resume import (
    Award,
    Basics,
    Certificate,
    Education,
    Interest,
    Language,
    Location,
    Profile,
    Project,
    Publication,
    Reference,
    Resume,
    Section,
    Skill,
    Volunteer,
    Work,
)

#: The field that names an entry, for entries written as a bare string or as the keys of a map.
NAME_FIELD: dict[type[Section], str] = {
    Basics: "name",
    Location: "city",
    Profile: "network",
    Work: "name",
    Volunteer: "organization",
    Education: "institution",
    Award: "title",
    Certificate: "name",
    Publication: "name",
    Skill: "name",
    Language: "language",
    Interest: "name",
    Reference: "reference",
    Project: "name",
}

#: The field that takes a map's value when it is text (``{"English": "Native"}``) or a list of text.
VALUE_FIELD: dict[type[Section], str] = {
    Profile: "url",
    Skill: "level",
    Language: "fluency",
    Interest: "keywords",
    Award: "summary",
    Reference: "name",
}

#: Sections whose entries people often write as one comma-separated line ("Python, Go, SQL").
LISTED_BY_COMMAS = frozenset({"skills", "interests", "languages"})


@dataclass(frozen=True)
class FieldShape:
    """What one field holds: text of a kind, one object, or a list of objects of a model."""

    kind: FieldKind | None
    model: type[Section] | None = None
    many: bool = False

    @property
    def is_object(self) -> bool:
        """A nested object (``basics.location``) rather than text."""
        return self.model is not None and not self.many

    @property
    def is_object_list(self) -> bool:
        """A list of entries (``work``, ``basics.profiles``)."""
        return self.model is not None and self.many


@cache
def fields_of(model: type[Section]) -> dict[str, FieldShape]:
    """Each field of a model by the name files use (its alias), with its shape."""
    shapes: dict[str, FieldShape] = {}
    for name, info in model.model_fields.items():
        kind = next((item for item in info.metadata if isinstance(item, FieldKind)), None)
        annotation = info.annotation
        if get_origin(annotation) in {Union, types.UnionType}:
            annotation = next(arg for arg in get_args(annotation) if arg is not type(None))
        many = get_origin(annotation) is list
        inner = get_args(annotation)[0] if many else annotation
        entry_model = inner if isinstance(inner, type) and issubclass(inner, Section) else None
        shapes[info.alias or name] = FieldShape(kind, entry_model, many)
    return shapes


def text_fields(model: type[Section], data: dict[str, Any], path: str = "") -> Iterator[tuple[str, FieldKind, str]]:
    """Every text field of the schema that ``data`` fills with text: (dotted path, kind, value)."""
    for key, shape in fields_of(model).items():
        value = data.get(key)
        here = f"{path}.{key}" if path else key
        if shape.model is not None:
            items = value if shape.many and isinstance(value, list) else [] if shape.many else [value]
            for index, item in enumerate(items):
                if isinstance(item, dict):
                    yield from text_fields(shape.model, item, f"{here}.{index}" if shape.many else here)
        elif isinstance(value, str) and value and shape.kind is not None:
            yield here, shape.kind, value


def schema_sections() -> tuple[str, ...]:
    """The schema's top-level list sections, in the order the models declare them."""
    return tuple(key for key, shape in fields_of(Resume).items() if shape.is_object_list)
