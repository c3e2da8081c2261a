"""The model behind the editor's section list: Basics, the resume's sections in order, Design.

Rows show the heading each section prints with, greyed and marked when hidden, with its icon and problem count.
``moveRows`` is how both a drag in the list and the keyboard move a section; the pane writes the new order to the
resume (``section_list.SectionListPane``). Basics and Design never move and nothing moves past them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

from app.ui.icons import icon
from app.ui.section_order import SectionRow

FIXED_TITLES = {"basics": "Basics", "design": "Design"}  #: the pages that are not sections of the resume
SECTION_ICONS = {
    "basics": "user",
    "work": "briefcase",
    "education": "graduation-cap",
    "projects": "rocket",
    "volunteer": "heart-handshake",
    "awards": "award",
    "certificates": "badge-check",
    "publications": "book-open",
    "skills": "wrench",
    "languages": "languages",
    "interests": "heart",
    "references": "quote",
    "design": "palette",
}
CUSTOM_ICON = "scan-text"
KEY_ROLE = Qt.ItemDataRole.UserRole


class SectionListModel(QAbstractListModel):
    """Basics, the resume's sections in order, Design: title, icon, hidden mark, problem count; sections move."""

    orderChanged = Signal()  # noqa: N815 - Qt naming  #: the user moved a section (``rows`` has the new order)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[SectionRow] = []
        self.keys: list[str] = ["basics", "design"]
        self.problems: dict[str, int] = {}
        self._icons = {key: icon(name) for key, name in SECTION_ICONS.items()}
        self._custom_icon = icon(CUSTOM_ICON)

    def set_rows(self, rows: list[SectionRow]) -> None:
        """The resume's sections as they are now; a reset only when the list of keys changed."""
        keys = ["basics", *(row.key for row in rows), "design"]
        if keys == self.keys:
            if rows != self.rows:
                self.rows = rows
                self.dataChanged.emit(self.index(0), self.index(len(self.keys) - 1))
            return
        self.beginResetModel()
        self.rows, self.keys = rows, keys
        self.endResetModel()

    def section(self, key: str) -> SectionRow | None:
        """The section's row, ``None`` for Basics, Design or an unknown key."""
        return next((row for row in self.rows if row.key == key), None)

    def row_of(self, key: str) -> int:
        """Where ``key`` is in the list, -1 when absent."""
        return self.keys.index(key) if key in self.keys else -1

    def title(self, key: str) -> str:
        """The page's title: Basics, Design, or the section's heading."""
        row = self.section(key)
        return row.title if row is not None else FIXED_TITLES.get(key, key)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """One row per page."""
        return 0 if parent.isValid() else len(self.keys)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Title (hidden mark, problem count), icon, key, greyed italic when hidden, and a sentence for tooltips."""
        if not index.isValid() or not 0 <= index.row() < len(self.keys):
            return None
        key = self.keys[index.row()]
        row = self.section(key)
        hidden = row is not None and row.setting.hidden
        count = self.problems.get(key, 0)
        title = self.title(key)
        if role == Qt.ItemDataRole.DisplayRole:
            text = f"{title} (hidden)" if hidden else title
            return f"{text}  ⚠ {count}" if count else text
        if role == Qt.ItemDataRole.DecorationRole:
            return self._custom_icon if row is not None and row.custom else self._icons.get(key)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._describe(key, row, count)
        if role == Qt.ItemDataRole.FontRole and hidden:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and hidden:
            return QGuiApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == KEY_ROLE:
            return key
        return None

    @staticmethod
    def _describe(key: str, row: SectionRow | None, count: int) -> str:
        parts = [row.title if row is not None else FIXED_TITLES.get(key, key)]
        if row is not None:
            if row.custom:
                parts.append("a section of your own")
            if row.setting.hidden:
                parts.append("hidden from the export")
            if row.setting.break_before:
                parts.append("starts on a new page")
            if row.setting.column == "side":
                parts.append("in the sidebar")
        if count:
            parts.append(f"{count} problem{'s' if count != 1 else ''}")
        return parts[0] + (": " + "; ".join(parts[1:]) if len(parts) > 1 else "")

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        """Sections can be dragged; drops land between rows (never on one); Basics and Design stay put."""
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = super().flags(index)
        if self.keys[index.row()] not in FIXED_TITLES:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 - Qt override
        """Rows are moved, never copied."""
        return Qt.DropAction.MoveAction

    def moveRows(  # noqa: N802 - Qt override
        self,
        source_parent: QModelIndex | QPersistentModelIndex,
        source_row: int,
        count: int,
        destination_parent: QModelIndex | QPersistentModelIndex,
        destination_child: int,
    ) -> bool:
        """Moves one section to before row ``destination_child`` (what a drag does); keeps Basics and Design."""
        last = len(self.keys) - 1  # Design's row: the last place a section may go before
        if (
            count != 1
            or source_parent.isValid()
            or destination_parent.isValid()
            or not 1 <= source_row < last
            or not 1 <= destination_child <= last
            or destination_child in (source_row, source_row + 1)
        ):
            return False
        if not self.beginMoveRows(QModelIndex(), source_row, source_row, QModelIndex(), destination_child):
            return False
        target = destination_child - 1 if destination_child > source_row else destination_child
        row = self.rows.pop(source_row - 1)
        self.rows.insert(target - 1, row)
        self.keys = ["basics", *(item.key for item in self.rows), "design"]
        self.endMoveRows()
        self.orderChanged.emit()
        return True

    def set_problems(self, counts: dict[str, int]) -> None:
        """New problem counts per section key."""
        if counts != self.problems:
            self.problems = counts
            self.dataChanged.emit(self.index(0), self.index(len(self.keys) - 1))
