"""Running the queue inside a CLI command: the engine on the main thread, the worker beside it.

``export`` and ``batch`` start the engine first and prepare their job meanwhile (``beside_engine``), then run
the worker until the job is done (``run_jobs``); ``worker --once`` runs every pending job.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar, cast

if TYPE_CHECKING:
    from app.export.models import Job
    from app.export.service import ExportSystem
    from app.render.engine import PdfEngine
    from app.render.html import PageSetup

#: What the engine prints while the command prepares its job: it starts the render process and the print path.
_WARM_UP_HTML = "<!doctype html><title>start</title><p>&nbsp;</p>"
Prepared = TypeVar("Prepared")


@dataclass(frozen=True)
class _WarmUpSetup:
    """What the engine reads of a ``PageSetup`` (app.render.html), for the warm-up page."""

    page_size: str = "a4"
    margin_mm: float = 0.0


def beside_engine(
    prepare: Callable[[], Prepared], pool_size: int, *, warm_up: bool = True
) -> tuple[Prepared, PdfEngine]:
    """Starts the render engine on this (the GUI) thread, then runs ``prepare`` in another one meanwhile.

    Without ``warm_up`` (an export that prints no PDF) no page is loaded, so no render process starts.

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
    warm_ups = [engine.submit(_WARM_UP_HTML, warm_setup) for _ in range(engine.pool_size if warm_up else 0)]
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
            eta = f", about {duration(left)} left" if left >= 0 else ""
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


def duration(seconds: float) -> str:
    """``75`` → ``1 min 15 s``."""
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"
