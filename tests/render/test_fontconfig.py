"""The private fontconfig configuration: where it goes, what it says."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from app.render import fontconfig
from app.render.fontconfig import configuration, use_bundled_fonts_only
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(not fontconfig.fontconfig_applies(), reason="fontconfig is not used here")


@pytest.fixture(autouse=True)
def keep_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests' own process must keep the configuration it started with."""
    monkeypatch.setenv("FONTCONFIG_FILE", os.environ.get("FONTCONFIG_FILE", ""))
    monkeypatch.setenv("FONTCONFIG_PATH", os.environ.get("FONTCONFIG_PATH", ""))


def test_the_configuration_lives_in_the_data_folder_and_names_only_our_fonts(tmp_path: Path) -> None:
    path = use_bundled_fonts_only(tmp_path / "data")
    assert path == tmp_path / "data" / "cache" / "fontconfig" / "fonts.conf"
    assert os.environ["FONTCONFIG_FILE"] == str(path)
    text = path.read_text(encoding="utf-8")
    assert text.count("<dir>") == 1 and f"<dir>{ROOT / 'resources' / 'fonts'}</dir>" in text
    assert f"<cachedir>{path.parent}</cachedir>" in text
    assert "<include" not in text  # nothing of the system's configuration
    assert (path.parent.stat().st_mode & 0o777) == 0o700
    mtime = path.stat().st_mtime_ns
    use_bundled_fonts_only(tmp_path / "data")
    assert path.stat().st_mtime_ns == mtime  # unchanged text is not rewritten


def test_paths_are_escaped() -> None:
    text = configuration(Path("/a&b/<fonts>"), Path("/c"))
    assert "<dir>/a&amp;b/&lt;fonts&gt;</dir>" in text


def test_a_nearly_full_data_folder_keeps_its_space(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fontconfig, "MIN_FREE_BYTES", 1 << 62)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    path = use_bundled_fonts_only(tmp_path / "data")
    assert path is not None and path.is_relative_to(tmp_path / "tmp")
    assert path.parent.name.startswith("resumepair-fontconfig-")
    assert (path.parent.stat().st_mode & 0o777) == 0o700


def test_an_unusable_data_folder_still_gets_a_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    path = use_bundled_fonts_only(blocker / "data")
    assert path is not None and path.is_file()
    assert "resources/fonts" in path.read_text(encoding="utf-8")
