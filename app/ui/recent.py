"""File › Open Recent: the files last opened or saved, newest first, kept in the settings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu

from app.ui.settings import RECENT_FILES, AppSettings

MAX_RECENT = 8


class RecentFiles(QObject):
    """Remembers files and fills the menu; choosing one calls ``open_files`` (the same path as File › Open)."""

    def __init__(self, settings: AppSettings, menu: QMenu, open_files: Callable[[list[Path]], None]) -> None:
        super().__init__(menu)
        self.settings = settings
        self.menu = menu
        self.open_files = open_files
        menu.aboutToShow.connect(self.fill)

    def files(self) -> list[str]:
        """The remembered paths, newest first."""
        return self.settings.get(RECENT_FILES)

    def remember(self, path: Path) -> None:
        """Puts ``path`` first."""
        recent = [str(path), *[p for p in self.files() if p != str(path)]][:MAX_RECENT]
        self.settings.set(RECENT_FILES, recent)

    def fill(self) -> None:
        """Rebuilds the menu from the settings."""
        self.menu.clear()
        for number, name in enumerate(self.files(), start=1):
            action = self.menu.addAction(f"&{number} {Path(name).name}")
            action.setToolTip(name)
            action.setStatusTip(name)
            action.triggered.connect(lambda _checked=False, n=name: self.open_files([Path(n)]))
        if not self.files():
            self.menu.addAction("No recent files").setEnabled(False)
