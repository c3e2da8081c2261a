"""Resume files for the crash tests: the sample, renamed per file so every PDF and ZIP entry is distinct."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SAMPLE


def make_inputs(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    paths = []
    for index in range(count):
        data["basics"]["name"] = f"Person {index:02d}"
        path = folder / f"resume-{index:02d}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        paths.append(path)
    return paths
