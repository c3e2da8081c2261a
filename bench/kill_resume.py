"""Kill and resume: a ``resumepair batch`` SIGKILLed halfway, then ``resumepair worker --once`` finishing it.

Reports how many resumes were done before the kill (the item files in the job's work folder), how many the
resumed run kept and how many it rendered (from its log line), the items rendered twice (done before the kill
but rendered again: must be 0), the time the resumed run took against a whole batch, and checks the ZIP.
Results: ``build/bench/latest-resume.json``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import bench_env, python, varied_resumes, write_inputs  # noqa: E402
from bench.results_store import save_results  # noqa: E402

COUNT = 200
_RUN_LINE = re.compile(r"batch (\d+): (\d+) rendered, (\d+) kept from an earlier run")


def items_done(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2)
        try:
            row = conn.execute("SELECT items_done FROM export_jobs WHERE status = 'processing'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return 0
    return int(row[0]) if row else 0


def finished_items(work: Path) -> int:
    """Item files complete in a batch's work folder (``<position>.<digest>.<pages>.<bytes>.<stem>.<ext>``)."""
    return sum(1 for path in work.glob("*/*") if path.name[:1].isdigit() and not path.name.endswith(".failed"))


def cli_json(data: Path, env: dict[str, str], command: str) -> Any:
    """What ``resumepair COMMAND --json`` prints for the data folder ``data``."""
    argv = [python(), "-m", "app", "--data-dir", str(data), command, "--json"]
    return json.loads(subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout)


def main() -> int:
    env = bench_env()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        inputs = write_inputs(varied_resumes(COUNT), root / "in")
        whole = [python(), "-m", "app", "--data-dir", str(root / "whole"), "batch", *map(str, inputs), "-o"]
        start = time.perf_counter()
        subprocess.run([*whole, str(root / "whole.zip")], check=True, cwd=ROOT, env=env, capture_output=True)
        whole_s = time.perf_counter() - start

        data = root / "data"  # a data folder of its own: its only job is the one killed
        process = subprocess.Popen(
            [python(), "-m", "app", "--data-dir", str(data), "batch", *map(str, inputs), "-o", str(root / "k.zip")],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        while process.poll() is None and items_done(data / "resumepair.db") < COUNT // 2:
            time.sleep(0.01)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        done_before = finished_items(data / "work")

        start = time.perf_counter()
        resumed = subprocess.run(
            [python(), "-m", "app", "--data-dir", str(data), "worker", "--once"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        resume_s = time.perf_counter() - start
        log = (data / "logs" / "resumepair.log").read_text(encoding="utf-8")
        runs = _RUN_LINE.findall(log)
        _job, rendered, kept = (int(value) for value in runs[-1])
        jobs = cli_json(data, env, "jobs")
        entry = cli_json(data, env, "history")[0]
        with zipfile.ZipFile(entry["path"]) as archive:
            pdfs = sum(1 for name in archive.namelist() if name.endswith(".pdf"))
            manifest = json.loads(archive.read("manifest.json"))
    results = {
        "count": COUNT,
        "done_before_kill": done_before,
        "kept_by_resume": kept,
        "rendered_by_resume": rendered,
        "rendered_twice": done_before - kept,
        "resume_exit_code": resumed.returncode,
        "jobs_completed": sum(1 for job in jobs if job["status"] == "completed"),
        "pdfs_in_zip": pdfs,
        "manifest_completed": sum(1 for item in manifest["items"] if item["status"] == "completed"),
        "whole_batch_s": round(whole_s, 1),
        "resumed_run_s": round(resume_s, 1),
    }
    results["ok"] = (
        results["rendered_twice"] == 0
        and kept + rendered == COUNT
        and pdfs == COUNT == results["manifest_completed"]
        and resumed.returncode == 0
    )
    print(json.dumps(results, indent=2))
    save_results(results, "resume")
    return 0


if __name__ == "__main__":
    sys.exit(main())
