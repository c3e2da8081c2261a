"""The export options form shared by the export and batch dialogs: template, paper, quality, margins, fit."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel, QSpinBox, QWidget

from app.render.options import MAX_FIT_PAGES, MAX_MARGIN_MM, ExportOptions, PageSize, Quality
from app.render.templates import DEFAULT_TEMPLATE_ID, template_registry

QUALITY_TEXT = {
    Quality.DRAFT: "Draft: photo at 96 dpi. Smallest file; fine on screen.",
    Quality.NORMAL: "Normal: photo at 150 dpi. Sharp on screen and in most printers.",
    Quality.HIGH: "High: photo at up to 300 dpi. For professional printing.",
}


class ExportOptionsForm(QWidget):
    """Widgets for ``ExportOptions``; ``changed`` fires on any edit."""

    changed = Signal()
    templateChanged = Signal(str)  # noqa: N815 - Qt naming

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.template = QComboBox(self)
        self.template.setObjectName("template")
        for template in template_registry().values():
            self.template.addItem(template.manifest.name, template.id)
            self.template.setItemData(self.template.count() - 1, template.manifest.description, 3)  # tooltip role
        self.template.currentIndexChanged.connect(lambda _i: self.templateChanged.emit(self.template_id()))
        form.addRow("&Template", self.template)
        self.page_size = QComboBox(self)
        self.page_size.setObjectName("pageSize")
        for size in PageSize:
            self.page_size.addItem(size.label, size.value)
        form.addRow("&Page size", self.page_size)
        self.quality = QComboBox(self)
        self.quality.setObjectName("quality")
        for quality in Quality:
            self.quality.addItem(quality.value.capitalize(), quality.value)
        form.addRow("&Quality", self.quality)
        self.quality_note = QLabel(self)
        self.quality_note.setObjectName("qualityNote")
        self.quality_note.setWordWrap(True)
        form.addRow("", self.quality_note)
        self.margin = QDoubleSpinBox(self)
        self.margin.setObjectName("margin")
        self.margin.setRange(-1, MAX_MARGIN_MM)
        self.margin.setSpecialValueText("Template default")
        self.margin.setSuffix(" mm")
        self.margin.setDecimals(1)
        form.addRow("&Margins", self.margin)
        fit_row = QHBoxLayout()
        self.fit = QCheckBox("Fit to", self)
        self.fit.setObjectName("fit")
        self.fit_pages = QSpinBox(self)
        self.fit_pages.setObjectName("fitPages")
        self.fit_pages.setRange(1, MAX_FIT_PAGES)
        self.fit_pages.setSuffix(" page(s)")
        self.fit_pages.setEnabled(False)
        self.fit.toggled.connect(self.fit_pages.setEnabled)
        fit_row.addWidget(self.fit)
        fit_row.addWidget(self.fit_pages)
        fit_row.addStretch(1)
        form.addRow("Shrink", fit_row)
        for signal in (
            self.template.currentIndexChanged,
            self.page_size.currentIndexChanged,
            self.quality.currentIndexChanged,
            self.margin.valueChanged,
            self.fit.toggled,
            self.fit_pages.valueChanged,
        ):
            signal.connect(lambda *_args: self.changed.emit())

    def template_id(self) -> str:
        """The chosen template."""
        return str(self.template.currentData() or DEFAULT_TEMPLATE_ID)

    def set_options(self, options: ExportOptions) -> None:
        """Shows ``options``."""
        self.template.setCurrentIndex(max(0, self.template.findData(options.template or DEFAULT_TEMPLATE_ID)))
        self.page_size.setCurrentIndex(max(0, self.page_size.findData((options.page_size or PageSize.A4).value)))
        self.quality.setCurrentIndex(max(0, self.quality.findData(options.quality.value)))
        self.margin.setValue(options.margin_mm if options.margin_mm is not None else -1)
        self.fit.setChecked(options.fit_pages is not None)
        self.fit_pages.setValue(options.fit_pages or 1)

    def options(self) -> ExportOptions:
        """The options as chosen (always valid: every widget is range-limited)."""
        margin = self.margin.value()
        return ExportOptions(
            template=self.template_id(),
            page_size=PageSize(self.page_size.currentData()),
            quality=Quality(self.quality.currentData()),
            margin_mm=None if margin < 0 else margin,
            fit_pages=self.fit_pages.value() if self.fit.isChecked() else None,
        )
