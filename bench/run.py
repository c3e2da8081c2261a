"""``make bench``: every benchmark in one run, one table of medians and ratios, and the bars.

Each part runs in its own process (memory is measured on clean process trees) and writes its JSON under
``build/bench/`` (outside the tracked tree); this script combines them into ``build/bench/latest.json``, prints
the table with the machine's load before and after, and exits 1 if a bar is missed. Timing never fails
``make test``. ``--quick`` runs fewer rounds and only the batch of 100 (for trying the harness).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import compile_app  # noqa: E402
from bench.results_store import RESULTS, load_results, save_results  # noqa: E402

#: Each benchmark script and the name its results are saved under.
PARTS = {
    "cold_start": "cold",
    "export_timing": "export",
    "batch_throughput": "batch",
    "kill_resume": "resume",
    "ui_timing": "ui",
    "context": "context",
}


def run(script: str, extra: list[str]) -> dict[str, Any]:
    subprocess.run([sys.executable, str(ROOT / "bench" / f"{script}.py"), *extra], check=True, cwd=ROOT)
    return load_results(PARTS[script])


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def bars(results: dict[str, dict[str, Any]]) -> list[tuple[str, object, bool]]:
    export, cold, batch = results["export_timing"], results["cold_start"], results["batch_throughput"]
    resume, ui = results["kill_resume"], results["ui_timing"]
    found = [
        (f"warm export {name} ≤ 1.5× our-profile floor", row["ratio"], row["ratio"] <= 1.5)
        for name, row in export["warm"].items()
    ]
    found += [
        ("cold export ≤ 2× bare engine", cold["ratio_bare"], cold["ratio_bare"] <= 2.0),
        ("batch ≥ 0.7× bare pooled engine (whole process)", batch["ratio"], batch["ratio"] >= 0.7),
        ("preview refresh p95 ≤ 100 ms", ui["refresh_p95_ms"], ui["refresh_p95_ms"] <= 100),
        ("start to first preview ≤ 1.5 s", ui["start_to_first_preview_ms"], ui["start_to_first_preview_ms"] <= 1500),
    ]
    for size in batch["sizes"]:
        found.append(
            (
                f"peak memory of a batch of {size['count']} ≤ 400 MB",
                size["peak_tree_pss_mb"],
                size["peak_tree_pss_mb"] <= 400,
            )
        )
        found.append((f"batch of {size['count']}: a PDF per resume and a manifest", size["pdfs_in_zip"], size["ok"]))
    found.append(("kill and resume: items rendered twice = 0", resume["rendered_twice"], resume["ok"]))
    return found


def table(results: dict[str, dict[str, Any]]) -> list[str]:
    export, cold, batch = results["export_timing"], results["cold_start"], results["batch_throughput"]
    resume, ui = results["kill_resume"], results["ui_timing"]
    lines = [f"{'measure':<44}{'bare':>12}{'our engine':>12}{'ours':>12}{'ours/bare':>11}{'ours/engine':>13}"]
    lines.append(
        f"{'cold `resumepair export` (process)':<44}{cold['bare_ms']:>9} ms{cold['engine_ms']:>9} ms"
        f"{cold['ours_ms']:>9} ms{cold['ratio_bare']:>11}{cold['ratio_engine']:>13}"
    )
    lines.append(
        f"{'batch of 100 → ZIP (process), PDF/s':<44}{batch['bare_pdfs_per_s']:>12}{batch['engine_pdfs_per_s']:>12}"
        f"{batch['ours_pdfs_per_s']:>12}{batch['ratio']:>11}{batch['ratio_engine']:>13}"
    )
    for name, row in export["warm"].items():
        lines.append(
            f"{'warm export ' + name:<44}{'':>12}{row['raw_ms']:>9} ms{row['ours_ms']:>9} ms{'':>11}{row['ratio']:>13}"
        )
    for size in batch["sizes"]:
        lines.append(
            f"{'batch of ' + str(size['count']):<44}{size['seconds']:>10} s, {size['pdfs_per_s']} PDF/s, "
            f"peak {size['peak_tree_pss_mb']} MB (PSS, process tree), {size['pdfs_in_zip']} PDFs"
        )
    lines.append(
        f"{'kill at 50 % and resume (' + str(resume['count']) + ')':<44}done before {resume['done_before_kill']}, "
        f"kept {resume['kept_by_resume']}, rendered {resume['rendered_by_resume']}, rendered twice "
        f"{resume['rendered_twice']}; resumed run {resume['resumed_run_s']} s (whole batch {resume['whole_batch_s']} s)"
    )
    lines.append(f"{'preview refresh p50 / p95':<44}{ui['refresh_p50_ms']} / {ui['refresh_p95_ms']} ms")
    lines.append(f"{'start → first preview':<44}{ui['start_to_first_preview_ms']} ms")
    lines += [f"{'context: ' + name:<44}{value}" for name, value in results["context_script"].items()]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer rounds, batch of 100 only")
    args = parser.parse_args()
    compile_app()
    before = load()
    extra = {"batch_throughput": ["--rounds", "2", "--sizes", "100"]} if args.quick else {}
    results = {name: run(name, extra.get(name, [])) for name in PARTS}
    results["context_script"] = results.pop("context")
    after = load()
    found = bars(results)
    print()
    print(f"machine: {os.cpu_count()} cores; load average (1, 5, 15 min) before {before}, after {after}")
    print(f"batch pool: {results['batch_throughput']['pool']} pages (both floors use the same)")
    for line in table(results):
        print(line)
    print()
    for name, value, ok in found:
        print(f"{'PASS' if ok else 'MISS'}  {name}: {value}")
    combined = {
        "cores": os.cpu_count(),
        "load_before": before,
        "load_after": after,
        **results,
        "bars": [{"bar": name, "value": value, "ok": ok} for name, value, ok in found],
    }
    save_results(combined)
    print(f"\nresults: {RESULTS}")
    return 0 if all(ok for _name, _value, ok in found) else 1


if __name__ == "__main__":
    sys.exit(main())
