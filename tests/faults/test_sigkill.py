"""SIGKILL at random points: the CLI mid-batch, the desktop app mid-job, a render process mid-job.

After every kill, ``worker --once`` must leave the data folder in order: no job lost, none done twice, no
duplicate history row, nothing partial or temporary in ``<data>/exports``, every ZIP complete and matching
its manifest, and ``PRAGMA integrity_check`` ok.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import ROOT, SAMPLE, kill_group, run_cli
from tests.faults.inputs import make_inputs
from tests.pdfcheck import pdf_text

SEED = 20261128
TRIALS = 12
BATCH_SIZE = 8
TEMP_PREFIX = ".rp-tmp-"


def read_db(db: Path, sql: str) -> list[tuple[object, ...]]:
    """A read-only peek at the database another process is using; [] while it cannot be read."""
    if not db.exists():
        return []
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2)
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return []


@dataclass
class FolderState:
    jobs: list[tuple[int, str, str, int]]  # id, kind, status, attempts
    history: list[tuple[int, str, str, int, int]]  # job_id, file_name, path, bytes, pages


def check_data_folder(data_dir: Path, *, batch_inputs: list[str] | None = None) -> FolderState:
    """The invariants every fault must leave intact; returns what is in the folder for further checks."""
    db = data_dir / "resumepair.db"
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        jobs = conn.execute("SELECT id, kind, status, attempts FROM export_jobs ORDER BY id").fetchall()
        history = conn.execute(
            "SELECT job_id, file_name, path, bytes, pages FROM export_history ORDER BY job_id"
        ).fetchall()
        duplicate_documents = conn.execute(
            "SELECT source_path FROM documents WHERE source_path IS NOT NULL GROUP BY source_path HAVING COUNT(*) > 1"
        ).fetchall()
    finally:
        conn.close()
    assert duplicate_documents == []
    # No job lost: every job the queue accepted was finished by worker --once.
    assert [status for _, _, status, _ in jobs] == ["completed"] * len(jobs), jobs
    # None done twice: exactly one history row per job, one file per row.
    assert [row[0] for row in history] == [row[0] for row in jobs], (jobs, history)
    assert len({row[2] for row in history}) == len(history)
    exports = data_dir / "exports"
    names = sorted(path.name for path in exports.iterdir()) if exports.exists() else []
    assert not [name for name in names if name.startswith(TEMP_PREFIX)], names
    assert names == sorted(row[1] for row in history), names  # nothing partial, stray or doubled
    for _, file_name, path, size, pages in history:
        data = Path(path).read_bytes()
        assert Path(path).parent == exports and Path(path).name == file_name
        assert len(data) == size
        if file_name.endswith(".zip"):
            check_zip(data, pages, batch_inputs)
        else:
            assert len(PdfReader(io.BytesIO(data)).pages) == pages
    return FolderState(list(jobs), list(history))


def check_zip(data: bytes, pages: int, inputs: list[str] | None) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        manifest = json.loads(archive.read("manifest.json"))
        pdfs = sorted(name for name in archive.namelist() if name != "manifest.json")
        items = manifest["items"]
        assert [item["status"] for item in items] == ["completed"] * len(items)
        assert sorted(item["file"] for item in items) == pdfs
        if inputs is not None:
            assert [item["input"] for item in items] == inputs
        total = 0
        for item in items:
            pdf = archive.read(item["file"])
            assert len(pdf) == item["bytes"]
            assert len(PdfReader(io.BytesIO(pdf)).pages) == item["pages"]
            total += item["pages"]
        assert total == pages


def test_random_sigkills_during_a_batch_lose_nothing_and_double_nothing(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    inputs = make_inputs(tmp_path / "inputs", BATCH_SIZE)
    input_names = [path.name for path in inputs]
    env = dict(os.environ, RESUMEPAIR_RETRY_SCALE="0.001")
    outcomes: list[str] = []
    for trial in range(TRIALS):
        data_dir = tmp_path / f"data-{trial:02d}"
        db = data_dir / "resumepair.db"
        output = tmp_path / f"out-{trial:02d}.zip"
        # Where to kill: while the CLI starts (database creation, imports), while the resumes render, once the
        # progress passes a random point (the ZIP being written, the job completing), or after completion (the
        # copy to -o, the shutdown). Each kill point gets a random delay on top.
        phase = rng.choices(["startup", "rendering", "late", "completed"], weights=[2, 6, 2, 2])[0]
        threshold = {"startup": -1, "rendering": 1, "late": rng.randint(12, 90), "completed": 100}[phase]
        delay = {"startup": 0.45, "rendering": 0.4, "late": 0.02, "completed": 0.1}[phase] * rng.random()
        process = subprocess.Popen(
            [sys.executable, "-m", "app", "batch", *map(str, inputs), "-o", str(output)],
            cwd=ROOT,
            env=dict(env, RESUMEPAIR_DATA_DIR=str(data_dir)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 60
            while phase != "startup" and process.poll() is None:
                rows = read_db(db, "SELECT status, progress FROM export_jobs")
                if rows and (rows[0][0] != "pending" and int(str(rows[0][1])) >= threshold):
                    break
                assert time.monotonic() < deadline, "the batch job never reached its kill point"
                time.sleep(0.002)
            end = time.monotonic() + delay
            while process.poll() is None and time.monotonic() < end:
                time.sleep(0.002)
        finally:
            finished_first = process.poll() is not None
            kill_group(process)
        state = read_db(db, "SELECT status, progress FROM export_jobs")
        where = f"{phase}: progress >= {threshold} +{delay:.3f}s"
        outcomes.append(f"{trial}: {where} -> {'finished' if finished_first else state or 'no job'}")

        result = run_cli("worker", "--once", data_dir=data_dir)
        assert result.returncode == 0, (outcomes[-1], result.stdout, result.stderr)
        folder = check_data_folder(data_dir, batch_inputs=input_names)
        assert len(folder.jobs) <= 1
        if state:
            assert len(folder.jobs) == 1 and folder.jobs[0][1] == "batch"
        if output.exists():  # the copy to -o is atomic too: complete, or not there at all
            assert output.read_bytes() == Path(folder.history[0][2]).read_bytes()
        assert not list(tmp_path.glob(f"{TEMP_PREFIX}*"))
    print("\n".join(outcomes))
    mid_job = [line for line in outcomes if "processing" in line]
    assert len(mid_job) >= TRIALS // 3, outcomes


DESKTOP_SCRIPT = r"""
import sys, time
from pathlib import Path
from app.render.environment import headless_environment
headless_environment()
from PySide6.QtCore import QTimer
from app.render.runtime import application, route_qt_messages
route_qt_messages()
app = application(["sigkill-desktop-test"])
from app.export.service import ExportSystem
from app.export.storage import ExportStorage
from app.render.engine import PdfEngine
from app.render.options import ExportOptions
from app.ui.main_window import MainWindow

