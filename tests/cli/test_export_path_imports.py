"""What a cold ``resumepair export`` imports: pypdf is a tenth of its own time and only the ATS check and the
general PDF reader need it (it came back once through a module-level import; this guards it)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SAMPLE

PROBE = """
import runpy, sys, json
sys.argv = ["resumepair", "--data-dir", sys.argv[1], "export", sys.argv[2], "-o", sys.argv[3]]
try:
    runpy.run_module("app", run_name="__main__")
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "pypdf": sorted(name for name in sys.modules if name.split(".")[0] == "pypdf")}))
"""


def test_a_pdf_export_does_not_import_pypdf(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "data"), str(SAMPLE), str(tmp_path / "out.pdf")],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["code"] in (0, None), result.stderr
    assert report["pypdf"] == []
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF-")
