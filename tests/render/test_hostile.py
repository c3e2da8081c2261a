"""Resumes come from anywhere: markup, remote URLs and CSS injection must not escape the renderer."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from app.model import parse_resume
from app.render.html import PageSetup, render_html
from app.render.options import ExportOptions, PageSize
from app.render.pipeline import plan_render, render_pdf
from tests.pdfcheck import link_uris, pdf_text


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    hits: list[str]

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - signature from the base class
        return


@pytest.fixture
def spy_server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that counts every request it receives."""
    hits: list[str] = []
    handler = type("Handler", (_CountingHandler,), {"hits": hits})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def hostile_resume(base: str) -> dict[str, Any]:
    tag = f'<script>fetch("{base}/script")</script><img src="{base}/img.png"><iframe src="{base}/frame"></iframe>'
    return {
        "basics": {
            "name": f"Eve {tag}",
            "label": f'<style>body {{ background: url("{base}/style") }}</style>',
            "image": f"{base}/photo.png",
            "email": "eve@example.com",
            "url": "javascript:alert(1)",
            "summary": f'<link rel="stylesheet" href="{base}/link.css"> <b>bold?</b>',
            "profiles": [{"network": "Files", "username": "passwd", "url": "file:///etc/passwd"}],
        },
        "work": [
            {
                "name": f"ACME <img src=x onerror=alert(1)> {tag}",
                "position": "Engineer",
                "url": f"{base}/work",
                "highlights": [tag, "file:///etc/passwd"],
            }
        ],
        "meta": {"design": {"accent": f'red; }} body {{ background: url("{base}/css") }} x {{', "baseSize": "9"}},
    }


def test_hostile_resume_exports_safely(engine: Any, spy_server: tuple[str, list[str]]) -> None:
    base, hits = spy_server
    resume = parse_resume(hostile_resume(base))
    rendered = render_pdf(resume, ExportOptions(), engine.render)

    assert hits == []
    text = pdf_text(rendered.data)
    assert "<script>" in text  # shown as literal text, never run
    assert "<b>bold?</b>" in text
    uris = link_uris(rendered.data)
    assert not any(uri.startswith(("javascript:", "file:")) for uri in uris), uris

    plan = plan_render(resume, ExportOptions())
    assert plan.tokens["accent"] == plan.template.manifest.tokens["accent"]  # the injected accent was dropped
    assert plan.tokens["baseSize"] == "9"  # valid tokens beside it still apply
    html = render_html(resume, plan.template, plan.tokens, plan.setup, ExportOptions().quality)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_engine_blocks_network_file_urls_and_scripts_even_in_raw_html(
    engine: Any, spy_server: tuple[str, list[str]]
) -> None:
    """The lock-down does not rely on escaping: raw HTML that asks for the network gets nothing."""
    base, hits = spy_server
    raw = f"""<!DOCTYPE html><html><head>
    <link rel="stylesheet" href="{base}/a.css"><link rel="stylesheet" href="file:///etc/passwd">
    <style>@import url("{base}/b.css"); body {{ background: url("{base}/c.png") }}
    @font-face {{ font-family: X; src: url("{base}/font.ttf") }} p {{ font-family: X }}</style>
    </head><body><p>hello</p><img src="{base}/d.png"><img src="file:///etc/hostname">
    <iframe src="{base}/frame"></iframe><script>new Image().src = "{base}/js";</script>
    <object data="{base}/obj"></object><video src="{base}/v.mp4"></video></body></html>"""
    pdf = engine.render(raw, PageSetup(PageSize.A4, 10))
    assert "hello" in pdf_text(pdf)
    assert hits == []  # refused by the document's Content Security Policy, or else by the interceptor


def test_every_document_carries_the_content_security_policy() -> None:
    from app.render.scheme import CSP, with_csp

    assert with_csp(b"<!DOCTYPE html><html>").startswith(b'<!DOCTYPE html><meta http-equiv="Content-Security-Policy"')
    assert with_csp(b"<p>x</p>").startswith(b"<meta")
    assert "script-src 'none'" in CSP and "default-src 'none'" in CSP
