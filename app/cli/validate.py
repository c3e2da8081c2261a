"""``resumepair validate``: the official schema's judgement of each file, plus what import would repair."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from app.errors import ResumeLoadError
from app.model.loading import read_resume_bytes
from app.model.schema_check import check_resume_bytes


def check_file(path: Path) -> dict[str, Any]:
    """One file's result in the ``validate --json`` shape (CONTRACT.md)."""
    try:
        raw = read_resume_bytes(path)
    except ResumeLoadError as exc:
        message = str(exc).removeprefix(f"{path}: ")
        return {
            "file": str(path),
            "valid": False,
            "errors": [{"path": "", "message": message}],
            "warnings": [],
            "repairs": [],
        }
    return check_resume_bytes(raw, str(path))


def run_validate(args: argparse.Namespace) -> int:
    """Prints a result per file; exit 0 when every file is valid, 3 otherwise (warnings do not count)."""
    results = [check_file(Path(name)) for name in args.inputs]
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        for result in results:
            print(f"{result['file']}: {'valid' if result['valid'] else 'invalid'}")
            for kind in ("errors", "warnings", "repairs"):
                label = {"errors": "", "warnings": "warning: ", "repairs": "import would repair "}[kind]
                for item in result[kind]:
                    where = f"{item['path']}: " if item["path"] else ""
                    print(f"  {label}{where}{item['message']}")
    return 0 if all(result["valid"] for result in results) else 3
