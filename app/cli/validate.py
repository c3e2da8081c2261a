"""``resumepair validate``: checks files against JSON Resume 1.2.1 and names every bad field."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from app.errors import ResumeLoadError, ResumeValidationError
from app.model.loading import load_resume_file


def check_file(path: Path) -> dict[str, Any]:
    """One file's result in the ``validate --json`` shape."""
    try:
        load_resume_file(path)
    except ResumeValidationError as exc:
        errors = [{"path": issue.path, "message": issue.message} for issue in exc.issues]
        return {"file": str(path), "valid": False, "errors": errors}
    except ResumeLoadError as exc:
        message = str(exc).removeprefix(f"{path}: ")
        return {"file": str(path), "valid": False, "errors": [{"path": "", "message": message}]}
    return {"file": str(path), "valid": True, "errors": []}


def run_validate(args: argparse.Namespace) -> int:
    """Prints a result per file; exit 0 when every file is valid, 3 otherwise."""
    results = [check_file(Path(name)) for name in args.inputs]
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        for result in results:
            if result["valid"]:
                print(f"{result['file']}: valid")
                continue
            print(f"{result['file']}: invalid")
            for error in result["errors"]:
                where = f"{error['path']}: " if error["path"] else ""
                print(f"  {where}{error['message']}")
    return 0 if all(result["valid"] for result in results) else 3
