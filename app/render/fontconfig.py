"""On Linux, a private fontconfig configuration: the app (its UI and Chromium's renderer) sees only our fonts.

Chromium asks fontconfig for every character no ``@font-face`` font of the page has, and for the generic
families (``serif``, ``sans-serif``) that end every font stack. With the system's configuration a PDF depended on
what the machine had installed (``DroidSansFallback`` for Chinese, boxes where it lacked a glyph), and on a
minimal system without any configuration, fontconfig found no font at all and the export was a blank page.

So before the ``QApplication`` (and with it Chromium) starts, ``FONTCONFIG_FILE`` points at a configuration we
write into the data folder: one font folder, ``resources/fonts``, a cache beside the configuration (the first
start indexes ~940 files in ~0.3 s; later starts read the cache), and the generic families mapped to bundled
ones. It applies to the whole process, so the UI draws every script with the bundled fonts too. Nothing here
imports Qt: it must run before Qt reads the environment.
"""

from __future__ import annotations

import logging
import os
import shutil
import stat
import sys
import tempfile
from html import escape
from pathlib import Path

from app.datadir import private_subdir, resolve_data_dir
from app.errors import UserError
from app.resources import resource_path

log = logging.getLogger(__name__)

#: Below this much free space in the data folder, the configuration and fontconfig's cache (~0.2 MB) go to the
#: temporary folder instead: a cache must not take the last space the database and the exports need.
MIN_FREE_BYTES = 16 * 1024 * 1024

#: Generic family → the bundled family fontconfig answers with.
GENERIC_FAMILIES = {
    "serif": "Noto Serif",
    "sans-serif": "Noto Sans",
    "monospace": "JetBrains Mono",
    "system-ui": "Noto Sans",
}


def fontconfig_applies() -> bool:
    """Whether Qt and Chromium find fonts through fontconfig here (Linux and the BSDs, not macOS or Windows)."""
    return os.name == "posix" and sys.platform != "darwin"


def configuration(font_dir: Path, cache_dir: Path) -> str:
    """The text of our ``fonts.conf``."""
    aliases = "\n".join(
        f'  <alias binding="same"><family>{generic}</family><prefer><family>{family}</family></prefer></alias>'
        for generic, family in GENERIC_FAMILIES.items()
    )
    return (
        '<?xml version="1.0"?>\n'
        '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        "<!-- Written by ResumePair at every start: the app uses its bundled fonts only. -->\n"
        "<fontconfig>\n"
        f"  <dir>{escape(str(font_dir), quote=False)}</dir>\n"
        f"  <cachedir>{escape(str(cache_dir), quote=False)}</cachedir>\n"
        f"{aliases}\n"
        "</fontconfig>\n"
    )


def use_bundled_fonts_only(data_dir: Path | None = None) -> Path | None:
    """Points fontconfig at our configuration (see the module docstring) and returns its path.

    ``None`` where fontconfig plays no part (macOS, Windows). A ``FONTCONFIG_FILE`` set by the user is
    overridden on purpose: a PDF must come out the same on every machine.
    """
    if not fontconfig_applies():
        return None
    try:
        folder = private_subdir(data_dir or resolve_data_dir(), "cache", "fontconfig")
        if shutil.disk_usage(folder).free < MIN_FREE_BYTES:
            log.info("little space left in %s; fontconfig's cache goes to the temporary folder", folder)
            folder = _temporary_folder()
    except (UserError, OSError) as exc:
        log.warning("%s; fontconfig's cache goes to the temporary folder", exc)
        folder = _temporary_folder()
    path = folder / "fonts.conf"
    text = configuration(resource_path("fonts"), folder)
    try:
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != text:
            temporary = folder / "fonts.conf.tmp"
            temporary.write_text(text, encoding="utf-8")
            temporary.replace(path)
    except OSError as exc:
        log.warning("cannot write %s (%s); using a temporary copy", path, exc)
        folder = Path(tempfile.mkdtemp(prefix="resumepair-fontconfig-"))  # nothing shared could be written
        path = folder / "fonts.conf"
        path.write_text(configuration(resource_path("fonts"), folder), encoding="utf-8")
    os.environ["FONTCONFIG_FILE"] = str(path)
    os.environ["FONTCONFIG_PATH"] = str(path.parent)
    return path


def _temporary_folder() -> Path:
    """A private folder of this user's in the system's temporary folder, kept between starts (it is a cache)."""
    folder = Path(tempfile.gettempdir()) / f"resumepair-fontconfig-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
        if stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and info.st_mode & 0o077 == 0:
            return folder
    except OSError:
        pass
    return Path(tempfile.mkdtemp(prefix="resumepair-fontconfig-"))  # someone else's, or not a folder
