"""Editors for list sections (work, education, ...).

A list of entries to add, remove, duplicate and reorder (buttons or drag), and the form of the selected entry.
"""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.ui.fields import FieldWidget, is_affected
from app.ui.form_spec import SectionSpec
from app.ui.session import DocumentSession, JsonPath


def entry_title(spec: SectionSpec, entry: Any, index: int) -> str:
    """How an entry is named in the list: its title fields joined, or a numbered stand-in."""
    if isinstance(entry, dict):
        parts = [str(entry.get(key)).strip() for key in spec.title_keys if isinstance(entry.get(key), str)]
        text = " · ".join(part for part in parts if part)
        if text:
            return text
    return f"New {spec.noun} {index + 1}"


class ListSectionEditor(QWidget):
    """Master list + detail form for one list section at ``path`` (``("work",)``, ``("basics", "profiles")``)."""

    def __init__(
        self, session: DocumentSession, path: JsonPath, spec: SectionSpec, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session, self.path, self.spec = session, path, spec
        self.setObjectName(f"section:{spec.key}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.entries = QListWidget(self)
        self.entries.setObjectName("entries")
        self.entries.setAccessibleName(f"{spec.title} entries")
        self.entries.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.entries.setMaximumHeight(150)
        self.entries.currentRowChanged.connect(self._show_entry)
        self.entries.model().rowsMoved.connect(self._on_dragged)
        layout.addWidget(self.entries)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, text, tip, slot in (
            ("add", "+ Add", f"Add {spec.noun}", self.add),
            ("duplicate", "Copy", f"Duplicate the selected {spec.noun}", self.duplicate),
            ("remove", "Remove", f"Remove the selected {spec.noun}", self.remove),
            ("up", "↑", "Move up (or drag in the list)", lambda: self.move_by(-1)),
            ("down", "↓", "Move down (or drag in the list)", lambda: self.move_by(1)),
        ):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            if text in {"↑", "↓"}:
                button.setFixedWidth(32)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[name] = button
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.detail_area = QScrollArea(self)
        self.detail_area.setWidgetResizable(True)
        self.detail_area.setFrameShape(QScrollArea.Shape.NoFrame)
        layout.addWidget(self.detail_area, 1)
        self._shown_index: int | None = None
        self._rebuilding = False
        self.rebuild()
        session.changed.connect(self._on_changed)
        session.issuesChanged.connect(self._on_issues)

    # -- data ------------------------------------------------------------------------------------------------

    def items(self) -> list[Any]:
        """The section's entries as stored."""
        value = self.session.get(self.path)
        return list(value) if isinstance(value, list) else []

    def add(self) -> None:
        """Adds an empty entry at the end and selects it."""
        items = [*self.items(), {}]
        self.session.set_list(self.path, items, f"Add {self.spec.noun}")
        self.entries.setCurrentRow(len(items) - 1)

    def duplicate(self) -> None:
        """Copies the selected entry below itself."""
        row = self.entries.currentRow()
        items = self.items()
        if not 0 <= row < len(items):
            return
        items.insert(row + 1, copy.deepcopy(items[row]))
        self.session.set_list(self.path, items, f"Duplicate {self.spec.noun}")
        self.entries.setCurrentRow(row + 1)

    def remove(self) -> None:
        """Removes the selected entry (undo brings it back)."""
        row = self.entries.currentRow()
        items = self.items()
        if not 0 <= row < len(items):
            return
        del items[row]
        self.session.set_list(self.path, items, f"Remove {self.spec.noun}")
        self.entries.setCurrentRow(min(row, len(items) - 1))

    def move_by(self, step: int) -> None:
        """Moves the selected entry up or down."""
        row = self.entries.currentRow()
        target = row + step
        items = self.items()
        if row < 0 or not 0 <= target < len(items):
            return
        items[row], items[target] = items[target], items[row]
        self.session.set_list(self.path, items, f"Move {self.spec.noun}")
        self.entries.setCurrentRow(target)

    def _on_dragged(self, *_args: object) -> None:
        if self._rebuilding:
            return
        order = [self.entries.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.entries.count())]
        items = self.items()
        if sorted(order) != list(range(len(items))):
            self.rebuild()
            return
        current = self.entries.currentRow()
        self.session.set_list(self.path, [items[index] for index in order], f"Move {self.spec.noun}")
        self.entries.setCurrentRow(current)

    # -- view ------------------------------------------------------------------------------------------------

    def rebuild(self) -> None:
        """Refills the entry list from the session, keeping the selection where possible."""
        self._rebuilding = True
        row = self.entries.currentRow()
        self.entries.clear()
        for index, entry in enumerate(self.items()):
            item = QListWidgetItem(entry_title(self.spec, entry, index))
            item.setData(Qt.ItemDataRole.UserRole, index)
            self.entries.addItem(item)
        self._rebuilding = False
        count = self.entries.count()
        self._shown_index = None
        self.entries.setCurrentRow(min(max(row, 0), count - 1) if count else -1)
        if not count:
            self._show_entry(-1)
        self._mark_issues()
        for name in ("duplicate", "remove", "up", "down"):
            self.buttons[name].setEnabled(count > 0)

    def _show_entry(self, row: int) -> None:
        if self._rebuilding or row == self._shown_index:
            return
        self._shown_index = row
        form = QWidget()
        layout = QFormLayout(form)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        if row < 0:
            layout.addRow(QLabel(f"No {self.spec.noun} yet. Use “Add {self.spec.noun}”.", form))
        else:
            for field in self.spec.fields:
                layout.addRow(FieldWidget(self.session, (*self.path, row, field.key), field, form))
        old = self.detail_area.takeWidget()
        self.detail_area.setWidget(form)
        if old is not None:
            old.deleteLater()

    def _on_changed(self, changed: Any) -> None:
        changed_path = tuple(changed)
        if changed_path == self.path or (len(changed_path) < len(self.path) and is_affected(changed_path, self.path)):
            self.rebuild()
            row = self.entries.currentRow()
            self._shown_index = None
            self._show_entry(row)
        elif is_affected(changed_path, self.path) and len(changed_path) > len(self.path) + 1:
            index = changed_path[len(self.path)]
            if isinstance(index, int) and 0 <= index < self.entries.count():
                self.entries.item(index).setText(entry_title(self.spec, self.items()[index], index))

    def _on_issues(self, _issues: object) -> None:
        self._mark_issues()

    def _mark_issues(self) -> None:
        prefix = ".".join(str(part) for part in self.path) + "."
        bad = {
            issue.path[len(prefix) :].split(".")[0] for issue in self.session.issues if issue.path.startswith(prefix)
        }
        for row in range(self.entries.count()):
            item = self.entries.item(row)
            text = entry_title(self.spec, self.items()[row], row)
            item.setText(f"⚠ {text}" if str(row) in bad else text)
            item.setToolTip("This entry has a problem; select it to see which field." if str(row) in bad else "")
