"""Batch throughput, whole process against whole process, and the memory of batches of 100 and more.

Timed in alternating rounds (medians), on the same 100 varied resumes:
- bare: ``bare_engine.py`` with a pool of pages printing the pre-rendered HTML (imports only PySide6);
- our engine: ``engine_floor.py``, the same with ResumePair's locked-down engine;
- ours: ``resumepair batch INPUT... -o OUT.zip``: reading, the queue, validation, Jinja, printing, metadata,
  the items on disk, the streamed ZIP, the history, the copy out.
Both floors use the pool size ours chooses (``batch_pool_size``), so the ratio compares the work around the
pages, not the number of pages.

Memory: peak PSS of the whole process tree (app + QtWebEngine's processes) of one ``resumepair batch`` per size
in ``--sizes`` (default 100 and 1,000), sampled every 100 ms in separate, untimed runs; each run's ZIP is checked
for one PDF per resume and a manifest. Results: ``build/bench/latest-batch.json``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import bench_env, prepare_html, python, varied_resumes, write_inputs  # noqa: E402
from bench.memory import PeakSampler  # noqa: E402
from bench.results_store import save_results  # noqa: E402

COUNT = 100
ROUNDS = 5


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, env=env, capture_output=True)
    return time.perf_counter() - start


def batch_command(inputs: list[Path], data_dir: Path, output: Path) -> list[str]:
    return [python(), "-m", "app", "--data-dir", str(data_dir), "batch", *map(str, inputs), "-o", str(output)]


def measured_batch(count: int, work: Path, env: dict[str, str]) -> dict[str, object]:
    """One ``resumepair batch`` of ``count`` resumes, its time and the peak memory of its process tree."""
    from app.export.service import ExportSystem

    inputs = write_inputs(varied_resumes(count), work / f"in-{count}")
    output = work / f"batch-{count}.zip"
    data_dir = work / f"data-{count}"
    # ~65 KB per PDF: past ~1,500 resumes a ZIP is larger than the default 100 MB export quota.
    system = ExportSystem.open(data_dir)
    system.storage.set_quota(max(system.storage.quota_bytes, count * 200_000))
    system.store.close()
    process = subprocess.Popen(
        batch_command(inputs, data_dir, output),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    start = time.perf_counter()
    with PeakSampler(process.pid, interval=0.1) as sampler:
        _, stderr = process.communicate()
    elapsed = time.perf_counter() - start
    if process.returncode != 0:
        raise RuntimeError(f"batch of {count} failed: {stderr.decode(errors='replace')[-2000:]}")
    with zipfile.ZipFile(output) as archive:
        names = archive.namelist()
        manifest = json.loads(archive.read("manifest.json"))
    pdfs = sum(1 for name in names if name.endswith(".pdf"))
    completed = sum(1 for item in manifest["items"] if item["status"] == "completed")
    output.unlink()
    return {
        "count": count,
        "seconds": round(elapsed, 1),
        "pdfs_per_s": round(count / elapsed, 1),
        "peak_tree_pss_mb": round(sampler.peak / 2**20, 1),
        "pdfs_in_zip": pdfs,
        "manifest_completed": completed,
        "ok": pdfs == completed == count,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100,1000", help="batch sizes whose memory is measured")
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    args = parser.parse_args()
    from app.export.pool import batch_pool_size

    pool = batch_pool_size()
    env = bench_env()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        inputs = write_inputs(varied_resumes(COUNT), work / "in")
        bare_html, engine_html = prepare_html(inputs, work)
        (work / "out").mkdir()
        commands = {
            "bare": [python(), str(ROOT / "bench/bare_engine.py"), str(work / "out"), str(pool), *map(str, bare_html)],
            "engine": [
                python(),
                str(ROOT / "bench/engine_floor.py"),
                str(work / "out"),
                str(pool),
                *map(str, engine_html),
            ],
            "ours": batch_command(inputs, work / "data", work / "out.zip"),
        }
        timed(commands["ours"], env)  # creates the data folder and the library, as a user's first batch would
        rates: dict[str, list[float]] = {name: [] for name in commands}
        for round_number in range(args.rounds):
            for name, command in commands.items():
                rates[name].append(COUNT / timed(command, env))
            line = ", ".join(f"{name} {values[-1]:.1f}" for name, values in rates.items())
            print(f"round {round_number + 1}: {line} PDF/s", flush=True)
        sizes = [int(size) for size in args.sizes.split(",") if size]
        memory = [measured_batch(size, work, env) for size in sizes]
    ratios = [ours / bare for ours, bare in zip(rates["ours"], rates["bare"], strict=True)]
    medians = {name: statistics.median(values) for name, values in rates.items()}
    results = {
        "count": COUNT,
        "pool": pool,
        "rounds": args.rounds,
        "bare_pdfs_per_s": round(medians["bare"], 1),
        "engine_pdfs_per_s": round(medians["engine"], 1),
        "ours_pdfs_per_s": round(medians["ours"], 1),
        "ratio": round(statistics.median(ratios), 2),
        "ratios": [round(ratio, 2) for ratio in ratios],
        "ratio_engine": round(medians["ours"] / medians["engine"], 2),
        "sizes": memory,
    }
    print(json.dumps(results, indent=2))
    save_results(results, "batch")
    return 0


if __name__ == "__main__":
    sys.exit(main())
