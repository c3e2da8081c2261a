"""``make bench``: every benchmark in one run, one table of medians and ratios, and the bars of issue 7.

Each part runs in its own process (so memory is measured on a clean process tree); each writes its JSON,
combined here into bench/results/latest.json. Exits 1 if a bar is missed (timing never fails ``make test``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.results_store import load_results, save_results  # noqa: E402

#: Each benchmark script and the name its results are saved under.
PARTS = {"export_timing": "export", "batch_throughput": "batch", "ui_timing": "ui", "context": "context"}


def run(script: str) -> dict[str, object]:
    subprocess.run([sys.executable, str(ROOT / "bench" / f"{script}.py")], check=True, cwd=ROOT)
    return load_results(PARTS[script])


def main() -> int:
    results = {name: run(name) for name in PARTS}
    export, batch, ui = results["export_timing"], results["batch_throughput"], results["ui_timing"]
    warm = export["warm"]  # type: ignore[index]
    bars = [
        *[(f"warm export {name} ≤ 1.5× floor", row["ratio"], row["ratio"] <= 1.5) for name, row in warm.items()],  # type: ignore[attr-defined]
        ("cold export ≤ 2× cold floor", export["cold"]["ratio"], export["cold"]["ratio"] <= 2.0),  # type: ignore[index]
        ("batch ≥ 0.7× raw pooled", batch["ratio"], batch["ratio"] >= 0.7),
        ("preview refresh p95 ≤ 100 ms", ui["refresh_p95_ms"], ui["refresh_p95_ms"] <= 100),
        ("start to first preview ≤ 1.5 s", ui["start_to_first_preview_ms"], ui["start_to_first_preview_ms"] <= 1500),
        ("peak memory ≤ 400 MB", batch["peak_tree_pss_mb"], batch["peak_tree_pss_mb"] <= 400),
    ]
    print()
    print(f"machine: {os.cpu_count()} cores")
    print(f"{'measure':<24}{'floor':>12}{'ours':>12}{'ratio':>8}")
    for name, row in warm.items():  # type: ignore[attr-defined]
        print(f"{'warm export ' + name:<24}{row['raw_ms']:>10} ms{row['ours_ms']:>10} ms{row['ratio']:>8}")
    cold = export["cold"]  # type: ignore[index]
    print(f"{'cold export (process)':<24}{cold['raw_ms']:>10} ms{cold['ours_ms']:>10} ms{cold['ratio']:>8}")
    print(
        f"{'batch of 100 → ZIP':<24}{batch['raw_pdfs_per_s']:>8} PDF/s{batch['ours_pdfs_per_s']:>8} PDF/s"
        f"{batch['ratio']:>8}"
    )
    print(f"{'preview refresh p50/p95':<24}{'':>12}{ui['refresh_p50_ms']:>5}/{ui['refresh_p95_ms']} ms")
    print(f"{'start → first preview':<24}{'':>12}{ui['start_to_first_preview_ms']:>9} ms")
    print(f"{'peak memory (PSS, tree)':<24}{'':>12}{batch['peak_tree_pss_mb']:>9} MB")
    for name, value in results["context"].items():
        print(f"{'context: ' + name:<24} {value}")
    print()
    for name, value, ok in bars:
        print(f"{'PASS' if ok else 'MISS'}  {name}: {value}")
    combined = {"cores": os.cpu_count(), **results, "bars": [{"bar": n, "value": v, "ok": ok} for n, v, ok in bars]}
    save_results(combined)
    return 0 if all(ok for _name, _value, ok in bars) else 1


if __name__ == "__main__":
    sys.exit(main())
