"""Application-wide shortcuts: the window's actions win over the bindings of the field that has the focus.

A ``QLineEdit`` claims Ctrl+E (end of line), Ctrl+Z (its own undo) and more through ``ShortcutOverride``, so
Ctrl+E did nothing exactly where users are, and Ctrl+Z in a spin box undid nothing. This filter declines the
override for the key sequences of the window's own actions while the focus is in the window; dialogs keep
their fields' bindings. The filter sits on the focused widget (set as the focus moves), not on the application:
an application-wide Python filter would also see QtWebEngine's objects while they are being constructed, which
crashes PySide.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget


class WindowShortcuts(QObject):
    """Watches the focused widget of ``window``; lets ``actions()``' shortcuts through to the window."""

    def __init__(self, window: QWidget, actions: Callable[[], Iterable[QAction]]) -> None:
        super().__init__(window)
        self.window = window
        self.actions = actions
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if old is not None:
            old.removeEventFilter(self)
        if new is not None and new.window() is self.window:
            new.installEventFilter(self)

    def owns(self, key: QKeySequence) -> bool:
        """Whether one of the window's enabled actions has this shortcut."""
        return any(
            action.isEnabled()
            and any(shortcut.matches(key) == QKeySequence.SequenceMatch.ExactMatch for shortcut in action.shortcuts())
            for action in self.actions()
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Declines a field's ``ShortcutOverride`` for the window's own shortcuts."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and isinstance(watched, QWidget)
            and watched.window() is self.window
            and self.owns(QKeySequence(event.keyCombination()))
        ):
            event.ignore()
            return True
        return False
