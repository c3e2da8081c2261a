"""The lock files match pyproject.toml and each other, carry hashes, and are what the venv runs.

A dependency added to pyproject.toml without `make lock` fails here, naming the command that fixes it.
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "packaging" / "lock"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+))?")


def read_lock(path: Path) -> dict[str, tuple[str, int]]:
    """``{canonical name: (version, number of hashes)}`` of a `uv pip compile --generate-hashes` file."""
    pins: dict[str, tuple[str, int]] = {}
    name = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            name = canonicalize_name(match.group(1))
            pins[name] = (match.group(2), 0)
        elif line.strip().startswith("--hash=sha256:") and name:
            version, hashes = pins[name]
            pins[name] = (version, hashes + 1)
    return pins


def project() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]  # type: ignore[no-any-return]


def requirements_in(path: Path) -> list[Requirement]:
    lines = (line.split("#")[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [Requirement(line) for line in lines if line]


@pytest.mark.parametrize("lock_name", ["dev.txt", "build.txt", "uv.txt", "smoke.txt"])
def test_every_pin_has_hashes(lock_name: str) -> None:
    pins = read_lock(LOCK / lock_name)
    assert pins
    assert [name for name, (_version, hashes) in pins.items() if hashes == 0] == []


def test_dev_lock_satisfies_pyproject_and_its_tools() -> None:
    pins = read_lock(LOCK / "dev.txt")
    wanted = [Requirement(r) for r in project()["dependencies"]]  # type: ignore[attr-defined]
    wanted += [Requirement(r) for r in project()["optional-dependencies"]["dev"]]  # type: ignore[index]
    wanted += requirements_in(LOCK / "dev-tools.in")
    assert_satisfied(wanted, pins, "dev.txt")


def test_build_lock_satisfies_pyproject_and_the_build_tools() -> None:
    pins = read_lock(LOCK / "build.txt")
    wanted = [Requirement(r) for r in project()["dependencies"]]  # type: ignore[attr-defined]
    wanted += requirements_in(LOCK / "build-tools.in")
    assert_satisfied(wanted, pins, "build.txt")


def assert_satisfied(wanted: list[Requirement], pins: dict[str, tuple[str, int]], lock_name: str) -> None:
    problems = []
    for requirement in wanted:
        pin = pins.get(canonicalize_name(requirement.name))
        if pin is None:
            problems.append(f"{requirement.name} is not in {lock_name}")
        elif not requirement.specifier.contains(pin[0], prereleases=True):
            problems.append(f"{lock_name} pins {requirement.name}=={pin[0]}, outside {requirement}")
    assert not problems, "; ".join(problems) + " -- run `make lock` and commit packaging/lock/"


def test_installers_are_built_from_the_tested_versions() -> None:
    dev, build = read_lock(LOCK / "dev.txt"), read_lock(LOCK / "build.txt")
    differ = {
        name: (dev[name][0], build[name][0]) for name in dev.keys() & build.keys() if dev[name][0] != build[name][0]
    }
    assert differ == {}
    assert read_lock(LOCK / "uv.txt")["uv"][0] == dev["uv"][0]
    assert read_lock(LOCK / "smoke.txt")["pypdf"][0] == dev["pypdf"][0]


def test_pyside6_is_pinned_exactly() -> None:
    dev = read_lock(LOCK / "dev.txt")
    for requirement in requirements_in(LOCK / "pins.txt"):
        (specifier,) = requirement.specifier
        assert specifier.operator == "=="
        assert dev[canonicalize_name(requirement.name)][0] == specifier.version


def test_the_venv_runs_the_lock() -> None:
    """What the tests run on is what the lock says (the set-up syncs the venv to it)."""
    differ = {}
    for line in (LOCK / "dev.txt").read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match and (match.group(3) is None or Marker(match.group(3).strip()).evaluate()):
            installed = metadata.version(match.group(1))
            if installed != match.group(2):
                differ[match.group(1)] = (match.group(2), installed)
    assert differ == {}, f"(locked, installed): {differ}; run make"
