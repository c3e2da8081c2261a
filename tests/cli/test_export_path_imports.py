"""What a cold ``resumepair export`` imports.

pypdf is a tenth of its own time and only the ATS check and the general PDF reader need it (it came back once
through a module-level import; this guards it). The job's layers load before Qt, so that PySide6's import hook
does not read each of their modules' source (app/cli/running.py): none of them may import Qt.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SAMPLE

PROBE = """
import sys, json
from app.cli.main import main
code = main(["--data-dir", sys.argv[1], "export", sys.argv[2], "-o", sys.argv[3]])
print(json.dumps({"code": code, "pypdf": sorted(name for name in sys.modules if name.split(".")[0] == "pypdf")}))
"""

LAYERS_PROBE = """
import sys, json
from app.cli.running import load_job_layers
load_job_layers()
print(json.dumps(sorted(name for name in sys.modules if name.split(".")[0] in {"PySide6", "shiboken6"})))
"""


def test_a_pdf_export_does_not_import_pypdf(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "data"), str(SAMPLE), str(tmp_path / "out.pdf")],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["code"] == 0, result.stderr
    assert report["pypdf"] == []
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF-")


def test_the_job_layers_load_without_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", LAYERS_PROBE], capture_output=True, text=True, cwd=ROOT, timeout=120, check=True
    )
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


LISTING_PROBE = """
import sys, json
from app.cli.main import main
codes = [main(["--data-dir", sys.argv[1], command]) for command in ("jobs", "history")]
print(json.dumps({"codes": codes, "qt": sorted(name for name in sys.modules if name.split(".")[0] == "PySide6")}))
"""


def test_listing_jobs_and_history_does_not_load_qt(tmp_path: Path) -> None:
    # `jobs` imported the worker (and with it Qt) for the retry policy: 0.83 s for a listing, 0.25 s without.
    result = subprocess.run(
        [sys.executable, "-c", LISTING_PROBE, str(tmp_path / "data")],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=True,
    )  # fmt: skip
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report == {"codes": [0, 0], "qt": []}
