"""The form editor: the section list, and one page per section of the resume, plus Basics and Design.

The section list (``section_list.SectionListPane``) is the resume's own structure: its sections in the order
they print, custom sections included, which the user reorders, renames, hides and adds to. The pages follow it:
a custom section gets a page when it appears (added, or brought back by undo) and loses it when it goes. Pages
scroll where their content does not fit, both ways, so nothing is cut off in a small window; list sections keep
their entry list on top and scroll the entry's form below it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import FieldIssue
from app.ui.design import DesignPanel
from app.ui.fields import FieldWidget
from app.ui.form_spec import BASICS_FIELDS, LOCATION_FIELDS, PROFILES, SECTIONS, SectionSpec, custom_section_spec
from app.ui.photo import PhotoField
from app.ui.section_list import SectionListPane
from app.ui.section_model import FIXED_TITLES
from app.ui.section_order import SectionRow
from app.ui.sections import ListSectionEditor
from app.ui.session import DocumentSession
from app.ui.theme import SPACING

FORM_MAX_WIDTH = 960  #: beyond this a line of text is too long to read; the form stays left, the rest is space
SPECS = {spec.key: spec for spec in SECTIONS}
CUSTOM_HINT = (
    "A section of your own: each entry has a title, subtitle, dates, place, link, summary and bullet points. "
    "Other fields an entry already has are kept."
)


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
        self.section_list = SectionListPane(session, self)
        self.sections = self.section_list.model
        self.navigator = self.section_list.view
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("pages")
        self.section_editors: dict[str, ListSectionEditor] = {}
        self.page_widgets: dict[str, QWidget] = {}
        self._page_titles: dict[str, QLabel] = {}
        self._sync_pages(self.sections.rows)
        self.section_list.currentKeyChanged.connect(self._show_page)
        self.section_list.rowsChanged.connect(self._sync_pages)
        layout.addWidget(self.section_list)
        layout.addWidget(self.pages, 1)
        self._show_page(self.section_list.current_key())
        session.issuesChanged.connect(self._mark_sections)
        self._mark_sections(session.issues)

    def _sync_pages(self, rows: list[SectionRow]) -> None:
        """A page for every page key (new custom sections get one, removed ones lose theirs); titles follow."""
        wanted = {"basics": None, **{row.key: row for row in rows}, "design": None}
        for key in [key for key in self.page_widgets if key not in wanted]:
            page = self.page_widgets.pop(key)
            self.section_editors.pop(key, None)
            self._page_titles.pop(key, None)
            self.pages.removeWidget(page)
            page.deleteLater()
        for key, row in wanted.items():
            if key not in self.page_widgets:
                page = self._page(key, row)
                self.page_widgets[key] = page
                self.pages.addWidget(page)
            title = self._page_titles.get(key)
            if title is not None and row is not None:
                text = f"{row.title} (hidden from the export)" if row.setting.hidden else row.title
                title.setText(text)
                title.setAccessibleName(f"{row.title} section")
                editor = self.section_editors.get(key)
                if editor is not None and row.custom:
                    editor.spec = custom_section_spec(key, row.title)

    def _page(self, key: str, row: SectionRow | None) -> QWidget:
        if row is not None:
            spec: SectionSpec = SPECS[key] if key in SPECS else custom_section_spec(key, row.title)
            page = QWidget(self)
            page.setObjectName(f"page:{key}")
            box = QVBoxLayout(page)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(self._title(key, row.title, page))
            if row.custom:
                hint = QLabel(CUSTOM_HINT, page)
                hint.setObjectName("hint")
                hint.setWordWrap(True)
                box.addWidget(hint)
            editor = ListSectionEditor(self.session, (key,), spec, page)
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
        box.addWidget(self._title(key, FIXED_TITLES[key], body))
        if key == "basics":
            form = QFormLayout()
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
            for field in BASICS_FIELDS:
                form.addRow(FieldWidget(self.session, ("basics", field.key), field, body))
            form.addRow(PhotoField(self.session, body))
            box.addLayout(form)
            location = QGroupBox("Location", body)
            location_form = QFormLayout(location)
            location_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
            for field in LOCATION_FIELDS:
                location_form.addRow(FieldWidget(self.session, ("basics", "location", field.key), field, location))
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

    def _title(self, key: str, text: str, parent: QWidget) -> QLabel:
        title = QLabel(text, parent)
        title.setObjectName("pageTitle")
        title.setAccessibleName(f"{text} section")
        self._page_titles[key] = title
        return title

    def show_section(self, key: str) -> None:
        """Brings a section's page to the front (also used to jump to a field with a problem)."""
        self.section_list.select(key)

    def section_text(self, key: str) -> str:
        """What the section list shows for a section (its title, hidden mark and problem count)."""
        return str(self.sections.index(self.sections.row_of(key)).data(Qt.ItemDataRole.DisplayRole))

    def design_panel(self) -> DesignPanel:
        """The design controls."""
        panel = self.findChild(DesignPanel)
        assert panel is not None
        return panel

    def _show_page(self, key: str) -> None:
        page = self.page_widgets.get(key)
        if page is not None and page is not self.pages.currentWidget():
            self.pages.setCurrentWidget(page)
            self.pageChanged.emit(key)

    def _mark_sections(self, issues: list[FieldIssue]) -> None:
        counts: dict[str, int] = {}
        for issue in issues:
            head = issue.path.split(".")[0] if issue.path else "basics"
            key = "design" if head == "meta" else head
            counts[key] = counts.get(key, 0) + 1
        self.sections.set_problems(counts)
