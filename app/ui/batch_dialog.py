"""Batch export: pick resumes from the library, choose options and a ZIP, watch each item, read the summary."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.export.models import Job, JobStatus
from app.export.naming import safe_stem
from app.library.documents import DocumentLibrary
from app.render.options import ExportOptions
from app.ui.export_options import ExportOptionsForm


class BatchDialog(QDialog):
    """Two pages: choose (documents, options, ZIP) and progress (items, overall, summary)."""

    startRequested = Signal(list, object, object)  # noqa: N815 - Qt naming  #: document ids, options, zip path
    openDocumentRequested = Signal(int)  # noqa: N815  #: a failed item's document, to fix it

    def __init__(self, library: DocumentLibrary, initial: ExportOptions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Batch export to ZIP")
        self.setObjectName("batchDialog")
        self.resize(720, 640)
        self.library = library
        self.job_id: int | None = None
        self.document_ids: list[int] = []
        self.zip_path: Path | None = None
        layout = QVBoxLayout(self)
        self.pages = QStackedWidget(self)
        layout.addWidget(self.pages)
        self.pages.addWidget(self._choose_page(initial))
        self.pages.addWidget(self._progress_page())

    # -- page 1: choose ------------------------------------------------------------------------------------------

    def _choose_page(self, initial: ExportOptions) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        documents = QGroupBox("Resumes", page)
        box = QVBoxLayout(documents)
        self.filter = QLineEdit(documents)
        self.filter.setObjectName("filter")
        self.filter.setPlaceholderText("Filter by name…")
        self.filter.textChanged.connect(self._apply_filter)
        box.addWidget(self.filter)
        self.documents = QListWidget(documents)
        self.documents.setObjectName("documents")
        for document in self.library.list():
            item = QListWidgetItem(document.title)
            item.setData(Qt.ItemDataRole.UserRole, document.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.documents.addItem(item)
        self.documents.itemChanged.connect(lambda _item: self._update_start())
        box.addWidget(self.documents)
        row = QHBoxLayout()
        for name, text, state in (("all", "Select all", True), ("none", "Select none", False)):
            button = QPushButton(text, documents)
            button.setObjectName(name)
            button.clicked.connect(lambda _checked=False, s=state: self.check_all(s))
            row.addWidget(button)
        row.addStretch(1)
        self.count_label = QLabel(documents)
        row.addWidget(self.count_label)
        box.addLayout(row)
        layout.addWidget(documents, 1)
        self.form = ExportOptionsForm(page)
        self.form.set_options(initial)
        layout.addWidget(self.form)
        zip_row = QHBoxLayout()
        self.zip_edit = QLineEdit(str(Path.home() / "resumes.zip"), page)
        self.zip_edit.setObjectName("zipPath")
        browse = QPushButton("Browse…", page)
        browse.clicked.connect(self._browse)
        zip_row.addWidget(QLabel("ZIP file:", page))
        zip_row.addWidget(self.zip_edit, 1)
        zip_row.addWidget(browse)
        layout.addLayout(zip_row)
        self.error = QLabel(page)
        self.error.setStyleSheet("color: #b03a2e;")
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton("Close", page)
        cancel.clicked.connect(self.reject)
        self.start_button = QPushButton("Export", page)
        self.start_button.setObjectName("start")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        buttons.addWidget(cancel)
        buttons.addWidget(self.start_button)
        layout.addLayout(buttons)
        self._update_start()
        return page

    def check_all(self, state: bool) -> None:
        """Checks or unchecks every visible document."""
        for row in range(self.documents.count()):
            item = self.documents.item(row)
            if not item.isHidden():
                item.setCheckState(Qt.CheckState.Checked if state else Qt.CheckState.Unchecked)

    def checked_ids(self) -> list[int]:
        """Ids of the checked documents, in list order."""
        return [
            int(self.documents.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.documents.count())
            if self.documents.item(row).checkState() == Qt.CheckState.Checked
        ]

    def start(self) -> None:
        """Validates the choice and asks the main window to queue the batch."""
        ids = self.checked_ids()
        path = Path(self.zip_edit.text()).expanduser()
        if not ids:
            self.error.setText("Choose at least one resume.")
            return
        if len(ids) > 100:
            self.error.setText(f"A batch may hold at most 100 resumes; {len(ids)} are checked.")
            return
        if not path.parent.is_dir():
            self.error.setText(f"The folder {path.parent} does not exist.")
            return
        if path.suffix.lower() != ".zip":
            path = path.with_suffix(".zip")
        self.document_ids, self.zip_path = ids, path
        self.items.setRowCount(len(ids))
        titles = {document.id: document.title for document in self.library.list()}
        for row, document_id in enumerate(ids):
            self.items.setItem(row, 0, QTableWidgetItem(titles.get(document_id, str(document_id))))
            self.items.setItem(row, 1, QTableWidgetItem("waiting"))
        self.pages.setCurrentIndex(1)
        self.startRequested.emit(ids, self.form.options(), path)

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for row in range(self.documents.count()):
            item = self.documents.item(row)
            item.setHidden(bool(needle) and needle not in item.text().lower())

    def _update_start(self) -> None:
        count = len(self.checked_ids())
        self.count_label.setText(f"{count} selected")
        self.start_button.setEnabled(count > 0)

    def _browse(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self, "Save ZIP as", self.zip_edit.text(), "ZIP (*.zip)")
        if name:
            self.zip_edit.setText(name)

    # -- page 2: progress and summary ----------------------------------------------------------------------------

    def _progress_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.overall = QProgressBar(page)
        self.overall.setObjectName("overall")
        self.overall.setRange(0, 100)
        layout.addWidget(self.overall)
        self.items = QTableWidget(0, 3, page)
        self.items.setObjectName("items")
        self.items.setHorizontalHeaderLabels(("Resume", "Status", ""))
        self.items.horizontalHeader().setStretchLastSection(False)
        header = self.items.horizontalHeader()
        header.setSectionResizeMode(0, header.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, header.ResizeMode.Stretch)
        header.setSectionResizeMode(2, header.ResizeMode.ResizeToContents)
        self.items.verticalHeader().hide()
        self.items.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.items, 1)
        self.summary = QLabel("Exporting…", page)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.show_zip = QPushButton("Show ZIP", page)
        self.show_zip.setObjectName("showZip")
        self.show_zip.setEnabled(False)
        self.show_zip.clicked.connect(self._show_zip)
        close = QPushButton("Close", page)
        close.clicked.connect(self.accept)
        buttons.addWidget(self.show_zip)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        return page

    def track(self, job_id: int) -> None:
        """Follows this job from now on."""
        self.job_id = job_id

    def item_done(self, job_id: int, index: int, _input: str, status: str, error: str) -> None:
        """One resume finished (exported or failed)."""
        if job_id != self.job_id or not 0 <= index < self.items.rowCount():
            return
        text = "exported" if status == "completed" else f"failed: {error}"
        item = QTableWidgetItem(text)
        item.setToolTip(text)
        if status != "completed":
            item.setForeground(Qt.GlobalColor.darkRed)
            button = QPushButton("Open in editor", self.items)
            button.setObjectName(f"open-{index}")
            document_id = self.document_ids[index]
            button.clicked.connect(lambda _checked=False, d=document_id: self._open_document(d))
            self.items.setCellWidget(index, 2, button)
        self.items.setItem(index, 1, item)

    def progress(self, job_id: int, percent: int) -> None:
        """Overall progress."""
        if job_id == self.job_id:
            self.overall.setValue(percent)

    def job_updated(self, job: Job, copied_to: Path | None) -> None:
        """The job ended: the summary, and the ZIP's place."""
        if job.id != self.job_id or not job.final:
            if job.id == self.job_id and job.status is JobStatus.PENDING and job.error:
                self.summary.setText(f"Waiting to retry: {job.error}")
            return
        statuses = [self.items.item(row, 1) for row in range(self.items.rowCount())]
        failed = sum(1 for cell in statuses if cell is not None and cell.text().startswith("failed"))
        if job.status is JobStatus.COMPLETED:
            exported = len(self.document_ids) - failed
            where = f" Saved to {copied_to}." if copied_to else ""
            self.summary.setText(f"{exported} exported, {failed} failed.{where}")
            self.show_zip.setEnabled(copied_to is not None)
            self.overall.setValue(100)
        else:
            self.summary.setText(f"The batch {job.status.value}: {job.error or ''}")

    def _show_zip(self) -> None:
        if self.zip_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.zip_path.parent)))

    def _open_document(self, document_id: int) -> None:
        self.openDocumentRequested.emit(document_id)
        self.accept()


def default_zip_name(titles: list[str]) -> str:
    """A ZIP name for a selection: the one title, or "resumes"."""
    return f"{safe_stem(titles[0])}.zip" if len(titles) == 1 else "resumes.zip"
