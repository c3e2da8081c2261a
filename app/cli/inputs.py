"""Reading the CLI's input files through the import layer, with the repairs reported on stderr."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from app.model.importer import ImportResult, import_resume_file


def import_input(path: Path) -> tuple[ImportResult, bytes]:
    """Imports one input file leniently, prints each repair, and gives the normalised JSON to store and export.

    The repairs go to stderr one line each (``resumepair: FILE: repaired PATH: message``, CONTRACT.md); they do
    not change the exit code. What is queued is the repaired document, so the export is what was reported.
    """
    imported = import_resume_file(path)
    for repair in imported.repairs:
        where = repair.path or "(file)"
        print(f"resumepair: {path}: repaired {where}: {repair.message}", file=sys.stderr)
    content = (json.dumps(imported.data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return imported, content
