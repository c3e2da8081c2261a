"""How the batch pool size trades throughput against memory: one ``resumepair batch`` of 100 per pool size.

``python bench/pool_sizes.py [--sizes 1,2,3,4,5]``: PDFs per second and peak PSS of the process tree for each
pool size (``$RESUMEPAIR_BATCH_POOL``), in alternating rounds. Not part of ``make bench`` (it takes minutes);
its figures chose ``MAX_BATCH_POOL`` and are in bench/README.md. Results: ``build/bench/latest-pools.json``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import bench_env, compile_app, python, varied_resumes, write_inputs  # noqa: E402
from bench.memory import PeakSampler  # noqa: E402
from bench.results_store import save_results  # noqa: E402

COUNT = 100


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1,2,3,4,5")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    compile_app()
    pools = [int(size) for size in args.sizes.split(",")]
    rates: dict[int, list[float]] = {pool: [] for pool in pools}
    peaks: dict[int, list[float]] = {pool: [] for pool in pools}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        inputs = write_inputs(varied_resumes(COUNT), work / "in")
        command = [python(), "-m", "app", "--data-dir", str(work / "data"), "batch", *map(str, inputs), "-o"]
        subprocess.run([*command, str(work / "first.zip")], check=True, cwd=ROOT, env=bench_env(), capture_output=True)
        for _round in range(args.rounds):
            for pool in pools:
                env = dict(bench_env(), RESUMEPAIR_BATCH_POOL=str(pool))
                process = subprocess.Popen([*command, str(work / f"p{pool}.zip")], cwd=ROOT, env=env)
                start = time.perf_counter()
                with PeakSampler(process.pid, interval=0.1) as sampler:
                    process.wait()
                rates[pool].append(COUNT / (time.perf_counter() - start))
                peaks[pool].append(sampler.peak / 2**20)
                print(f"pool {pool}: {rates[pool][-1]:.1f} PDF/s, peak {peaks[pool][-1]:.0f} MB", flush=True)
    results = {
        str(pool): {
            "pdfs_per_s": round(statistics.median(rates[pool]), 1),
            "peak_tree_pss_mb": round(max(peaks[pool]), 1),
        }
        for pool in pools
    }
    print(json.dumps(results, indent=2))
    save_results(results, "pools")
    return 0


if __name__ == "__main__":
    sys.exit(main())
