"""app/resources.py finds the resources as package data when installed and beside the package in a checkout."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app import resources

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fresh_cache() -> Iterator[None]:
    resources.resources_dir.cache_clear()
    yield
    resources.resources_dir.cache_clear()


def test_checkout_uses_the_top_level_resources_folder() -> None:
    assert resources.resources_dir() == (ROOT / "resources").resolve()
    assert resources.sample_resume_path().is_file()


def test_packaged_copy_wins_over_the_checkout(
    fresh_cache: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site-packages" / "app"
    (package / resources.PACKAGED_FOLDER / "templates").mkdir(parents=True)
    (tmp_path / "site-packages" / "resources" / "templates").mkdir(parents=True)  # must not be chosen
    monkeypatch.setattr(resources.resources, "files", lambda _name: package)
    assert resources.resources_dir() == (package / resources.PACKAGED_FOLDER).resolve()


def test_missing_resources_say_so(fresh_cache: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "app"
    package.mkdir()
    monkeypatch.setattr(resources.resources, "files", lambda _name: package)
    with pytest.raises(resources.ResourcesMissingError, match="reinstall"):
        resources.resources_dir()


def test_paths_never_leave_the_folder() -> None:
    with pytest.raises(ValueError, match="escapes"):
        resources.resource_path("..", "pyproject.toml")
    assert resources.resource_path("templates").is_dir()
