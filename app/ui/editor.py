"""The form editor: a section navigator and one page per JSON Resume section, plus the design page."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import FieldIssue
from app.ui.design import DesignPanel
from app.ui.fields import FieldWidget
from app.ui.form_spec import BASICS_FIELDS, LOCATION_FIELDS, PROFILES, SECTIONS
from app.ui.photo import PhotoField
from app.ui.sections import ListSectionEditor
from app.ui.session import DocumentSession

PAGE_KEYS = ["basics", *(spec.key for spec in SECTIONS), "design"]
PAGE_TITLES = {"basics": "Basics", "design": "Design", **{spec.key: spec.title for spec in SECTIONS}}


class EditorPanel(QWidget):
    """Navigator on the left, the chosen section's form on the right."""

    pageChanged = Signal(str)  # noqa: N815 - Qt naming  #: key of the section now shown

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.navigator = QListWidget(self)
        self.navigator.setObjectName("navigator")
        self.navigator.setAccessibleName("Sections")
        self.navigator.setFixedWidth(130)
        self.pages = QStackedWidget(self)
        self.section_editors: dict[str, ListSectionEditor] = {}
        for key in PAGE_KEYS:
            self.navigator.addItem(PAGE_TITLES[key])
            self.pages.addWidget(self._page(key))
        self.navigator.currentRowChanged.connect(self._show_page)
        layout.addWidget(self.navigator)
        layout.addWidget(self.pages, 1)
        self.navigator.setCurrentRow(0)
        session.issuesChanged.connect(self._mark_sections)
        self._mark_sections(session.issues)

    def _page(self, key: str) -> QWidget:
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setObjectName(f"page:{key}")
        body = QWidget()
        box = QVBoxLayout(body)
        title = QLabel(f"<h2>{PAGE_TITLES[key]}</h2>", body)
        box.addWidget(title)
        if key == "basics":
            form = QFormLayout()
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
            for spec in BASICS_FIELDS:
                form.addRow(FieldWidget(self.session, ("basics", spec.key), spec, body))
            form.addRow(PhotoField(self.session, body))
            box.addLayout(form)
            location = QGroupBox("Location", body)
            location_form = QFormLayout(location)
            for spec in LOCATION_FIELDS:
                location_form.addRow(FieldWidget(self.session, ("basics", "location", spec.key), spec, location))
            box.addWidget(location)
            profiles = QGroupBox("Profiles", body)
            profiles_layout = QVBoxLayout(profiles)
            editor = ListSectionEditor(self.session, ("basics", "profiles"), PROFILES, profiles)
            editor.setMinimumHeight(300)
            self.section_editors["profiles"] = editor
            profiles_layout.addWidget(editor)
            box.addWidget(profiles)
        elif key == "design":
            box.addWidget(DesignPanel(self.session, body))
        else:
            section = next(spec for spec in SECTIONS if spec.key == key)
            editor = ListSectionEditor(self.session, (key,), section, body)
            editor.setMinimumHeight(520)
            self.section_editors[key] = editor
            box.addWidget(editor, 1)
        box.addStretch(1)
        scroll.setWidget(body)
        return scroll

    def show_section(self, key: str) -> None:
        """Brings a section's page to the front (also used to jump to a field with a problem)."""
        if key in PAGE_KEYS:
            self.navigator.setCurrentRow(PAGE_KEYS.index(key))

    def design_panel(self) -> DesignPanel:
        """The design controls."""
        panel = self.findChild(DesignPanel)
        assert panel is not None
        return panel

    def _show_page(self, row: int) -> None:
        self.pages.setCurrentIndex(row)
        if 0 <= row < len(PAGE_KEYS):
            self.pageChanged.emit(PAGE_KEYS[row])

    def _mark_sections(self, issues: list[FieldIssue]) -> None:
        counts: dict[str, int] = {}
        for issue in issues:
            head = issue.path.split(".")[0] if issue.path else "basics"
            counts[head] = counts.get(head, 0) + 1
        for row, key in enumerate(PAGE_KEYS):
            item = self.navigator.item(row)
            count = counts.get(key, 0) + (counts.get("meta", 0) if key == "design" else 0)
            item.setText(f"{PAGE_TITLES[key]}  ⚠{count}" if count else PAGE_TITLES[key])
            item.setToolTip(f"{count} problem(s) in this section" if count else "")
