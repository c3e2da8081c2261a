"""YAML resumes read as people typed them (close to YAML 1.2's core schema)."""

from __future__ import annotations

import re
from typing import Any

import yaml

from app.errors import ResumeLoadError


class _ResumeYamlLoader(yaml.SafeLoader):
    """YAML as people type data (close to YAML 1.2's core schema).

    YAML 1.1 turns ``2019-03-01`` into a date, ``no`` into false, ``0123`` into 83 and ``1:30`` into 90: each
    loses what was written. Here only ``true``/``false`` are booleans and only plain decimal numbers are
    numbers; everything else stays the text it is.
    """


_REPLACED_TAGS = {
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
}
_ResumeYamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _REPLACED_TAGS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_ResumeYamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_ResumeYamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
_ResumeYamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789"),
)


def load_yaml(text: str, where: str) -> Any:
    """The data in a YAML file, or a ``ResumeLoadError`` with the line and column of the first problem."""
    try:
        return yaml.load(text, Loader=_ResumeYamlLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        place = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        raise ResumeLoadError(f"{where}is neither JSON nor YAML: {exc.problem or exc.context}{place}") from None
    except yaml.YAMLError as exc:
        raise ResumeLoadError(f"{where}is neither JSON nor YAML: {exc}") from None
    except RecursionError:
        raise ResumeLoadError(f"{where}is nested too deeply to be a resume") from None
