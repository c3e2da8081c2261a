"""The pure parts of packaging/build.py: version strings for each packager, file modes, RPM requirements."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging"))
import build


@pytest.mark.parametrize(
    ("pep440", "windows", "package"),
    [
        ("0.1.0", "0.1.0.0", "0.1.0"),
        ("0.2.0rc1", "0.2.0.0", "0.2.0~rc1"),
        ("1.0", "1.0.0.0", "1.0"),
        ("2.3.4.5", "2.3.4.0", "2.3.4.5"),
        ("1.0b2", "1.0.0.0", "1.0~b2"),
        ("1.0.dev3", "1.0.0.0", "1.0~dev3"),
    ],
)
def test_versions(pep440: str, windows: str, package: str) -> None:
    assert build.numeric_version(pep440) == windows
    assert build.package_version(pep440) == package


def test_release_candidate_sorts_before_the_release_in_dpkg() -> None:
    import shutil
    import subprocess

    if shutil.which("dpkg") is None:
        pytest.skip("dpkg is not installed")
    older, newer = build.package_version("0.2.0rc1"), build.package_version("0.2.0")
    assert subprocess.run(["dpkg", "--compare-versions", older, "lt", newer], check=False).returncode == 0


def test_shared_libraries_lose_the_executable_bit(tmp_path: Path) -> None:
    for name in ("resumepair", "libQt6Core.so.6", "_ssl.cpython-311-x86_64-linux-gnu.so", "libfoo.so"):
        (tmp_path / name).write_bytes(b"\x7fELF")
        (tmp_path / name).chmod(0o755)
    programs = {path.name for path in tmp_path.iterdir() if build.is_program(path)}
    assert programs == {"resumepair"}


def test_rpm_requires_names_sonames_and_data_packages() -> None:
    libraries = build.SystemLibraries(
        core=frozenset({"/usr/lib/x86_64-linux-gnu/libEGL.so.1", "/lib/x86_64-linux-gnu/libc.so.6"}),
        optional=frozenset(),
        glibc=(2, 36),
        data=frozenset({"libfontconfig.so.1"}),
    )
    assert build.rpm_requires(libraries) == ["libc.so.6(GLIBC_2.36)(64bit)", "libEGL.so.1()(64bit)", "fontconfig"]


def test_changelog_names_this_version() -> None:
    assert build.debian_changelog(build.package_version(build.version()))[:2] == b"\x1f\x8b"
