"""``resumepair demo``: the bundled sample exported with every template (what ``make run`` shows)."""

from __future__ import annotations

import argparse

from app.cli.options import options_from_args
from app.model.loading import load_resume_file
from app.render.options import ExportOptions


def run_demo(args: argparse.Namespace) -> int:
    """Exports the bundled sample resume with every template into ``<data>/demo`` and prints the paths."""
    from app.render.environment import headless_environment

    headless_environment()
    from app.datadir import private_subdir, resolve_data_dir
    from app.fsutil import atomic_write_bytes
    from app.render.document_design import document_design
    from app.render.engine import PdfEngine
    from app.render.pipeline import render_pdf
    from app.render.runtime import application, route_qt_messages
    from app.render.templates import template_registry
    from app.resources import sample_resume_path

    base = options_from_args(args)
    resume = load_resume_file(sample_resume_path())
    folder = private_subdir(resolve_data_dir(args.data_dir), "demo")
    route_qt_messages()
    qt_app = application()
    engine = PdfEngine(qt_app)
    try:
        for template_id in template_registry():
            options = ExportOptions.model_validate({**base.model_dump(), "template": template_id})
            rendered = render_pdf(resume, options, engine.render)
            paper = document_design(resume, options).setup.page_size
            target = folder / f"sample-{template_id}-{paper.value}.pdf"
            atomic_write_bytes(target, rendered.data)
            print(f"{target}  ({rendered.pages} page{'s' if rendered.pages != 1 else ''})")
    finally:
        engine.shutdown()
    return 0
