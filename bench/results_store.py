"""Where benchmark results are kept: ``build/bench/latest-<part>.json`` per part and ``latest.json`` combined.

Outside the tracked tree (``build/`` is ignored by git): ``make bench`` never changes a tracked file.
``$RESUMEPAIR_BENCH_OUT`` chooses another folder.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

RESULTS = Path(os.environ.get("RESUMEPAIR_BENCH_OUT") or Path(__file__).resolve().parent.parent / "build" / "bench")


def results_path(part: str | None = None) -> Path:
    """The file of one part (``export``, ``batch``, ``ui``, ...), or of the combined run."""
    return RESULTS / (f"latest-{part}.json" if part else "latest.json")


def save_results(results: dict[str, Any], part: str | None = None) -> None:
    """Writes one part's results (or the combined ones) as indented JSON."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    results_path(part).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def load_results(part: str) -> dict[str, Any]:
    """One part's latest results; empty if the part wrote none."""
    path = results_path(part)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
