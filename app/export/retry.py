"""When to try a failed export again: exponential backoff with full jitter, and which failures are final.

Full jitter (a uniform delay between 0 and the exponential ceiling) spreads retries of many jobs that failed
together, e.g. after the renderer crashed, instead of hammering it in lockstep.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RetryPolicy:
    """Base 1 min doubling per attempt, capped at 60 min, at most 5 attempts.

    ``scale`` shrinks every delay: tests use a tiny scale so a five-attempt history runs in milliseconds.
    """

    base: dt.timedelta = dt.timedelta(minutes=1)
    cap: dt.timedelta = dt.timedelta(minutes=60)
    max_attempts: int = 5
    scale: float = 1.0
    rng: random.Random = field(default_factory=random.Random, compare=False)

    def ceiling(self, attempts: int) -> dt.timedelta:
        """The largest delay after ``attempts`` failed attempts (1 → base, 2 → 2×base, ...), capped."""
        exponent = max(0, attempts - 1)
        seconds = min(self.cap.total_seconds(), self.base.total_seconds() * (2 ** min(exponent, 32)))
        return dt.timedelta(seconds=seconds * self.scale)

    def delay(self, attempts: int) -> dt.timedelta:
        """A random delay in [0, ceiling]: full jitter."""
        return dt.timedelta(seconds=self.rng.uniform(0, self.ceiling(attempts).total_seconds()))

    def should_retry(self, attempts: int, *, transient: bool) -> bool:
        """Transient failures are retried until ``max_attempts``; permanent ones never."""
        return transient and attempts < self.max_attempts


#: Shrinks every retry delay (0-1); fault tests run whole retry histories in milliseconds with it.
RETRY_SCALE_ENV = "RESUMEPAIR_RETRY_SCALE"


def policy_from_environment() -> RetryPolicy:
    """The retry policy; ``$RESUMEPAIR_RETRY_SCALE`` shrinks its delays (fault tests run retries in ms)."""
    raw = os.environ.get(RETRY_SCALE_ENV, "")
    try:
        scale = float(raw) if raw else 1.0
    except ValueError:
        scale = 1.0
    return RetryPolicy(scale=max(0.0, min(scale, 1.0)))
