"""The export options form shared by the export and batch dialogs: format, template, paper, quality, margins, fit.

The format decides which of the others mean anything, and the rest are disabled (with a tooltip saying why):
paper and margins apply to PDF, Word and HTML (printed); the template's look to the same three; quality (the
photo's resolution) to PDF and HTML, which embed the photo; shrinking to a number of pages to PDF only.

In the batch dialog (``per_resume=True``) template, paper and margins start as "each resume's own": every
resume keeps the design stored in it (``meta.template``, ``meta.layout``) unless the user picks a value here.
The options it returns carry only what the user chose (``ExportOptions.model_fields_set``), so the export
layer can tell an override from a default.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.render.options import MAX_FIT_PAGES, MAX_MARGIN_MM, ExportFormat, ExportOptions, PageSize, Quality
from app.render.templates import DEFAULT_TEMPLATE_ID, template_registry
from app.ui.spin import DefaultableSpinBox

QUALITY_TEXT = {
    Quality.DRAFT: "Draft: photo at 96 dpi. Smallest file; fine on screen.",
    Quality.NORMAL: "Normal: photo at 150 dpi. Sharp on screen and in most printers.",
    Quality.HIGH: "High: photo at up to 300 dpi. For professional printing.",
}
OWN = "Each resume's own"
#: What each format is, shown under the format choice.
FORMAT_TEXT = {
    ExportFormat.PDF: "PDF in the template's design, fonts embedded; checked by an ATS reader after export.",
    ExportFormat.DOCX: "Word document in one column with the template's fonts, colours, paper and margins.",
    ExportFormat.MARKDOWN: "Markdown text (headings, lists, links) for a website or a README.",
    ExportFormat.TEXT: "Plain text, lines of at most 80 characters, to paste into a job portal's form.",
    ExportFormat.HTML: "One self-contained web page in the template's design; prints like the PDF.",
    ExportFormat.JSON: "The resume as JSON Resume 1.2.1 for other tools (entries you hid are left out).",
}


def uses_quality(export_format: ExportFormat) -> bool:
    """Whether the photo's resolution matters: the formats that embed the photo."""
    return export_format in {ExportFormat.PDF, ExportFormat.HTML}


