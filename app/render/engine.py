"""The one wrapper around QtWebEngine: a locked-down profile and a small pool of pages that print PDFs.

All QtWebEngine objects live in the thread that created the engine (the GUI thread). Any thread may call
``submit``: it returns a ``concurrent.futures.Future`` that resolves to the PDF bytes, or to a
``RenderError`` whose ``transient`` flag says whether a retry may help (timeout, crashed renderer).
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections import deque
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEventLoop, QMarginsF, QObject, QThread, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineScript, QWebEngineSettings

from app.errors import RenderError
from app.render.scheme import SCHEME, BlockingInterceptor, DocumentStore, SchemeHandler

if TYPE_CHECKING:
    # Not imported at run time: the engine starts before pydantic and Jinja are loaded (a CLI export loads them
    # in another thread meanwhile).
    from app.render.html import PageSetup

log = logging.getLogger(__name__)

DEFAULT_POOL_SIZE = 3
DEFAULT_TIMEOUT_S = 30.0
#: Extra seconds a print may take per megabyte of HTML (see ``PdfEngine.job_timeout_s``).
SECONDS_PER_MB = 30.0
#: Prints per page before it is replaced when laid-out documents cannot be collected (see ``_collect``).
DEFAULT_RENDERS_PER_PAGE = 10
#: Prints per page before it is replaced when they can: memory stays flat, this only bounds fragmentation.
COLLECTED_RENDERS_PER_PAGE = 250
#: A page that stays idle this long after a print collects what it printed (off the next export's path) ...
IDLE_COLLECT_MS = 100
#: ... and a busy one (a batch) every this many prints: a collection costs the renderer ~2 ms, one document's
#: garbage is ~2.4 MB.
COLLECT_EVERY = 2
#: Runs in the application's own script world (page scripts stay off); ``gc`` exists with ``GC_FLAG``.
#: It answers with a string: PySide6 6.12 drops a reference to True/False each time a script answers with a
#: boolean, and the interpreter aborts once True's count reaches zero.
_COLLECT_SCRIPT = "typeof gc === 'function' ? (gc(), 'collected') : 'unavailable'"
#: Lays the document out (which starts loading the fonts its text needs) and tells whether fonts are still
#: loading. Chromium prints text whose font is still loading as nothing: a first Arabic or Chinese document
#: printed straight after ``loadFinished`` came out blank, as the load event does not wait for fonts that
#: only layout asks for. Runs in the application's script world, like ``_COLLECT_SCRIPT``.
_FONTS_SCRIPT = "document.documentElement.offsetHeight, document.fonts.status"
#: Without the layout: for documents so large (hostile ones: 5 MB in one field) that laying them out once more
#: than printing does costs seconds. Real resumes are far smaller (20-100 KB).
_FONTS_STATUS_SCRIPT = "document.fonts.status"
LAYOUT_BEFORE_PRINT_MAX_BYTES = 1_000_000
#: How often and how long to ask again while fonts load (from memory: a few milliseconds in all).
FONT_POLL_MS = 2
FONT_POLL_LIMIT = 2500
#: By ``PageSize`` value (a ``StrEnum``: its members find their value's entry).
_PAGE_SIZE_IDS = {
    "a4": QPageSize.PageSizeId.A4,
    "letter": QPageSize.PageSizeId.Letter,
    "legal": QPageSize.PageSizeId.Legal,
}


def page_layout(setup: PageSetup) -> QPageLayout:
    """The ``QPageLayout`` for a page setup; it agrees with the ``@page`` rule the HTML carries."""
    margin = setup.margin_mm
    return QPageLayout(
        QPageSize(_PAGE_SIZE_IDS[setup.page_size]),
        QPageLayout.Orientation.Portrait,
        QMarginsF(margin, margin, margin, margin),
        QPageLayout.Unit.Millimeter,
    )


@dataclass
class _RenderJob:
    html: bytes
    setup: PageSetup
    future: Future[bytes]
    key: str = ""


@dataclass
class _Slot:
    page: QWebEnginePage
    timer: QTimer
    idle: QTimer
    job: _RenderJob | None = None
    generation: int = 0
    renders: int = 0
    uncollected: int = 0


def lock_down(settings: QWebEngineSettings) -> None:
    """JavaScript, plugins, file access and remote access off: resumes come from anywhere."""
    attribute = QWebEngineSettings.WebAttribute
    for name, value in (
        (attribute.JavascriptEnabled, False),
        (attribute.JavascriptCanOpenWindows, False),
        (attribute.JavascriptCanAccessClipboard, False),
        (attribute.LocalContentCanAccessFileUrls, False),
        (attribute.LocalContentCanAccessRemoteUrls, False),
        (attribute.PluginsEnabled, False),
        (attribute.AutoLoadImages, True),
        (attribute.AutoLoadIconsForPage, False),
        (attribute.DnsPrefetchEnabled, False),
        (attribute.PdfViewerEnabled, False),
        (attribute.NavigateOnDropEnabled, False),
        (attribute.WebGLEnabled, False),
        (attribute.Accelerated2dCanvasEnabled, False),
        (attribute.ErrorPageEnabled, False),
    ):
        settings.setAttribute(name, value)


class PdfEngine(QObject):
    """Owns the profile, the scheme handler, the interceptor and the page pool; prints HTML to PDF bytes."""

    _requested = Signal(object)  #: internal: a job from another thread, delivered to the engine's thread

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        pool_size: int = DEFAULT_POOL_SIZE,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        renders_per_page: int = DEFAULT_RENDERS_PER_PAGE,
    ) -> None:
        super().__init__(parent)
        self.timeout_s = timeout_s
        self.renders_per_page = renders_per_page
        self.documents = DocumentStore()
        self.profile = QWebEngineProfile(self)  # no storage name: off the record, nothing written to disk
        self.profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
        self.profile.setPersistentCookiesPolicy(QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies)
        self.profile.setSpellCheckEnabled(False)
        lock_down(self.profile.settings())
        self.interceptor = BlockingInterceptor(self)
        self.profile.setUrlRequestInterceptor(self.interceptor)
        self._handler = SchemeHandler(self.documents, self)
        self.profile.installUrlSchemeHandler(SCHEME.encode(), self._handler)
        self._queue: deque[_RenderJob] = deque()
        self._keys = itertools.count(1)
        self._slots = [self._new_slot() for _ in range(max(1, pool_size))]
        self._closed = False
        self._collects: bool | None = None  # unknown until the first collection answers
        self._requested.connect(self._enqueue)

    @property
    def pool_size(self) -> int:
        """How many pages print at once."""
        return len(self._slots)

    @property
    def collects_garbage(self) -> bool | None:
        """Whether printed documents are freed in place (None until the first collection has answered)."""
        return self._collects

    def submit(self, html: str, setup: PageSetup) -> Future[bytes]:
        """Queues one print from any thread; the future resolves to PDF bytes or a ``RenderError``."""
        future: Future[bytes] = Future()
        job = _RenderJob(html.encode("utf-8"), setup, future)
        if self._closed:
            future.set_exception(RenderError("the renderer has been shut down", transient=True))
        elif QThread.currentThread() is self.thread():
            self._enqueue(job)
        else:
            self._requested.emit(job)
        return future

    def render(self, html: str, setup: PageSetup) -> bytes:
        """Prints and waits, for callers that live in the engine's own thread (the CLI, tests)."""
        return wait_for(self.submit(html, setup))

    def shutdown(self) -> None:
        """Fails queued jobs, then deletes pages before the profile (Qt warns and may crash otherwise)."""
        self._closed = True
        while self._queue:
            self._fail(self._queue.popleft(), RenderError("the renderer was shut down", transient=True))
        for slot in self._slots:
            slot.timer.stop()
            slot.idle.stop()
            if slot.job is not None:
                self._finish(slot, error=RenderError("the renderer was shut down", transient=True))
            shiboken6.delete(slot.page)
        self._slots = []
        shiboken6.delete(self.profile)

    def job_timeout_s(self, html_bytes: int) -> float:
        """How long one print may take: the engine's timeout, plus time for a very large document's layout.

        Chromium lays out a 5 MB resume (a hostile one) in some 20 s on a quiet 2-core machine and several times
        that on a busy one; a fixed 30 s made such a print time out and be retried until it failed.
        """
        return self.timeout_s + html_bytes / 1_000_000 * SECONDS_PER_MB

    def render_process_pids(self) -> list[int]:
        """The process ids of the pool's render processes (crash tests kill these)."""
        return [pid for slot in self._slots if (pid := slot.page.renderProcessPid()) > 0]

    # -- internals -------------------------------------------------------------------------------------

    def _new_slot(self) -> _Slot:
        page = QWebEnginePage(self.profile, self)
        timer = QTimer(self)
        timer.setSingleShot(True)
        idle = QTimer(self)
        idle.setSingleShot(True)
        slot = _Slot(page, timer, idle)
        page.loadFinished.connect(lambda ok, s=slot: self._on_loaded(s, ok))
        page.renderProcessTerminated.connect(lambda status, code, s=slot: self._on_crashed(s, status, code))
        timer.timeout.connect(lambda s=slot: self._on_timeout(s))
        idle.timeout.connect(lambda s=slot: self._collect(s) if s.job is None and s.uncollected else None)
        return slot

    @Slot(object)
    def _enqueue(self, job: _RenderJob) -> None:
        if self._closed:
            self._fail(job, RenderError("the renderer has been shut down", transient=True))
            return
        self._queue.append(job)
        self._dispatch()

    def _dispatch(self) -> None:
        for slot in self._slots:
            if slot.job is not None:
                continue
            while self._queue:
                job = self._queue.popleft()
                if job.future.set_running_or_notify_cancel():
                    self._start(slot, job)
                    break

    def _start(self, slot: _Slot, job: _RenderJob) -> None:
        job.key = f"{next(self._keys)}-{threading.get_ident()}"
        self.documents.put(job.key, job.html)
        slot.job = job
        slot.generation += 1
        slot.idle.stop()
        slot.timer.start(int(self.job_timeout_s(len(job.html)) * 1000))
        slot.page.load(QUrl(f"{SCHEME}://app/doc/{job.key}.html"))

    def _on_loaded(self, slot: _Slot, ok: bool) -> None:
        job = slot.job
        if job is None:
            return
        if not ok:
            self._finish(slot, error=RenderError("the page could not be laid out for printing", transient=True))
            return
        self._await_fonts(slot, slot.generation, 0)

    def _await_fonts(self, slot: _Slot, generation: int, polls: int) -> None:
        """Prints once no font of the document is loading any more (see ``_FONTS_SCRIPT``)."""
        world = int(QWebEngineScript.ScriptWorldId.ApplicationWorld.value)
        job = slot.job
        script = (
            _FONTS_SCRIPT if job is None or len(job.html) <= LAYOUT_BEFORE_PRINT_MAX_BYTES else _FONTS_STATUS_SCRIPT
        )
        slot.page.runJavaScript(
            script, world, lambda status, s=slot, g=generation, n=polls: self._on_fonts(s, g, n, status)
        )

    def _on_fonts(self, slot: _Slot, generation: int, polls: int, status: object) -> None:
        job = slot.job
        if job is None or slot.generation != generation:
            return
        if status == "loading" and polls < FONT_POLL_LIMIT:
            QTimer.singleShot(FONT_POLL_MS, lambda s=slot, g=generation, n=polls: self._await_fonts(s, g, n + 1))
            return
        slot.page.printToPdf(lambda data, s=slot, g=generation: self._on_printed(s, g, data), page_layout(job.setup))

    def _on_printed(self, slot: _Slot, generation: int, data: object) -> None:
        if slot.job is None or slot.generation != generation:
            return
        pdf = bytes(data.data()) if hasattr(data, "data") else bytes(data)  # type: ignore[call-overload]
        if not pdf.startswith(b"%PDF"):
            self._finish(slot, error=RenderError("the renderer returned no PDF", transient=True))
        else:
            self._finish(slot, pdf=pdf)

    def _on_timeout(self, slot: _Slot) -> None:
        if slot.job is None:
            return
        limit = self.job_timeout_s(len(slot.job.html))
        log.warning("render timed out after %.1f s; recycling the page", limit)
        self._finish(slot, error=RenderError(f"rendering took longer than {limit:.0f} s", transient=True))
        self._recycle(slot)

    def _on_crashed(self, slot: _Slot, status: object, code: int) -> None:
        log.warning("render process ended (%s, exit code %s)", status, code)
        if slot.job is not None:
            self._finish(slot, error=RenderError("the rendering process crashed", transient=True))
        self._recycle(slot)

    def _recycle(self, slot: _Slot) -> None:
        """Replaces a page whose renderer hung or died; a fresh page gets a fresh render process."""
        if self._closed or slot not in self._slots:
            return
        index = self._slots.index(slot)
        slot.timer.stop()
        slot.idle.stop()
        slot.page.deleteLater()
        slot.timer.deleteLater()
        slot.idle.deleteLater()
        self._slots[index] = self._new_slot()
        self._dispatch()

    def _finish(self, slot: _Slot, *, pdf: bytes | None = None, error: RenderError | None = None) -> None:
        job = slot.job
        slot.job = None
        slot.generation += 1
        slot.timer.stop()
        if job is None:
            return
        self.documents.drop(job.key)
        if error is not None:
            self._fail(job, error)
        elif pdf is not None and not job.future.done():
            job.future.set_result(pdf)
        slot.renders += 1
        if self._closed:
            return
        slot.uncollected += 1
        if slot.uncollected >= COLLECT_EVERY:
            self._collect(slot)
        else:
            slot.idle.start(IDLE_COLLECT_MS)
        if slot.renders >= (COLLECTED_RENDERS_PER_PAGE if self._collects else self.renders_per_page):
            QTimer.singleShot(0, lambda s=slot: self._recycle(s) if s.job is None else None)
        else:
            QTimer.singleShot(0, self._dispatch)

    def _collect(self, slot: _Slot) -> None:
        """Frees the documents a page has printed, without waiting (a next load queues behind it).

        With page scripts off, V8 never runs a garbage collection on its own, and Blink's DOM and layout trees
        live on V8's heap: a render process grew by ~2.4 MB per printed document (Qt 6.12), 210 MB after 60.
        Collecting once a page is idle, or every ``COLLECT_EVERY`` prints when it is not, keeps it flat (70-76 MB
        over 60 prints with Qt 6.12, ~90 MB with 6.11). Where ``gc`` is missing (a user's own ``--js-flags``),
        pages are replaced every ``renders_per_page`` prints instead, which costs a new render process each time.
        """
        slot.uncollected = 0
        world = int(QWebEngineScript.ScriptWorldId.ApplicationWorld.value)
        if self._collects is None:
            slot.page.runJavaScript(_COLLECT_SCRIPT, world, self._on_collected)
        else:
            slot.page.runJavaScript(_COLLECT_SCRIPT, world)

    def _on_collected(self, answer: object) -> None:
        if self._collects is None:
            self._collects = answer == "collected"
            if not self._collects:
                log.info(
                    "gc() is not available to the renderer; pages are replaced every %d prints instead",
                    self.renders_per_page,
                )

    @staticmethod
    def _fail(job: _RenderJob, error: RenderError) -> None:
        if not job.future.done() and (job.future.running() or job.future.set_running_or_notify_cancel()):
            job.future.set_exception(error)


def wait_for(future: Future[bytes], timeout_s: float | None = None) -> bytes:
    """Spins the Qt event loop until ``future`` is done (for code running in the engine's thread)."""
    if not future.done():
        loop = QEventLoop()
        future.add_done_callback(lambda _f: QTimer.singleShot(0, loop.quit))
        if timeout_s is not None:
            QTimer.singleShot(int(timeout_s * 1000), loop.quit)
        if not future.done():
            loop.exec()
    return future.result(timeout=0)