data_dir, resume, point = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
real_write = ExportStorage.write

def write_then_wait(self, path, data):
    real_write(self, path, data)
    print("written", flush=True)
    if point == "written":
        time.sleep(60)  # killed here: the file is in place, the job not yet completed

ExportStorage.write = write_then_wait
window = MainWindow(ExportSystem.open(data_dir), PdfEngine(app), data_dir)
window.start(resume)
window.show()
real_print = window.worker.print_pdf

def print_slowly(html, setup):
    print("printing", flush=True)
    if point == "printing":
        time.sleep(60)  # killed here: the job holds its lease, nothing written yet
    return real_print(html, setup)

window.worker.print_pdf = print_slowly

def queue():
    document = window.system.import_file(resume)
    job = window.system.queue_export(document, ExportOptions())
    window.worker.wake()
    print("queued", job.id, flush=True)

QTimer.singleShot(0, queue)
app.exec()
"""


@pytest.mark.parametrize(("point", "attempts"), [("queued", {1, 2}), ("printing", {2}), ("written", {2})])
def test_killing_the_desktop_app_mid_job_completes_the_job_exactly_once(
    tmp_path: Path, data_dir: Path, point: str, attempts: set[int]
) -> None:
    resume = tmp_path / "cv.json"
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["basics"]["name"] = "Desktop Crash"
    resume.write_text(json.dumps(data), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-c", DESKTOP_SCRIPT, str(data_dir), str(resume), point],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + 60
        while True:
            line = process.stdout.readline()
            assert line, f"the app ended before reaching '{point}'"
            if line.split()[0] == point:
                break
            assert time.monotonic() < deadline
    finally:
        kill_group(process)
        if process.stdout is not None:
            process.stdout.close()

    result = run_cli("worker", "--once", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    folder = check_data_folder(data_dir)
    assert len(folder.jobs) == 1
    assert folder.jobs[0][3] in attempts
    jobs = json.loads(run_cli("jobs", "--json", data_dir=data_dir).stdout)
    assert [(job["status"], job["progress"]) for job in jobs] == [("completed", 100)]
    history = json.loads(run_cli("history", "--json", data_dir=data_dir).stdout)
    assert [entry["job_id"] for entry in history] == [jobs[0]["id"]]
    assert "Desktop Crash" in pdf_text(Path(history[0]["path"]).read_bytes())


def render_processes(root_pid: int) -> list[int]:
    """Chromium render processes among the descendants of ``root_pid`` (read from /proc).

    Renderers are forked from the zygote and keep its command line, so they are the zygote's children.
    """
    parents: dict[int, int] = {}
    commands: dict[int, bytes] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            commands[int(entry.name)] = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    descendants = {root_pid}
    changed = True
    while changed:
        changed = False
        for pid, parent in parents.items():
            if parent in descendants and pid not in descendants:
                descendants.add(pid)
                changed = True
    return [
        pid
        for pid in descendants
        if b"--type=renderer" in commands.get(pid, b"")
        or (b"--type=zygote" in commands.get(pid, b"") and b"--type=zygote" in commands.get(parents[pid], b""))
    ]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find render processes")
def test_killing_the_render_processes_mid_batch_retries_the_items_and_completes(tmp_path: Path, data_dir: Path) -> None:
    inputs = make_inputs(tmp_path / "inputs", 6)
    output = tmp_path / "out.zip"
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "batch", *map(str, inputs), "-o", str(output)],
        cwd=ROOT,
        env=dict(os.environ, RESUMEPAIR_DATA_DIR=str(data_dir), RESUMEPAIR_RETRY_SCALE="0.001"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    killed: list[int] = []
    try:
        db = data_dir / "resumepair.db"
        deadline = time.monotonic() + 60
        while process.poll() is None and not killed and time.monotonic() < deadline:
            if read_db(db, "SELECT 1 FROM export_jobs WHERE status = 'processing' AND progress >= 1"):
                for pid in render_processes(process.pid):
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
                        killed.append(pid)
            time.sleep(0.002)
        stdout, stderr = process.communicate(timeout=120)
    finally:
        kill_group(process)
    assert killed, "no render process was found to kill"
    assert process.returncode == 0, stderr
    # A crashed renderer costs the items it was printing another try inside the same run, not the whole batch.
    assert stderr == ""
    assert stdout.strip() == str(output)
    folder = check_data_folder(data_dir, batch_inputs=[path.name for path in inputs])
    assert folder.jobs[0][3] == 1
    assert output.read_bytes() == Path(folder.history[0][2]).read_bytes()
