"""Hostile resumes through the whole stack (``python -m app export`` / ``batch``): nothing crashes, nothing
reaches the network, no script runs, and each input gives either a clear error (exit 3 with a plain reason,
only when nothing in it can be read as a resume) or a correct PDF under a safe file name, with what the import
repaired reported on stderr.

The committed corpus is in ``tests/data/hostile/`` (``__BASE__`` stands for the address of a local HTTP server
that counts every request it gets: it must get none). Big inputs are generated at test time.
"""

from __future__ import annotations

import http.server
import io
import json
import threading
import time
import unicodedata
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.conftest import DATA, run_cli
from tests.pdfcheck import link_uris, normalise

HOSTILE = DATA / "hostile"
SAFE_LINK_SCHEMES = ("http:", "https:", "mailto:")
WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
#: Windows also treats the ISO-8859-1 superscript digits as digits in device names ("echo x > COM¹" fails).
SUPERSCRIPT_RESERVED = {f"{port}{digit}" for port in ("COM", "LPT") for digit in "¹²³"}
NAMES = json.loads((HOSTILE / "file-names.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def fast_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """A transient failure is retried in milliseconds, so a bug shows as a failure, not as a long wait."""
    monkeypatch.setenv("RESUMEPAIR_RETRY_SCALE", "0.0001")


# -- the counting server -----------------------------------------------------------------------------------------


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    hits: list[str]

    def _count(self) -> None:
        self.hits.append(f"{self.command} {self.path}")
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = do_HEAD = do_OPTIONS = _count  # noqa: N815 - names from the base class

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - signature from the base class
        return


@pytest.fixture
def spy() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server counting every request; proven to count before the test uses it."""
    hits: list[str] = []
    handler = type("Handler", (_CountingHandler,), {"hits": hits})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    with urllib.request.urlopen(f"{base}/control", timeout=5) as response:
        response.read()
    assert hits == ["GET /control"]
    hits.clear()
    yield base, hits
    server.shutdown()
    server.server_close()


# -- inputs -----------------------------------------------------------------------------------------------------------

Maker = Callable[[Path, str], Path]


def corpus(name: str) -> Maker:
    """A committed corpus file with ``__BASE__`` pointed at the counting server."""

    def make(folder: Path, base: str) -> Path:
        path = folder / name
        path.write_bytes((HOSTILE / name).read_bytes().replace(b"__BASE__", base.encode()))
        return path

    return make


def generated(name: str, build: Callable[[str], bytes]) -> Maker:
    def make(folder: Path, base: str) -> Path:
        path = folder / name
        path.write_bytes(build(base))
        return path

    return make


def as_json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def nested(depth: int) -> Callable[[str], bytes]:
    def build(_base: str) -> bytes:
        inner = '{"level": ' * depth + '"bottom"' + "}" * depth
        return f'{{"basics": {{"name": "Nina Nested {depth}"}}, "x-extension": {inner}}}'.encode()

    return build


def five_megabytes(_base: str) -> bytes:
    words = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 90_000)[:5_000_000]
    return as_json({"basics": {"name": "Bianca Bigtext", "summary": words}})


def two_thousand_jobs(_base: str) -> bytes:
    work = [
        {"name": f"Company {i:04d}", "position": "Engineer", "startDate": "2019-01", "summary": f"Entry {i:04d}."}
        for i in range(2000)
    ]
    return as_json({"basics": {"name": "Manny Manyjobs"}, "work": work})


def with_image(image: str) -> Callable[[str], bytes]:
    def build(base: str) -> bytes:
        return as_json({"basics": {"name": "Ivy Image", "image": image.replace("__BASE__", base)}})

    return build


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">'
    b'<image xlink:href="__BASE__/svg-image.png" width="10" height="10"/>'
    b'<style>@import url("__BASE__/svg.css");</style><script>fetch("__BASE__/svg-script")</script></svg>'
)


def svg_image(mime: str) -> Callable[[str], bytes]:
    import base64

    def build(base: str) -> bytes:
        payload = base64.b64encode(SVG.replace(b"__BASE__", base.encode())).decode()
        return as_json({"basics": {"name": "Ivy Image", "image": f"data:{mime};base64,{payload}"}})

    return build


@dataclass(frozen=True)
class Case:
    """One hostile input: what to feed ``export`` and what must come out."""

    make: Maker
    expect: str  # "pdf" or "error"
    words: tuple[str, ...] = ()  # in stderr for errors; in the PDF text for PDFs
    budget_s: float = 30.0
    args: tuple[str, ...] = ()
    last_page_words: tuple[str, ...] = ()
    marks: tuple[Any, ...] = field(default=())
    repaired: tuple[str, ...] = ()  # in stderr: what the import reports it repaired


