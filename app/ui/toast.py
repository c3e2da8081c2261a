"""Non-modal notifications: a toast in the window's corner, and a tray message when the window is not active."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLabel, QSystemTrayIcon, QWidget

TOAST_MS = 5000


class Toaster(QObject):
    """Shows one toast at a time at the bottom right of ``window``; mirrors it to the tray when unfocused."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.label = QLabel(window)
        self.label.setObjectName("toast")
        self.label.setWordWrap(True)
        self.label.setMaximumWidth(420)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.label.hide()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.label.hide)
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(window.windowIcon() or QIcon(), self)
        window.installEventFilter(self)
        #: Every message shown, newest last (the UI tests read it).
        self.history: list[str] = []

    def show(self, text: str, *, error: bool = False) -> None:
        """Shows ``text`` for five seconds (errors in red); also as a tray message if the window is inactive."""
        self.history.append(text)
        colour = "#8e1b12" if error else "#1f2937"
        self.label.setStyleSheet(
            f"background: {colour}; color: white; padding: 10px 14px; border-radius: 6px; font-weight: bold;"
        )
        self.label.setText(text)
        self.label.adjustSize()
        self._place()
        self.label.show()
        self.label.raise_()
        self.timer.start(TOAST_MS)
        if self.tray is not None and not self.window.isActiveWindow():
            self.tray.show()
            icon = QSystemTrayIcon.MessageIcon.Warning if error else QSystemTrayIcon.MessageIcon.Information
            self.tray.showMessage("ResumePair", text, icon, TOAST_MS)

    def _place(self) -> None:
        margin = 16
        size = self.label.sizeHint()
        self.label.resize(size)
        self.label.move(self.window.width() - size.width() - margin, self.window.height() - size.height() - margin - 24)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Keeps the toast in the corner when the window is resized."""
        if watched is self.window and event.type() == QEvent.Type.Resize and self.label.isVisible():
            self._place()
        return False
