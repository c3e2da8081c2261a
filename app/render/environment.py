"""Process environment for QtWebEngine; set before any PySide6 module is imported, or it is ignored.

This module imports nothing from Qt on purpose.
"""

from __future__ import annotations

import ctypes
import os
import sys

#: The V8 switch that gives scripts a ``gc()`` function.
GC_FLAG = "--js-flags=--expose-gc"


def headless_environment() -> None:
    """Makes a process that must not show windows run without a display (CLI export, tests)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Without a display QtWebEngine falls back to software rendering and says so loudly on stderr; the
    # CLI's stderr is for the user's errors only.
    os.environ.setdefault("QT_LOGGING_RULES", "qt.rhi.*=false;qt.webenginecontext.*=false")
    chromium_flags()


def chromium_flags() -> None:
    """Chromium switches every ResumePair process wants; must run before PySide6 is imported."""
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    wanted = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--log-level=3"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Chromium refuses to start its sandbox as root; we only disable it there.
        wanted.append("--no-sandbox")
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        wanted.append("--disable-gpu")
    if not any(flag.startswith("--js-flags") for flag in flags.split()):
        # Lets the engine collect each laid-out document from its own script world after printing: with page
        # scripts off, V8 (which also collects Blink's DOM) never runs on its own and a render process grows by
        # ~2.4 MB per document. Page scripts stay off, so no resume can call it. A user's own --js-flags wins;
        # the engine then replaces render processes instead (see PdfEngine).
        wanted.append(GC_FLAG)
    missing = [flag for flag in wanted if flag not in flags.split()]
    if missing:
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join([flags, *missing]).strip()


#: glibc's ``mallopt`` parameter for the number of allocation arenas.
_M_ARENA_MAX = -8
MALLOC_ARENAS = 2


def limit_malloc_arenas(arenas: int = MALLOC_ARENAS) -> None:
    """Caps glibc's malloc arenas, which by default grow to 8 per core as threads come and go.

    Batch threads, Chromium's threads and Python's each got an arena; freed PDFs and HTML stayed mapped in them,
    and the app process grew by 10-16 MB with every batch of 100 resumes (it stays flat with 2). Must run
    before the threads start. Not glibc (macOS, Windows, musl), or ``MALLOC_ARENA_MAX`` set by the user: no-op.
    """
    if not sys.platform.startswith("linux") or "MALLOC_ARENA_MAX" in os.environ:
        return
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return
    mallopt = getattr(libc, "mallopt", None)
    if mallopt is not None:
        mallopt(_M_ARENA_MAX, arenas)
