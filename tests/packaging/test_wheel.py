"""The built wheel (``pip install .``, not editable) carries every resource and exports a PDF on its own.

Speed and reliability: the wheel is built without build isolation (the locked hatchling is in the venv) and
installed with ``--no-deps --no-index`` into a fresh virtualenv made without pip. Its dependencies are not
downloaded again (PySide6 alone is hundreds of MB): a ``.pth`` file appended *after* the install puts this test
venv's site-packages at the end of the fresh venv's ``sys.path``. The fresh venv's own site-packages comes first,
so ``app`` (and its resources) can only come from the wheel, which the test checks; ``.pth`` files inside the
appended folder are not processed, so this checkout's editable install stays invisible.
"""

from __future__ import annotations

import email
import os
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.pdfcheck import normalise, page_boxes, pdf_fonts, pdf_text

ROOT = Path(__file__).resolve().parents[2]
A4 = (595.0, 842.0)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
         "--wheel-dir", str(out), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (built,) = out.glob("resumepair-*.whl")
    return built


def test_wheel_carries_every_resource_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    source = ROOT / "resources"
    expected = {f"app/_resources/{p.relative_to(source).as_posix()}" for p in source.rglob("*") if p.is_file()}
    assert expected - names == set()
    assert {n.split("/")[0] for n in names} - {"app"} == {"-".join(wheel.name.split("-")[:2]) + ".dist-info"}


def test_wheel_metadata_names_the_dependencies(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    (meta_name,) = (n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
    meta = email.message_from_bytes(archive.read(meta_name))
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    runtime = {key(Requirement(r)) for r in meta.get_all("Requires-Dist") or [] if "extra ==" not in r}
    assert runtime == {key(Requirement(r)) for r in declared}
    assert meta["Name"] == "resumepair"


@pytest.mark.slow
def test_installed_wheel_exports_a_pdf(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "--no-index",
         str(wheel)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    purelib = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").strip())
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (purelib / "zz_test_dependencies.pth").write_text("\n".join(sorted(ours)) + "\n", encoding="utf-8")

    where = run(python, "-c", "import app, app.resources as r; print(app.__file__); print(r.resources_dir())")
    module, resources_dir = (Path(line) for line in where.split())
    assert module.is_relative_to(purelib) and resources_dir == purelib / "app" / "_resources"

    sample = resources_dir / "samples" / "sample.resume.json"
    pdf = tmp_path / "out.pdf"
    output = run(venv / "bin" / "resumepair", "export", str(sample), "-o", str(pdf))
    assert str(pdf) in output
    data = pdf.read_bytes()
    assert set(page_boxes(data)) == {A4}
    assert "Richard Hendriks" in normalise(pdf_text(data))
    fonts = pdf_fonts(data)
    assert fonts and all(f.embedded and "Type 3" not in f.type for f in fonts)


def key(requirement: Requirement) -> tuple[str, str]:
    return canonicalize_name(requirement.name), str(requirement.specifier)


def run(program: Path, *args: str) -> str:
    """Runs a program of the fresh venv away from the checkout (no PYTHONPATH, another working folder)."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}}
    result = subprocess.run(
        [str(program), *args], capture_output=True, text=True, env=env, cwd=program.parent, timeout=300, check=False
    )
    assert result.returncode == 0, f"{program.name} {' '.join(args)} exited {result.returncode}:\n{result.stderr}"
    return result.stdout
