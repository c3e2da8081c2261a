"""The one path for telling the user something: a message bar in the window, the status bar, or a question.

Every part of the UI reports through ``MessageBridge`` (qutebrowser's ``message`` module is the model): a
confirmation of something done is a short ``info`` in the bar, a failure an ``error`` that stays until closed,
with buttons for what to do next ("Open", "Undo"); a background hint goes to the status bar; only a decision
the user must take before going on is a dialog (``ask``). The bar sits in the layout above the panes, so it
never covers a button.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStatusBar,
    QSystemTrayIcon,
    QToolButton,
    QWidget,
)

from app.ui.icons import icon

INFO_MS = 6000
INFO_WITH_ACTIONS_MS = 12000

#: A button on a message: its text and what it does.
MessageAction = tuple[str, Callable[[], object]]


class MessageBar(QFrame):
    """One message at a time: icon-less text, optional action buttons, a close button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setAccessibleName("Message")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 6, 6)
        layout.setSpacing(8)
        self.label = QLabel(self)
        self.label.setObjectName("messageText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(self.label.textInteractionFlags())
        layout.addWidget(self.label, 1)
        self.action_row = QHBoxLayout()
        self.action_row.setSpacing(6)
        layout.addLayout(self.action_row)
        self.close_button = QToolButton(self)
        self.close_button.setObjectName("closeMessage")
        self.close_button.setIcon(icon("x"))
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Close this message")
        self.close_button.setAccessibleName("Close message")
        self.close_button.clicked.connect(self.hide)
        layout.addWidget(self.close_button)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.hide)
        self.hide()

    def show_message(self, text: str, *, error: bool, actions: Sequence[MessageAction]) -> None:
        """Replaces whatever was shown."""
        self.setProperty("level", "error" if error else "info")
        self.style().unpolish(self)
        self.style().polish(self)
        self.label.setText(text)
        self.setAccessibleDescription(text)
        while self.action_row.count():
            item = self.action_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # gone now, not when the deferred delete runs
                widget.deleteLater()
        for caption, run in actions:
            button = QPushButton(caption, self)
            button.setObjectName(f"messageAction:{caption}")
            button.clicked.connect(lambda _checked=False, r=run: self._run(r))
            self.action_row.addWidget(button)
        self.show()
        if error:
            self.timer.stop()
        else:
            self.timer.start(INFO_WITH_ACTIONS_MS if actions else INFO_MS)

    def buttons(self) -> list[QPushButton]:
        """The action buttons now shown."""
        return [button for button in self.findChildren(QPushButton) if button.isVisibleTo(self)]

    def _run(self, action: Callable[[], object]) -> None:
        self.hide()
        action()


class MessageBridge(QObject):
    """Where every user-facing message goes; ``history`` keeps them (tests and the debug log read it)."""

    shown = Signal(str, bool)  #: text, is_error

    def __init__(self, window: QWidget, bar: MessageBar, status: QStatusBar) -> None:
        super().__init__(window)
        self.window = window
        self.bar = bar
        self.status_bar = status
        self.tray: QSystemTrayIcon | None = None
        #: Every message shown in the bar, oldest first.
        self.history: list[str] = []

    def info(self, text: str, *, actions: Sequence[MessageAction] = ()) -> None:
        """Something done (an export finished, a file saved): shown a few seconds."""
        self._show(text, error=False, actions=actions)

    def error(self, text: str, *, actions: Sequence[MessageAction] = ()) -> None:
        """Something failed: shown until closed or replaced."""
        self._show(text, error=True, actions=actions)

    def status(self, text: str, timeout_ms: int = 3000) -> None:
        """A quiet note in the status bar (autosave)."""
        self.status_bar.showMessage(text, timeout_ms)

    def ask(
        self,
        title: str,
        text: str,
        buttons: QMessageBox.StandardButton,
        default: QMessageBox.StandardButton,
    ) -> QMessageBox.StandardButton:
        """A question with standard buttons; returns the one chosen (tests replace this method)."""
        return QMessageBox.question(self.window, title, text, buttons, default)

    def _show(self, text: str, *, error: bool, actions: Sequence[MessageAction]) -> None:
        self.history.append(text)
        self.bar.show_message(text, error=error, actions=actions)
        self.shown.emit(text, error)
        if self.tray is not None and not self.window.isActiveWindow():
            self.tray.show()
            kind = QSystemTrayIcon.MessageIcon.Warning if error else QSystemTrayIcon.MessageIcon.Information
            self.tray.showMessage("ResumePair", text, kind, INFO_MS)
