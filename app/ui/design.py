"""Design controls: template, language, page size, margins, accent colour, fonts, text size and line spacing.

Choices are stored in the resume itself (``meta.template``, ``meta.locale`` for the language of headings and
dates, ``meta.design`` for tokens, ``meta.layout`` for paper and margins), so a document keeps its look when
the file is opened elsewhere, and every choice is an undoable edit like any other.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from app.render.fonts import font_families
from app.render.locales import resolve_locale, supported_locales
from app.render.templates import DEFAULT_TEMPLATE_ID, template_registry
from app.ui.fields import is_affected
from app.ui.session import DocumentSession
from app.ui.spin import DefaultableSpinBox

THUMBNAIL_SIZE = QSize(96, 136)


class DesignPanel(QWidget):
    """The controls; each writes one path under ``meta`` through the session."""

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("design")
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setContentsMargins(0, 0, 0, 0)

        self.templates = QListWidget(self)
        self.templates.setObjectName("templates")
        self.templates.setAccessibleName("Template")
        self.templates.setViewMode(QListView.ViewMode.IconMode)
        self.templates.setIconSize(THUMBNAIL_SIZE)
        self.templates.setMovement(QListView.Movement.Static)
        self.templates.setResizeMode(QListView.ResizeMode.Adjust)
        self.templates.setWrapping(True)
        self.templates.setTabKeyNavigation(False)
        self.templates.setMinimumHeight(THUMBNAIL_SIZE.height() * 2 + 70)
        for template in template_registry().values():
            item = QListWidgetItem(template.manifest.name)
            item.setData(Qt.ItemDataRole.UserRole, template.id)
            item.setToolTip(template.manifest.description)
            item.setSizeHint(QSize(THUMBNAIL_SIZE.width() + 24, THUMBNAIL_SIZE.height() + 30))
            self.templates.addItem(item)
        self.templates.currentItemChanged.connect(self._template_chosen)
        form.addRow("Template", self.templates)

        self.language = QComboBox(self)
        self.language.setObjectName("language")
        self.language.setAccessibleName("Language of headings and dates")
        self.language.setToolTip(
            "The language of section headings, month names and “present”; Arabic, Hebrew, Persian and Urdu "
            "are typeset right to left."
        )
        for info in supported_locales():
            self.language.addItem(f"{info.native_name} — {info.tag}", info.tag)
            self.language.setItemData(self.language.count() - 1, info.english_name, Qt.ItemDataRole.ToolTipRole)
        self.language.activated.connect(self._language_chosen)
        form.addRow("Language", self.language)

        self.page_size = QComboBox(self)
        self.page_size.setAccessibleName("Page size")
        for value, label in (("a4", "A4"), ("letter", "Letter"), ("legal", "Legal")):
            self.page_size.addItem(label, value)
        self.page_size.activated.connect(
            lambda _i: self.session.set(
                ("meta", "layout", "pageSize"), self.page_size.currentData(), merge=False, text="Change page size"
            )
        )
        form.addRow("Page size", self.page_size)

        self.margin = self._spin(0, 50, 1, "mm", ("meta", "layout", "marginMm"), text="Change margins")
        form.addRow("Margins", self._with_reset(self.margin, "Margins"))

        accent_row = QHBoxLayout()
        self.accent = QPushButton(self)
        self.accent.setObjectName("accent")
        self.accent.setAccessibleName("Accent colour")
        self.accent.clicked.connect(self._choose_accent)
        reset = QPushButton("Default", self)
        reset.setAccessibleName("Default accent colour")
        reset.clicked.connect(lambda: self.session.set(("meta", "design", "accent"), None, merge=False))
        accent_row.addWidget(self.accent, 1)
        accent_row.addWidget(reset)
        form.addRow("Accent colour", accent_row)

        self.font_body = self._font_combo("fontBody", "Change body font", "Body font")
        form.addRow("Body font", self.font_body)
        self.font_heading = self._font_combo("fontHeading", "Change heading font", "Heading font")
        form.addRow("Heading font", self.font_heading)
        self.base_size = self._spin(6, 16, 0.5, "pt", ("meta", "design", "baseSize"), text="Change text size")
        form.addRow("Text size", self._with_reset(self.base_size, "Text size"))
        self.line_height = self._spin(1, 2.2, 0.05, "", ("meta", "design", "lineHeight"), text="Change line spacing")
        form.addRow("Line spacing", self._with_reset(self.line_height, "Line spacing"))
        hint = QLabel("Choices are saved in the resume and apply to every export of it.", self)
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        form.addRow(hint)
        self.refresh()
        session.changed.connect(self._on_changed)

    # -- building --------------------------------------------------------------------------------------------

    def _spin(
        self, low: float, high: float, step: float, unit: str, path: tuple[str, ...], *, text: str
    ) -> DefaultableSpinBox:
        spin = DefaultableSpinBox(unit, self)
        spin.setRange(low, high)
        spin.setSingleStep(step)
        spin.setDecimals(2 if step < 0.5 else 1)
        spin.chosen.connect(
            lambda value: (
                None
                if self._refreshing
                else self.session.set(path, None if value is None else _number_text(value), text=text)
            )
        )
        return spin

    def _with_reset(self, spin: DefaultableSpinBox, label: str) -> QHBoxLayout:
        spin.setAccessibleName(label)
        row = QHBoxLayout()
        row.addWidget(spin, 1)
        reset = QPushButton("Default", self)
        reset.setToolTip(f"{label}: use the template's own value")
        reset.setAccessibleName(f"Default {label.lower()}")
        reset.clicked.connect(spin.reset)
        row.addWidget(reset)
        return row

    def _font_combo(self, token: str, text: str, label: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(label)
        combo.addItem("Template default", None)
        for family in font_families().values():
            combo.addItem(family.family, family.id)
        combo.activated.connect(
            lambda _i: self.session.set(("meta", "design", token), combo.currentData(), merge=False, text=text)
        )
        return combo

    _refreshing = False

    # -- behaviour -------------------------------------------------------------------------------------------

    def set_thumbnail(self, template_id: str, icon: QIcon) -> None:
        """Shows a rendered first page for a template (made in the background by the main window)."""
        for row in range(self.templates.count()):
            item = self.templates.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == template_id:
                item.setIcon(icon)

    def current_template(self) -> str:
        """The template the document uses."""
        wanted = self.session.get(("meta", "template"))
        return wanted if isinstance(wanted, str) and wanted in template_registry() else DEFAULT_TEMPLATE_ID

    def refresh(self) -> None:
        """Shows the document's current design choices."""
        self._refreshing = True
        try:
            template_id = self.current_template()
            for row in range(self.templates.count()):
                if self.templates.item(row).data(Qt.ItemDataRole.UserRole) == template_id:
                    self.templates.setCurrentRow(row)
            defaults = template_registry()[template_id].manifest
            self._show_language()
            page = self.session.get(("meta", "layout", "pageSize"), "a4")
            self.page_size.setCurrentIndex(max(0, self.page_size.findData(str(page).lower())))
            self.margin.set_template_value(defaults.margin_mm)
            self.base_size.set_template_value(_number(defaults.tokens.get("baseSize")) or 10.0)
            self.line_height.set_template_value(_number(defaults.tokens.get("lineHeight")) or 1.3)
            self.margin.show_value(_number(self.session.get(("meta", "layout", "marginMm"))))
            self.base_size.show_value(_number(self.session.get(("meta", "design", "baseSize"))))
            self.line_height.show_value(_number(self.session.get(("meta", "design", "lineHeight"))))
            for combo, token in ((self.font_body, "fontBody"), (self.font_heading, "fontHeading")):
                chosen = self.session.get(("meta", "design", token))
                combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
            accent = self.session.get(("meta", "design", "accent")) or defaults.tokens.get("accent", "#000000")
            self.accent.setText(str(accent))
            colour = QColor(str(accent))
            text_colour = "#ffffff" if colour.isValid() and colour.lightness() < 140 else "#000000"
            self.accent.setStyleSheet(f"background: {colour.name()}; color: {text_colour};" if colour.isValid() else "")
        finally:
            self._refreshing = False

    def _template_chosen(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if self._refreshing or current is None:
            return
        self.session.set(
            ("meta", "template"), current.data(Qt.ItemDataRole.UserRole), merge=False, text="Change template"
        )

    def _show_language(self) -> None:
        """Selects the document's language; a value we do not have is shown as such (English is used for it)."""
        stored = self.session.get(("meta", "locale"))
        unknown = self.language.findData("unknown")
        if unknown >= 0:
            self.language.removeItem(unknown)
        if stored is not None and resolve_locale(str(stored)) is None:
            self.language.addItem(f"{stored} (not available; English is used)", "unknown")
            self.language.setCurrentIndex(self.language.count() - 1)
            return
        tag = resolve_locale(str(stored)) if stored is not None else None
        self.language.setCurrentIndex(max(0, self.language.findData(tag or "en")))

    def _language_chosen(self, _index: int) -> None:
        tag = self.language.currentData()
        if self._refreshing or tag == "unknown":
            return
        name = self.language.currentText().split(" — ")[0]
        self.session.set(("meta", "locale"), tag, merge=False, text=f"Change language to {name}")

    def _choose_accent(self) -> None:
        current = QColor(self.accent.text())
        colour = QColorDialog.getColor(current, self, "Accent colour")
        if colour.isValid():
            self.session.set(("meta", "design", "accent"), colour.name(), merge=False, text="Change accent colour")

    def _on_changed(self, changed: Any) -> None:
        if is_affected(tuple(changed), ("meta",)):
            self.refresh()


def _number(value: Any) -> float | None:
    """A stored number ("9.3", "12mm", 10) as a float; ``None`` when unset or not a number."""
    if value is None:
        return None
    try:
        return float(str(value).strip().removesuffix("pt").removesuffix("mm"))
    except ValueError:
        return None


def _number_text(value: float) -> str:
    return f"{round(value, 2):g}"
