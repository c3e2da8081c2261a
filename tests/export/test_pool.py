"""The batch pool follows the core count, within its bounds, unless the environment sets it."""

from __future__ import annotations

import pytest

from app.export.pool import MAX_BATCH_POOL, POOL_ENV, batch_pool_size


@pytest.mark.parametrize(("cores", "pages"), [(1, 2), (2, 3), (5, 6), (8, MAX_BATCH_POOL), (64, MAX_BATCH_POOL)])
def test_one_page_per_core_and_one_more_within_the_cap(cores: int, pages: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(POOL_ENV, raising=False)
    assert batch_pool_size(cores) == pages


def test_the_environment_sets_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(POOL_ENV, "6")
    assert batch_pool_size(2) == 6
    monkeypatch.setenv(POOL_ENV, "zero")
    assert batch_pool_size(2) == 3
