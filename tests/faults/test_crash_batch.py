"""SIGKILL a batch export at several points; ``worker --once`` must finish it with nothing lost or doubled."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, kill_group, run_cli
from tests.faults.inputs import make_inputs

BATCH_SIZE = 40


def job_progress(db: Path) -> int | None:
    if not db.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
        try:
            row = conn.execute("SELECT status, progress FROM export_jobs ORDER BY id LIMIT 1").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    if row is None:
        return None
    return -1 if row[0] == "pending" else int(row[1])


@pytest.mark.parametrize(("point", "at_progress"), [("early", 0), ("middle", 40), ("zipping", 90)])
def test_batch_survives_sigkill(tmp_path: Path, point: str, at_progress: int) -> None:
    data_dir = tmp_path / "data"
    inputs = make_inputs(tmp_path, BATCH_SIZE)
    env = dict(os.environ, RESUMEPAIR_DATA_DIR=str(data_dir))
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "batch", *map(str, inputs), "-o", str(tmp_path / "out.zip")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    db = data_dir / "resumepair.db"
    deadline = time.monotonic() + 60
    killed = False
    while time.monotonic() < deadline and process.poll() is None:
        progress = job_progress(db)
        if progress is not None and progress >= at_progress:
            kill_group(process)
            killed = True
            break
        time.sleep(0.005)
    process.wait(30)
    if not killed:
        pytest.fail(f"the batch finished before the {point} kill point")

    result = run_cli("worker", "--once", data_dir=data_dir)
    assert result.returncode == 0, result.stderr

    jobs = json.loads(run_cli("jobs", "--json", data_dir=data_dir).stdout)
    assert [(job["kind"], job["status"]) for job in jobs] == [("batch", "completed")]
    history = json.loads(run_cli("history", "--json", data_dir=data_dir).stdout)
    assert len(history) == 1 and history[0]["job_id"] == jobs[0]["id"]
    exports = sorted(path.name for path in (data_dir / "exports").iterdir())
    assert exports == [history[0]["file_name"]], exports  # no temporary, partial or duplicate file

    with zipfile.ZipFile(history[0]["path"]) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        manifest = json.loads(archive.read("manifest.json"))
    pdfs = [name for name in names if name.endswith(".pdf")]
    assert len(pdfs) == BATCH_SIZE
    assert [item["status"] for item in manifest["items"]] == ["completed"] * BATCH_SIZE
    assert sorted(item["file"] for item in manifest["items"]) == sorted(pdfs)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
