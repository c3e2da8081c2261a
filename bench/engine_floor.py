"""The second floor: ResumePair's own engine (locked-down profile, scheme handler, request interceptor,
Content-Security-Policy) printing pre-rendered HTML, with nothing else of ours (no validation, Jinja, queue,
database or PDF post-processing).

    engine_floor.py OUT_DIR POOL HTML...   prints every HTML file with POOL pages at once into OUT_DIR

Against ``bare_engine.py`` it shows what the lock-down costs; against ``resumepair`` what the rest costs.
"""

from __future__ import annotations

import json
import sys
import time

START = time.perf_counter()

from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING, cast  # noqa: E402

from app.render.environment import headless_environment  # noqa: E402

headless_environment()

from PySide6.QtCore import QEventLoop  # noqa: E402

from app.render.engine import PdfEngine  # noqa: E402
from app.render.runtime import application, route_qt_messages  # noqa: E402

if TYPE_CHECKING:
    from app.render.html import PageSetup


@dataclass(frozen=True)
class Paper:
    """What the engine reads of a page setup (``app.render.html.PageSetup``, which would load pydantic and Jinja:
    this floor is the engine alone)."""

    page_size: str = "a4"
    margin_mm: float = 18


def main() -> int:
    out_dir, pool = Path(sys.argv[1]), int(sys.argv[2])
    sources = [Path(name) for name in sys.argv[3:]]
    route_qt_messages()
    qt_app = application()
    engine = PdfEngine(qt_app, pool_size=pool)
    marks = {"app": time.perf_counter() - START}
    setup = cast("PageSetup", Paper())
    loop = QEventLoop()
    remaining = [len(sources)]

    def write(index: int, data: bytes) -> None:
        (out_dir / f"{index:06d}.pdf").write_bytes(data)
        remaining[0] -= 1
        if remaining[0] == 0:
            loop.quit()

    for index, source in enumerate(sources):
        future = engine.submit(source.read_text(encoding="utf-8"), setup)
        future.add_done_callback(lambda f, i=index: write(i, f.result()))
    if remaining[0]:
        loop.exec()
    marks["done"] = time.perf_counter() - START
    engine.shutdown()
    print(json.dumps({key: round(value, 4) for key, value in marks.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
