"""Test set-up: headless Qt, a temporary data folder, one shared PDF engine.

After each test, garbage is collected in a thread other than the GUI thread, as happens in the app whenever
an export worker's Python code triggers a collection: a Qt object a test left to Python's collector (no
parent, in a reference cycle) is then destroyed on the wrong thread, which Qt reports and which can crash the
process. Done here, that points at the test that left it, every time, instead of at a later test by chance.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
import threading
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest
from hypothesis import settings

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = "--no-sandbox --disable-gpu"

from app.render.environment import headless_environment

headless_environment()

from app.render.runtime import application, route_qt_messages  # noqa: E402

# Property tests: derandomised in `make test` and CI, so a run can never go red by chance (what an exploring run
# finds is committed as an @example on the property); HYPOTHESIS_PROFILE=explore searches with fresh randomness.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, max_examples=1000, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "sample.resume.json"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own empty data folder through ``RESUMEPAIR_DATA_DIR``."""
    folder = tmp_path / "data"
    monkeypatch.setenv("RESUMEPAIR_DATA_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def qapp_args() -> list[str]:
    return ["resumepair-tests"]


@pytest.fixture(scope="session")
def qapp(qapp_args: list[str]) -> Iterator[object]:
    """The QApplication, created the way the app creates it (scheme registered first)."""
    route_qt_messages()
    yield application(qapp_args)


@pytest.fixture(scope="session")
def engine(qapp: object) -> Iterator[object]:
    """One PDF engine for the whole session: starting Chromium once keeps the suite fast."""
    from app.render.engine import PdfEngine

    pdf_engine = PdfEngine(None)
    yield pdf_engine
    pdf_engine.shutdown()


import subprocess  # noqa: E402


def run_cli(*args: str, data_dir: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Runs ``python -m app`` in a fresh process, as a user would run ``resumepair``."""
    env = dict(os.environ)
    if data_dir is not None:
        env["RESUMEPAIR_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=ROOT,
        check=False,
    )


def kill_group(process: subprocess.Popen[str] | subprocess.Popen[bytes], wait_s: float = 30) -> None:
    """SIGKILLs a process started with ``start_new_session=True`` and everything it started (Chromium's
    processes too), then reaps it."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(wait_s)


#: Fixtures through which a test makes Qt objects in this process.
QT_FIXTURES = frozenset({"qtbot", "qapp", "engine"})


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, object, object]:
    """After the teardown of a test that used Qt (pytest-qt closes its widgets): deferred deletions, then a
    collection in another thread (see the module's docstring)."""
    result = yield
    if not QT_FIXTURES & set(getattr(item, "fixturenames", ())):
        return result  # no Qt object of this process was made: a collection per test would only cost time
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    collector = threading.Thread(target=gc.collect, name="collector")
    collector.start()
    collector.join()
    return result
