"""The commands that use the queue and the history (``export``, ``batch``, ``worker``, ``jobs`` ... ``get``).

Each opens the data folder's export system; ``export`` and ``batch`` also run the queue in this process until
their job is done.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from app.cli.running import WarmUp, beside_engine, run_jobs
from app.datadir import resolve_data_dir
from app.errors import UserError

if TYPE_CHECKING:
    from app.export.models import HistoryEntry, Job
    from app.export.service import ExportSystem

EXIT_EXPORT_FAILED = 4
EXIT_SOME_FAILED = 5


def open_system(args: argparse.Namespace) -> ExportSystem:
    """Opens the data folder's export system and tells the user if the database had to be replaced."""
    from app.export.retry import policy_from_environment
    from app.export.service import ExportSystem

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
    """Queues one export (PDF, or the format ``-o`` or ``--format`` asks for), runs the queue, copies it to ``-o``."""
    from app.export.models import JobStatus

    prepare = lambda: _queue_export(args)  # noqa: E731
    (system, job, output), engine = beside_engine(prepare, pool_size=1, warm_up=_warm_up(args, args.output))
    job = run_jobs(system, [job.id], engine) or job
    if job.status is not JobStatus.COMPLETED:
        print(f"resumepair: export failed: {job.error or job.status.value} (job {job.id})", file=sys.stderr)
        return EXIT_EXPORT_FAILED
    _copy_out(system, job, output)
    print(output)
    return 0


def _warm_up(args: argparse.Namespace, output: str | None) -> WarmUp | None:
    """The engine's warm-up for a command that prints PDFs, judged before the options are checked.

    It loads ``--template``'s styles and fonts, else the default template's. A Markdown or DOCX export starts
    no render process. A format this gets wrong is still exported right (``options_from_args`` decides); only
    the warm-up is wasted or missing.
    """
    if getattr(args, "format", None):
        prints_pdf = bool(args.format == "pdf")
    else:
        prints_pdf = output is None or PurePath(output).suffix.lower() in {"", ".pdf"}
    return WarmUp(args.template) if prints_pdf else None


def _queue_export(args: argparse.Namespace) -> tuple[ExportSystem, Job, Path]:
    """Imports the input (printing its repairs), checks the options and queues the job, beside the engine's start.

    What is queued is the repaired document.
    """
    from app.cli.inputs import import_input
    from app.cli.options import options_from_args
    from app.render.document_design import document_design

    options = options_from_args(args, args.output)
    source = Path(args.input)
    imported, content = import_input(source)
    document_design(imported.resume(), options)  # a bad template or token fails before anything is queued
    output = _check_output(Path(args.output), options.format.suffix)
    system = open_system(args)
    job = system.queue_export(system.import_file(source, content), options)
    return system, job, output


def run_batch(args: argparse.Namespace) -> int:
    """Queues one batch over every input; the ZIP lists failures in its manifest."""
    import zipfile

    from app.export.models import JobStatus
    from app.export.pool import batch_pool_size

    prepared, engine = beside_engine(
        lambda: _queue_batch(args), pool_size=batch_pool_size(), warm_up=_warm_up(args, None)
    )
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
    """Imports the inputs (printing their repairs) and queues the batch; ``None`` when none is a resume.

    An unreadable input is queued as it is, so the manifest lists it as failed with the same reason.
    """
    from app.cli.inputs import import_input
    from app.cli.options import options_from_args
    from app.model.loading import read_resume_bytes

    options = options_from_args(args)
    if options.template:
        from app.render.templates import get_template

        get_template(options.template)
    output = _check_output(Path(args.output), ".zip")
    sources = [Path(name) for name in args.inputs]
    contents: dict[Path, bytes] = {}
    unreadable: dict[Path, UserError] = {}
    for source in sources:
        try:
            _imported, contents[source] = import_input(source)
        except UserError as exc:
            unreadable[source] = exc
    if not contents:
        for error in unreadable.values():
            print(f"resumepair: {error}", file=sys.stderr)
        print("resumepair: none of the inputs can be read as a resume; no ZIP written", file=sys.stderr)
        return None
    system = open_system(args)
    document_ids = []
    for source in sources:
        if source in contents:
            document_ids.append(system.import_file(source, contents[source]))
            continue
        try:
            raw = read_resume_bytes(source)
        except UserError:
            raw = b""
        document_ids.append(system.queue.add_document(source.name, raw, str(source)))
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
    from app.export.progress import duration_text

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
            items += f", about {duration_text(max(0.0, (job.eta_at - now).total_seconds()))} left"
        print(
            f"{job.id:>5}  {job.kind.value:<5}  {job.status.value:<10}  {job.progress:>3}%  "
            f"attempts {job.attempts}/{job.max_attempts}{items}{error}"
        )
    return 0


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