CASES: dict[str, Case] = {
    # HTML in text is read as its text (scripts and styles dropped, never run); template syntax stays text.
    "markup in every text field": Case(
        corpus("markup-everywhere.json"), "pdf", ("Mallory Markup click{{ 7*7 }}{% raw %}", "Pied Piper")
    ),
    "javascript:, file: and data: URLs": Case(corpus("dangerous-urls.json"), "pdf", ("Ursula Urls", "Pied Piper")),
    "remote images and CSS in text": Case(corpus("remote-image.json"), "pdf", ("Rita Remote", "Pixel Corp")),
    "remote photo": Case(generated("photo.json", with_image("__BASE__/photo.png")), "pdf", ("Ivy Image",)),
    "file: photo": Case(generated("photo.json", with_image("file:///etc/hostname")), "pdf", ("Ivy Image",)),
    "svg photo with remote references": Case(generated("photo.json", svg_image("image/svg+xml")), "pdf", ("Ivy",)),
    "svg sent as a png photo": Case(generated("photo.json", svg_image("image/png")), "pdf", ("Ivy Image",)),
    "CSS injection through meta.design and meta": Case(
        corpus("css-injection.json"),
        "pdf",
        ("Cassie Stylesheet", "Visible Label", "This summary must stay visible", "Still visible after"),
    ),
    "CSS injection through --token": Case(
        corpus("world-scripts.json"), "error", ("design token accent", "not a colour"), args=("--token", "accent=red;}")
    ),
    "font token pointing at the network": Case(
        corpus("world-scripts.json"),
        "error",
        ("design token fontBody", "not a bundled font"),
        args=("--token", "fontBody=Lato'); src: url(http://127.0.0.1:9/font)"),
    ),
    "template id that is a path": Case(
        corpus("world-scripts.json"), "error", ("unknown template",), args=("--template", "../../../etc/passwd")
    ),
    "RTL, CJK and emoji": Case(corpus("world-scripts.json"), "pdf", ("Trailing latin words", "Tokyo Office")),
    "invalid UTF-8": Case(corpus("invalid-utf8.json"), "pdf", ("Ivan Ã( Invalid",), repaired=("not UTF-8",)),
    "lone surrogates": Case(
        corpus("lone-surrogates.json"), "pdf", ("Sam", "Surrogate", "Half"), repaired=("basics.name", "UTF-16")
    ),
    "wrong types": Case(
        generated("types.json", lambda _b: as_json({"basics": {"name": {"first": "Tom"}}, "work": 42})),
        "pdf",
        ("Tom",),
        repaired=("repaired basics.name: an object where text belongs", "repaired work: could not be read"),
    ),
    "not an object": Case(generated("list.json", lambda _b: b"[1, 2, 3]"), "error", ("must hold an object",)),
    "not a resume": Case(
        generated("package.json", lambda _b: b'{"name": "left-pad", "version": "1.0.0"}'),
        "error",
        ("is not a resume", "only name, version"),
    ),
    # Chromium lays 5 MB of text out in ~20 s on a quiet 2-core machine; the budget allows for a busy one.
    "5 MB in one field": Case(generated("big.json", five_megabytes), "pdf", ("Bianca Bigtext", "Lorem ipsum"), 240),
    "2000 work entries": Case(
        generated("many.json", two_thousand_jobs),
        "pdf",
        ("Manny Manyjobs", "Company 0000"),
        60,
        last_page_words=("Company 1999",),
    ),
    "a file over 20 MB": Case(
        generated("huge.json", lambda _b: b'{"basics": {"name": "' + b"x" * 21_000_000 + b'"}}'),
        "error",
        ("a resume file may be at most 20 MB",),
    ),
    "unknown fields nested 60 deep": Case(generated("deep.json", nested(60)), "pdf", ("Nina Nested 60",)),
    "unknown fields nested 200 deep": Case(
        generated("deep.json", nested(200)), "error", ("a resume may nest at most 64",)
    ),
    "unknown fields nested 500 deep": Case(
        generated("deep.json", nested(500)), "error", ("a resume may nest at most 64",)
    ),
    "unknown fields nested 100 000 deep": Case(
        generated("deep.json", nested(100_000)), "error", ("nested too deeply to be a resume",)
    ),
    "a number with 5000 digits": Case(
        generated("digits.json", lambda _b: b'{"basics": {"name": "Dee Digits"}, "x": ' + b"9" * 5000 + b"}"),
        "error",
        ("not valid JSON",),
    ),
}


def _params() -> list[Any]:
    return [pytest.param(case, id=name, marks=case.marks) for name, case in CASES.items()]


# -- checks -----------------------------------------------------------------------------------------------------------


