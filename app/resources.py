"""Where the bundled resources (templates, fonts, locales, samples, icons) are: installed, checked out or frozen.

The files live in the repository's top-level ``resources/`` folder. A built wheel and the PyInstaller bundle
carry that folder as package data at ``app/_resources`` (``pyproject.toml``'s hatch ``force-include``;
``packaging/resumepair.spec``'s ``datas``), so ``importlib.resources`` finds it inside the installed ``app``
package. In a checkout (editable install, ``python -m app`` from the repository, the tests) the package has no
``_resources``; the folder is then the ``resources/`` beside the package. This module is the only one that knows
either place; everything else asks ``resource_path()``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from app.errors import ResumePairError

#: The sub-folder of the ``app`` package that holds ``resources/`` in a wheel and in the frozen bundle.
PACKAGED_FOLDER = "_resources"


class ResourcesMissingError(ResumePairError):
    """The app's resources cannot be found: a broken installation, never a user's mistake."""


@cache
def resources_dir() -> Path:
    """The folder holding ``templates/``, ``fonts/``, ``samples/``...: package data if installed, else the checkout's.

    Callers need real paths (Jinja's loader, fontconfig, Qt URLs), so a package that is not on the file system
    (a zip import) is refused with a clear message rather than extracted piecemeal.
    """
    package = resources.files("app")
    if not isinstance(package, Path):
        raise ResourcesMissingError(f"the app package is not on the file system ({package!r}); install it unzipped")
    for candidate in (package / PACKAGED_FOLDER, package.parent / "resources"):
        if (candidate / "templates").is_dir():
            return candidate.resolve()
    raise ResourcesMissingError(
        f"ResumePair's resources are missing: neither {package / PACKAGED_FOLDER} nor {package.parent / 'resources'}"
        " holds templates/; reinstall the app"
    )


def resource_path(*parts: str) -> Path:
    """A path inside the resources folder; ``parts`` are joined as given and never leave that folder."""
    root = resources_dir()
    path = root.joinpath(*parts).resolve()
    if root != path and root not in path.parents:
        raise ValueError(f"resource path escapes the resources folder: {'/'.join(parts)}")
    return path


def sample_resume_path() -> Path:
    """The bundled sample resume shown on first run and used by ``make run``."""
    return resource_path("samples", "sample.resume.json")
