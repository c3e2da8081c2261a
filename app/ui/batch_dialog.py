"""Batch export: pick resumes from the library, choose options and a ZIP, watch each item, read the summary.

Every resume keeps its own design (template, paper, margins) unless the user picks one here for all. The ZIP
holds one file per resume in the format chosen (PDF, Word, Markdown, plain text, HTML or JSON). Resumes with
the same name are told apart by their file, or by when they were edited.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
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
from app.library.documents import Document, DocumentLibrary
from app.render.options import ExportFormat
from app.ui.export_options import ExportOptionsForm
from app.ui.library_panel import describe
from app.ui.queue_panel import describe_items


def picker_texts(documents: list[Document]) -> dict[int, str]:
    """Each document's line in the picker: its title, and for titles that repeat, what tells them apart.

    The file it came from (with its folder when the file names are the same too), else "library only", and
    when it was edited; the library number only when even those agree.
    """
    by_title: dict[str, list[Document]] = {}
    for document in documents:
        by_title.setdefault(document.title.casefold(), []).append(document)
    texts: dict[int, str] = {}
    for same in by_title.values():
        if len(same) == 1:
            texts[same[0].id] = same[0].title
            continue
        names = [Path(doc.source_path).name for doc in same if doc.source_path]
        for document in same:
            if document.source_path:
                path = Path(document.source_path)
                origin = f"{path.parent.name}/{path.name}" if names.count(path.name) > 1 else path.name
            else:
                origin = "library only"
            texts[document.id] = f"{document.title} — {origin}, {describe(document)}"
    repeated = {text for text in texts.values() if list(texts.values()).count(text) > 1}
    return {doc_id: f"{text} (#{doc_id})" if text in repeated else text for doc_id, text in texts.items()}


class BatchDialog(QDialog):
    """Two pages: choose (documents, options, ZIP) and progress (items, overall, summary)."""

    startRequested = Signal(list, object, object)  # noqa: N815 - Qt naming  #: document ids, options, zip path
    openDocumentRequested = Signal(int)  # noqa: N815  #: a failed item's document, to fix it

    def __init__(self, library: DocumentLibrary, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Batch export to ZIP")
        self.setObjectName("batchDialog")
        self.resize(720, 640)
        self.library = library
        self.folder = folder
        self.job_id: int | None = None
        self.document_ids: list[int] = []
        self.zip_path: Path | None = None
        layout = QVBoxLayout(self)
        self.pages = QStackedWidget(self)
        layout.addWidget(self.pages)
        self.pages.addWidget(self._choose_page())
        self.pages.addWidget(self._progress_page())

    # -- page 1: choose ------------------------------------------------------------------------------------------

    def _choose_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        documents = QGroupBox("Resumes", page)
        box = QVBoxLayout(documents)
        self.filter = QLineEdit(documents)
        self.filter.setObjectName("filter")
        self.filter.setPlaceholderText("Filter by name…")
        self.filter.setAccessibleName("Filter resumes")
        self.filter.textChanged.connect(self._apply_filter)
        box.addWidget(self.filter)
        self.documents = QListWidget(documents)
        self.documents.setObjectName("documents")
        self.documents.setAccessibleName("Resumes to export")
        self.documents.setTabKeyNavigation(False)
        listed = sorted(self.library.list(), key=lambda doc: (doc.title.casefold(), doc.id))
        texts = picker_texts(listed)
        for document in listed:
            item = QListWidgetItem(texts[document.id])
            item.setData(Qt.ItemDataRole.UserRole, document.id)
            item.setToolTip(document.source_path or "Stored in the library only")
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
        options = QGroupBox("Options (unless you choose here, each resume keeps its own design)", page)
        options_box = QVBoxLayout(options)
        self.form = ExportOptionsForm(options, per_resume=True)
        options_box.addWidget(self.form)
        self.contents = QLabel(options)
        self.contents.setObjectName("zipContents")
        self.contents.setWordWrap(True)
        options_box.addWidget(self.contents)
        self.form.formatChanged.connect(self._format_changed)
        self._format_changed(self.form.export_format())
        layout.addWidget(options)
        zip_row = QHBoxLayout()
        self.zip_edit = QLineEdit(str(self.folder / "resumes.zip"), page)
        self.zip_edit.setObjectName("zipPath")
        self.zip_edit.setAccessibleName("ZIP file")
        browse = QPushButton("Browse…", page)
        browse.setAccessibleName("Choose the ZIP file")
        browse.clicked.connect(self._browse)
        zip_row.addWidget(QLabel("ZIP file:", page))
        zip_row.addWidget(self.zip_edit, 1)
        zip_row.addWidget(browse)
        layout.addLayout(zip_row)
        self.error = QLabel(page)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
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
        if not path.parent.is_dir():
            self.error.setText(f"The folder {path.parent} does not exist.")
            return
        if path.suffix.lower() != ".zip":
            path = path.with_suffix(".zip")
        self.document_ids, self.zip_path = ids, path
        self.items.setRowCount(len(ids))
        titles = picker_texts(self.library.list())
        for row, document_id in enumerate(ids):
            self.items.setItem(row, 0, QTableWidgetItem(titles.get(document_id, str(document_id))))
            self.items.setItem(row, 1, QTableWidgetItem("waiting"))
        self.pages.setCurrentIndex(1)
        self.startRequested.emit(ids, self.form.options(), path)

    def _format_changed(self, export_format: ExportFormat) -> None:
        self.contents.setText(
            f"The ZIP holds one {export_format.label} file ({export_format.suffix}) per resume, and a manifest "
            "listing what was exported and what failed."
        )

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
        self.items.setTabKeyNavigation(False)
        self.items.setAccessibleName("Progress of each resume")
        self.items.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
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
            name_cell = self.items.item(index, 0)
            button.setAccessibleName(f"Open {name_cell.text() if name_cell else 'this resume'} in the editor")
            document_id = self.document_ids[index]
            button.clicked.connect(lambda _checked=False, d=document_id: self._open_document(d))
            self.items.setCellWidget(index, 2, button)
            # A cell widget does not count for ResizeToContents: size the column and row for the button.
            header = self.items.horizontalHeader()
            header.setSectionResizeMode(2, header.ResizeMode.Fixed)
            self.items.setColumnWidth(2, max(self.items.columnWidth(2), button.sizeHint().width() + 8))
            self.items.setRowHeight(index, max(self.items.rowHeight(index), button.sizeHint().height() + 4))
        self.items.setItem(index, 1, item)

    def progress(self, job_id: int, percent: int) -> None:
        """Overall progress."""
        if job_id == self.job_id:
            self.overall.setValue(percent)

    def items_progress(self, job_id: int, done: int, total: int, seconds_left: float) -> None:
        """How many resumes are done and about how long the rest will take, under the list while it runs."""
        if job_id == self.job_id and done < total:
            self.summary.setText(f"Exporting… {describe_items(done, total, seconds_left)}")

    def failed_to_start(self, reason: str) -> None:
        """The batch could not be queued: back to the choices, saying why."""
        self.pages.setCurrentIndex(0)
        self.error.setText(f"The batch could not start: {reason}")

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
