"""Regenerates docs/screenshots/*.png with `resumepair open FILE --screenshot` (``make screenshots``)."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"


def shoot(data: dict[str, object], name: str, work: Path) -> None:
    source = work / f"{name}.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    target = OUT / f"{name}.png"
    subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(work / name), "open", str(source), "--screenshot", str(target)],
        check=True,
        cwd=ROOT,
    )
    print(target)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    sample = json.loads((ROOT / "resources/samples/long.resume.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for template in ("classic", "modern", "compact", "technical"):
            data = json.loads(json.dumps(sample))
            data.setdefault("meta", {})["template"] = template
            shoot(data, f"main-window-{template}", work)
        invalid = json.loads(json.dumps(sample))
        invalid["basics"]["email"] = "elena at example dot com"
        invalid["basics"]["url"] = "elena-vh.example.com"
        shoot(invalid, "main-window-invalid-field", work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
