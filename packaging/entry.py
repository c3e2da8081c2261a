"""Entry point of the frozen ResumePair (PyInstaller): exactly the ``resumepair`` command."""

from __future__ import annotations

import contextlib
import locale
import os
import sys

from app.cli.main import run


def _coerce_c_locale() -> None:
    """Does what the ``python`` interpreter does at start-up and a frozen one does not (PEP 538).

    Under the C/POSIX locale (a bare ``env -i``, some services and containers), ``python`` sets
    ``LC_CTYPE=C.UTF-8``; Qt WebEngine's helper processes inherit it. Without this, each helper prints Qt's
    "Detected locale C ... not UTF-8" warning on the terminal, which the unfrozen app never does.
    """
    if not sys.platform.startswith("linux") or os.environ.get("LC_ALL"):
        return  # LC_ALL wins over LC_CTYPE (python leaves it alone too); macOS and Windows ignore these variables
    try:
        ctype = locale.setlocale(locale.LC_CTYPE, "")  # what the environment asks for, as python's start-up does
    except locale.Error:
        ctype = "C"  # asks for a locale this system lacks: the C library stays in C
    if ctype in {"C", "POSIX"}:
        os.environ["LC_CTYPE"] = "C.UTF-8"
        with contextlib.suppress(locale.Error):
            locale.setlocale(locale.LC_CTYPE, "C.UTF-8")


def _argv() -> list[str] | None:
    """The command line for ``run``; ``None`` means ``sys.argv[1:]`` unchanged.

    Finder hands a double-clicked document to the .app as its only argument (PyInstaller's argv emulation turns
    the Apple event into ``argv``); that means ``open FILE``. Linux and Windows pass ``open FILE`` themselves
    (the .desktop file's and the registry's command lines).
    """
    args = sys.argv[1:]
    if sys.platform == "darwin" and len(args) == 1 and args[0].lower().endswith(".json"):
        return ["open", args[0]]
    return None


if __name__ == "__main__":
    _coerce_c_locale()
    run(_argv())
