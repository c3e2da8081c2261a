"""Running the queue inside a CLI command: the engine on the main thread, the worker beside it.

``export`` and ``batch`` load the job's layers, start the engine and prepare their job while it starts
(``beside_engine``), then run the worker until the job is done (``run_jobs``); ``worker --once`` runs every
pending job.
"""

from __future__ import annotations

import importlib
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from app.export.models import Job
    from app.export.service import ExportSystem
    from app.render.engine import PdfEngine
    from app.render.html import PageSetup

Prepared = TypeVar("Prepared")

#: The layers a queued export needs besides Qt: reading and repairing input, options, templates and HTML, the
#: database, the queue and the job processor. None of them imports Qt when it loads
#: (tests/cli/test_export_path_imports.py).
JOB_LAYERS = (
    "app.cli.inputs",
    "app.cli.options",
    "app.render.document_design",
    "app.export.service",
    "app.export.processor",
)


def load_job_layers() -> None:
    """Imports ``JOB_LAYERS`` before Qt is imported.

    Once PySide6 is loaded, its import hook reads the source of every module imported after it (to see
    whether it uses PySide6's ``__feature__`` switches): 35-40 ms of a cold export went to that for these
    ~270 modules. Imported first, they are not looked at.
    """
    for name in JOB_LAYERS:
        importlib.import_module(name)


@dataclass(frozen=True)
class WarmUp:
    """What the engine prints while a command prepares its job: ``app.render.html.warm_up_html`` for a template."""

    template_id: str | None


def warm_up_page(warm_up: WarmUp) -> tuple[str, PageSetup]:
    """The warm-up page's HTML and paper: the chosen template if it exists, else the default one."""
    from app.render.html import PageSetup, warm_up_html
    from app.render.options import PageSize
    from app.render.templates import DEFAULT_TEMPLATE_ID, template_registry

    registry = template_registry()
    template = registry.get(warm_up.template_id or "", registry[DEFAULT_TEMPLATE_ID])
    setup = PageSetup(PageSize.A4, template.manifest.margin_mm)
    return warm_up_html(template, setup), setup


def beside_engine(
    prepare: Callable[[], Prepared], pool_size: int, *, warm_up: WarmUp | None
) -> tuple[Prepared, PdfEngine]:
    """Starts the render engine on this (the GUI) thread, then runs ``prepare`` in another one meanwhile.

    The job's layers are imported first (``load_job_layers``). With ``warm_up`` (a command that prints PDFs)
    each page of the pool prints ``warm_up_page`` meanwhile: the render processes start and load the
    template's styles and fonts. Without it (an export that prints no PDF) no render process starts.

    Chromium starts its render process and loads a first page in processes and threads of its own; the Python
    work of a command (reading and validating input, the database) runs meanwhile instead of after it.
    This thread imports everything it needs before ``prepare`` starts and nothing while it runs: two threads
    importing at once can be handed a partly initialised module (CPython breaks a suspected import deadlock that
    way; PySide6's import hook touching pydantic's modules made it happen). ``prepare``'s exception is raised
    here, after the engine is shut down.
    """
    from app.render.environment import headless_environment

    headless_environment()
    load_job_layers()
    warm_up_pages = [warm_up_page(warm_up)] if warm_up is not None else []
    from PySide6.QtCore import QEventLoop, QObject, Qt, Signal

    from app.render.engine import PdfEngine
    from app.render.runtime import application, route_qt_messages

    class Done(QObject):
        finished = Signal()

    route_qt_messages()
    qt_app = application()
    engine = PdfEngine(qt_app, pool_size=pool_size)
    warm_ups = [engine.submit(html, setup) for html, setup in warm_up_pages * engine.pool_size]
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
    from app.export.progress import duration_text
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
            eta = f", about {duration_text(left)} left" if left >= 0 else ""
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
