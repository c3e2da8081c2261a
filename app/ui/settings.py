"""The window's own settings (``settings.ini`` in the data folder), each declared once with its type and default.

Everything else asks for a ``Setting`` here instead of spelling a key: a typo is a missing name, not a silent
default. A value that does not parse (a hand-edited or damaged file, an older version's type) reads as the
default, and a file Qt cannot parse at all is moved aside, so a bad ``settings.ini`` never stops the app.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QObject, QSettings

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One key: what it holds and what it is when unset or unreadable."""

    key: str
    default: T
    parse: Callable[[object], T | None]  #: the stored value as ``T``, or ``None`` when it is not one
    doc: str


def _bytes(value: object) -> QByteArray | None:
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return None
    return None


def _float(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


def _bool(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"true", "false"}:
        return value.strip().lower() == "true"
    return None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _texts(value: object) -> list[str] | None:
    if isinstance(value, str):  # QSettings reads a one-element list back as a plain string
        return [value] if value else []
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    return None


def _ints(value: object) -> list[int] | None:
    items = _texts(value) if not isinstance(value, list) else value
    if not isinstance(items, list):
        return None
    numbers = [_int(item) for item in items]
    return [number for number in numbers if number is not None] if None not in numbers else None


def _optional_int(value: object) -> int | None:
    return _int(value)


def _choice(*allowed: str) -> Callable[[object], str | None]:
    def parse(value: object) -> str | None:
        return value if isinstance(value, str) and value in allowed else None

    return parse


GEOMETRY: Setting[QByteArray | None] = Setting("geometry", None, _bytes, "the window's size and place")
WINDOW_STATE: Setting[QByteArray | None] = Setting("windowState", None, _bytes, "which docks are open, and where")
SPLITTER_SIZES: Setting[list[int]] = Setting("splitterSizes", [], _ints, "library | editor | preview widths")
LAST_DOCUMENT: Setting[int | None] = Setting("lastDocument", None, _optional_int, "the document open at exit")
RECENT_FILES: Setting[list[str]] = Setting("recentFiles", [], _texts, "files opened or saved, newest first")
EXPORT_FOLDER: Setting[str] = Setting("export/copyFolder", "", _text, "where “Also save a copy to” pointed last")
BATCH_FOLDER: Setting[str] = Setting("export/batchFolder", "", _text, "the folder of the last batch ZIP")
PREVIEW_ZOOM: Setting[float] = Setting("preview/zoom", 0.0, _float, "preview zoom factor; 0 fits the width")
COLOR_SCHEME: Setting[str] = Setting(
    "view/colorScheme", "system", _choice("system", "light", "dark"), "light, dark, or the system's"
)
LIBRARY_VISIBLE: Setting[bool] = Setting("view/libraryVisible", True, _bool, "whether the library pane shows")

#: Every setting, for the tests and for anyone reading settings.ini.
ALL_SETTINGS: tuple[Setting[Any], ...] = (
    GEOMETRY,
    WINDOW_STATE,
    SPLITTER_SIZES,
    LAST_DOCUMENT,
    RECENT_FILES,
    EXPORT_FOLDER,
    BATCH_FOLDER,
    PREVIEW_ZOOM,
    COLOR_SCHEME,
    LIBRARY_VISIBLE,
)


class AppSettings(QObject):
    """Typed access to ``settings.ini``; never raises on what the file holds."""

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        #: Where an unreadable file was moved on start, so the window can say so; ``None`` normally.
        self.moved_aside: Path | None = None
        self._qsettings = self._open()

    def _open(self) -> QSettings:
        settings = QSettings(str(self.path), QSettings.Format.IniFormat, self)
        settings.allKeys()  # reads the file now, so its status is known
        if settings.status() == QSettings.Status.NoError:
            return settings
        settings.deleteLater()
        target = self.path.with_name(f"{self.path.name}.unreadable")
        try:
            self.path.replace(target)
        except OSError as exc:
            log.error("settings %s cannot be read or moved aside (%s); using defaults", self.path, exc)
        else:
            log.error("settings %s could not be read; moved aside to %s", self.path, target)
            self.moved_aside = target
        return QSettings(str(self.path), QSettings.Format.IniFormat, self)

    def get(self, setting: Setting[T]) -> T:
        """The stored value, or the default when unset or not of the declared type."""
        try:
            raw = self._qsettings.value(setting.key)
        except (RuntimeError, ValueError, TypeError) as exc:  # PySide raises on values it cannot convert
            log.warning("setting %s unreadable (%s); using the default", setting.key, exc)
            return setting.default
        if raw is None:
            return setting.default
        parsed = setting.parse(raw)
        if parsed is None:
            log.warning("setting %s holds %r, not a valid value; using the default", setting.key, raw)
            return setting.default
        return parsed

    def set(self, setting: Setting[T], value: T) -> None:
        """Stores a value (``None`` removes the key)."""
        if value is None:
            self._qsettings.remove(setting.key)
        else:
            self._qsettings.setValue(setting.key, value)

    def sync(self) -> None:
        """Writes pending changes to disk."""
        self._qsettings.sync()
