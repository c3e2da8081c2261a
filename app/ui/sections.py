"""Editors for list sections (work, education, ...).

A list of entries to add, remove, duplicate, reorder (buttons or drag) and hide from the export, and the form of
the selected entry. The selection follows an entry when it moves, also when a move is undone or redone. A hidden
entry (``"hidden": true``) stays in the resume and in this list, greyed and marked, but is not exported.
"""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.model.sections import is_hidden
from app.ui.fields import FieldWidget, is_affected
from app.ui.form_spec import FieldSpec, SectionSpec
from app.ui.icons import icon
from app.ui.session import DocumentSession, JsonPath


def follow(old: list[Any], new: list[Any], row: int) -> int:
    """Where the entry at ``row`` of ``old`` is in ``new`` (nearest equal entry), else ``row`` kept in range."""
    if not new:
        return -1
    if 0 <= row < len(old):
        places = [index for index, entry in enumerate(new) if entry == old[row]]
        if places and not (row < len(new) and new[row] == old[row]):
            return min(places, key=lambda index: abs(index - row))
    return min(max(row, 0), len(new) - 1)


def entry_title(spec: SectionSpec, entry: Any, index: int) -> str:
    """How an entry is named in the list: its title fields joined (a line entry: its text), or a numbered stand-in."""
    if isinstance(entry, str) and entry.strip():
        return entry.strip()
    if isinstance(entry, dict):
        parts = [str(entry.get(key)).strip() for key in spec.title_keys if isinstance(entry.get(key), str)]
        text = " · ".join(part for part in parts if part)
        if text:
            return text
    return f"New {spec.noun} {index + 1}"


