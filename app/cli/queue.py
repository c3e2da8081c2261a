"""The commands that use the queue and the history (``export``, ``batch``, ``worker``, ``jobs`` ... ``get``).

Each opens the data folder's export system; ``export`` and ``batch`` also run the queue in this process until
their job is done.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from app.datadir import resolve_data_dir
from app.errors import UserError

if TYPE_CHECKING:
    from app.export.models import HistoryEntry, Job
    from app.export.service import ExportSystem
    from app.render.engine import PdfEngine
    from app.render.html import PageSetup

EXIT_EXPORT_FAILED = 4
EXIT_SOME_FAILED = 5
#: What the engine prints while the command prepares its job: it starts the render process and the print path.
_WARM_UP_HTML = "<!doctype html><title>start</title><p>&nbsp;</p>"
Prepared = TypeVar("Prepared")


@dataclass(frozen=True)
class _WarmUpSetup:
    """What the engine reads of a ``PageSetup`` (app.render.html), for the warm-up page."""

    page_size: str = "a4"
    margin_mm: float = 0.0


def open_system(args: argparse.Namespace) -> ExportSystem:
    """Opens the data folder's export system and tells the user if the database had to be replaced."""
    from app.export.service import ExportSystem
    from app.export.worker import policy_from_environment

    system = ExportSystem.open(resolve_data_dir(args.data_dir), policy_from_environment())
    notice = system.recovery_notice()
    if notice:
        print(f"resumepair: warning: {notice}", file=sys.stderr)
    return system


def _check_output(output: Path, suffix: str) -> Path:
    output = output.expanduser()
    if output.is_dir():
        raise UserError(f"-o {output}: is a folder; give a file name such as {output / ('resume' + suffix)}")
    if not output.parent.is_dir():
        raise UserError(f"-o {output}: the folder {output.parent} does not exist")
    return output


def run_export(args: argparse.Namespace) -> int:
    """Queues one PDF, runs the queue until it is done, copies the file to ``-o``."""
    from app.export.models import JobStatus

    (system, job, output), engine = _beside_engine(lambda: _queue_export(args), pool_size=1)
    job = run_jobs(system, [job.id], engine) or job
    if job.status is not JobStatus.COMPLETED:
        print(f"resumepair: export failed: {job.error or job.status.value} (job {job.id})", file=sys.stderr)
        return EXIT_EXPORT_FAILED
    _copy_out(system, job, output)
    print(output)
    return 0


def _queue_export(args: argparse.Namespace) -> tuple[ExportSystem, Job, Path]:
    """Reads and checks the input and the options, and queues the job (beside the engine's start)."""
    from app.cli.options import options_from_args
    from app.model.loading import load_resume_bytes, read_resume_bytes
    from app.render.pipeline import plan_render

    options = options_from_args(args)
    source = Path(args.input)
    content = read_resume_bytes(source)
    resume = load_resume_bytes(content, source=str(source))
    plan_render(resume, options)  # a bad template or token fails before anything is queued
    output = _check_output(Path(args.output), ".pdf")
    system = open_system(args)
    job = system.queue_pdf(system.import_file(source, content), options)
    return system, job, output


def run_batch(args: argparse.Namespace) -> int:
    """Queues one batch over every input; the ZIP lists failures in its manifest."""
    import zipfile

    from app.export.models import JobStatus
    from app.export.pool import batch_pool_size

    prepared, engine = _beside_engine(lambda: _queue_batch(args), pool_size=batch_pool_size())
    if prepared is None:
        engine.shutdown()
        return 3
    system, job, output = prepared
    job = run_jobs(system, [job.id], engine) or job
    if job.status is not JobStatus.COMPLETED:
        print(f"resumepair: batch failed: {job.error or job.status.value} (job {job.id})", file=sys.stderr)
        return EXIT_EXPORT_FAILED
    _copy_out(system, job, output)
    with zipfile.ZipFile(output) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    failed = [item for item in manifest["items"] if item["status"] != "completed"]
    print(output)
    for item in failed:
        print(f"resumepair: {item['input']}: {item['error']}", file=sys.stderr)
    return EXIT_SOME_FAILED if failed else 0


