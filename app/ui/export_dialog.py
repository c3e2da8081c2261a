"""The export dialog (Ctrl+E): format, options, file name, destination, and the resume's problems before export.

The file name's extension follows the format chosen, and options the format does not use are disabled
(``ExportOptionsForm``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import FieldIssue
from app.export.naming import safe_stem
from app.export.storage import format_bytes
from app.library.template_settings import TemplateSettings
from app.render.images import photo_data_uri
from app.render.options import ExportFormat, ExportOptions, Quality
from app.ui.export_options import QUALITY_TEXT, ExportOptionsForm
from app.ui.field_names import describe_issue


@dataclass(frozen=True)
class ExportRequest:
    """What the user asked for: options, the file's name, and where a copy goes (``None``: history only)."""

    options: ExportOptions
    file_name: str
    copy_to: Path | None


def estimated_sizes(data: dict[str, Any], preview_pdf: bytes) -> dict[Quality, int]:
    """Expected file size per quality, from the preview's real PDF (normal quality) and the photo's size."""
    basics = data.get("basics")
    image = basics.get("image") if isinstance(basics, dict) else None
    photo = {quality: len(photo_data_uri(image, quality) or "") * 3 // 4 for quality in Quality}
    base = max(0, len(preview_pdf) - photo[Quality.NORMAL])
    return {quality: base + photo[quality] for quality in Quality}


class ExportDialog(QDialog):
    """Collects an ``ExportRequest``; lists validation problems and offers to jump to each."""

    jumpRequested = Signal(str)  # noqa: N815 - Qt naming  #: dotted field path

    def __init__(
        self,
        settings: TemplateSettings,
        *,
        data: dict[str, Any],
        title: str,
        issues: list[FieldIssue],
        notes: list[FieldIssue] | None = None,
        preview_pdf: bytes = b"",
        initial: ExportOptions,
        folder: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.setObjectName("exportDialog")
        self.setMinimumWidth(560)
        self.settings = settings
        self.sizes = estimated_sizes(data, preview_pdf)
        notes = notes or []
        layout = QVBoxLayout(self)

        if issues:
            self.problem_list = self._field_list(
                layout, f"{len(issues)} problem(s) to fix before exporting", "problems", issues, data=data
            )
        if notes:
            self.note_list = self._field_list(
                layout, f"{len(notes)} value(s) printed as written", "notes", notes, data=data, height=110
            )

        self.form = ExportOptionsForm(self)
        self.form.set_options(initial)
        self.form.templateChanged.connect(self._template_changed)
        self.form.changed.connect(self._update_notes)
        self.form.formatChanged.connect(self._format_changed)
        layout.addWidget(self.form)

        files = QGroupBox("File", self)
        file_form = QFormLayout(files)
        self.file_name = QLineEdit(f"{safe_stem(title)}.pdf", files)
        self.file_name.setObjectName("fileName")
        self.file_name.setAccessibleName("File name")
        file_form.addRow("File &name", self.file_name)
        self.keep_only = QRadioButton("Keep in the export history only (7 days)", files)
        self.keep_only.setObjectName("keepOnly")
        self.copy_radio = QRadioButton("Also save a copy to:", files)
        self.copy_radio.setObjectName("copyTo")
        group = QButtonGroup(self)
        group.addButton(self.keep_only)
        group.addButton(self.copy_radio)
        self.copy_radio.setChecked(True)
        folder_row = QHBoxLayout()
        self.folder = QLineEdit(str(folder), files)
        self.folder.setObjectName("folder")
        self.folder.setAccessibleName("Folder for the copy")
        browse = QPushButton("Browse…", files)
        browse.setAccessibleName("Choose the folder for the copy")
        browse.clicked.connect(self._browse)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        file_form.addRow(self.keep_only)
        file_form.addRow(self.copy_radio)
        file_form.addRow(folder_row)
        self.copy_radio.toggled.connect(self.folder.setEnabled)
        self.copy_radio.toggled.connect(browse.setEnabled)
        layout.addWidget(files)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("export")
        self.export_button.setEnabled(not issues)
        if issues:
            self.export_button.setToolTip("Fix the problems listed above first.")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._format_changed(self.form.export_format())

    def _field_list(
        self,
        layout: QVBoxLayout,
        title: str,
        name: str,
        issues: list[FieldIssue],
        *,
        data: dict[str, Any],
        height: int | None = None,
    ) -> QListWidget:
        """A group listing field problems or notes in the form's words; activating one goes to the field."""
        group = QGroupBox(title, self)
        group.setObjectName(name)
        box = QVBoxLayout(group)
        listing = QListWidget(group)
        listing.setObjectName(f"{name[:-1]}List" if name.endswith("s") else f"{name}List")
        listing.setAccessibleName(name.capitalize())
        listing.setWordWrap(True)
        listing.setTextElideMode(Qt.TextElideMode.ElideNone)
        listing.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if height is not None:
            listing.setMaximumHeight(height)
        for issue in issues:
            item = QListWidgetItem(describe_issue(issue, data))
            item.setData(Qt.ItemDataRole.UserRole, issue.path)
            item.setToolTip(str(issue))
            listing.addItem(item)
        listing.itemActivated.connect(self._jump)
        box.addWidget(listing)
        box.addWidget(QLabel("Double-click (or Enter) to go to the field.", group))
        layout.addWidget(group)
        return listing

    def request(self) -> ExportRequest:
        """What to export, once the dialog was accepted."""
        options = self.form.options()
        stem = safe_stem(_without_format_suffix(self.file_name.text().strip()))
        copy_to = Path(self.folder.text()).expanduser() if self.copy_radio.isChecked() else None
        return ExportRequest(options, f"{stem}{options.format.suffix}", copy_to)

    def _format_changed(self, export_format: ExportFormat) -> None:
        """The window title and the file name's extension follow the format."""
        self.setWindowTitle(f"Export {export_format.label}")
        name = self.file_name.text().strip()
        self.file_name.setText(f"{_without_format_suffix(name)}{export_format.suffix}")
        self._update_notes()

    def _template_changed(self, template_id: str) -> None:
        remembered = self.settings.load(template_id) if template_id else None
        if remembered is not None:
            self.form.set_options(remembered)

    def _update_notes(self) -> None:
        options = self.form.options()
        size = f" About {format_bytes(self.sizes[options.quality])}." if options.format is ExportFormat.PDF else ""
        self.form.quality_note.setText(f"{QUALITY_TEXT[options.quality]}{size}")

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Save a copy in", self.folder.text())
        if folder:
            self.folder.setText(folder)

    def _jump(self, item: QListWidgetItem) -> None:
        self.jumpRequested.emit(str(item.data(Qt.ItemDataRole.UserRole)))
        self.reject()

    def _accept(self) -> None:
        request = self.request()
        if request.copy_to is not None:
            if not request.copy_to.is_dir():
                QMessageBox.warning(self, "No such folder", f"{request.copy_to} is not a folder.")
                return
            target = request.copy_to / request.file_name
            if target.exists():
                answer = QMessageBox.question(self, "Replace file?", f"{target} exists. Replace it?")
                if answer != QMessageBox.StandardButton.Yes:
                    return
        if request.options.format.uses_template:
            self.settings.save(request.options)
        self.accept()


def _without_format_suffix(name: str) -> str:
    """A file name without the extension of any export format (``cv.pdf`` → ``cv``; ``cv.v2`` stays)."""
    return name[: -len(Path(name).suffix)] if ExportFormat.for_path(name) is not None else name