class ListSectionEditor(QWidget):
    """Master list + detail form for one list section at ``path`` (``("work",)``, ``("basics", "profiles")``)."""

    def __init__(
        self,
        session: DocumentSession,
        path: JsonPath,
        spec: SectionSpec,
        parent: QWidget | None = None,
        *,
        scrolls: bool = True,
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
        self.entries.setTabKeyNavigation(False)
        # A long title is cut with "…" rather than given a scroll bar that would take a row of a short list.
        self.entries.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.entries.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.entries.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.entries.currentRowChanged.connect(self._show_entry)
        self.entries.model().rowsMoved.connect(self._on_dragged)
        layout.addWidget(self.entries)
        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        self.buttons: dict[str, QToolButton] = {}
        for name, glyph, text, tip, slot in (
            ("add", "plus", "Add", f"Add {spec.noun}", self.add),
            ("duplicate", "copy", "Copy", f"Duplicate the selected {spec.noun}", self.duplicate),
            ("remove", "trash-2", "Remove", f"Remove the selected {spec.noun}", self.remove),
            ("up", "arrow-up", "Up", f"Move the {spec.noun} up (or drag it in the list)", lambda: self.move_by(-1)),
            ("down", "arrow-down", "Down", f"Move the {spec.noun} down (or drag it)", lambda: self.move_by(1)),
            (
                "hide",
                "",
                "Hide from export",
                f"Keep the {spec.noun} here but leave it out of the export",
                self.toggle_hidden,
            ),
        ):
            button = QToolButton(self)
            button.setObjectName(name)
            if glyph:
                button.setIcon(icon(glyph))
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip.split(" (")[0])
            button.setToolButtonStyle(
                Qt.ToolButtonStyle.ToolButtonTextOnly
                if name == "hide"
                else Qt.ToolButtonStyle.ToolButtonTextBesideIcon
                if name == "add"
                else Qt.ToolButtonStyle.ToolButtonIconOnly
            )
            button.setAutoRaise(True)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.clicked.connect(slot)
            if name == "hide":
                button.setCheckable(True)
                buttons.addSpacing(8)
            buttons.addWidget(button)
            self.buttons[name] = button
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.detail_area: QScrollArea | None = None
        self.detail_holder = QWidget(self)
        self.detail_layout = QVBoxLayout(self.detail_holder)
        self.detail_layout.setContentsMargins(0, 0, 0, 0)
        if scrolls:
            self.detail_area = QScrollArea(self)
            self.detail_area.setObjectName("entryForm")
            self.detail_area.setWidgetResizable(True)
            self.detail_area.setFrameShape(QScrollArea.Shape.NoFrame)
            self.detail_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.detail_area.setWidget(self.detail_holder)
            layout.addWidget(self.detail_area, 1)
        else:
            layout.addWidget(self.detail_holder)
        self._form: QWidget | None = None
        self._shown_items: list[Any] = []
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

    def toggle_hidden(self) -> None:
        """Hides the selected entry from the export (it stays here, greyed), or shows it again."""
        row = self.entries.currentRow()
        items = self.items()
        if not 0 <= row < len(items) or not isinstance(items[row], dict):
            return
        hidden = is_hidden(items[row])
        self.session.set(
            (*self.path, row, "hidden"),
            None if hidden else True,
            merge=False,
            text=f"{'Show' if hidden else 'Hide'} {self.spec.noun}",
        )

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
        """Refills the entry list from the session; the selection follows the selected entry if it moved."""
        self._rebuilding = True
        items = self.items()
        row = follow(self._shown_items, items, self.entries.currentRow())
        self._shown_items = [copy.deepcopy(entry) for entry in items]
        self.entries.clear()
        for index, entry in enumerate(items):
            item = QListWidgetItem(entry_title(self.spec, entry, index))
            item.setData(Qt.ItemDataRole.UserRole, index)
            self.entries.addItem(item)
        self._rebuilding = False
        count = self.entries.count()
        self._shown_index = None
        self.entries.setCurrentRow(row if count else -1)
        if not count:
            self._show_entry(-1)
        self._mark_issues()
        for name in ("duplicate", "remove", "up", "down"):
            self.buttons[name].setEnabled(count > 0)
        self._update_hide_button()
        self._fit_list_height(count)

    def _update_hide_button(self) -> None:
        """The toggle says what it will do for the selected entry; a line entry (plain text) cannot be hidden."""
        row = self.entries.currentRow()
        items = self.items()
        entry = items[row] if 0 <= row < len(items) else None
        button = self.buttons["hide"]
        hidden = is_hidden(entry)
        button.setEnabled(isinstance(entry, dict))
        button.setChecked(hidden)
        button.setText("Show in export" if hidden else "Hide from export")
        button.setAccessibleName(button.text())

    def _fit_list_height(self, count: int) -> None:
        """As tall as its entries (two rows at least, five at most): the entry's form gets the rest."""
        row = self.entries.sizeHintForRow(0) if count else self.entries.fontMetrics().height() + 4
        frame = 2 * self.entries.frameWidth() + 4
        self.entries.setFixedHeight(frame + row * min(max(count, 2), 5))

    def _show_entry(self, row: int) -> None:
        if not self._rebuilding:
            self._update_hide_button()
        if self._rebuilding or row == self._shown_index:
            return
        self._shown_index = row
        form = QWidget(self.detail_holder)
        form.setObjectName("entryFields")
        layout = QFormLayout(form)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        if row < 0:
            layout.addRow(QLabel(f"No {self.spec.noun} yet. Use “Add”.", form))
        else:
            entry = self.items()[row] if row < len(self.items()) else {}
            if isinstance(entry, str):  # a line entry of a custom section: its text is the whole entry
                layout.addRow(FieldWidget(self.session, (*self.path, row), FieldSpec("line", "Line"), form))
            for field in self.spec.fields if isinstance(entry, dict) else ():
                layout.addRow(FieldWidget(self.session, (*self.path, row, field.key_in(entry)), field, form))
        old, self._form = self._form, form
        if old is not None:
            old.hide()
            self.detail_layout.removeWidget(old)
            old.deleteLater()
        self.detail_layout.addWidget(form)

    def _on_changed(self, changed: Any) -> None:
        changed_path = tuple(changed)
        if changed_path == self.path or (len(changed_path) < len(self.path) and is_affected(changed_path, self.path)):
            self.rebuild()
            row = self.entries.currentRow()
            self._shown_index = None
            self._show_entry(row)
        elif is_affected(changed_path, self.path) and len(changed_path) > len(self.path):
            index = changed_path[len(self.path)]
            if isinstance(index, int) and 0 <= index < self.entries.count():
                entry = self.items()[index]
                self._decorate(index, self._problem_rows())
                if index < len(self._shown_items):
                    self._shown_items[index] = copy.deepcopy(entry)
                if index == self.entries.currentRow():
                    self._update_hide_button()

    def _on_issues(self, _issues: object) -> None:
        self._mark_issues()

    def _problem_rows(self) -> set[str]:
        prefix = ".".join(str(part) for part in self.path) + "."
        return {
            issue.path[len(prefix) :].split(".")[0] for issue in self.session.issues if issue.path.startswith(prefix)
        }

    def _mark_issues(self) -> None:
        bad = self._problem_rows()
        for row in range(self.entries.count()):
            self._decorate(row, bad)

    def _decorate(self, row: int, bad: set[str]) -> None:
        """An entry's line in the list: its title, ⚠ when it has a problem, grey italic "(hidden)" when hidden."""
        items = self.items()
        if not 0 <= row < min(len(items), self.entries.count()):
            return
        item = self.entries.item(row)
        entry = items[row]
        text = entry_title(self.spec, entry, row)
        hidden = is_hidden(entry)
        if hidden:
            text = f"{text} (hidden)"
        item.setText(f"⚠ {text}" if str(row) in bad else text)
        font = item.font()
        font.setItalic(hidden)
        item.setFont(font)
        if hidden:
            item.setForeground(self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        else:
            item.setData(Qt.ItemDataRole.ForegroundRole, None)
        tips = []
        if str(row) in bad:
            tips.append("This entry has a problem; select it to see which field.")
        if hidden:
            tips.append("Hidden: kept here, left out of the export.")
        item.setToolTip(" ".join(tips))
