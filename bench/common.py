"""What the benchmark parts share: the environment of the processes they time, inputs, pre-rendered HTML."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"


def python() -> str:
    """The interpreter of the venv running the benchmark."""
    return sys.executable


def bench_env() -> dict[str, str]:
    """The environment every timed process gets: headless, the switches a root user needs, bytecode caches.

    An installed app has bytecode caches; with ``PYTHONDONTWRITEBYTECODE`` every start would compile ours again.
    """
    env = {
        key: value for key, value in os.environ.items() if key not in {"PYTHONDONTWRITEBYTECODE", "RESUMEPAIR_DATA_DIR"}
    }
    flags = ["--disable-gpu"] + (["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else [])
    env.update(
        QT_QPA_PLATFORM="offscreen",
        QTWEBENGINE_CHROMIUM_FLAGS=" ".join(flags),
        QT_LOGGING_RULES="qt.rhi.*=false;qt.webenginecontext.*=false",
    )
    return env


def compile_app() -> None:
    """Writes the bytecode of ``app`` once, as an install would (``__pycache__`` is ignored by git)."""
    subprocess.run([python(), "-m", "compileall", "-q", str(ROOT / "app")], check=True, capture_output=True)


def scaled_resume(pages: int) -> dict[str, object]:
    """The sample resume repeated until it fills about ``pages`` pages in the classic template."""
    data = json.loads((SAMPLES / "sample.resume.json").read_text(encoding="utf-8"))
    if pages == 1:
        data["volunteer"] = data["awards"] = data["publications"] = data["references"] = []
        data["projects"] = []
        return data
    work = data["work"][0]
    data["work"] = [dict(work, name=f"{work['name']} {i}") for i in range({2: 2, 5: 18}[pages])]
    return data


def varied_resumes(count: int) -> list[dict[str, object]]:
    """``count`` resumes of 1 to 3 pages: the sample and the long sample, with 1 to 7 jobs each."""
    base = json.loads((SAMPLES / "sample.resume.json").read_text(encoding="utf-8"))
    long = json.loads((SAMPLES / "long.resume.json").read_text(encoding="utf-8"))
    resumes = []
    for index in range(count):
        source = long if index % 4 == 0 else base
        data = json.loads(json.dumps(source))
        data["basics"]["name"] = f"Candidate {index:05d}"
        data["work"] = data["work"][: 1 + index % len(data["work"])]
        resumes.append(data)
    return resumes


def write_inputs(resumes: list[dict[str, object]], folder: Path) -> list[Path]:
    """Each resume as ``folder/r<n>.json``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, data in enumerate(resumes):
        path = folder / f"r{index:05d}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        paths.append(path)
    return paths


def prepare_html(sources: list[Path], folder: Path) -> tuple[list[Path], list[Path]]:
    """Each resume rendered by our pipeline to HTML, twice: with ``file://`` links to ``resources/`` for the
    bare engine, and as it is (``resumepair://``) for our engine."""
    from app.model import load_resume_file
    from app.render.document_design import document_design
    from app.render.html import render_html
    from app.render.options import Quality

    resources = (ROOT / "resources").as_uri() + "/"
    bare, ours = [], []
    for index, source in enumerate(sources):
        resume = load_resume_file(source)
        design = document_design(resume)
        html = render_html(resume, design.template, design.tokens, design.setup, Quality.NORMAL)
        ours_path = folder / f"ours-{index:05d}.html"
        ours_path.write_text(html, encoding="utf-8")
        bare_path = folder / f"bare-{index:05d}.html"
        bare_path.write_text(html.replace("resumepair://app/", resources), encoding="utf-8")
        bare.append(bare_path)
        ours.append(ours_path)
    return bare, ours
