"""The window's menus, toolbar and actions, with icons and shortcuts; what each does lives in the controllers."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from app.ui.icons import icon

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

Shortcut = QKeySequence.StandardKey | str | None


class WindowActions(QObject):
    """Builds the actions once; ``global_actions`` are the ones whose shortcuts beat a field's own bindings."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        documents, exports, group = window.documents, window.exports, window.undo_group
        self.new = self._action("&New", "file-plus", QKeySequence.StandardKey.New, documents.new_document)
        self.open = self._action("&Open…", "folder-open", QKeySequence.StandardKey.Open, documents.import_dialog)
        self.save = self._action("&Save", "save", QKeySequence.StandardKey.Save, documents.save)
        self.save_as = self._action("Save &As…", None, QKeySequence.StandardKey.SaveAs, documents.save_as)
        self.revert = self._action("&Revert to Saved File…", None, None, documents.revert)
        self.revert.setEnabled(False)
        self.export = self._action("&Export…", "file-down", "Ctrl+E", exports.export_dialog)
        self.batch = self._action("&Batch Export to ZIP…", "package", "Ctrl+Shift+E", exports.batch_dialog)
        self.quit = self._action("&Quit", None, QKeySequence.StandardKey.Quit, window.close)
        self.undo = self._action("&Undo", "undo-2", QKeySequence.StandardKey.Undo, group.undo)
        self.redo = self._action("&Redo", "redo-2", QKeySequence.StandardKey.Redo, group.redo)
        # Fixed texts (the toolbar must not grow with "Undo Edit position"); the step is in the tooltip.
        for act, can, text in (
            (self.undo, group.canUndoChanged, group.undoTextChanged),
            (self.redo, group.canRedoChanged, group.redoTextChanged),
        ):
            act.setEnabled(False)
            can.connect(act.setEnabled)
            text.connect(lambda step, a=act: a.setToolTip(f"{a.text().replace('&', '')} {step}".strip()))
        zoom = window.zoom

        def current_zoom() -> float:
            return window.preview.effective_zoom() if window.preview is not None else 1.0

        self.zoom_in = self._action("Zoom &In", "zoom-in", QKeySequence.StandardKey.ZoomIn, lambda: None)
        self.zoom_in.setShortcuts([QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
        self.zoom_in.triggered.connect(lambda: zoom.step(current_zoom(), 1))
        self.zoom_out = self._action("Zoom &Out", "zoom-out", QKeySequence.StandardKey.ZoomOut, lambda: None)
        self.zoom_out.setShortcuts([QKeySequence("Ctrl+-")])
        self.zoom_out.triggered.connect(lambda: zoom.step(current_zoom(), -1))
        self.zoom_fit = self._action("&Fit Width", "move-horizontal", "Ctrl+0", zoom.fit_width)
        self.next_pane = self._action("Next &Pane", None, "F6", lambda: window.focus_chain.jump(True))
        self.previous_pane = self._action("Previous Pa&ne", None, "Shift+F6", lambda: window.focus_chain.jump(False))
        self.show_library = self._action("&Library", "panel-left", "Ctrl+Shift+L", window.set_library_visible)
        self.show_library.setCheckable(True)
        self.show_library.setChecked(True)
        about = self._action("&About ResumePair", None, None, window.about)

        bar = window.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.new, self.open])
        self.recent_menu: QMenu = file_menu.addMenu("Open &Recent")
        self.recent_menu.setObjectName("recentMenu")
        file_menu.addSeparator()
        file_menu.addActions([self.save, self.save_as, self.revert])
        file_menu.addSeparator()
        file_menu.addActions([self.export, self.batch])
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.undo, self.redo])
        view_menu = bar.addMenu("&View")
        view_menu.addAction(self.show_library)
        self.dock_toggles: list[QAction] = []
        for name, glyph, keys in (("queue", "list-checks", "Ctrl+Shift+J"), ("history", "history", "Ctrl+Shift+H")):
            toggle = window.docks[name].toggleViewAction()
            toggle.setIcon(icon(glyph))
            toggle.setShortcut(QKeySequence(keys))
            window.addAction(toggle)
            view_menu.addAction(toggle)
            self.dock_toggles.append(toggle)
        self.import_report = window.docks["report"].toggleViewAction()
        self.import_report.setIcon(icon("wrench"))
        view_menu.addAction(self.import_report)
        view_menu.addSeparator()
        view_menu.addActions([self.zoom_in, self.zoom_out, self.zoom_fit])
        view_menu.addSeparator()
        view_menu.addActions([self.next_pane, self.previous_pane])
        view_menu.addSeparator()
        appearance = view_menu.addMenu("&Appearance")
        self.schemes = QActionGroup(self)
        self._scheme_actions: dict[str, QAction] = {}
        for scheme, caption in (("system", "Follow the &System"), ("light", "&Light"), ("dark", "&Dark")):
            act = appearance.addAction(caption)
            act.setCheckable(True)
            act.triggered.connect(lambda _checked=False, s=scheme: window.set_color_scheme(s))
            self.schemes.addAction(act)
            self._scheme_actions[scheme] = act
        bar.addMenu("&Help").addAction(about)

        toolbar = window.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(18, 18))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([self.new, self.open, self.save])
        toolbar.addSeparator()
        toolbar.addActions([self.undo, self.redo])
        toolbar.addSeparator()
        toolbar.addActions([self.export, self.batch])
        self.toolbar = toolbar

    def _action(self, text: str, glyph: str | None, shortcut: Shortcut, slot: Callable[..., object]) -> QAction:
        act = QAction(text, self.window)
        if glyph is not None:
            act.setIcon(icon(glyph))
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(lambda checked=False: slot(checked) if act.isCheckable() else slot())
        self.window.addAction(act)  # active while any part of the window has the focus, menus closed or not
        return act

    def global_actions(self) -> list[QAction]:
        """Actions whose shortcuts work from every field of the window."""
        return [
            self.new,
            self.open,
            self.save,
            self.save_as,
            self.export,
            self.batch,
            self.quit,
            self.undo,
            self.redo,
            self.zoom_in,
            self.zoom_out,
            self.zoom_fit,
            self.next_pane,
            self.previous_pane,
            self.show_library,
            *self.dock_toggles,
        ]

    def set_scheme_checked(self, scheme: str) -> None:
        """Ticks the Appearance entry in use."""
        self._scheme_actions.get(scheme, self._scheme_actions["system"]).setChecked(True)
