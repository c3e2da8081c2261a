"""Form widgets bound to one path of the resume: they write through the session and follow undo/redo.

Each widget shows the model's message for its field inline (red text under it, red frame), the same words
``resumepair validate`` prints.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.form_spec import FieldSpec
from app.ui.icons import icon
from app.ui.session import DocumentSession, JsonPath


def is_affected(changed: JsonPath, mine: JsonPath) -> bool:
    """Whether a change at ``changed`` may alter the value at ``mine`` (same path, parent, or child)."""
    shorter = min(len(changed), len(mine))
    return changed[:shorter] == mine[:shorter]


class FieldWidget(QWidget):
    """A labelled editor for one field, with its inline error message."""

    def __init__(self, session: DocumentSession, path: JsonPath, spec: FieldSpec, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.path, self.spec = session, path, spec
        self.setObjectName(f"field:{'.'.join(str(p) for p in path)}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(2)
        self.label = QLabel(spec.label, self)
        layout.addWidget(self.label)
        self.editor = self._make_editor()
        self.label.setBuddy(self.editor)
        self.editor.setAccessibleName(spec.label)
        if spec.placeholder:
            self.editor.setAccessibleDescription(spec.placeholder)
        layout.addWidget(self.editor)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.refresh()
        session.changed.connect(self._on_changed)
        session.issuesChanged.connect(self._on_issues)

    def _make_editor(self) -> QWidget:
        if self.spec.kind == "multiline":
            editor = QPlainTextEdit(self)
            editor.setTabChangesFocus(True)
            editor.setMinimumHeight(70)
            editor.setMaximumHeight(140)
            editor.textChanged.connect(lambda: self._write(editor.toPlainText()))
            return editor
        if self.spec.kind == "list":
            return StringListEditor(self.session, self.path, self.spec.label, self)
        line = QLineEdit(self)
        line.setPlaceholderText(self.spec.placeholder)
        line.textEdited.connect(self._write)
        return line

    def _write(self, text: str) -> None:
        if self._refreshing:
            return
        self.session.set(self.path, text, text=f"Edit {self.spec.label.lower()}")

    _refreshing = False

    def refresh(self) -> None:
        """Shows the session's current value (after undo/redo or a list change)."""
        value = self.session.get(self.path)
        text = value if isinstance(value, str) else ""
        self._refreshing = True
        try:
            if isinstance(self.editor, QLineEdit) and self.editor.text() != text:
                self.editor.setText(text)
            elif isinstance(self.editor, QPlainTextEdit) and self.editor.toPlainText() != text:
                self.editor.setPlainText(text)
            elif isinstance(self.editor, StringListEditor):
                self.editor.refresh()
        finally:
            self._refreshing = False
        self._show_issues()

    def _on_changed(self, changed: Any) -> None:
        if is_affected(tuple(changed), self.path):
            self.refresh()

    def _on_issues(self, _issues: object) -> None:
        self._show_issues()

    def _show_issues(self) -> None:
        messages = self.session.issues_at(self.path)
        if not messages and self.spec.kind == "list":
            prefix = ".".join(str(p) for p in self.path) + "."
            messages = [
                f"{i.path.removeprefix(prefix)}: {i.message}" for i in self.session.issues if i.path.startswith(prefix)
            ]
        # An error (the export cannot run) wins over a note (the value is printed as written).
        notes = [] if messages else self.session.notes_at(self.path)
        text = "\n".join(messages or notes)
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.error.setProperty("severity", "error" if messages else "note")
        self.error.style().unpolish(self.error)
        self.error.style().polish(self.error)
        if bool(self.editor.property("invalid")) != bool(messages):
            self.editor.setProperty("invalid", bool(messages))
            self.editor.style().unpolish(self.editor)
            self.editor.style().polish(self.editor)
        self.editor.setToolTip(text)
        description = f"Problem: {text}" if messages else f"Note: {text}" if notes else self.spec.placeholder
        self.editor.setAccessibleDescription(description)


class StringListEditor(QWidget):
    """An editable list of text (highlights, keywords, courses, roles).

    Add, remove, edit in place, drag or move to reorder; every change is one undo step.
    """

    def __init__(self, session: DocumentSession, path: JsonPath, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.path = session, path
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.items = QListWidget(self)
        self.items.setAccessibleName(label)
        self.items.setTabKeyNavigation(False)
        self.items.setWordWrap(True)
        self.items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.items.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.items.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.items.setMaximumHeight(120)
        self.items.itemChanged.connect(lambda _item: self._commit("Edit item"))
        self.items.model().rowsMoved.connect(lambda *_args: self._commit("Reorder items"))
        layout.addWidget(self.items, 1)
        buttons = QVBoxLayout()
        buttons.setSpacing(0)
        for glyph, tip, slot in (
            ("plus", f"Add to {label.lower()}", self.add),
            ("minus", f"Remove the selected {label.lower()} item", self.remove),
            ("arrow-up", "Move the item up", lambda: self.move_by(-1)),
            ("arrow-down", "Move the item down", lambda: self.move_by(1)),
        ):
            button = QToolButton(self)
            button.setIcon(icon(glyph))
            button.setAutoRaise(True)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._refreshing = False
        self.refresh()

    def values(self) -> list[str]:
        """The items as shown."""
        return [self.items.item(row).text() for row in range(self.items.count())]

    def refresh(self) -> None:
        """Shows the session's list."""
        stored = self.session.get(self.path) or []
        texts = [item if isinstance(item, str) else str(item) for item in stored] if isinstance(stored, list) else []
        if texts == self.values():
            return
        self._refreshing = True
        row = self.items.currentRow()
        self.items.clear()
        for text in texts:
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.items.addItem(item)
        self.items.setCurrentRow(min(row, self.items.count() - 1))
        self._refreshing = False

    def add(self) -> None:
        """Appends an item and starts editing it."""
        values = [*self.values(), "New item"]
        self.session.set_list(self.path, values, "Add item")
        self.refresh()
        self.items.setCurrentRow(len(values) - 1)
        self.items.editItem(self.items.item(len(values) - 1))

    def remove(self) -> None:
        """Removes the selected item."""
        row = self.items.currentRow()
        if row < 0:
            return
        values = self.values()
        del values[row]
        self.session.set_list(self.path, values, "Remove item")

    def move_by(self, step: int) -> None:
        """Moves the selected item up or down."""
        row = self.items.currentRow()
        target = row + step
        values = self.values()
        if row < 0 or not 0 <= target < len(values):
            return
        values[row], values[target] = values[target], values[row]
        self.session.set_list(self.path, values, "Reorder items")
        self.items.setCurrentRow(target)

    def _commit(self, text: str) -> None:
        if not self._refreshing:
            self.session.set_list(self.path, self.values(), text)
