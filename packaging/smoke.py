"""Smoke test of a frozen or installed ResumePair: ``python packaging/smoke.py PATH/TO/resumepair[.exe]``.

Runs the program the way a user would, headless, with a throw-away data folder, and checks what it makes:

* ``resumepair --version`` names this checkout's version;
* ``resumepair export resources/samples/sample.resume.json -o out.pdf`` exits 0 and writes an A4 PDF
  (every page 595 x 842 pt) whose text contains the resume's name, with every font embedded and none of
  Type 3 (checked with poppler's ``pdffonts`` when it is installed, else by reading the PDF with pypdf);
* ``resumepair open resources/samples/sample.resume.json --screenshot out.png`` exits 0 and writes a
  1440 x 900 PNG of the window that is more than 50 KB and not one flat colour.

Needs only the standard library and pypdf (an app dependency), so CI can run it on Linux, Windows and macOS.
Exit status 0 when everything passes; the files are kept in ``--out`` (default: a temporary folder).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "sample.resume.json"
A4 = (595, 842)
SCREEN = (1440, 900)
MIN_PNG_BYTES = 50_000
TIMEOUT = 300


class SmokeError(Exception):
    """A check failed."""


def expected_version() -> str:
    text = (ROOT / "app" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    return match.group(1) if match else "?"


#: Turns ``(argv, env)`` of a command for the program into the argv to start; the default runs it as it is.
#: packaging/clean_root.py passes one that starts it inside a clean root, as another user.
Launcher = Callable[[list[str], dict[str, str]], list[str]]


def direct(argv: list[str], _env: dict[str, str]) -> list[str]:
    return argv


def run(
    exe: str, args: list[str], env: dict[str, str], launcher: Launcher = direct
) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    try:
        result = subprocess.run(
            launcher([exe, *args], env), capture_output=True, text=True, env=env, timeout=TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise SmokeError(f"`{' '.join(args)}` did not finish within {TIMEOUT} s") from exc
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        raise SmokeError(
            f"`resumepair {' '.join(args)}` exited {result.returncode}\n"
            f"--- stdout\n{result.stdout[-3000:]}\n--- stderr\n{result.stderr[-3000:]}"
        )
    return result, elapsed


# ------------------------------------------------------------------------------------------------------ PDF
def check_pdf(pdf: Path, name: str) -> dict[str, object]:
    from pypdf import PdfReader

    if not pdf.is_file() or pdf.stat().st_size == 0:
        raise SmokeError(f"{pdf} was not written")
    data = pdf.read_bytes()
    reader = PdfReader(io.BytesIO(data))
    boxes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages]
    if not boxes or any(box != A4 for box in boxes):
        raise SmokeError(f"page boxes {boxes}, expected A4 {A4} on every page")
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    if name not in text:
        raise SmokeError(f"{name!r} is not in the PDF's text: {text[:300]!r}")
    fonts = fonts_with_pdffonts(pdf) if shutil.which("pdffonts") else fonts_with_pypdf(reader)
    if not fonts:
        raise SmokeError("the PDF has no fonts (text rendered as paths or images?)")
    not_embedded = [f["name"] for f in fonts if not f["embedded"]]
    type3 = [f["name"] for f in fonts if "Type 3" in str(f["type"])]
    if not_embedded or type3:
        raise SmokeError(f"fonts not embedded: {not_embedded}; Type 3 fonts: {type3}")
    return {
        "pages": len(boxes),
        "bytes": len(data),
        "fonts": sorted({str(f["name"]).split("+")[-1] for f in fonts}),
        "font_check": "pdffonts" if shutil.which("pdffonts") else "pypdf",
    }


def fonts_with_pdffonts(pdf: Path) -> list[dict[str, object]]:
    """Rows of poppler's ``pdffonts`` table (the same parsing as tests/pdfcheck.py)."""
    output = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in output.splitlines()[2:]:
        parts = line.split()
        if len(parts) < 8:
            continue
        rows.append({"name": parts[0], "type": " ".join(parts[1:-6]), "embedded": parts[-5] == "yes"})
    return rows


