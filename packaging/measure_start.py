"""Start-up cost of the frozen app against the unfrozen one: ``resumepair export`` of the sample, wall time.

    python packaging/measure_start.py [--frozen EXE] [--unfrozen EXE] [-n 5] [--drop-caches]

Each run is a new process with a new, empty data folder (so both pay for creating the database), headless
(QT_QPA_PLATFORM=offscreen). The two programs alternate, run by run, so both see the same machine state.
``--drop-caches`` (Linux, root) empties the kernel's page cache before every run: a true cold start, where
reading the program from disk counts; without it the files are in memory after the first run (a "cold process"
start, what a user sees when starting the app a second time). Prints the median (and min/max) of each.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "sample.resume.json"


def drop_caches() -> None:
    os.sync()
    Path("/proc/sys/vm/drop_caches").write_text("3\n")


def one_run(exe: str, cold: bool) -> float:
    with tempfile.TemporaryDirectory(prefix="resumepair-start-") as folder:
        env = dict(os.environ, RESUMEPAIR_DATA_DIR=str(Path(folder, "data")), QT_QPA_PLATFORM="offscreen")
        if cold:
            drop_caches()
        started = time.perf_counter()
        result = subprocess.run(
            [exe, "export", str(SAMPLE), "-o", str(Path(folder, "out.pdf"))],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        elapsed = time.perf_counter() - started
        if result.returncode != 0 or not Path(folder, "out.pdf").is_file():
            raise SystemExit(f"{exe} export failed ({result.returncode}): {result.stderr.strip()}")
        return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_frozen = ROOT / "dist" / "bundle" / "resumepair" / ("resumepair.exe" if os.name == "nt" else "resumepair")
    venv_bin = ROOT / ".venv" / ("Scripts" if os.name == "nt" else "bin")
    parser.add_argument("--frozen", default=str(default_frozen), help=f"default {default_frozen}")
    parser.add_argument("--unfrozen", default=str(venv_bin / "resumepair"), help="default .venv/bin/resumepair")
    parser.add_argument("-n", "--runs", type=int, default=5)
    parser.add_argument("--drop-caches", action="store_true", help="empty the page cache before each run (root)")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    args = parser.parse_args(argv)
    programs = {"frozen": args.frozen, "unfrozen": args.unfrozen}
    for label, exe in programs.items():
        if not Path(exe).is_file():
            raise SystemExit(f"{label}: {exe} does not exist")
    times: dict[str, list[float]] = {label: [] for label in programs}
    for exe in programs.values():  # one untimed run each: first-run costs (e.g. font caches) off the table
        one_run(exe, cold=False)
    for index in range(args.runs):
        order = list(programs.items()) if index % 2 == 0 else list(reversed(programs.items()))
        for label, exe in order:
            times[label].append(one_run(exe, cold=args.drop_caches))
    summary: dict[str, object] = {
        label: {
            "program": programs[label],
            "median_s": round(statistics.median(values), 3),
            "min_s": round(min(values), 3),
            "max_s": round(max(values), 3),
            "runs_s": [round(v, 3) for v in values],
        }
        for label, values in times.items()
    }
    summary["mode"] = "page cache dropped before each run" if args.drop_caches else "warm page cache"
    if args.json:
        print(json.dumps(summary, indent=2))
        return 0
    print(f"resumepair export, median of {args.runs} ({summary['mode']}):")
    for label in programs:
        row = summary[label]
        assert isinstance(row, dict)
        spread = f"(min {row['min_s']:.3f}, max {row['max_s']:.3f})"
        print(f"  {label:9} {row['median_s']:6.3f} s   {spread}  {row['program']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
