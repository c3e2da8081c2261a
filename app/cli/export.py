"""``resumepair export`` (one resume → one PDF) and ``resumepair demo`` (the sample with every template)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.options import options_from_args
from app.errors import UserError
from app.model.loading import load_resume_file
from app.render.options import ExportOptions


def run_export(args: argparse.Namespace) -> int:
    """Validates, renders and writes one PDF atomically; prints the output path."""
    options = options_from_args(args)
    resume = load_resume_file(Path(args.input))
    output = Path(args.output).expanduser()
    if output.is_dir():
        raise UserError(f"-o {output}: is a folder; give a file name such as {output / 'resume.pdf'}")
    if not output.parent.is_dir():
        raise UserError(f"-o {output}: the folder {output.parent} does not exist")

    from app.render.environment import headless_environment
    from app.render.pipeline import plan_render

    plan_render(resume, options)  # fail on a bad template or token before starting Chromium
    headless_environment()
    from app.fsutil import atomic_write_bytes
    from app.render.engine import PdfEngine
    from app.render.pipeline import render_pdf
    from app.render.runtime import application, route_qt_messages

    route_qt_messages()
    qt_app = application()
    engine = PdfEngine(qt_app, pool_size=1)
    try:
        rendered = render_pdf(resume, options, engine.render)
    finally:
        engine.shutdown()
    try:
        atomic_write_bytes(output, rendered.data, mode=0o644)
    except OSError as exc:
        raise _write_error(output, exc) from None
    print(output)
    return 0


def run_demo(args: argparse.Namespace) -> int:
    """Exports the bundled sample resume with every template into ``<data>/demo`` and prints the paths."""
    from app.render.environment import headless_environment

    headless_environment()
    from app.datadir import ensure_private_dir, resolve_data_dir
    from app.fsutil import atomic_write_bytes
    from app.render.engine import PdfEngine
    from app.render.pipeline import render_pdf
    from app.render.runtime import application, route_qt_messages
    from app.render.templates import template_registry
    from app.resources import sample_resume_path

    base = options_from_args(args)
    resume = load_resume_file(sample_resume_path())
    folder = ensure_private_dir(resolve_data_dir(args.data_dir) / "demo")
    route_qt_messages()
    qt_app = application()
    engine = PdfEngine(qt_app)
    try:
        for template_id in template_registry():
            options = ExportOptions.model_validate({**base.model_dump(), "template": template_id})
            rendered = render_pdf(resume, options, engine.render)
            target = folder / f"sample-{template_id}-{options.page_size.value}.pdf"
            atomic_write_bytes(target, rendered.data)
            print(f"{target}  ({rendered.pages} page{'s' if rendered.pages != 1 else ''})")
    finally:
        engine.shutdown()
    return 0


def _write_error(output: Path, exc: OSError) -> Exception:
    from app.errors import RenderError

    reason = exc.strerror or str(exc)
    return RenderError(f"cannot write {output}: {reason}", transient=False)
