"""The retry policy: exponential ceiling, cap, full jitter bounds, permanent vs transient."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from app.export.retry import RetryPolicy

MINUTE = dt.timedelta(minutes=1)


def test_ceiling_doubles_from_one_minute_and_caps_at_an_hour() -> None:
    policy = RetryPolicy()
    assert [policy.ceiling(n) for n in range(1, 9)] == [
        MINUTE,
        2 * MINUTE,
        4 * MINUTE,
        8 * MINUTE,
        16 * MINUTE,
        32 * MINUTE,
        60 * MINUTE,
        60 * MINUTE,
    ]
    assert policy.ceiling(10_000) == 60 * MINUTE


@pytest.mark.parametrize("attempts", [1, 2, 3, 4, 7])
def test_full_jitter_stays_within_zero_and_the_ceiling(attempts: int) -> None:
    policy = RetryPolicy(rng=random.Random(attempts))
    delays = [policy.delay(attempts) for _ in range(2000)]
    assert min(delays) >= dt.timedelta(0)
    assert max(delays) <= policy.ceiling(attempts)
    # full jitter spreads over the whole range, not just near the ceiling
    assert min(delays) < policy.ceiling(attempts) * 0.05
    assert max(delays) > policy.ceiling(attempts) * 0.95


def test_scale_shrinks_every_delay() -> None:
    policy = RetryPolicy(scale=0.001)
    assert policy.ceiling(1) == dt.timedelta(milliseconds=60)


def test_transient_failures_retry_until_five_attempts_permanent_never() -> None:
    policy = RetryPolicy()
    assert [policy.should_retry(n, transient=True) for n in range(1, 6)] == [True, True, True, True, False]
    assert not policy.should_retry(1, transient=False)
