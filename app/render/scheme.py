"""The ``resumepair://`` URL scheme and the request interceptor that together lock rendering down.

Documents are served from memory (``resumepair://app/doc/<key>.html``, the same origin as the fonts)
rather than through ``setHtml``, which fails above 2 MB; bundled fonts and template stylesheets come from
``resumepair://app/...``. Every other request (http, https, file, ftp, ...) is blocked by the interceptor,
so a hostile resume cannot make the renderer touch the network or the disk.
"""

from __future__ import annotations

import functools
import mimetypes
import threading

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject
from PySide6.QtWebEngineCore import (
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

from app.resources import resource_path

SCHEME = "resumepair"
_SERVED_FOLDERS = ("fonts", "templates")
_SERVED_SUFFIXES = {".css", ".ttf", ".otf", ".woff", ".woff2", ".png", ".jpg", ".jpeg", ".svg"}
#: Content Security Policy put in front of every document: Chromium refuses anything else before a request is
#: made. The interceptor still blocks whatever gets past it; but with many requests blocked only by the
#: interceptor, Qt 6.12 was seen never to finish loading, and the policy stops them earlier. (A meta tag, as
#: PySide6 6.12 cannot call ``QWebEngineUrlRequestJob.setAdditionalResponseHeaders``.)
CSP = (
    "default-src 'none'; style-src resumepair: 'unsafe-inline'; font-src resumepair:; img-src resumepair: data:; "
    "script-src 'none'; object-src 'none'; frame-src 'none'; media-src 'none'; base-uri 'none'; form-action 'none'"
)
#: Schemes the renderer may load; ``data`` carries the embedded photo.
ALLOWED_SCHEMES = frozenset({SCHEME, "data"})


def register_scheme() -> None:
    """Declares the scheme to Chromium; must run before the ``QApplication`` exists, and only once."""
    if QWebEngineUrlScheme.schemeByName(SCHEME.encode()).name():
        return
    scheme = QWebEngineUrlScheme(SCHEME.encode())
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    # SecureScheme only: with LocalScheme as well, turning LocalContentCanAccessFileUrls off also stops a
    # document from loading its own stylesheet and fonts from this scheme (seen with Qt 6.12).
    scheme.setFlags(QWebEngineUrlScheme.Flag.SecureScheme)
    QWebEngineUrlScheme.registerScheme(scheme)


def with_csp(html: bytes) -> bytes:
    """The document with our Content Security Policy as its first element (after any doctype)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'.encode()
    head = html[:200].lstrip()
    if head[:9].upper() == b"<!DOCTYPE":
        end = html.index(b">", html.index(b"<!")) + 1
        return html[:end] + meta + html[end:]
    return meta + html


class DocumentStore:
    """HTML documents waiting to be loaded, by key; the engine puts one in before a load and takes it out after."""

    def __init__(self) -> None:
        self._documents: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def put(self, key: str, html: bytes) -> None:
        """Makes ``resumepair://app/doc/<key>.html`` serve ``html``."""
        with self._lock:
            self._documents[key] = with_csp(html)

    def get(self, key: str) -> bytes | None:
        """The document for ``key``, if it is still there."""
        with self._lock:
            return self._documents.get(key)

    def drop(self, key: str) -> None:
        """Forgets a document once its render is over."""
        with self._lock:
            self._documents.pop(key, None)


class SchemeHandler(QWebEngineUrlSchemeHandler):
    """Serves documents from a ``DocumentStore`` and bundled files from ``resources/fonts`` and ``templates``."""

    def __init__(self, documents: DocumentStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._documents = documents

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802 - Qt override
        """Answers one request, or fails it as not found; never reads outside the served folders."""
        url = job.requestUrl()
        host, path = url.host(), url.path().lstrip("/")
        body: bytes | None = None
        mime = "application/octet-stream"
        if host == "app" and path.startswith("doc/") and path.endswith(".html"):
            body = self._documents.get(path.removeprefix("doc/").removesuffix(".html"))
            mime = "text/html"
        elif host == "app":
            body, mime = _read_resource(path)
        if body is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        buffer = QBuffer(job)
        buffer.setData(QByteArray(body))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(mime.encode(), buffer)


@functools.lru_cache(maxsize=64)
def _read_resource(path: str) -> tuple[bytes | None, str]:
    """A bundled file's bytes and type, kept in memory: every fresh render process asks for the fonts again."""
    parts = [part for part in path.split("/") if part]
    if len(parts) < 2 or parts[0] not in _SERVED_FOLDERS or any(part in {".", ".."} for part in parts):
        return None, ""
    try:
        file_path = resource_path(*parts)
    except ValueError:
        return None, ""
    if file_path.suffix.lower() not in _SERVED_SUFFIXES or not file_path.is_file():
        return None, ""
    mime = mimetypes.guess_type(file_path.name)[0] or "application/octet-stream"
    if file_path.suffix.lower() == ".css":
        mime = "text/css"
    return file_path.read_bytes(), mime


class BlockingInterceptor(QWebEngineUrlRequestInterceptor):
    """Blocks every request whose scheme is not ours; counts what it blocked for tests and diagnostics."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.blocked: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802 - Qt override
        """Called for every request the page makes; Qt delivers it on the GUI thread (seen with Qt 6.11)."""
        url = info.requestUrl()
        if url.scheme().lower() not in ALLOWED_SCHEMES:
            if len(self.blocked) < 1000:
                self.blocked.append(url.toString()[:200])
            info.block(True)
