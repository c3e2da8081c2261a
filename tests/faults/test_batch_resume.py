"""A batch SIGKILLed at a chosen step resumes with the items already done: none rendered twice, none missing.

Deterministic and fast: the killed process renders with a stand-in renderer (no Chromium) and kills itself at
an exact point (the N-th render, between writing an item and naming it, halfway through the ZIP). The resumed
run is the real queue recovering the dead process's job and finishing it; what it renders is counted.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from app.export.batch_items import ItemFolder, RenderedFile
from app.export.models import JobStatus
from app.export.processor import JobProcessor
from app.export.service import ExportSystem
from app.render.options import ExportOptions
from tests.conftest import ROOT

COUNT = 30

#: The killed run: claims the job and processes it with 2 threads; kills itself where ``argv[2]`` says.
KILLED_RUN = """
import itertools, os, signal, sys, threading
from pathlib import Path
import app.export.batch as batch
from app.export.batch_items import ItemFolder, RenderedFile
from app.export.jobs import JobQueue
from app.export.processor import JobProcessor
from app.export.storage import ExportStorage
from app.store.database import Store

def die():
    os.kill(os.getpid(), signal.SIGKILL)

point = sys.argv[2]
calls, lock = itertools.count(1), threading.Lock()

def render(resume, options):
    with lock:
        if point == "render" and next(calls) == 12:
            die()
    return RenderedFile(("%PDF-fake " + resume.basics.name).encode(), ".pdf", 1)

if point == "naming":
    real_write = ItemFolder._write
    def write(self, name, data):
        if name.startswith("000017."):
            import tempfile
            from app.fsutil import temp_prefix
            fd, _ = tempfile.mkstemp(prefix=temp_prefix(), dir=self.folder)
            os.write(fd, data[:5])
            die()
        return real_write(self, name, data)
    ItemFolder._write = write
if point == "zipping":
    real_copy, copies = batch.shutil.copyfileobj, itertools.count(1)
    def copy(source, target, length=0):
        real_copy(source, target, length)
        if next(copies) == 9:
            target.flush()
            die()
    batch.shutil.copyfileobj = copy

queue = JobQueue(Store(Path(sys.argv[1])))
job = queue.claim(f"{__import__('socket').gethostname()}:{os.getpid()}:killed")
JobProcessor(queue, ExportStorage(queue), None, render_threads=2, render_item=render).run(job, job.lease_owner)
print("not killed")
"""


def fake_render(log: list[str]) -> object:
    def render(resume: object, options: object) -> RenderedFile:
        name = resume.basics.name  # type: ignore[attr-defined]
        log.append(name)
        return RenderedFile(f"%PDF-fake {name}".encode(), ".pdf", 1)

    return render


@pytest.mark.parametrize("point", ["render", "naming", "zipping"])
def test_a_killed_batch_resumes_rendering_only_what_is_missing(tmp_path: Path, data_dir: Path, point: str) -> None:
    system = ExportSystem.open(data_dir)
    names = [f"Person {index:02d}" for index in range(COUNT)]
    ids = [system.queue.add_document(name, json.dumps({"basics": {"name": name}}).encode()) for name in names]
    job = system.queue_batch(ids, ExportOptions())

    killed = subprocess.run(
        [sys.executable, "-c", KILLED_RUN, str(data_dir), point], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert killed.returncode == -signal.SIGKILL, killed.stdout + killed.stderr
    stopped = system.queue.get_job(job.id)
    assert stopped.status is JobStatus.PROCESSING
    assert not list(system.storage.folder.glob("*.zip")), "no ZIP under its final name before it is complete"
    work = system.storage.work_folder(job.id)
    done_before = {
        names[index] for index, _digest in ItemFolder(work, system.storage.write_error).scan() if index < COUNT
    }
    expected_before = {"render": 11, "naming": 17, "zipping": COUNT}[point]
    assert len(done_before) >= expected_before - 2  # the other thread may have finished one or two more

    assert system.queue.recover_stale() == [job.id]  # its process is dead
    claimed = system.queue.claim("resumer")
    assert claimed is not None
    rendered_now: list[str] = []
    processor = JobProcessor(system.queue, system.storage, None, render_item=fake_render(rendered_now))  # type: ignore[arg-type]
    finished = processor.run(claimed, "resumer")
    assert finished.status is JobStatus.COMPLETED, finished.error

    assert not set(rendered_now) & done_before, "an item finished before the kill was rendered again"
    assert sorted(set(rendered_now) | done_before) == names
    assert len(rendered_now) == len(set(rendered_now))
    entry = system.queue.history_for_job(job.id)
    assert entry is not None
    with zipfile.ZipFile(entry.path) as archive:
        assert archive.testzip() is None
        manifest = json.loads(archive.read("manifest.json"))
        contents = {name: archive.read(name) for name in archive.namelist() if name.endswith(".pdf")}
    assert [item["status"] for item in manifest["items"]] == ["completed"] * COUNT
    assert contents == {f"{name.replace(' ', '_')}.pdf": f"%PDF-fake {name}".encode() for name in names}
    assert not work.exists()
    system.storage.cleanup()
    assert sorted(path.name for path in system.storage.folder.iterdir()) == [Path(entry.path).name]
