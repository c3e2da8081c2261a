"""``resumepair`` entry point: parses the command line and maps errors to the exit codes in CONTRACT.md.

Heavy modules (Qt, pydantic, Jinja) are imported by each command when it runs, so ``--help`` and
``validate`` start fast.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from app import __version__

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_INVALID = 3
EXIT_EXPORT_FAILED = 4

log = logging.getLogger("app")

#: Commands served by ``app.cli.queue``, and the function for each.
QUEUE_COMMANDS = {
    "export": "run_export",
    "batch": "run_batch",
    "worker": "run_worker",
    "jobs": "run_jobs_command",
    "history": "run_history",
    "cleanup": "run_cleanup",
    "cancel": "run_cancel",
    "retry": "run_retry",
    "get": "run_get",
}


def _add_export_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("export options")
    group.add_argument(
        "--format",
        type=str.lower,
        choices=["pdf", "docx", "md", "txt", "html", "json"],
        help="file format (export: default from OUT's extension, else pdf; batch: default pdf)",
    )
    group.add_argument("--template", metavar="ID", help="template id (see `resumepair templates`)")
    group.add_argument(
        "--page-size",
        type=str.lower,
        choices=["a4", "letter", "legal"],
        help="paper size (default: the resume's meta.layout.pageSize, else a4)",
    )
    group.add_argument(
        "--quality",
        type=str.lower,
        choices=["draft", "normal", "high"],
        default="normal",
        help="photo resolution: draft 96 dpi, normal 150 dpi, high 300 dpi (default normal)",
    )
    group.add_argument(
        "--margin",
        type=float,
        metavar="MM",
        help="page margin in mm, 0-50 (default: the resume's, else the template's)",
    )
    group.add_argument("--fit-pages", type=int, metavar="N", help="shrink type and spacing until it fits N pages")
    group.add_argument(
        "--token",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a design token, e.g. accent=#0a5 or baseSize=10 (repeatable)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The full command-line grammar; kept in one place so ``--help`` documents everything."""
    data_help = "data folder (default: $RESUMEPAIR_DATA_DIR or the user's)"
    # Subcommands must not reset a --data-dir given before them, hence SUPPRESS as their default.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help=data_help)

    parser = argparse.ArgumentParser(prog="resumepair", description="Build resumes and export ATS-readable PDFs.")
    parser.add_argument("--data-dir", metavar="DIR", default=None, help=data_help)
    parser.add_argument("--version", action="version", version=f"ResumePair {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    open_cmd = commands.add_parser("open", parents=[common], help="start the desktop app")
    open_cmd.add_argument("file", nargs="?", metavar="FILE.json", help="a JSON Resume file to open")
    open_cmd.add_argument("--screenshot", metavar="OUT.png", help="save a PNG of the window once the preview shows")

    export = commands.add_parser(
        "export", parents=[common], help="export one resume to PDF, DOCX, Markdown, text, HTML or JSON"
    )
    export.add_argument("input", metavar="INPUT.json")
    export.add_argument(
        "-o", "--output", required=True, metavar="OUT.pdf", help="the file to write; its extension picks the format"
    )
    _add_export_options(export)

    validate = commands.add_parser("validate", parents=[common], help="check files against JSON Resume 1.2.1")
    validate.add_argument("inputs", nargs="+", metavar="INPUT.json")
    validate.add_argument("--json", action="store_true", help="print one JSON document")

    templates = commands.add_parser("templates", parents=[common], help="list the templates")
    templates.add_argument("--json", action="store_true", help="print one JSON document")

    batch = commands.add_parser("batch", parents=[common], help="export many resumes into one ZIP")
    batch.add_argument("inputs", nargs="+", metavar="INPUT.json")
    batch.add_argument("-o", "--output", required=True, metavar="OUT.zip")
    _add_export_options(batch)

    for name, text in (("jobs", "list export jobs and their states"), ("history", "list exports not yet expired")):
        listing = commands.add_parser(name, parents=[common], help=text)
        listing.add_argument("--json", action="store_true", help="print one JSON document")

    worker = commands.add_parser("worker", parents=[common], help="run queued export jobs")
    worker.add_argument("--once", action="store_true", required=True, help="run every pending job, then exit")

    commands.add_parser("cleanup", parents=[common], help="delete expired exports and reconcile the folder")

    for name, text in (("cancel", "cancel a pending or running job"), ("retry", "queue a failed or cancelled job")):
        job_command = commands.add_parser(name, parents=[common], help=text)
        job_command.add_argument("job", type=int, metavar="JOB", help="a job id (see `resumepair jobs`)")
        job_command.add_argument("--json", action="store_true", help="print the job as one JSON document")
    get = commands.add_parser("get", parents=[common], help="copy an export from the history to a file")
    get.add_argument("entry", type=int, metavar="ID", help="a history id (see `resumepair history`)")
    get.add_argument("-o", "--output", required=True, metavar="PATH")
    get.add_argument("--json", action="store_true", help="print the history entry as one JSON document")

    demo = commands.add_parser("demo", parents=[common], help="export the bundled sample with every template")
    _add_export_options(demo)
    return parser


def _setup_logging(data_dir_arg: str | None) -> None:
    """Logs go to ``<data>/logs/resumepair.log``; if that cannot be opened, warnings go to stderr only."""
    from logging.handlers import RotatingFileHandler

    from app.datadir import private_subdir, resolve_data_dir

    root = logging.getLogger()
    root.setLevel(logging.INFO)
    try:
        logs = private_subdir(resolve_data_dir(data_dir_arg), "logs")
        handler: logging.Handler = RotatingFileHandler(logs / "resumepair.log", maxBytes=1_000_000, backupCount=3)
        handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"))
    except Exception:  # noqa: BLE001 - logging must never stop the command
        handler = logging.StreamHandler(sys.stderr)
        handler.setLevel(logging.ERROR)
    root.addHandler(handler)


def main(argv: Sequence[str] | None = None) -> int:
    """Runs one command and returns its exit code; never lets a traceback reach the terminal."""
    return run_command(parse_command_line(argv))


def run(argv: Sequence[str] | None = None) -> NoReturn:
    """The ``resumepair`` command: runs ``main``, then ends the process.

    A command line tool's work is done once its command returns: its files are written and renamed into place,
    its database transactions committed (to SQLite's write-ahead log, which the next open reads in). Tearing
    the interpreter down after that (some 400 modules, then Qt's and Chromium's libraries) took 60-90 ms of
    every cold export. So once the logs and the terminal are flushed, the process ends at once. The desktop
    app (``open``) exits normally: Qt saves its settings while it is torn down.
    """
    args = parse_command_line(argv)
    code = run_command(args)
    if args.command == "open":
        sys.exit(code)
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can reach it
            code = code or EXIT_INTERNAL
    os._exit(code)


def parse_command_line(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The parsed command line (no command means ``open``); exits with 2 and a usage message when it is wrong."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args([*(argv or sys.argv[1:]), "open"])
    return args


def run_command(args: argparse.Namespace) -> int:
    """Runs the parsed command and returns its exit code; never lets a traceback reach the terminal."""
    if hasattr(os, "umask"):
        os.umask(0o077)  # every file the app writes in the data folder is 0600, every folder 0700 (CONTRACT.md)
    if args.data_dir:
        # One data folder for the whole process: every layer that writes (logs, caches, database) sees it.
        os.environ["RESUMEPAIR_DATA_DIR"] = str(Path(args.data_dir).expanduser().resolve())
    _setup_logging(args.data_dir)
    from app.errors import RenderError, UserError

    try:
        if args.command == "open":
            from app.ui.app_main import run_app

            return run_app(args.file, args.screenshot, args.data_dir)
        if args.command == "validate":
            from app.cli.validate import run_validate

            return run_validate(args)
        if args.command == "templates":
            from app.cli.templates import run_templates

            return run_templates(args)
        if args.command in QUEUE_COMMANDS:
            from app.cli import queue

            return int(getattr(queue, QUEUE_COMMANDS[args.command])(args))
        if args.command == "demo":
            from app.cli.demo import run_demo

            return run_demo(args)
    except UserError as exc:
        print(f"resumepair: {exc}", file=sys.stderr)
        return exc.exit_code
    except RenderError as exc:
        print(f"resumepair: export failed: {exc}", file=sys.stderr)
        return EXIT_EXPORT_FAILED
    except KeyboardInterrupt:
        print("resumepair: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        log.exception("internal error in %s", args.command)
        print(f"resumepair: internal error: {type(exc).__name__}: {exc} (details in the log)", file=sys.stderr)
        return EXIT_INTERNAL
    build_parser().error(f"unknown command {args.command}")
    return 2
