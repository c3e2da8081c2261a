"""Fitting the width never makes the preview's scroll bar come and go forever.

A one-page resume in a 560 px preview fitted the page's height at the full width but not at the width less a
vertical scroll bar: the bar appeared, the page shrank, the bar went, the page grew — thousands of layouts a
second, the UI thread at 100 % (found while taking screenshots; 9,816 viewport resizes in 0.15 s).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject


class ResizeCounter(QObject):
    """Counts a widget's resize events."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            self.count += 1
        return False


def settle(seconds: float) -> None:
    """Processes events for a while; never blocks longer, even when events keep coming."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def test_no_width_makes_the_scroll_bar_flicker(open_window: Any, tmp_path: Path) -> None:
    resume = tmp_path / "one-page.json"
    resume.write_text(json.dumps({"basics": {"name": "One Page", "summary": "short"}}), encoding="utf-8")
    window = open_window(resume)
    window.resize(1600, 900)
    settle(0.3)
    counter = ResizeCounter()
    window.preview.view.viewport().installEventFilter(counter)
    total = sum(window.splitter.sizes())
    worst = (0, 0)
    for width in range(540, 581, 2):
        window.splitter.setSizes([200, total - 200 - width, width])
        counter.count = 0
        settle(0.1)
        worst = max(worst, (counter.count, width))
    assert worst[0] <= 4, f"{worst[0]} resizes of the preview at {worst[1]} px"
