"""The history panel: exported files with pages, size, age, expiry, times opened and ATS score.

Open (the system viewer, counted as a download), Show in folder, Save a copy as…, Re-export with the same
options, ATS check, Delete. Expired entries leave the list on their own (hourly, and after every sweep).
Below them, how much the exports take and the storage limit (the quota an export may not take them over),
which the user may raise: a batch of some 1,400 resumes fills the default 100 MB.
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.export.jobs import JobQueue
from app.export.models import HistoryEntry
from app.export.storage import ExportStorage, format_bytes
from app.fsutil import atomic_write_bytes
from app.store.clock import utc_now
from app.ui.icons import icon

COLUMNS = ("File", "Pages", "Size", "Created", "Expires", "Opened", "ATS")
REFRESH_MS = 60 * 60 * 1000
MB = 1024 * 1024
#: The storage limits offered, in MB: 10 MB to 1 TB.
LIMIT_RANGE_MB = (10, 1024 * 1024)


class HistoryPanel(QWidget):
    """The export history table and its actions."""

    reExportRequested = Signal(int)  # noqa: N815 - Qt naming  #: job id whose options to reuse
    atsRequested = Signal(int)  # noqa: N815  #: history entry id to check again
    message = Signal(str, bool)  #: text, is_error

    def __init__(self, queue: JobQueue, storage: ExportStorage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.queue = queue
        self.storage = storage
        self.setObjectName("historyPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("history")
        self.table.setAccessibleName("Exported files")
        self.table.setTabKeyNavigation(False)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        layout.addWidget(self.table)
        buttons = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for index, (name, text, glyph, slot) in enumerate(
            (
                ("open", "Open", "external-link", self.open_selected),
                ("folder", "Show in folder", "folder", self.show_in_folder),
                ("saveAs", "Save a copy as…", "save", self.save_copy),
                ("reexport", "Re-export", "refresh-cw", self.reexport_selected),
                ("ats", "ATS check", "scan-text", self.ats_selected),
                ("delete", "Delete", "trash-2", self.delete_selected),
            )
        ):
            button = QPushButton(icon(glyph), text, self)
            button.setObjectName(name)
            button.setAccessibleName(f"{text.rstrip('…')} the selected export")
            button.clicked.connect(slot)
            buttons.addWidget(button, index // 3, index % 3)
            self.buttons[name] = button
        layout.addLayout(buttons)
        storage_row = QHBoxLayout()
        self.usage = QLabel(self)
        self.usage.setObjectName("usage")
        storage_row.addWidget(self.usage, 1)
        limit_label = QLabel("Storage &limit:", self)
        self.limit = QSpinBox(self)
        self.limit.setObjectName("storageLimit")
        self.limit.setAccessibleName("Storage limit for exports, in megabytes")
        self.limit.setRange(*LIMIT_RANGE_MB)
        self.limit.setSingleStep(100)
        self.limit.setSuffix(" MB")
        self.limit.setKeyboardTracking(False)  # typed digits are one change, not one per key
        self.limit.setValue(max(LIMIT_RANGE_MB[0], min(storage.quota_bytes // MB, LIMIT_RANGE_MB[1])))
        self.limit.valueChanged.connect(self._set_limit)
        limit_label.setBuddy(self.limit)
        storage_row.addWidget(limit_label)
        storage_row.addWidget(self.limit)
        layout.addLayout(storage_row)
        self.entries: list[HistoryEntry] = []
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.reload)
        self.timer.start()
        self.reload()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """A dock of a few rows: the editor keeps most of a small screen's height."""
        return QSize(640, 195)

    def reload(self) -> None:
        """Reads the (unexpired) history again; called after exports, sweeps and hourly."""
        selected = self.selected()
        self.entries = self.queue.list_history()
        self.table.setRowCount(len(self.entries))
        now = utc_now()
        for row, entry in enumerate(self.entries):
            days = max(0, math.ceil((entry.expires_at - now).total_seconds() / 86400))
            ats = f"{entry.ats['score']:g} %" if entry.ats else "—"
            cells = (
                entry.file_name,
                str(entry.pages),
                format_bytes(entry.bytes),
                entry.created_at.astimezone().strftime("%d %b %H:%M"),
                f"in {days} day{'s' if days != 1 else ''}",
                str(entry.download_count),
                ats,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, entry.id)
                if column == 6 and entry.ats:
                    problems = [*entry.ats.get("missing", []), *entry.ats.get("out_of_order", [])]
                    item.setToolTip("All items found in order" if not problems else "\n".join(problems[:20]))
                self.table.setItem(row, column, item)
            if selected is not None and entry.id == selected.id:
                self.table.selectRow(row)
        self._show_usage()

    def _show_usage(self) -> None:
        used, limit = self.queue.used_bytes(), self.storage.quota_bytes
        self.usage.setText(f"Exports take {format_bytes(used)} of {format_bytes(limit)}")

    def _set_limit(self, megabytes: int) -> None:
        """Stores the storage limit the user chose (the quota every export is checked against)."""
        self.storage.set_quota(megabytes * MB)
        self._show_usage()

    def selected(self) -> HistoryEntry | None:
        """The selected entry."""
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        cell = self.table.item(rows[0].row(), 0)
        entry_id = cell.data(Qt.ItemDataRole.UserRole) if cell is not None else None
        return next((entry for entry in self.entries if entry.id == entry_id), None)

    def select_entry(self, entry_id: int) -> None:
        """Selects an entry's row."""
        for row, entry in enumerate(self.entries):
            if entry.id == entry_id:
                self.table.selectRow(row)

    def open_selected(self) -> None:
        """Opens the file with the system's viewer and counts it as a download."""
        entry = self._existing()
        if entry is None:
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(entry.path)):
            self.message.emit(
                f"No application could open {entry.file_name}; use “Save a copy as…” to put it somewhere else.", True
            )
            return
        self.queue.count_downloads(entry.id)
        self.reload()

    def show_in_folder(self) -> None:
        """Opens the exports folder in the file manager."""
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.storage.folder))):
            self.message.emit(f"No file manager could show {self.storage.folder}.", True)

    def save_copy(self, target: Path | None = None) -> None:
        """Copies the file where the user says (atomically) and counts it as a download."""
        entry = self._existing()
        if entry is None:
            return
        if target is None:
            name, _filter = QFileDialog.getSaveFileName(self, "Save a copy as", str(Path.home() / entry.file_name))
            if not name:
                return
            target = Path(name)
        try:
            atomic_write_bytes(target, Path(entry.path).read_bytes(), mode=0o644)
        except OSError as exc:
            self.message.emit(f"{target} could not be written: {exc.strerror or exc}", True)
            return
        self.queue.count_downloads(entry.id)
        self.message.emit(f"Saved a copy to {target}", False)
        self.reload()

    def reexport_selected(self) -> None:
        """Queues the same document with the same options again."""
        entry = self.selected()
        if entry is not None:
            self.reExportRequested.emit(entry.job_id)

    def ats_selected(self) -> None:
        """Runs the ATS check again on the selected PDF."""
        entry = self._existing()
        if entry is not None:
            self.atsRequested.emit(entry.id)

    def delete_selected(self, *, confirm: bool = True) -> None:
        """Deletes the file and its history entry."""
        entry = self.selected()
        if entry is None:
            return
        if confirm:
            answer = QMessageBox.question(self, "Delete export", f"Delete {entry.file_name}?")
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.storage.discard(Path(entry.path))
        self.queue.delete_history([entry.id])
        self.message.emit(f"Deleted {entry.file_name}", False)
        self.reload()

    def _existing(self) -> HistoryEntry | None:
        entry = self.selected()
        if entry is not None and not Path(entry.path).exists():
            self.message.emit(f"{entry.file_name} is no longer in the exports folder", True)
            self.queue.delete_history([entry.id])
            self.reload()
            return None
        return entry
