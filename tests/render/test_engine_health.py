"""The engine stays healthy over many prints: flat render-process memory, intact interpreter singletons."""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, QTimer

from app.model import load_resume_file
from app.render.engine import wait_for
from app.render.html import render_html
from app.render.options import ExportOptions
from app.render.pipeline import plan_render
from bench.memory import pss_bytes
from tests.conftest import SAMPLE

immortal_singletons = pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="None, True and False are immortal from Python 3.12 on"
)


def _sample_html(name: str) -> tuple[str, Any]:
    resume = load_resume_file(SAMPLE)
    resume.basics.name = name
    plan = plan_render(resume, ExportOptions(template="classic"))
    return render_html(resume, plan.template, plan.tokens, plan.setup, "normal"), plan.setup


def _pss_mb(pid: int) -> float:
    return pss_bytes(pid) / 2**20


@immortal_singletons
def test_qt_calls_keep_none_and_true_alive(qapp: Any) -> None:
    """PySide6 6.12.0 dropped a reference to None on every void method call: Python 3.11 then aborted
    ("deallocating None") after a few thousand calls. The project excludes that release; this guards it."""
    owner = QObject()
    timer = QTimer(owner)
    before_none, before_true = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(2000):
        timer.stop()
        timer.setObjectName("probe")
        owner.blockSignals(False)
    assert sys.getrefcount(None) > before_none - 100
    assert sys.getrefcount(True) > before_true - 100


@immortal_singletons
def test_printing_from_worker_threads_keeps_singletons_alive(engine: Any) -> None:
    html, setup = _sample_html("Refcount Probe")
    before_none, before_true = sys.getrefcount(None), sys.getrefcount(True)
    futures = []
    thread = threading.Thread(target=lambda: futures.extend(engine.submit(html, setup) for _ in range(20)))
    thread.start()
    thread.join()
    for future in futures:
        assert wait_for(future, timeout_s=60).startswith(b"%PDF")
    assert sys.getrefcount(None) > before_none - 100
    assert sys.getrefcount(True) > before_true - 100


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="needs Linux /proc")
def test_render_process_memory_stays_flat_over_many_prints(qapp: Any) -> None:
    """Without collection a render process grew by ~2.4 MB per document (JavaScript off: V8 never collects)."""
    from app.render.engine import PdfEngine

    engine = PdfEngine(None, pool_size=1)
    try:
        html, setup = _sample_html("Memory Probe")
        for _ in range(5):
            engine.render(html, setup)
        pid = engine.render_process_pids()[0]
        settled = _pss_mb(pid)
        assert settled > 0, f"no PSS reported for render process {pid}"
        for index in range(40):
            engine.render(html.replace("Memory Probe", f"Memory Probe {index}"), setup)
        assert engine.collects_garbage is True
        assert engine.render_process_pids() == [pid], "the page was replaced, so nothing was measured"
        grown = _pss_mb(pid) - settled
        assert grown < 40, f"render process grew by {grown:.0f} MB over 40 prints"
    finally:
        engine.shutdown()


def test_pages_are_replaced_when_documents_cannot_be_collected(qapp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A user's own ``--js-flags`` removes ``gc()``: the engine falls back to a fresh render process every few
    prints rather than growing without bound."""
    from app.render import engine as engine_module

    monkeypatch.setattr(engine_module, "_COLLECT_SCRIPT", "'unavailable'")
    engine = engine_module.PdfEngine(None, pool_size=1, renders_per_page=5)
    try:
        html, setup = _sample_html("Fallback Probe")
        engine.render(html, setup)
        first = engine.render_process_pids()
        for _ in range(6):
            assert engine.render(html, setup).startswith(b"%PDF")
        assert engine.collects_garbage is False
        assert engine.render_process_pids() != first
    finally:
        engine.shutdown()


def test_a_large_document_gets_more_time_to_print(engine: Any) -> None:
    """A fixed timeout made a 5 MB resume time out on a busy machine and be retried until it failed."""
    small, large = engine.job_timeout_s(50_000), engine.job_timeout_s(5_000_000)
    assert small == pytest.approx(engine.timeout_s, abs=2)
    assert large >= small + 100