class ExportOptionsForm(QWidget):
    """Widgets for ``ExportOptions``; ``changed`` fires on any edit."""

    changed = Signal()
    templateChanged = Signal(str)  # noqa: N815 - Qt naming
    formatChanged = Signal(object)  # noqa: N815  #: the ``ExportFormat`` chosen

    def __init__(self, parent: QWidget | None = None, *, per_resume: bool = False) -> None:
        super().__init__(parent)
        self.per_resume = per_resume
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.format = QComboBox(self)
        self.format.setObjectName("format")
        self.format.setAccessibleName("Format")
        for export_format in ExportFormat:
            self.format.addItem(export_format.label, export_format.value)
        self.format.currentIndexChanged.connect(self._format_changed)
        form.addRow("&Format", self.format)
        self.format_note = QLabel(FORMAT_TEXT[ExportFormat.PDF], self)
        self.format_note.setObjectName("formatNote")
        self.format_note.setWordWrap(True)
        form.addRow("", self.format_note)
        self.template = QComboBox(self)
        self.template.setObjectName("template")
        self.template.setAccessibleName("Template")
        if per_resume:
            self.template.addItem(OWN, None)
        for template in template_registry().values():
            self.template.addItem(template.manifest.name, template.id)
            self.template.setItemData(
                self.template.count() - 1, template.manifest.description, Qt.ItemDataRole.ToolTipRole
            )
        self.template.currentIndexChanged.connect(self._template_changed)
        form.addRow("&Template", self.template)
        self.page_size = QComboBox(self)
        self.page_size.setObjectName("pageSize")
        self.page_size.setAccessibleName("Page size")
        if per_resume:
            self.page_size.addItem(OWN, None)
        for size in PageSize:
            self.page_size.addItem(size.label, size.value)
        form.addRow("&Page size", self.page_size)
        self.quality = QComboBox(self)
        self.quality.setObjectName("quality")
        self.quality.setAccessibleName("Quality")
        for quality in Quality:
            self.quality.addItem(quality.value.capitalize(), quality.value)
        self.quality.setCurrentIndex(self.quality.findData(Quality.NORMAL.value))
        form.addRow("&Quality", self.quality)
        self.quality_note = QLabel(self)
        self.quality_note.setObjectName("qualityNote")
        self.quality_note.setWordWrap(True)
        form.addRow("", self.quality_note)
        margin_row = QHBoxLayout()
        self.margin = DefaultableSpinBox("mm", self)
        self.margin.setObjectName("margin")
        self.margin.setAccessibleName("Margins")
        self.margin.setRange(0, MAX_MARGIN_MM)
        self.margin.setDecimals(1)
        margin_row.addWidget(self.margin, 1)
        self.margin_reset = QPushButton("Default", self)
        self.margin_reset.setObjectName("marginDefault")
        self.margin_reset.setAccessibleName("Default margins")
        self.margin_reset.setToolTip("Each resume's own margins" if per_resume else "The template's own margins")
        self.margin_reset.clicked.connect(self.margin.reset)
        margin_row.addWidget(self.margin_reset)
        margin_label = QLabel("&Margins", self)
        margin_label.setBuddy(self.margin)
        form.addRow(margin_label, margin_row)
        fit_row = QHBoxLayout()
        self.fit = QCheckBox("Fit to", self)
        self.fit.setObjectName("fit")
        self.fit.setAccessibleName("Shrink to fit a number of pages")
        self.fit_pages = QSpinBox(self)
        self.fit_pages.setObjectName("fitPages")
        self.fit_pages.setAccessibleName("Pages to fit")
        self.fit_pages.setRange(1, MAX_FIT_PAGES)
        self.fit_pages.setSuffix(" page(s)")
        self.fit_pages.setEnabled(False)
        self.fit.toggled.connect(lambda checked: self.fit_pages.setEnabled(checked and self.fit.isEnabled()))
        fit_row.addWidget(self.fit)
        fit_row.addWidget(self.fit_pages)
        fit_row.addStretch(1)
        form.addRow("Shrink", fit_row)
        for signal in (
            self.page_size.currentIndexChanged,
            self.quality.currentIndexChanged,
            self.margin.chosen,
            self.fit.toggled,
            self.fit_pages.valueChanged,
        ):
            signal.connect(lambda *_args: self.changed.emit())
        self._update_margin_default()
        self._apply_format()

    def export_format(self) -> ExportFormat:
        """The chosen format."""
        return ExportFormat(self.format.currentData())

    def _format_changed(self, *_args: Any) -> None:
        self._apply_format()
        self.formatChanged.emit(self.export_format())
        self.changed.emit()

    def _apply_format(self) -> None:
        """Enables the options the chosen format uses; the others say why they are off."""
        chosen = self.export_format()
        self.format_note.setText(FORMAT_TEXT[chosen])
        unused = f"Does not apply to {chosen.label}."
        for widgets, used in (
            ((self.template,), chosen.uses_template),
            ((self.page_size, self.margin, self.margin_reset), chosen.uses_paper),
            ((self.quality,), uses_quality(chosen)),
            ((self.fit,), chosen is ExportFormat.PDF),
        ):
            for widget in widgets:
                widget.setEnabled(used)
                widget.setToolTip("" if used else unused)
        self.fit_pages.setEnabled(chosen is ExportFormat.PDF and self.fit.isChecked())
        self.quality_note.setVisible(uses_quality(chosen))

    def template_id(self) -> str | None:
        """The chosen template; ``None`` for each resume's own."""
        data = self.template.currentData()
        return str(data) if data else None

    def _template_changed(self, *_args: Any) -> None:
        self._update_margin_default()
        self.templateChanged.emit(self.template_id() or "")
        self.changed.emit()

    def _update_margin_default(self) -> None:
        template_id = self.template_id()
        if template_id is None:
            self.margin.set_template_value(0.0, OWN)
        else:
            self.margin.set_template_value(template_registry()[template_id].manifest.margin_mm)

    def set_options(self, options: ExportOptions) -> None:
        """Shows ``options`` (in the batch dialog, fields the options do not set show "each resume's own").

        The format changes only when the options name one: remembered per-template choices keep the format.
        """
        if "format" in options.model_fields_set:
            self.format.setCurrentIndex(max(0, self.format.findData(options.format.value)))
        explicit = options.model_fields_set if self.per_resume else {"template", "page_size", "margin_mm"}
        template = options.template or (None if self.per_resume else DEFAULT_TEMPLATE_ID)
        self.template.setCurrentIndex(max(0, self.template.findData(template if "template" in explicit else None)))
        chosen_page = options.page_size or (None if self.per_resume else PageSize.A4)
        page = chosen_page.value if "page_size" in explicit and chosen_page is not None else None
        self.page_size.setCurrentIndex(max(0, self.page_size.findData(page)))
        self.quality.setCurrentIndex(max(0, self.quality.findData(options.quality.value)))
        self._update_margin_default()
        self.margin.show_value(options.margin_mm if "margin_mm" in explicit else None)
        self.fit.setChecked(options.fit_pages is not None)
        self.fit_pages.setValue(options.fit_pages or 1)

    def options(self) -> ExportOptions:
        """The options as chosen (always valid: every widget is range-limited); only choices made are set."""
        chosen: dict[str, Any] = {"format": self.export_format(), "quality": Quality(self.quality.currentData())}
        template = self.template_id()
        if template is not None or not self.per_resume:
            chosen["template"] = template or DEFAULT_TEMPLATE_ID
        page = self.page_size.currentData()
        if page is not None:
            chosen["page_size"] = PageSize(page)
        margin = self.margin.value_or_none()
        if margin is not None or not self.per_resume:
            chosen["margin_mm"] = margin
        if self.fit.isChecked() and self.fit.isEnabled():
            chosen["fit_pages"] = self.fit_pages.value()
        return ExportOptions(**chosen)