def _queue_batch(args: argparse.Namespace) -> tuple[ExportSystem, Job, Path] | None:
    """Reads the inputs and queues the batch; ``None`` (after saying why) when none of them is a resume.

    Only the first valid input is validated here: every item is validated when it is rendered, and an invalid
    one is listed in the manifest. Validating thousands up front cost seconds before the first PDF.
    """
    from app.cli.options import options_from_args
    from app.errors import ResumeLoadError, ResumeValidationError
    from app.model.loading import load_resume_bytes, read_resume_bytes

    options = options_from_args(args)
    if options.template:
        from app.render.templates import get_template

        get_template(options.template)
    output = _check_output(Path(args.output), ".zip")
    sources = [Path(name) for name in args.inputs]
    contents: dict[Path, bytes] = {}
    unreadable: dict[Path, ResumeLoadError] = {}
    valid = 0
    last_error: Exception | None = None
    for source in sources:
        try:
            contents[source] = read_resume_bytes(source)
        except ResumeLoadError as exc:
            unreadable[source] = last_error = exc
            continue
        if valid:
            continue
        try:
            load_resume_bytes(contents[source], source=str(source))
            valid += 1
        except (ResumeLoadError, ResumeValidationError) as exc:
            last_error = exc
    if valid == 0:
        print(f"resumepair: {last_error}", file=sys.stderr)
        print("resumepair: none of the inputs is a valid resume; no ZIP written", file=sys.stderr)
        return None
    system = open_system(args)
    document_ids = []
    for source in sources:
        if source in contents:
            document_ids.append(system.import_file(source, contents[source]))
        else:  # unreadable: it goes in as an empty document, so the manifest lists it as failed
            document_ids.append(system.queue.add_document(source.name, b"", str(source)))
            print(f"resumepair: {unreadable[source]}", file=sys.stderr)
    job = system.queue_batch(document_ids, options, title=output.stem)
    return system, job, output


def run_worker(args: argparse.Namespace) -> int:
    """``worker --once``: recovers stale jobs, runs every pending one, exits when the queue is empty."""
    from app.export.models import JobStatus

    system = open_system(args)
    before = {job.id for job in system.queue.list_jobs(limit=100_000) if job.status is JobStatus.FAILED}
    run_jobs(system, None)
    jobs = system.queue.list_jobs(limit=100_000)
    newly_failed = [job for job in jobs if job.status is JobStatus.FAILED and job.id not in before]
    completed = sum(1 for job in jobs if job.status is JobStatus.COMPLETED)
    print(f"queue empty: {completed} completed job(s) in total, {len(newly_failed)} failed in this run")
    for job in newly_failed:
        print(f"resumepair: job {job.id} failed: {job.error}", file=sys.stderr)
    return EXIT_EXPORT_FAILED if newly_failed else 0


def run_jobs_command(args: argparse.Namespace) -> int:
    """``jobs``: the queue's jobs, newest first."""
    system = open_system(args)
    jobs = system.queue.list_jobs()
    if args.json:
        print(json.dumps([job.to_json() for job in jobs], ensure_ascii=False, indent=2))
        return 0
    if not jobs:
        print("no export jobs")
    now = system.store.clock()
    for job in jobs:
        error = f"  {job.error}" if job.error else ""
        items = f"  {job.items_done}/{job.items_total} resumes" if job.kind.value == "batch" else ""
        if job.eta_at is not None and job.status.value == "processing":
            items += f", about {_duration(max(0.0, (job.eta_at - now).total_seconds()))} left"
        print(
            f"{job.id:>5}  {job.kind.value:<5}  {job.status.value:<10}  {job.progress:>3}%  "
            f"attempts {job.attempts}/{job.max_attempts}{items}{error}"
        )
    return 0


