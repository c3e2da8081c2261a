"""The main window: library | form editor | live preview, with the export queue and history as docks.

The window only puts the parts together (qutebrowser's ``AbstractTab`` is the model): documents, exports,
thumbnails and recent files are controllers of their own (``documents.py``, ``export_controller.py``,
``thumbnails.py``, ``recent.py``); messages go through one ``MessageBridge``; settings are declared in
``settings.py``; keyboard order and shortcuts are ``focus.py`` and ``shortcuts.py``. Panels that report on a
document (an import report, say) belong in the right dock area, which is kept free for them.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QUndoGroup, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.errors import ResumePairError
from app.export.service import ExportSystem
from app.export.worker import QueueWorker, WorkerScope
from app.library.documents import DocumentLibrary
from app.render.engine import PdfEngine
from app.ui.documents import DocumentController
from app.ui.editor import EditorPanel
from app.ui.export_controller import ExportController
from app.ui.focus import FocusChain
from app.ui.form_spec import SECTIONS
from app.ui.history_panel import HistoryPanel
from app.ui.import_outcome import IMPORT_SUFFIXES
from app.ui.import_report import ImportReportPanel, ImportReports, report_dock
from app.ui.library_panel import LibraryPanel
from app.ui.messages import MessageBar, MessageBridge
from app.ui.preview import PreviewPanel, PreviewZoom
from app.ui.queue_panel import QueuePanel
from app.ui.recent import RecentFiles
from app.ui.session import DocumentSession
from app.ui.settings import (
    COLOR_SCHEME,
    GEOMETRY,
    LIBRARY_VISIBLE,
    PREVIEW_ZOOM,
    SPLITTER_SIZES,
    WINDOW_STATE,
    AppSettings,
)
from app.ui.shortcuts import WindowShortcuts
from app.ui.theme import SPACING, apply_theme
from app.ui.thumbnails import Thumbnails
from app.ui.window_actions import WindowActions

MIN_CENTRAL_HEIGHT = 300  #: docks may not squeeze the editor below this


class LatestStack(QObject):
    """Undo takes back the latest step, whether it was on whole documents (delete) or inside the open document.

    A child of the undo group, so its connections end with the group.
    """

    def __init__(self, group: QUndoGroup) -> None:
        super().__init__(group)
        self.group = group

    def follow(self, stack: QUndoStack) -> None:
        """Adds ``stack`` to the group; it becomes the active one whenever it changes."""
        self.group.addStack(stack)
        stack.indexChanged.connect(self._changed)

    def forget(self, stack: QUndoStack) -> None:
        """Takes ``stack`` out of the group (its document closed)."""
        stack.indexChanged.disconnect(self._changed)
        self.group.removeStack(stack)

    def _changed(self, _index: int) -> None:
        stack = self.sender()
        # A stack being destroyed still signals; making it active would leave the group a dangling pointer.
        if isinstance(stack, QUndoStack) and stack in self.group.stacks():
            self.group.setActiveStack(stack)


class MainWindow(QMainWindow):
    """One window per process; owns the export system's worker, the controllers and the open document's views."""

    def __init__(self, system: ExportSystem, engine: PdfEngine, data_dir: Path) -> None:
        super().__init__()
        self.system = system
        self.engine = engine
        self.library = DocumentLibrary(system.store)
        self.settings = AppSettings(data_dir / "settings.ini", self)
        self.editor: EditorPanel | None = None
        self.preview: PreviewPanel | None = None
        self.undo_group = QUndoGroup(self)
        self.zoom = PreviewZoom(self.settings.get(PREVIEW_ZOOM), self)
        self.zoom.changed.connect(lambda factor: self.settings.set(PREVIEW_ZOOM, factor))
        self.setWindowTitle("ResumePair")
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)

        self._build_central()
        self.messages = MessageBridge(self, self.message_bar, self.statusBar())
        if QSystemTrayIcon.isSystemTrayAvailable() and not self.windowIcon().isNull():
            self.messages.tray = QSystemTrayIcon(self.windowIcon(), self)
        self.documents = DocumentController(self, self.library, self.library_panel, self.messages, self.settings)
        self.documents.sessionChanged.connect(self._session_changed)
        self.latest_stack = LatestStack(self.undo_group)
        self.latest_stack.follow(self.documents.library_stack)
        self.worker = QueueWorker(system.store, engine, WorkerScope(None, until_idle=False), parent=self)
        self._build_docks()
        self.exports = ExportController(
            self,
            system,
            self.library,
            self.worker,
            (self.queue_panel, self.history_panel),
            self.messages,
            self.settings,
        )
        self.exports.current = lambda: self.session
        self.exports.preview_pdf = lambda: self.preview.pdf if self.preview is not None else b""
        self.exports.jump_to = self.jump_to
        self.exports.open_document = self.documents.open_document
        self.reports = ImportReports(self.docks["report"], self.messages, lambda: self.session, self.jump_to)
        self.documents.imported.connect(self.reports.show)
        self.thumbnails = Thumbnails(engine, self)
        self.thumbnails.ready.connect(self._thumbnail_ready)

        self.actions_ = WindowActions(self)
        self.recent = RecentFiles(self.settings, self.actions_.recent_menu, self.documents.import_files)
        self.documents.remember = self.recent.remember
        self.shortcuts = WindowShortcuts(self, self.actions_.global_actions)
        self.focus_chain = FocusChain(self, self._focus_regions)
        self.worker.jobProgress.connect(self.queue_panel.set_progress)
        self.worker.batchProgress.connect(self.queue_panel.set_items)
        self.worker.cleanedUp.connect(lambda _summary: self.history_panel.reload())
        self.worker.start()
        self._restore_layout()
        if self.settings.moved_aside is not None:
            self.messages.error(
                f"The window's settings could not be read and were reset (the old file is {self.settings.moved_aside})."
            )
        notice = system.recovery_notice()
        if notice:
            self.messages.error(notice.capitalize() + ".")

    # -- building ----------------------------------------------------------------------------------------------

    def _build_central(self) -> None:
        central = QWidget(self)
        central.setObjectName("central")
        central.setMinimumHeight(MIN_CENTRAL_HEIGHT)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(SPACING, SPACING // 2, SPACING, 0)
        outer.setSpacing(SPACING // 2)
        self.message_bar = MessageBar(central)
        outer.addWidget(self.message_bar)
        self.library_panel = LibraryPanel(self.library, central)
        self.middle = QWidget(central)
        self.middle.setObjectName("middle")
        self.middle_layout = QVBoxLayout(self.middle)
        self.middle_layout.setContentsMargins(0, 0, 0, 0)
        self.middle_layout.setSpacing(SPACING // 2)
        self.banner = QLabel(self.middle)
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setText(
            "This is a sample resume, here to show what ResumePair does. Edit it freely, or start your own with "
            "New (Ctrl+N) or Open (Ctrl+O)."
        )
        self.banner.hide()
        self.middle_layout.addWidget(self.banner)
        self.preview_holder = QWidget(central)
        self.preview_holder.setObjectName("previewHolder")
        self.preview_layout = QVBoxLayout(self.preview_holder)
        self.preview_layout.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, central)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setHandleWidth(SPACING)
        for widget in (self.library_panel, self.middle, self.preview_holder):
            self.splitter.addWidget(widget)
        self.splitter.setChildrenCollapsible(False)
        self.library_panel.setMinimumWidth(170)
        self.middle.setMinimumWidth(430)
        self.preview_holder.setMinimumWidth(260)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([230, 600, 610])
        outer.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

    def _build_docks(self) -> None:
        self.queue_panel = QueuePanel(self.system.queue, self._document_title, self)
        self.history_panel = HistoryPanel(self.system.queue, self.system.storage, self)
        for panel in (self.queue_panel, self.history_panel):
            panel.message.connect(lambda text, error: (self.messages.error if error else self.messages.info)(text))
        self.docks: dict[str, QDockWidget] = {}
        for name, title, widget in (
            ("queue", "Export queue", self.queue_panel),
            ("history", "Export history", self.history_panel),
        ):
            dock = QDockWidget(title, self)
            dock.setObjectName(f"{name}Dock")
            dock.setAccessibleName(title)
            dock.setWidget(widget)
            dock.setAllowedAreas(Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            self.docks[name] = dock
        self.tabifyDockWidget(self.docks["queue"], self.docks["history"])
        self.docks["queue"].raise_()
        for dock in self.docks.values():
            dock.hide()
        self.docks["report"] = report_dock(ImportReportPanel(self), self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.docks["report"])

    def _document_title(self, document_id: int) -> str:
        try:
            return self.library.get(document_id).title
        except ResumePairError:
            return f"deleted document {document_id}"

    def _restore_layout(self) -> None:
        geometry = self.settings.get(GEOMETRY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        sizes = self.settings.get(SPLITTER_SIZES)
        if len(sizes) == 3 and all(size > 0 for size in sizes):
            self.splitter.setSizes(sizes)
        state = self.settings.get(WINDOW_STATE)
        if state is not None:
            self.restoreState(state)
        self.library_panel.setVisible(self.settings.get(LIBRARY_VISIBLE))
        self.actions_.show_library.setChecked(self.library_panel.isVisible())
        scheme = self.settings.get(COLOR_SCHEME)
        self.actions_.set_scheme_checked(scheme)

    # -- documents ---------------------------------------------------------------------------------------------

    @property
    def session(self) -> DocumentSession | None:
        """The open document."""
        return self.documents.session

    def start(self, file: Path | None = None) -> None:
        """Shows the library; opens ``file`` if given, else the last document, else the bundled sample."""
        self.documents.start(file)

    def import_files(self, paths: list[Path]) -> None:
        """Opens files handed over by the system or a second ``resumepair open`` (asking on conflicts)."""
        self.documents.import_files(paths)

    def _session_changed(self, session: DocumentSession, old: DocumentSession | None) -> None:
        old_editor, old_preview = self.editor, self.preview
        self.latest_stack.follow(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        session.dirtyChanged.connect(lambda _dirty: self._update_title())
        session.autosaved.connect(self._autosaved)
        session.changed.connect(lambda _path: self._update_title())
        self.editor = EditorPanel(session, self.middle)
        self.middle_layout.addWidget(self.editor, 1)
        self.preview = PreviewPanel(session, self.engine, self.preview_holder, zoom=self.zoom)
        self.preview_layout.addWidget(self.preview)
        for template_id, thumbnail in self.thumbnails.icons.items():
            self.editor.design_panel().set_thumbnail(template_id, thumbnail)
        self.banner.setVisible(session.is_sample)
        self.preview.request_refresh(immediately=True)
        focused = QApplication.focusWidget()
        focus_was_inside = focused is not None and any(
            widget is not None and widget.isAncestorOf(focused) for widget in (old_editor, old_preview)
        )
        for widget in (old_editor, old_preview):
            if widget is not None:
                widget.hide()
                widget.setParent(None)  # out of the window now, deleted once pending events are done
                widget.deleteLater()
        if old_preview is not None:
            old_preview.shutdown()
        if old is not None:
            self.latest_stack.forget(old.undo_stack)
            old.deleteLater()
        if focus_was_inside:
            self.editor.navigator.setFocus()
        self._update_title()

    def _autosaved(self) -> None:
        self.messages.status("All changes saved in the library")
        self._update_title()

    def _update_title(self) -> None:
        session = self.session
        if session is None:
            self.setWindowTitle("ResumePair")
            return
        mark = "*" if session.source_path is not None and session.file_dirty else ""
        where = f" — {session.source_path.name}" if session.source_path else ""
        self.setWindowTitle(f"{mark}{session.title}{where} — ResumePair")
        self.actions_.revert.setEnabled(session.source_path is not None and session.file_dirty)

    def jump_to(self, dotted: str) -> None:
        """Shows the field a problem is about and puts the cursor in it."""
        if self.editor is None:
            return
        parts = dotted.split(".") if dotted else ["basics"]
        self.editor.show_section(parts[0] if parts[0] in {s.key for s in SECTIONS} else "basics")
        section = self.editor.section_editors.get(parts[0])
        if section is not None and len(parts) > 1 and parts[1].isdigit():
            section.entries.setCurrentRow(int(parts[1]))
        widget = self.editor.findChild(QWidget, f"field:{dotted}")
        editor = getattr(widget, "editor", None)
        if isinstance(editor, QWidget):
            editor.setFocus()

    def _thumbnail_ready(self, template_id: str, thumbnail: object) -> None:
        if self.editor is not None:
            self.editor.design_panel().set_thumbnail(template_id, thumbnail)  # type: ignore[arg-type]

    def render_thumbnails(self) -> None:
        """Renders the template picker's thumbnails in the background."""
        self.thumbnails.render()

    # -- keyboard ----------------------------------------------------------------------------------------------

    def _focus_regions(self) -> list[tuple[str, QWidget | None]]:
        regions: list[tuple[str, QWidget | None]] = [("library", self.library_panel)]
        if self.editor is not None:
            regions += [("sections", self.editor.navigator), ("form", self.editor.pages.currentWidget())]
        regions.append(("preview", self.preview))
        regions += [(name, dock) for name, dock in self.docks.items() if dock.isVisible()]
        regions.append(("message", self.message_bar))
        return regions

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 - Qt override
        """Tab and Shift+Tab follow library → sections → form → preview → docks (see ``focus.py``)."""
        return self.focus_chain.move(next) or super().focusNextPrevChild(next)

    # -- view --------------------------------------------------------------------------------------------------

    def set_color_scheme(self, scheme: str) -> None:
        """View › Appearance: system, light or dark."""
        self.settings.set(COLOR_SCHEME, scheme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, scheme)

    def set_library_visible(self, visible: bool) -> None:
        """View › Library: hides the library pane to give the editor and the preview its width."""
        self.library_panel.setVisible(visible)
        self.settings.set(LIBRARY_VISIBLE, visible)

    def about(self) -> None:
        """Version and licences, the fonts' and icons' included."""
        QMessageBox.about(
            self,
            "About ResumePair",
            f"<h3>ResumePair {__version__}</h3><p>Resumes in JSON Resume format, exported as ATS-readable PDFs, "
            "offline.</p><p>Built with Qt for Python (PySide6, LGPLv3) and Qt WebEngine (Chromium).</p>"
            "<p>Fonts: Noto Serif, Noto Sans, Lato, Inter and JetBrains Mono, under the SIL Open Font License "
            "1.1 (licence texts in resources/fonts).</p><p>Icons: Lucide (ISC licence; resources/icons/lucide)."
            "</p><p>Sample resume: JSON Resume project, MIT licence.</p>",
        )

    # -- window ------------------------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        """Accepts resume files dragged onto the window (JSON, YAML, a LinkedIn export ZIP)."""
        if any(url.toLocalFile().lower().endswith(IMPORT_SUFFIXES) for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        """Imports the dropped resume files (asking when a library copy has edits)."""
        paths = [
            Path(url.toLocalFile())
            for url in event.mimeData().urls()
            if url.toLocalFile().lower().endswith(IMPORT_SUFFIXES)
        ]
        self.documents.import_files(paths)
        event.acceptProposedAction()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Saves to the library, asks about a linked file, stops the worker and the preview."""
        if not self.documents.leave_current():
            event.ignore()
            return
        self.settings.set(GEOMETRY, self.saveGeometry())
        self.settings.set(SPLITTER_SIZES, self.splitter.sizes())
        self.settings.set(WINDOW_STATE, self.saveState())
        self.settings.sync()
        self.shutdown()
        event.accept()

    def shutdown(self, timeout_s: float = 15.0) -> None:
        """Stops background work; safe to call twice.

        Jobs still running may be waiting for the engine, which lives in this thread: events keep being
        processed while we wait, or closing during an export would hang. A job that does not finish in time is
        left to the next start (its owner is gone, so it is recovered and retried).
        """
        if self.preview is not None:
            self.preview.shutdown()
        self.exports.shutdown()
        self.worker.stop()
        deadline = time.monotonic() + timeout_s
        while self.worker.isRunning() and time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            self.worker.wait(20)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """A size that shows all three panes."""
        return QSize(1440, 900)

    def global_actions(self) -> list[QAction]:
        """The actions whose shortcuts work from every field."""
        return self.actions_.global_actions()