def fonts_with_pypdf(reader: object) -> list[dict[str, object]]:
    """Every font dictionary reachable from the pages (and their form XObjects), read with pypdf."""
    from pypdf.generic import DictionaryObject

    rows: dict[int, dict[str, object]] = {}

    def descend(resources: object, seen: set[int]) -> None:
        if not isinstance(resources, DictionaryObject) or id(resources) in seen:
            return
        seen.add(id(resources))
        for reference in (resources.get("/Font") or {}).values():
            font = reference.get_object()
            subtype = str(font.get("/Subtype"))
            descriptors = [font]
            if subtype == "/Type0":
                descriptors = [d.get_object() for d in font.get("/DescendantFonts") or []]
            embedded = all(
                any(k in (d.get("/FontDescriptor") or {}) for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                for d in descriptors
            )
            kind = "Type 3" if subtype == "/Type3" else subtype.lstrip("/")
            rows[id(font)] = {"name": str(font.get("/BaseFont", "?")).lstrip("/"), "type": kind, "embedded": embedded}
        for reference in (resources.get("/XObject") or {}).values():
            xobject = reference.get_object()
            if xobject.get("/Subtype") == "/Form":
                descend(xobject.get("/Resources"), seen)

    for page in reader.pages:  # type: ignore[attr-defined]
        descend(page.get("/Resources"), set())
    return list(rows.values())


# ------------------------------------------------------------------------------------------------------ PNG
def check_png(png: Path) -> dict[str, object]:
    """Size, dimensions and 'not one flat colour' from the PNG itself (no imaging library needed)."""
    if not png.is_file():
        raise SmokeError(f"{png} was not written")
    data = png.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SmokeError(f"{png} is not a PNG")
    width, height = struct.unpack(">II", data[16:24])
    if (width, height) != SCREEN:
        raise SmokeError(f"screenshot is {width}x{height}, expected {SCREEN[0]}x{SCREEN[1]}")
    if len(data) <= MIN_PNG_BYTES:
        raise SmokeError(f"screenshot is only {len(data)} bytes (a blank window?)")
    idat, pos = b"", 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompress(idat)
    row = len(raw) // height
    # Rows of a flat image are identical; a window with text and a rendered page has thousands of distinct rows.
    distinct_rows = len({raw[i * row + 1 : (i + 1) * row] for i in range(height)})
    if distinct_rows < height // 10:
        raise SmokeError(f"screenshot looks blank: only {distinct_rows} distinct rows of {height}")
    return {"width": width, "height": height, "bytes": len(data), "distinct_rows": distinct_rows}


# ------------------------------------------------------------------------------------------------------ main
def smoke_test(
    exe: str,
    out: Path,
    sample: Path,
    *,
    launcher: Launcher = direct,
    inside: Callable[[Path], str] = str,
    env: dict[str, str] | None = None,
) -> dict[str, object]:
    """Runs the three checks; returns the report or raises ``SmokeError``.

    ``out`` and ``sample`` are paths on this machine; ``inside`` says how the program sees them (they differ when
    it runs in another root). ``env`` is the program's whole environment (default: this one).
    """  # fmt: skip
    name = json.loads(sample.read_text(encoding="utf-8"))["basics"]["name"]
    env = dict(os.environ if env is None else env)
    env["RESUMEPAIR_DATA_DIR"] = inside(out / "data")
    env["QT_QPA_PLATFORM"] = "offscreen"  # headless everywhere (CI runners have no display)
    report: dict[str, object] = {"executable": exe, "out": str(out)}
    result, _ = run(exe, ["--version"], env, launcher)
    wanted = f"ResumePair {expected_version()}"
    if result.stdout.strip() != wanted:
        raise SmokeError(f"--version printed {result.stdout.strip()!r}, expected {wanted!r}")
    report["version"] = result.stdout.strip()

    pdf = out / "out.pdf"
    result, seconds = run(exe, ["export", inside(sample), "-o", inside(pdf)], env, launcher)
    report["export_seconds"] = round(seconds, 2)
    report["export_stderr"] = result.stderr.strip().splitlines()[-5:]
    report["pdf"] = check_pdf(pdf, name)

    png = out / "out.png"
    _, seconds = run(exe, ["open", inside(sample), "--screenshot", inside(png)], env, launcher)
    report["screenshot_seconds"] = round(seconds, 2)
    report["png"] = check_png(png)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Smoke-test a frozen or installed ResumePair.")
    parser.add_argument("executable", help="the installed or frozen resumepair (e.g. /usr/bin/resumepair)")
    parser.add_argument("--out", help="folder for out.pdf/out.png and the data folder (default: a temp folder)")
    parser.add_argument("--sample", default=str(SAMPLE), help="the resume to export (default: the bundled sample)")
    args = parser.parse_args(argv)
    exe = shutil.which(args.executable) or args.executable
    if not Path(exe).is_file():
        print(f"smoke: {args.executable}: no such program", file=sys.stderr)
        return 2
    out = Path(args.out or tempfile.mkdtemp(prefix="resumepair-smoke-")).resolve()
    out.mkdir(parents=True, exist_ok=True)
    try:
        report = smoke_test(exe, out, Path(args.sample).resolve())
    except SmokeError as exc:
        print(f"smoke: FAILED: {exc}", file=sys.stderr)
        print_log_tail(out)
        return 1
    print(json.dumps(report, indent=2))
    print("smoke: OK")
    return 0


def print_log_tail(out: Path) -> None:
    log = out / "data" / "logs" / "resumepair.log"
    if log.is_file():
        print(f"--- {log} (last lines)\n" + "\n".join(log.read_text(errors="replace").splitlines()[-40:]))


if __name__ == "__main__":
    sys.exit(main())
