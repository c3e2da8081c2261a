"""What the import did to a file, in the ``{path, was, now, message}`` shape CONTRACT.md gives.

A repair is recorded for every value the import changed (an old field name mapped, a date read, a scheme
added) and for every value it could not read and kept as written (``now`` equals ``was``), so the user can see
both in one report, and the CLI can print one line each.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

#: Longest rendering of a value in a repair; whole sections would drown the report.
_SHOWN_CHARS = 80


@dataclass(frozen=True)
class Repair:
    """One change (or one value kept as written) at a dotted field path (``work.0.endDate``)."""

    path: str
    was: Any
    now: Any
    message: str

    def as_json(self) -> dict[str, Any]:
        """The repair as ``validate --json`` and the app's report show it (long values shortened)."""
        return {"path": self.path, "was": shorten(self.was), "now": shorten(self.now), "message": self.message}

    @property
    def kept(self) -> bool:
        """Whether the value was kept as written (shown as text), rather than changed."""
        return bool(self.was == self.now)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


def shorten(value: Any) -> Any:
    """A value small enough to print: long text and big structures are cut, with an ellipsis."""
    if isinstance(value, str):
        return value if len(value) <= _SHOWN_CHARS else value[: _SHOWN_CHARS - 1] + "…"
    if isinstance(value, dict | list):
        text = json.dumps(value, ensure_ascii=False)
        return value if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"
    return value


def join_path(base: str, key: str | int) -> str:
    """``work`` + ``0`` → ``work.0``; the document itself is ``""``."""
    return f"{base}.{key}" if base else str(key)
