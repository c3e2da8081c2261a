"""Dependencies point one way: no module imports a layer above its own (GUIDE.md, STYLE.md habit 1).

Every import counts, also the ones inside functions (a lazy import is still an arrow). A module in a package no
layer names fails too, so a new package has to be placed deliberately.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

APP = ROOT / "app"

#: Shared modules every layer may use; they import only each other.
FOUNDATION = {"app", "app.errors", "app.datadir", "app.fsutil", "app.resources"}

#: Each layer and the layers it may import (besides the foundation and itself). The store knows SQL and files
#: only; the library keeps the user's documents on it; the export queue builds on both; the UI and the CLI sit
#: beside each other on top (``resumepair open`` starts the UI from the CLI).
ALLOWED: dict[str, set[str]] = {
    "model": set(),
    "render": {"model"},
    "store": set(),
    "library": {"store", "model", "render"},
    "export": {"library", "store", "model", "render"},
    "ui": {"export", "library", "store", "model", "render"},
    "cli": {"ui", "export", "library", "store", "model", "render"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> str:
    if module in FOUNDATION:
        return "foundation"
    if module == "app.__main__":
        return "cli"
    parts = module.split(".")
    if len(parts) >= 2 and parts[1] in ALLOWED:
        return parts[1]
    raise AssertionError(f"{module} belongs to no layer; add its package to ALLOWED in tests/test_layers.py")


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every ``app`` module this file imports, with the line: ``from app.x import y`` names ``app.x.y`` when
    that is a module, else ``app.x``."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.split(".")[0] == "app"]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] != "app":
                continue
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                as_module = APP.parent / Path(*candidate.split("."))
                is_module = as_module.with_suffix(".py").is_file() or (as_module / "__init__.py").is_file()
                found.append((node.lineno, candidate if is_module else node.module))
    return found


def violations(path: Path, here: str) -> list[str]:
    """The imports in ``path`` (module ``here``) that reach a layer it may not use."""
    mine = layer_of(here)
    allowed = {"foundation"} if mine == "foundation" else {mine, "foundation"} | ALLOWED[mine]
    return [
        f"{path}:{line}: {here} ({mine}) imports {target} ({layer_of(target)})"
        for line, target in imported_modules(path)
        if layer_of(target) not in allowed
    ]


def test_no_module_imports_a_layer_above_its_own() -> None:
    upward = [problem for path in sorted(APP.rglob("*.py")) for problem in violations(path, module_name(path))]
    assert upward == [], "\n".join(upward)


def test_the_check_catches_an_upward_import(tmp_path: Path) -> None:
    """The rule must be able to fail: the library importing the queue, or the foundation the store, is caught."""
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("def f():\n    from app.export.jobs import JobQueue\n    return JobQueue\n", encoding="utf-8")
    assert violations(sneaky, "app.library.sneaky") == [
        f"{sneaky}:2: app.library.sneaky (library) imports app.export.jobs (export)"
    ]
    sneaky.write_text("import app.store.database\n", encoding="utf-8")
    assert len(violations(sneaky, "app.errors")) == 1
    assert violations(sneaky, "app.export.sneaky") == []
