"""A resume as JSON Resume 1.2.1, for other tools: normalised, unknown fields kept, hidden entries left out.

What the user hid (an entry with ``"hidden": true``, a section hidden in ``meta.sections``) is not exported, as it
is not printed; everything else — custom sections, ``meta``, other tools' fields — is written as stored.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from app.model.sections import is_hidden, section_settings


def write_json(stored: dict[str, Any]) -> bytes:
    """The resume as pretty UTF-8 JSON."""
    data = copy.deepcopy(stored)
    for setting in section_settings(data):
        if setting.hidden:
            data.pop(setting.key, None)
    for key, value in list(data.items()):
        if key != "meta" and isinstance(value, list):
            data[key] = [item for item in value if not is_hidden(item)]
    basics = data.get("basics")
    if isinstance(basics, dict) and isinstance(basics.get("profiles"), list):
        basics["profiles"] = [item for item in basics["profiles"] if not is_hidden(item)]
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
