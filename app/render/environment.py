"""Process environment for QtWebEngine; set before any PySide6 module is imported, or it is ignored.

This module imports nothing from Qt on purpose.
"""

from __future__ import annotations

import os


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
    missing = [flag for flag in wanted if flag not in flags.split()]
    if missing:
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join([flags, *missing]).strip()
