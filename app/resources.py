"""Where the bundled resources (templates, fonts, samples, icons) are, frozen by PyInstaller or not.

This is the one place that knows about ``sys._MEIPASS``; everything else asks ``resources_dir()``.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    """The ``resources/`` folder: beside the package in a checkout, inside the bundle when frozen."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """A path inside ``resources/``; ``parts`` are joined as given and never leave that folder."""
    root = resources_dir()
    path = root.joinpath(*parts).resolve()
    if root != path and root not in path.parents:
        raise ValueError(f"resource path escapes the resources folder: {'/'.join(parts)}")
    return path


def sample_resume_path() -> Path:
    """The bundled sample resume shown on first run and used by ``make run``."""
    return resource_path("samples", "sample.resume.json")
