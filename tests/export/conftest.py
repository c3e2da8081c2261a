"""Fixtures for the export layer: a controllable clock and an export system in the test's data folder."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from app.export.retry import RetryPolicy
from app.export.service import ExportSystem


class FakeClock:
    """A clock tests move by hand."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def system(data_dir: Path, clock: FakeClock) -> ExportSystem:
    from app.export.jobs import JobQueue
    from app.export.storage import ExportStorage
    from app.store.database import Store

    store = Store(data_dir, clock=clock)
    queue = JobQueue(store, RetryPolicy(rng=random.Random(7)))
    return ExportSystem(store, queue, ExportStorage(queue))