def _duration(seconds: float) -> str:
    """``75`` → ``1 min 15 s``."""
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"


def run_history(args: argparse.Namespace) -> int:
    """``history``: exports that have not expired."""
    from app.export.storage import format_bytes

    system = open_system(args)
    entries = system.queue.list_history()
    if args.json:
        print(json.dumps([entry.to_json() for entry in entries], ensure_ascii=False, indent=2))
        return 0
    if not entries:
        print("no exports in the history")
    now = system.store.clock()
    for entry in entries:
        days = max(0, math.ceil((entry.expires_at - now).total_seconds() / 86400))
        print(
            f"{entry.id:>5}  {entry.file_name}  {entry.pages} page(s), {format_bytes(entry.bytes)}, "
            f"expires in {days} day(s)  {entry.path}"
        )
    return 0


def run_cleanup(args: argparse.Namespace) -> int:
    """``cleanup``: deletes expired exports and reconciles the folder with the history."""
    system = open_system(args)
    report = system.storage.cleanup()
    print(report.summary())
    return 0


def run_cancel(args: argparse.Namespace) -> int:
    """``cancel JOB``: a pending job never runs; a running one is abandoned by its worker at its next step."""
    job = open_system(args).queue.cancel(args.job)
    print(json.dumps(job.to_json(), ensure_ascii=False, indent=2) if args.json else f"job {job.id} cancelled")
    return 0


def run_retry(args: argparse.Namespace) -> int:
    """``retry JOB``: queues a failed or cancelled job again, with the resumes as they are now."""
    job = open_system(args).queue.retry(args.job)
    if args.json:
        print(json.dumps(job.to_json(), ensure_ascii=False, indent=2))
    else:
        print(f"job {job.id} queued again; `resumepair worker --once` or the open app runs it")
    return 0


def run_get(args: argparse.Namespace) -> int:
    """``get ID -o PATH``: copies an export that has not expired out of the history (and counts a download)."""
    system = open_system(args)
    entry = system.queue.get_history(args.entry)
    if entry.expires_at <= system.store.clock():
        raise UserError(f"export {entry.id} ({entry.file_name}) expired on {entry.expires_at:%Y-%m-%d %H:%M} UTC")
    if not Path(entry.path).is_file():
        raise UserError(f"export {entry.id} ({entry.file_name}) is no longer in {Path(entry.path).parent}")
    output = _check_output(Path(args.output), Path(entry.file_name).suffix)
    _copy_entry(system, entry, output)
    if args.json:
        entry = system.queue.get_history(entry.id)
        print(json.dumps({**entry.to_json(), "output": str(output)}, ensure_ascii=False, indent=2))
    else:
        print(output)
    return 0


def _beside_engine(prepare: Callable[[], Prepared], pool_size: int) -> tuple[Prepared, PdfEngine]:
    """Starts the render engine on this (the GUI) thread, then runs ``prepare`` in another one meanwhile.

    Chromium starts its render process and loads a first page in processes and threads of its own; the Python
    work of a command (imports, reading and validating input, the database) runs meanwhile instead of after it.
    This thread imports everything it needs before ``prepare`` starts and nothing while it runs: two threads
    importing at once can be handed a partly initialised module (CPython breaks a suspected import deadlock that
    way; PySide6's import hook touching pydantic's modules made it happen). ``prepare``'s exception is raised
    here, after the engine is shut down.
    """
    from app.render.environment import headless_environment

    headless_environment()
    from PySide6.QtCore import QEventLoop, QObject, Qt, Signal

    from app.render.engine import PdfEngine
    from app.render.runtime import application, route_qt_messages

    class Done(QObject):
        finished = Signal()

    route_qt_messages()
    qt_app = application()
    engine = PdfEngine(qt_app, pool_size=pool_size)
    # Paper for the warm-up page, without importing the HTML layer here (``prepare`` loads it).
    warm_setup = cast("PageSetup", _WarmUpSetup())
    warm_ups = [engine.submit(_WARM_UP_HTML, warm_setup) for _ in range(engine.pool_size)]
    loop = QEventLoop()
    done = Done()
    done.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    outcome: dict[str, object] = {}

    def work() -> None:
        try:
            outcome["value"] = prepare()
        except BaseException as exc:  # noqa: BLE001 - raised again on the main thread
            outcome["error"] = exc
        finally:
            done.finished.emit()

    thread = threading.Thread(target=work, name="prepare")
    thread.start()
    loop.exec()
    thread.join()
    error = outcome.get("error")
    if isinstance(error, BaseException):
        for future in warm_ups:
            future.cancel()
        engine.shutdown()
        raise error
    return outcome["value"], engine  # type: ignore[return-value]


