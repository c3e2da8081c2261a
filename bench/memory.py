"""Peak memory of a process and all its descendants (QtWebEngine's render and GPU processes), from /proc.

Measured as PSS (proportional set size, ``/proc/PID/smaps_rollup``): shared pages (Qt's libraries, mapped by
every QtWebEngine process) are split between the processes that share them, so the sum over the tree is the
memory the tree really costs. Plain RSS would count those libraries once per process.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def pss_bytes(pid: int) -> int:
    """One process's PSS; raises ``OSError`` once the process is gone."""
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    return 0


def tree_pss_bytes(root: int) -> int:
    total, stack, seen = 0, [root], set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            total += pss_bytes(pid)
        except OSError:
            continue
        stack += _children(pid)
    return total


class PeakSampler:
    """Samples the tree's RSS every ``interval`` seconds in a thread; ``peak`` holds the largest sample."""

    def __init__(self, root: int | None = None, interval: float = 0.05) -> None:
        self.root = root or os.getpid()
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_pss_bytes(self.root))
            self._stop.wait(self.interval)
