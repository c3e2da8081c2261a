"""Cold start: a whole ``resumepair export`` process against two floors, in alternating rounds (medians).

- bare: ``bare_engine.py``, a process that imports only PySide6, prints the same pre-rendered HTML (fonts read
  from files) and writes the PDF;
- our engine: ``engine_floor.py``, the same with ResumePair's locked-down engine (profile, scheme handler,
  interceptor, Content-Security-Policy) and nothing else of ours;
- ours: ``python -m app export INPUT -o OUT.pdf``: reading, validation, the queue, Jinja, the print, metadata,
  the history, the copy out.

ours/bare is the bar (≤ 2); engine/bare is what the lock-down costs, ours/engine what the rest costs.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import bench_env, prepare_html, python, scaled_resume  # noqa: E402
from bench.results_store import save_results  # noqa: E402

ROUNDS = 7


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, env=env, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    env = bench_env()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        source = work / "resume-2.json"
        source.write_text(json.dumps(scaled_resume(2)), encoding="utf-8")
        bare_html, engine_html = prepare_html([source], work)
        (work / "out").mkdir()
        commands = {
            "bare": [python(), str(ROOT / "bench/bare_engine.py"), str(work / "out"), "1", str(bare_html[0])],
            "engine": [python(), str(ROOT / "bench/engine_floor.py"), str(work / "out"), "1", str(engine_html[0])],
            "ours": [
                python(),
                "-m",
                "app",
                "--data-dir",
                str(work / "data"),
                "export",
                str(source),
                "-o",
                str(work / "o.pdf"),
            ],
        }
        for command in commands.values():  # warm the page cache and the data folder alike
            timed(command, env)
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for _round in range(ROUNDS):
            for name, command in commands.items():
                samples[name].append(timed(command, env))
    medians = {name: statistics.median(values) for name, values in samples.items()}
    results = {
        "rounds": ROUNDS,
        "bare_ms": round(medians["bare"] * 1000, 1),
        "engine_ms": round(medians["engine"] * 1000, 1),
        "ours_ms": round(medians["ours"] * 1000, 1),
        "ratio_bare": round(medians["ours"] / medians["bare"], 2),
        "ratio_engine": round(medians["ours"] / medians["engine"], 2),
        "engine_over_bare": round(medians["engine"] / medians["bare"], 2),
        "samples_ms": {name: [round(value * 1000) for value in values] for name, values in samples.items()},
    }
    print(json.dumps(results, indent=2))
    save_results(results, "cold")
    return 0


if __name__ == "__main__":
    sys.exit(main())
