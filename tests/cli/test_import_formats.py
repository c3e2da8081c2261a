"""Every import format through the CLI, as a user runs it: each exports a PDF with the person's content, and
``validate`` says what a file that is not JSON Resume is."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from pypdf import PdfReader

from tests.conftest import DATA, run_cli
from tests.model.test_formats import LINKEDIN_2025, zip_of
from tests.pdfcheck import normalise

FORMATS = DATA / "formats"
EXPECTED = {
    "linkedin.zip": ("Carmen Vidal", "Sol Analytics", "Cut stock-outs by 18%", "Universidad Carlos III", "Time Series"),
    "reactive-resume-v3.json": ("Mateo Rossi", "Teatro Comunale", "Conservatorio di Bologna", "European Tour"),
    "reactive-resume-v4.json": ("Noor Haddad", "Falcon Cloud", "Cut deploy time", "Boring Deploys", "Kubernetes"),
    "reactive-resume-v5.json": ("Ingrid Larsen", "Fjord Pay", "Raised conversion by 9%", "Oslo Fintech Forum"),
    "rendercv.yaml": ("Aiko Tanaka", "Kyoto Institute of Biology", "Fast Folding at Scale", "foldkit", "ISMB 2023"),
}
#: What must not be printed: hidden items (Reactive Resume's), and what belongs under x-… (kept, not shown).
HIDDEN = {"reactive-resume-v4.json": ("Hidden Internship Co",), "reactive-resume-v5.json": ("Klingon",)}


def inputs(folder: Path) -> list[Path]:
    linkedin = folder / "linkedin.zip"
    linkedin.write_bytes(zip_of(LINKEDIN_2025))
    return [linkedin, *(FORMATS / name for name in EXPECTED if name != "linkedin.zip")]


def test_every_format_exports_in_one_batch(tmp_path: Path, data_dir: Path) -> None:
    output = tmp_path / "formats.zip"
    result = run_cli("batch", *map(str, inputs(tmp_path)), "-o", str(output), data_dir=data_dir, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "read from a LinkedIn data export" in result.stderr
    assert "read from a Reactive Resume version 4 export" in result.stderr
    with zipfile.ZipFile(output) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        texts = {
            item["input"]: normalise(
                " ".join(p.extract_text() for p in PdfReader(io.BytesIO(archive.read(item["file"]))).pages)
            )
            for item in manifest["items"]
        }
    for name, words in EXPECTED.items():
        missing = [word for word in words if normalise(word) not in texts[name]]
        assert missing == [], (name, missing)
    for name, words in HIDDEN.items():
        assert not [word for word in words if word in texts[name]], name


def test_validate_says_what_a_file_in_another_format_is(tmp_path: Path, data_dir: Path) -> None:
    linkedin, *others = inputs(tmp_path)
    result = run_cli("validate", "--json", str(linkedin), *map(str, others), data_dir=data_dir)
    assert result.returncode == 3
    messages = [report["errors"][0]["message"] for report in json.loads(result.stdout)]
    assert "LinkedIn data export" in messages[0]
    assert "is a Reactive Resume 3 file, not JSON Resume" in messages[1]
    assert "is a RenderCV file" in messages[4]
