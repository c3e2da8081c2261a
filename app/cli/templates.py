"""``resumepair templates``: the bundled templates, for people and scripts."""

from __future__ import annotations

import argparse
import json

from app.render.templates import template_registry


def run_templates(args: argparse.Namespace) -> int:
    """Lists id, name and description of every template."""
    rows = [
        {"id": t.id, "name": t.manifest.name, "description": t.manifest.description}
        for t in template_registry().values()
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        width = max((len(row["id"]) for row in rows), default=0)
        for row in rows:
            print(f"{row['id']:<{width}}  {row['name']}: {row['description']}")
    return 0
