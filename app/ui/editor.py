"""The form editor: a section list and one page per JSON Resume section, plus the design page.

The section list is a model (``SectionListModel``) over the page keys, with an icon per section and the number
of problems in each, so it can grow into an editor of the resume's own sections (order, titles, custom ones)
without changing the view. Pages scroll where their content does not fit, both ways, so nothing is cut off in a
small window; list sections keep their entry list on top and scroll the entry's form below it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import FieldIssue
from app.ui.design import DesignPanel
from app.ui.fields import FieldWidget
from app.ui.form_spec import BASICS_FIELDS, LOCATION_FIELDS, PROFILES, SECTIONS
from app.ui.icons import icon
from app.ui.photo import PhotoField
from app.ui.sections import ListSectionEditor
from app.ui.session import DocumentSession
from app.ui.theme import SPACING

PAGE_KEYS = ["basics", *(spec.key for spec in SECTIONS), "design"]
PAGE_TITLES = {"basics": "Basics", "design": "Design", **{spec.key: spec.title for spec in SECTIONS}}
PAGE_ICONS = {
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
KEY_ROLE = Qt.ItemDataRole.UserRole
FORM_MAX_WIDTH = 960  #: beyond this a line of text is too long to read; the form stays left, the rest is space


class SectionListModel(QAbstractListModel):
    """The sections of the editor, in order: key, title, icon, and how many problems each has."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keys = list(PAGE_KEYS)
        self.problems: dict[str, int] = {}
        self._icons = {key: icon(name) for key, name in PAGE_ICONS.items()}

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """One row per section."""
        return 0 if parent.isValid() else len(self.keys)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Title (with a problem count), icon, key, and a sentence for screen readers and tooltips."""
        if not index.isValid():
            return None
        key = self.keys[index.row()]
        count = self.problems.get(key, 0)
        title = PAGE_TITLES[key]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{title}  ⚠ {count}" if count else title
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons.get(key)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{title}: {count} problem{'s' if count != 1 else ''}" if count else title
        if role == KEY_ROLE:
            return key
        return None

    def set_problems(self, counts: dict[str, int]) -> None:
        """New problem counts per section key."""
        if counts != self.problems:
            self.problems = counts
            self.dataChanged.emit(self.index(0), self.index(len(self.keys) - 1))


class EditorPanel(QWidget):
    """Section list on the left, the chosen section's form on the right."""

    pageChanged = Signal(str)  # noqa: N815 - Qt naming  #: key of the section now shown

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("editor")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        self.sections = SectionListModel(self)
        self.navigator = QListView(self)
        self.navigator.setObjectName("navigator")
        self.navigator.setAccessibleName("Sections")
        self.navigator.setModel(self.sections)
        self.navigator.setIconSize(QSize(18, 18))
        self.navigator.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.navigator.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.navigator.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.navigator.setSpacing(1)
        self.navigator.setFixedWidth(self.navigator.sizeHintForColumn(0) + 40)
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("pages")
        self.section_editors: dict[str, ListSectionEditor] = {}
        for key in PAGE_KEYS:
            self.pages.addWidget(self._page(key))
        self.navigator.selectionModel().currentRowChanged.connect(lambda current, _prev: self._show_page(current.row()))
        layout.addWidget(self.navigator)
        layout.addWidget(self.pages, 1)
        self.navigator.setCurrentIndex(self.sections.index(0))
        session.issuesChanged.connect(self._mark_sections)
        self._mark_sections(session.issues)

    def _page(self, key: str) -> QWidget:
        if key not in {"basics", "design"}:
            section = next(spec for spec in SECTIONS if spec.key == key)
            page = QWidget(self)
            page.setObjectName(f"page:{key}")
            box = QVBoxLayout(page)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(self._title(key, page))
            editor = ListSectionEditor(self.session, (key,), section, page)
            self.section_editors[key] = editor
            box.addWidget(editor, 1)
            return page
        scroll = QScrollArea(self)
        scroll.setObjectName(f"page:{key}")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body = QWidget()
        body.setMaximumWidth(FORM_MAX_WIDTH)
        box = QVBoxLayout(body)
        box.setContentsMargins(0, 0, SPACING, SPACING)
        box.setSpacing(SPACING)
        box.addWidget(self._title(key, body))
        if key == "basics":
            form = QFormLayout()
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
            for spec in BASICS_FIELDS:
                form.addRow(FieldWidget(self.session, ("basics", spec.key), spec, body))
            form.addRow(PhotoField(self.session, body))
            box.addLayout(form)
            location = QGroupBox("Location", body)
            location_form = QFormLayout(location)
            location_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
            for spec in LOCATION_FIELDS:
                location_form.addRow(FieldWidget(self.session, ("basics", "location", spec.key), spec, location))
            box.addWidget(location)
            profiles = QGroupBox("Profiles", body)
            profiles_layout = QVBoxLayout(profiles)
            editor = ListSectionEditor(self.session, ("basics", "profiles"), PROFILES, profiles, scrolls=False)
            self.section_editors["profiles"] = editor
            profiles_layout.addWidget(editor)
            box.addWidget(profiles)
        else:
            box.addWidget(DesignPanel(self.session, body))
        box.addStretch(1)
        scroll.setWidget(body)
        return scroll

    @staticmethod
    def _title(key: str, parent: QWidget) -> QLabel:
        title = QLabel(PAGE_TITLES[key], parent)
        title.setObjectName("pageTitle")
        title.setAccessibleName(f"{PAGE_TITLES[key]} section")
        return title

    def show_section(self, key: str) -> None:
        """Brings a section's page to the front (also used to jump to a field with a problem)."""
        if key in PAGE_KEYS:
            self.navigator.setCurrentIndex(self.sections.index(PAGE_KEYS.index(key)))

    def section_text(self, key: str) -> str:
        """What the section list shows for a section (its title and problem count)."""
        return str(self.sections.index(PAGE_KEYS.index(key)).data(Qt.ItemDataRole.DisplayRole))

    def design_panel(self) -> DesignPanel:
        """The design controls."""
        panel = self.findChild(DesignPanel)
        assert panel is not None
        return panel

    def _show_page(self, row: int) -> None:
        if 0 <= row < len(PAGE_KEYS):
            self.pages.setCurrentIndex(row)
            self.pageChanged.emit(PAGE_KEYS[row])

    def _mark_sections(self, issues: list[FieldIssue]) -> None:
        counts: dict[str, int] = {}
        for issue in issues:
            head = issue.path.split(".")[0] if issue.path else "basics"
            key = "design" if head == "meta" else head
            counts[key] = counts.get(key, 0) + 1
        self.sections.set_problems(counts)