def unsafe_name_reasons(name: str, suffix: str, reserved: set[str] = WINDOWS_RESERVED) -> list[str]:
    """Why ``name`` is not a safe file name on Windows, macOS and Linux (empty when it is)."""
    reasons = []
    stem = name[: -len(suffix)] if name.endswith(suffix) else name
    if not name.endswith(suffix) or not stem:
        reasons.append(f"not <stem>{suffix}")
    if unicodedata.normalize("NFC", name) != name:
        reasons.append("not NFC")
    if set(name) & set('\\/:*?"<>|'):
        reasons.append("a character Windows forbids or a path separator")
    if any(unicodedata.category(char) in {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"} for char in name):
        reasons.append("a control, format or unassigned character")
    if name.startswith((".", " ")) or stem.endswith((".", " ")):
        reasons.append("a leading dot or space, or a trailing dot or space")
    if stem.split(".")[0].upper() in reserved:
        reasons.append("a Windows device name")
    if len(name.encode("utf-8")) > 255:
        reasons.append(f"{len(name.encode('utf-8'))} bytes, more than file systems allow (255)")
    return reasons


def history(data_dir: Path) -> list[dict[str, Any]]:
    result = run_cli("history", "--json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    entries: list[dict[str, Any]] = json.loads(result.stdout)
    return entries


def page_text(reader: PdfReader, index: int) -> str:
    return normalise(reader.pages[index].extract_text() or "")


def check_pdf(data: bytes, words: tuple[str, ...], last_page_words: tuple[str, ...]) -> None:
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 1
    first = " ".join(page_text(reader, index) for index in range(min(3, len(reader.pages))))
    for word in words:
        assert normalise(word) in first, f"{word!r} missing from the PDF text: {first[:400]!r}"
    if last_page_words:
        last = page_text(reader, len(reader.pages) - 1)
        for word in last_page_words:
            assert word in last, f"{word!r} missing from the last page"
    assert "PWNED-42" not in first  # the text a script would have written
    unsafe = [uri for uri in link_uris(data) if not uri.lower().startswith(SAFE_LINK_SCHEMES)]
    assert unsafe == [], unsafe


@pytest.mark.parametrize("case", _params())
def test_a_hostile_resume_exports_safely_or_fails_clearly(
    case: Case, spy: tuple[str, list[str]], tmp_path: Path, data_dir: Path
) -> None:
    base, hits = spy
    source = case.make(tmp_path, base)
    output = tmp_path / "out.pdf"
    started = time.monotonic()
    result = run_cli("export", str(source), "-o", str(output), *case.args, data_dir=data_dir, timeout=case.budget_s)
    elapsed = time.monotonic() - started
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    if case.expect == "error":
        assert result.returncode == 3, (result.returncode, result.stderr)
        for word in case.words:
            assert word in result.stderr, (word, result.stderr)
        assert not output.exists()
        assert not (data_dir / "exports").exists() or list((data_dir / "exports").iterdir()) == []
    else:
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == str(output)
        for word in case.repaired:
            assert word in result.stderr, (word, result.stderr)
        data = output.read_bytes()
        check_pdf(data, case.words, case.last_page_words)
        (entry,) = history(data_dir)
        assert unsafe_name_reasons(entry["file_name"], ".pdf") == [], entry["file_name"]
        assert Path(entry["path"]) == data_dir.resolve() / "exports" / entry["file_name"]
        assert Path(entry["path"]).read_bytes() == data
    assert hits == [], hits  # nothing was fetched: not a photo, not a stylesheet, not a script
    assert elapsed < case.budget_s


# -- file names -------------------------------------------------------------------------------------------------------


def write_named(folder: Path, names: list[str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, name in enumerate(names):
        path = folder / f"named-{index:02d}.json"
        path.write_text(json.dumps({"basics": {"name": name, "label": "Named"}}), encoding="utf-8")
        paths.append(path)
    return paths


def batch_names(tmp_path: Path, data_dir: Path, names: list[str]) -> list[str]:
    """Runs a batch of resumes called ``names``; returns the PDF names inside the ZIP (checked against it)."""
    inputs = write_named(tmp_path / "inputs", names)
    output = tmp_path / "named.zip"
    result = run_cli("batch", *map(str, inputs), "-o", str(output), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(output) as archive:
        assert archive.testzip() is None
        manifest = json.loads(archive.read("manifest.json"))
        pdfs = [info.filename for info in archive.infolist() if info.filename != "manifest.json"]
    assert [item["status"] for item in manifest["items"]] == ["completed"] * len(names)
    assert sorted(item["file"] for item in manifest["items"]) == sorted(pdfs)
    assert len(set(pdfs)) == len(pdfs)
    (entry,) = history(data_dir)
    assert unsafe_name_reasons(entry["file_name"], ".zip") == []
    return pdfs


def test_reserved_and_tricky_names_give_safe_file_names_in_a_batch(tmp_path: Path, data_dir: Path) -> None:
    names = NAMES["reserved"] + NAMES["tricky"]
    pdfs = batch_names(tmp_path, data_dir, names)
    problems = {name: reasons for name in pdfs if (reasons := unsafe_name_reasons(name, ".pdf"))}
    assert problems == {}
    assert "CON_.pdf" in pdfs and "NUL_.pdf" in pdfs  # still recognisable, but not a device


def test_device_names_with_an_extension_give_safe_file_names(tmp_path: Path, data_dir: Path) -> None:
    pdfs = batch_names(tmp_path, data_dir, NAMES["reserved_with_extension"])
    assert {name: unsafe_name_reasons(name, ".pdf") for name in pdfs} == {name: [] for name in pdfs}


@pytest.mark.parametrize("name", ["CON", "../../../etc/passwd", "\u202egpj.exe", "", "דוד כהן 王小明 🦄"])
def test_a_hostile_name_gives_a_safe_export_file_name(tmp_path: Path, data_dir: Path, name: str) -> None:
    (source,) = write_named(tmp_path, [name])
    result = run_cli("export", str(source), "-o", str(tmp_path / "out.pdf"), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    (entry,) = history(data_dir)
    assert unsafe_name_reasons(entry["file_name"], ".pdf") == [], entry["file_name"]
    assert list((data_dir / "exports").iterdir()) == [Path(entry["path"])]


def test_superscript_device_names_are_not_used_as_file_names(tmp_path: Path, data_dir: Path) -> None:
    pdfs = batch_names(tmp_path, data_dir, NAMES["superscript_reserved"])
    reserved = WINDOWS_RESERVED | SUPERSCRIPT_RESERVED
    assert {name: unsafe_name_reasons(name, ".pdf", reserved) for name in pdfs} == {name: [] for name in pdfs}


def test_long_names_in_multibyte_scripts_still_export(tmp_path: Path, data_dir: Path) -> None:
    names = NAMES["long_multibyte"]
    inputs = write_named(tmp_path / "single", names)
    for source in inputs:
        result = run_cli("export", str(source), "-o", str(tmp_path / f"{source.stem}.pdf"), data_dir=data_dir)
        assert result.returncode == 0, result.stderr[-300:]
    assert all(unsafe_name_reasons(entry["file_name"], ".pdf") == [] for entry in history(data_dir))
    pdfs = batch_names(tmp_path, tmp_path / "batch-data", names)
    assert {name: unsafe_name_reasons(name, ".pdf") for name in pdfs} == {name: [] for name in pdfs}


def test_the_whole_corpus_in_one_batch(spy: tuple[str, list[str]], tmp_path: Path, data_dir: Path) -> None:
    """Good and bad inputs together: exit 5, the ZIP has every good one and names every bad one's problem."""
    base, hits = spy
    makers = {
        "markup-everywhere.json": "completed",
        "dangerous-urls.json": "completed",
        "remote-image.json": "completed",
        "css-injection.json": "completed",
        "world-scripts.json": "completed",
        "invalid-utf8.json": "completed",
        "lone-surrogates.json": "completed",
    }
    inputs = [corpus(name)(tmp_path, base) for name in makers]
    broken = tmp_path / "broken.json"
    broken.write_text('{"basics": {"name": "Bea Broken",\n  "work": [}', encoding="utf-8")
    inputs.append(broken)
    makers[broken.name] = "is not valid JSON"
    output = tmp_path / "corpus.zip"
    result = run_cli("batch", *map(str, inputs), "-o", str(output), data_dir=data_dir)
    assert result.returncode == 5, result.stderr
    assert "Traceback" not in result.stderr
    with zipfile.ZipFile(output) as archive:
        assert archive.testzip() is None
        manifest = json.loads(archive.read("manifest.json"))
        pdfs = {name: archive.read(name) for name in archive.namelist() if name != "manifest.json"}
    for item, (name, expected) in zip(manifest["items"], makers.items(), strict=True):
        assert item["input"] == name
        if expected == "completed":
            assert item["status"] == "completed", item
            assert unsafe_name_reasons(item["file"], ".pdf") == []
            check_pdf(pdfs[item["file"]], (), ())
        else:
            assert item["status"] == "failed" and expected in item["error"], item
            assert expected in result.stderr
    assert len(pdfs) == 7
    assert hits == [], hits


def test_names_differing_only_in_case_get_distinct_zip_entries(tmp_path: Path, data_dir: Path) -> None:
    pdfs = batch_names(tmp_path, data_dir, ["Jane Doe", "JANE DOE", "jane doe"])
    assert len({name.casefold() for name in pdfs}) == len(pdfs), pdfs