def run_jobs(system: ExportSystem, only: list[int] | None, engine: PdfEngine | None = None) -> Job | None:
    """Runs the queue in this process (a QThread worker + the GUI-thread engine) until the jobs are done.

    Returns the last job of ``only`` as it ended (``None`` when running everything); retries are announced
    on stderr. ``engine`` is one already started (and shut down here); otherwise one is made for the jobs.
    """
    from app.render.environment import headless_environment

    headless_environment()
    from PySide6.QtCore import QEventLoop

    from app.export.pool import batch_pool_size
    from app.export.worker import QueueWorker, WorkerScope
    from app.render.engine import PdfEngine
    from app.render.runtime import application, route_qt_messages

    route_qt_messages()
    qt_app = application()
    if engine is None:
        engine = PdfEngine(qt_app, pool_size=batch_pool_size())
    worker = QueueWorker(system.store, engine, WorkerScope(tuple(only) if only is not None else None), parent=qt_app)

    def on_retry(job_id: int, seconds: float, error: str) -> None:
        print(f"resumepair: job {job_id}: {error}; retrying in {seconds:.0f} s", file=sys.stderr)

    worker.retryScheduled.connect(on_retry)
    if sys.stderr.isatty():
        # A long batch shows where it is; a script reading stderr sees only errors.
        def on_items(_job_id: int, done: int, total: int, left: float) -> None:
            eta = f", about {_duration(left)} left" if left >= 0 else ""
            print(f"\rresumepair: {done} of {total} resumes{eta}\x1b[K", end="", file=sys.stderr, flush=True)

        worker.batchProgress.connect(on_items)
        worker.finished.connect(lambda: print(file=sys.stderr))
    loop = QEventLoop()
    worker.finished.connect(loop.quit)
    worker.start()
    try:
        loop.exec()
    finally:
        worker.stop()
        worker.wait()
        engine.shutdown()
    if worker.crash is not None:
        raise worker.crash
    return system.queue.get_job(only[-1]) if only else None


def _copy_out(system: ExportSystem, job: Job, output: Path) -> None:
    """Copies a completed job's export from the history to where the user asked."""
    entry = system.queue.history_for_job(job.id)
    if entry is None:
        raise UserError(f"job {job.id} completed but its file is not in the history")
    _copy_entry(system, entry, output)


def _copy_entry(system: ExportSystem, entry: HistoryEntry, output: Path) -> None:
    """Copies one history entry's file to ``output`` atomically and counts a download."""
    from app.fsutil import atomic_copy, remove_dead_temporaries

    remove_dead_temporaries(output.parent)  # what an earlier, killed copy into this folder left behind
    try:
        atomic_copy(Path(entry.path), output, mode=0o644)
    except OSError as exc:
        from app.errors import RenderError

        raise RenderError(f"cannot write {output}: {exc.strerror or exc}", transient=False) from None
    system.queue.count_downloads(entry.id)
