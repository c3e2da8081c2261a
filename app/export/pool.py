"""How many pages a batch prints at once: one per core and one more, with a cap that keeps memory in bounds."""

from __future__ import annotations

import os

#: Overrides the pool size (benchmarks compare sizes with it).
POOL_ENV = "RESUMEPAIR_BATCH_POOL"
#: The most pages a batch prints at once, whatever the core count. Measured (bench/pool_sizes.py, batch of 100):
#: the process tree's peak PSS grows by ~17 MB per page from ~245 MB with one page, and a batch of 1,000 adds
#: ~20 MB to a batch of 100; 6 pages stay near 350 MB, under the 400 MB bar with room for heavier resumes.
MAX_BATCH_POOL = 6


def batch_pool_size(cores: int | None = None) -> int:
    """Pages for a batch: cores + 1, from 2 to ``MAX_BATCH_POOL``; ``$RESUMEPAIR_BATCH_POOL`` wins.

    One more page than cores: a page always has a document waiting while Python prepares the next.
    """
    chosen = os.environ.get(POOL_ENV, "")
    if chosen.isdigit() and int(chosen) > 0:
        return int(chosen)
    return max(2, min(MAX_BATCH_POOL, (cores or os.cpu_count() or 1) + 1))
