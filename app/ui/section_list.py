"""The editor's list of sections: the resume's own structure, which the user orders, renames, hides and extends.

"Basics" stays on top and "Design" at the bottom; between them every section of the resume in the order the
export shows them (``section_order.editor_sections``), under the heading it prints with. The user drags a section
or moves it with Alt+Shift+Up/Down, and renames, hides, removes, starts on a new page, puts in a column (two-column
templates) or adds sections from the buttons under the list, its context menu or the keyboard. Every change is
written as the complete ``meta.sections`` list through the session: one undo step, previewed at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPoint,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QListView,
    QMenu,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.model.sections import SectionSetting
from app.ui.icons import icon
from app.ui.section_model import SectionListModel
from app.ui.section_order import (
    SectionRow,
    changed_setting,
    editor_sections,
    resume_template,
    with_custom_section,
    with_settings,
    without_section,
)
from app.ui.session import DocumentSession

MOVE_UP_KEYS = "Alt+Shift+Up"
MOVE_DOWN_KEYS = "Alt+Shift+Down"


def _ask_text(parent: QWidget, title: str, label: str, text: str) -> str | None:
    value, accepted = QInputDialog.getText(parent, title, label, text=text)
    return value if accepted else None


def _confirm(parent: QWidget, title: str, text: str) -> bool:
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel
    answer = QMessageBox.question(parent, title, text, buttons, QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Yes


class SectionListPane(QWidget):
    """The section list with its buttons, context menu and shortcuts; edits go through the session."""

    currentKeyChanged = Signal(str)  # noqa: N815 - Qt naming  #: the page to show
    rowsChanged = Signal(list)  # noqa: N815  #: list[SectionRow]: the resume's sections changed (added, renamed...)

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        #: Asks for a text (dialog title, label, initial text) → the text, ``None`` when cancelled. Tests set it.
        self.ask_text: Callable[[str, str, str], str | None] = lambda *args: _ask_text(self, *args)
        #: Asks a yes/no question (title, text) → yes. Tests set it.
        self.confirm: Callable[[str, str], bool] = lambda *args: _confirm(self, *args)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.model = SectionListModel(self)
        self.model.set_rows(editor_sections(session.data))
        self.view = QListView(self)
        self.view.setObjectName("navigator")
        self.view.setAccessibleName("Sections")
        self.view.setAccessibleDescription("Drag a section, or press Alt+Shift+Up or Down, to move it")
        self.view.setModel(self.model)
        self.view.setIconSize(QSize(18, 18))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDragDropOverwriteMode(False)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setSpacing(1)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        layout.addWidget(self.view, 1)
        self._build_actions()
        layout.addLayout(self._buttons())
        self.setFixedWidth(max(self.view.sizeHintForColumn(0) + 40, 200))
        self.model.orderChanged.connect(self._write_order)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.setCurrentIndex(self.model.index(0))
        session.changed.connect(self._on_changed)

    # -- building --------------------------------------------------------------------------------------------

    def _action(self, text: str, glyph: str | None, keys: str | None, slot: Callable[[], object]) -> QAction:
        act = QAction(text, self)
        if glyph:
            act.setIcon(icon(glyph))
        if keys:
            act.setShortcut(QKeySequence(keys))
            act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the list's keys, not the window's
        act.triggered.connect(lambda _checked=False: slot())
        self.view.addAction(act)
        return act

    def _build_actions(self) -> None:
        self.add_action = self._action("&Add Section…", "plus", None, self.add_section)
        self.up_action = self._action("Move &Up", "arrow-up", MOVE_UP_KEYS, lambda: self.move_by(-1))
        self.down_action = self._action("Move &Down", "arrow-down", MOVE_DOWN_KEYS, lambda: self.move_by(1))
        self.rename_action = self._action("&Rename…", "pencil", "F2", self.rename)
        self.hide_action = self._action("&Hide from Export", None, None, self.toggle_hidden)
        self.hide_action.setCheckable(True)
        self.break_action = self._action("Start on a &New Page", None, None, self.toggle_break_before)
        self.break_action.setCheckable(True)
        self.remove_action = self._action("Re&move Section…", "trash-2", "Del", self.remove)
        self.column_menu = QMenu("&Column", self)
        self.column_group = QActionGroup(self)
        self.column_actions: dict[str, QAction] = {}
        for column, text in (("main", "&Main"), ("side", "&Sidebar")):
            act = self.column_menu.addAction(text)
            act.setCheckable(True)
            act.triggered.connect(lambda _checked=False, c=column: self.set_column(c))
            self.column_group.addAction(act)
            self.column_actions[column] = act
        self.more_menu = QMenu(self)
        self._fill_menu(self.more_menu, with_add=False)

    def _fill_menu(self, menu: QMenu, *, with_add: bool) -> None:
        menu.addActions([self.up_action, self.down_action])
        menu.addSeparator()
        menu.addActions([self.rename_action, self.hide_action, self.break_action])
        menu.addMenu(self.column_menu)
        menu.addSeparator()
        menu.addAction(self.remove_action)
        if with_add:
            menu.addSeparator()
            menu.addAction(self.add_action)

    def _buttons(self) -> QVBoxLayout:
        rows = QVBoxLayout()
        rows.setSpacing(2)
        tools = QHBoxLayout()
        tools.setSpacing(2)
        self.buttons: dict[str, QToolButton] = {}
        for name, act, tip in (
            ("up", self.up_action, f"Move the section up ({MOVE_UP_KEYS}, or drag it)"),
            ("down", self.down_action, f"Move the section down ({MOVE_DOWN_KEYS}, or drag it)"),
            ("rename", self.rename_action, "Rename the section (F2)"),
            ("remove", self.remove_action, "Remove the section and its entries (Del)"),
        ):
            button = self._tool_button(name, tip)
            button.setDefaultAction(act)
            button.setToolTip(tip)
            tools.addWidget(button)
        more = self._tool_button("more", "More: hide, start on a new page, column")
        more.setText("More")
        more.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        more.setMenu(self.more_menu)
        more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        tools.addWidget(more)
        tools.addStretch(1)
        rows.addLayout(tools)
        add = self._tool_button("addSection", "Add a section of your own")
        add.setDefaultAction(self.add_action)
        add.setText("Add section…")
        add.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        rows.addWidget(add)
        return rows

    def _tool_button(self, name: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setAutoRaise(True)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (", maxsplit=1)[0])
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.buttons[name] = button
        return button

    def _context_menu(self, point: QPoint) -> None:
        index = self.view.indexAt(point)
        if index.isValid():
            self.view.setCurrentIndex(index)
        menu = QMenu(self)
        self._fill_menu(menu, with_add=True)
        menu.exec(self.view.viewport().mapToGlobal(point))

    # -- reading ---------------------------------------------------------------------------------------------

    def current_key(self) -> str:
        """The key of the selected page (``basics``, ``design`` or a section)."""
        row = self.view.currentIndex().row()
        return self.model.keys[row] if 0 <= row < len(self.model.keys) else "basics"

    def current_section(self) -> SectionRow | None:
        """The selected section, ``None`` when Basics or Design is selected."""
        return self.model.section(self.current_key())

    def select(self, key: str) -> None:
        """Selects a page by key (nothing happens for an unknown key)."""
        row = self.model.row_of(key)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row))

    # -- editing ---------------------------------------------------------------------------------------------

    def move_by(self, step: int) -> None:
        """Moves the selected section one place up (-1) or down (1)."""
        row = self.view.currentIndex().row()
        if self.current_section() is not None:
            self.model.moveRows(QModelIndex(), row, 1, QModelIndex(), row + step if step < 0 else row + step + 1)

    def rename(self) -> None:
        """Asks for the selected section's title; an empty title gives it back its default heading."""
        section = self.current_section()
        if section is None:
            return
        text = self.ask_text("Rename Section", f"Title (leave empty for “{section.default_title}”):", section.title)
        if text is not None:
            self.rename_section(section.key, text)

    def rename_section(self, key: str, title: str) -> None:
        """Sets a section's printed title; empty (or the default heading) resets it."""
        section = self.model.section(key)
        if section is None:
            return
        title = " ".join(title.split())
        stored = title if title and title != section.default_title else None
        self._write(changed_setting(self.model.rows, key, title=stored), f"Rename section “{section.title}”")

    def toggle_hidden(self) -> None:
        """Hides the selected section from the export (it stays in the resume and here), or shows it again."""
        section = self.current_section()
        if section is not None:
            self.set_hidden(section.key, not section.setting.hidden)

    def set_hidden(self, key: str, hidden: bool) -> None:
        """Hides or shows a section in the export."""
        section = self.model.section(key)
        if section is not None:
            text = f"{'Hide' if hidden else 'Show'} section “{section.title}”"
            self._write(changed_setting(self.model.rows, key, hidden=hidden), text)

    def toggle_break_before(self) -> None:
        """Starts the selected section on a new page, or lets it follow on."""
        section = self.current_section()
        if section is not None:
            self.set_break_before(section.key, not section.setting.break_before)

    def set_break_before(self, key: str, on: bool) -> None:
        """Whether a section starts on a new page."""
        section = self.model.section(key)
        if section is not None:
            text = f"{'Start' if on else 'Do not start'} “{section.title}” on a new page"
            self._write(changed_setting(self.model.rows, key, break_before=on), text)

    def set_column(self, column: str) -> None:
        """Puts the selected section in the main column or the sidebar (two-column templates)."""
        section = self.current_section()
        if section is not None:
            where = "the sidebar" if column == "side" else "the main column"
            self._write(
                changed_setting(self.model.rows, section.key, column=column), f"Move “{section.title}” to {where}"
            )

    def remove(self) -> None:
        """Removes the selected section with its entries (asks first when it has some); undo brings it back."""
        section = self.current_section()
        if section is None:
            return
        if section.entries:
            what = f"{section.entries} entr{'ies' if section.entries != 1 else 'y'}"
            question = f"Remove “{section.title}” and its {what}? Undo brings them back."
            if not self.confirm("Remove Section", question):
                return
        self.remove_section(section.key)

    def remove_section(self, key: str) -> None:
        """Removes a section's entries and its setting as one undo step (a custom section leaves the list)."""
        section = self.model.section(key)
        if section is None:
            return
        row = self.model.row_of(key)
        self.session.replace_all(without_section(self.session.data, self.model.rows, key), f"Remove “{section.title}”")
        if self.model.row_of(key) < 0:
            self.view.setCurrentIndex(self.model.index(min(row, len(self.model.keys) - 2)))

    def add_section(self) -> None:
        """Asks for a title and adds a section of the user's own, then opens it."""
        title = self.ask_text("Add Section", "Title of the new section (e.g. Talks, Patents, Side projects):", "")
        if title is not None and title.strip():
            self.add_custom_section(title)

    def add_custom_section(self, title: str) -> str:
        """Adds a custom section titled ``title`` with one empty entry, selects it, and returns its key."""
        title = " ".join(title.split())
        data, key = with_custom_section(self.session.data, self.model.rows, title)
        self.session.replace_all(data, f"Add section “{title}”")
        self.select(key)
        return key

    def _write(self, settings: list[SectionSetting], text: str) -> None:
        self.session.set(("meta", "sections"), with_settings(self.session.data, settings)["meta"]["sections"],
                         merge=False, text=text)  # fmt: skip

    def _write_order(self) -> None:
        key = self.current_key()
        section = self.model.section(key)
        text = f"Move section “{section.title}”" if section is not None else "Move section"
        self._write([row.setting for row in self.model.rows], text)

    # -- following the session -------------------------------------------------------------------------------

    def _on_changed(self, changed: Any) -> None:
        path = tuple(changed)
        if len(path) > 1 and path[0] != "meta":
            return  # an entry's field: the sections stay as they are
        key = self.current_key()
        self.model.set_rows(editor_sections(self.session.data))
        if self.current_key() != key or not self.view.currentIndex().isValid():
            row = self.model.row_of(key)
            self.view.setCurrentIndex(self.model.index(row if row >= 0 else 0))
        self.rowsChanged.emit(self.model.rows)
        self._update_actions()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_actions()
        if current.isValid():
            self.currentKeyChanged.emit(self.model.keys[current.row()])

    def _update_actions(self) -> None:
        section = self.current_section()
        row = self.view.currentIndex().row()
        for act in (self.rename_action, self.hide_action, self.break_action, self.remove_action):
            act.setEnabled(section is not None)
        self.up_action.setEnabled(section is not None and row > 1)
        self.down_action.setEnabled(section is not None and row < len(self.model.keys) - 2)
        self.hide_action.setChecked(section is not None and section.setting.hidden)
        self.hide_action.setText(
            "Show in Export" if section is not None and section.setting.hidden else "&Hide from Export"
        )
        self.break_action.setChecked(section is not None and section.setting.break_before)
        two_columns = resume_template(self.session.data).has_sidebar
        self.column_menu.setEnabled(section is not None and two_columns)
        self.column_menu.setToolTip("" if two_columns else "Only two-column templates (Modern) have a sidebar")
        for column, act in self.column_actions.items():
            act.setChecked(section is not None and section.column == column)
