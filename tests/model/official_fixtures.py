"""Runs the official JSON Resume ``resume-schema`` test fixtures through ``validate`` and counts agreements.

The fixtures belong to the resume-schema project and are not committed here. Get them with
``git clone https://github.com/jsonresume/resume-schema`` and run::

    .venv/bin/python -m tests.model.official_fixtures resume-schema/test

Each ``*.spec.js`` states, per fixture, whether the official validator finds it valid (``t.true(valid``) or
not; this prints every fixture that ``validate`` judges differently, then the totals.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from app.model.schema_check import check_resume_bytes


def cases(folder: Path) -> list[tuple[str, str, bool, Any]]:
    """(spec, fixture key, expected validity, document) for every test in every spec file."""
    found = []
    for spec in sorted(folder.glob("*.spec.js")):
        fixtures = json.loads((folder / "__test__" / f"{spec.name.split('.')[0]}.json").read_text("utf-8"))
        for block in re.split(r"^test\(", spec.read_text("utf-8"), flags=re.MULTILINE)[1:]:
            call = re.search(r"(validate|dateValidate)\(\s*fixtures\.(\w+)", block)
            verdict = re.search(r"t\.(true|false)\(\s*valid", block)
            if call is None or verdict is None:
                continue
            function, key = call.groups()
            document = fixtures[key]
            if function == "dateValidate":  # the spec checks the date pattern alone; put it where a date goes
                document = {"work": [{"startDate": document}]}
            found.append((spec.stem, key, verdict.group(1) == "true", document))
    return found


def main(folder: Path) -> int:
    """Prints disagreements and totals; exit 1 if any fixture is judged differently."""
    all_cases = cases(folder)
    differ = 0
    for spec, key, expected, document in all_cases:
        result = check_resume_bytes(json.dumps(document).encode("utf-8"), f"{spec}:{key}")
        if result["valid"] != expected:
            differ += 1
            print(f"{spec} {key}: expected valid={expected}, got {result['errors']}")
    print(f"{len(all_cases)} fixtures, {len(all_cases) - differ} judged as the official schema judges, {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
