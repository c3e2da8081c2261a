"""The import report: a dock beside the editor listing what the last import repaired, grouped by kind.

It never blocks editing (a dock, not a dialog): the user reads it, double-clicks (or presses Enter on) a row to
go to the field, and closes it or keeps it open while fixing things. View › Import Report brings it back. A
resume whose text reads as another language than English, and names none, gets a "Use …" button here.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.import_outcome import ImportOutcome, describe_repair, locale_label
from app.ui.messages import MessageAction, MessageBridge
from app.ui.session import DocumentSession

PATH_ROLE = Qt.ItemDataRole.UserRole
_TEXT_PADDING = 6


class _WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their text wrapped to the view's width (``QTreeView`` sizes rows for one line).

    A repair's row reads "path: message (was → now)"; cut short it would lose the very part the user reads it for.
    """

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(  # noqa: N802 - Qt override
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """The wrapped text's height at the width the row has."""
        hint = super().sizeHint(option, index)
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        # The tree's own width less room for a scroll bar, whether shown or not: measuring the viewport, rows
        # that grow would bring the scroll bar, which narrows the viewport, which re-wraps the rows... forever.
        room = self.tree.width() - 2 * self.tree.frameWidth() - self.tree.verticalScrollBar().sizeHint().width()
        width = room - self.tree.indentation() * (depth + 1) - 2 * _TEXT_PADDING
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if width <= 0 or not text:
            return hint
        bounds = option.fontMetrics.boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, text)
        return QSize(hint.width(), max(hint.height(), bounds.height() + _TEXT_PADDING))


class ImportReportPanel(QWidget):
    """The report of one import: a summary, the language suggestion, the repairs in groups."""

    jumpRequested = Signal(str)  # noqa: N815 - Qt naming  #: dotted field path
    localeChosen = Signal(int, str)  # noqa: N815  #: document id, locale tag

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importReport")
        self.outcome: ImportOutcome | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.summary = QLabel("Nothing imported yet. Open a resume file (Ctrl+O) to see what was repaired.", self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.language_row = QWidget(self)
        row = QHBoxLayout(self.language_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.language_text = QLabel(self.language_row)
        self.language_text.setWordWrap(True)
        self.use_language = QPushButton(self.language_row)
        self.use_language.setObjectName("useLanguage")
        self.use_language.clicked.connect(self._use_language)
        row.addWidget(self.language_text, 1)
        row.addWidget(self.use_language)
        self.language_row.hide()
        layout.addWidget(self.language_row)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("repairs")
        self.tree.setAccessibleName("Repairs made by the import")
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setItemDelegate(_WrappingDelegate(self.tree))
        self.tree.installEventFilter(self)
        self.tree.itemActivated.connect(self._activated)
        layout.addWidget(self.tree, 1)
        self.hint = QLabel("Double-click a row (or press Enter) to go to the field.", self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """A wider or narrower report re-wraps its rows."""
        if event.type() == QEvent.Type.Resize and watched is self.tree:
            self.tree.scheduleDelayedItemsLayout()
        return super().eventFilter(watched, event)

    def show_outcome(self, outcome: ImportOutcome) -> None:
        """Replaces the report with this import's."""
        self.outcome = outcome
        note = outcome.file_note()
        self.summary.setText(f"<b>{escape(outcome.summary(), quote=False)}</b><br>{escape(note, quote=False)}")
        self.summary.setToolTip(str(outcome.path))
        if outcome.suggested_locale is not None:
            name = locale_label(outcome.suggested_locale)
            self.language_text.setText(
                f"The text reads as {name} ({outcome.suggested_locale}); headings and dates are in English until "
                "you choose its language."
            )
            self.use_language.setText(f"Use {name}")
            self.use_language.setAccessibleName(f"Typeset the resume in {name}")
            self.language_row.show()
        else:
            self.language_row.hide()
        self.tree.clear()
        for group, repairs in outcome.groups():
            top = QTreeWidgetItem(self.tree, [f"{group} ({len(repairs)})"])
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for repair in repairs:
                row = QTreeWidgetItem(top, [describe_repair(repair)])
                row.setData(0, PATH_ROLE, repair.path)
                row.setToolTip(0, describe_repair(repair))
            top.setExpanded(True)
        if not outcome.repairs:
            QTreeWidgetItem(self.tree, ["Nothing needed repairing."]).setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.hint.setVisible(bool(outcome.repairs))

    def rows(self) -> list[QTreeWidgetItem]:
        """Every repair row (not the group headings), in order."""
        found: list[QTreeWidgetItem] = []
        for index in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(index)
            if top is not None:
                found += [item for child in range(top.childCount()) if (item := top.child(child)) is not None]
        return found

    def locale_used(self) -> None:
        """The suggested language was applied (or another chosen): the suggestion goes."""
        self.language_row.hide()

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        path = item.data(0, PATH_ROLE)
        if isinstance(path, str) and path:
            self.jumpRequested.emit(path)

    def _use_language(self) -> None:
        outcome = self.outcome
        if outcome is not None and outcome.suggested_locale is not None:
            self.localeChosen.emit(outcome.document_id, outcome.suggested_locale)


def report_dock(panel: ImportReportPanel, parent: QWidget) -> QDockWidget:
    """The report in a dock of the right-hand area (kept free for reports on the document), hidden at first."""
    dock = QDockWidget("Import report", parent)
    dock.setObjectName("reportDock")
    dock.setAccessibleName("Import report")
    dock.setWidget(panel)
    dock.setAllowedAreas(
        Qt.DockWidgetArea.RightDockWidgetArea
        | Qt.DockWidgetArea.LeftDockWidgetArea
        | Qt.DockWidgetArea.BottomDockWidgetArea
    )
    dock.toggleViewAction().setText("Import &Report")
    dock.hide()
    return dock


class ImportReports(QObject):
    """Shows each import's outcome: the dock when there is something to say, one line in the message bar.

    A file whose version replaced the library's edits keeps its Undo button in that line.
    """

    def __init__(
        self,
        dock: QDockWidget,
        messages: MessageBridge,
        current: Callable[[], DocumentSession | None],
        jump_to: Callable[[str], None],
    ) -> None:
        super().__init__(dock)
        self.dock, self.messages, self.current = dock, messages, current
        panel = dock.widget()
        assert isinstance(panel, ImportReportPanel)
        self.panel = panel
        panel.jumpRequested.connect(jump_to)
        panel.localeChosen.connect(self.use_locale)

    def show(self, outcome: ImportOutcome) -> None:
        """Fills the report and says what happened (nothing for a clean JSON Resume file)."""
        self.panel.show_outcome(outcome)
        actions: list[MessageAction] = []
        session = self.current()
        if outcome.replaced and session is not None:
            actions.append(("Undo", session.undo_stack.undo))
        if outcome.worth_reporting:
            self.dock.show()
            self.dock.raise_()
            actions.append(("Show report", self.show_dock))
            if outcome.suggested_locale is not None:
                document_id, tag = outcome.document_id, outcome.suggested_locale
                actions.append((f"Use {locale_label(tag)}", lambda: self.use_locale(document_id, tag)))
        if outcome.replaced:
            text = f"Opened the version in {outcome.path.name}; the library's edits are one Undo away."
            if outcome.worth_reporting:
                text += f" {outcome.summary()}."
            self.messages.info(text, actions=actions)
        elif outcome.worth_reporting:
            self.messages.info(f"{outcome.summary()}.", actions=actions)

    def show_dock(self) -> None:
        """View › Import Report, and the message's button."""
        self.dock.show()
        self.dock.raise_()

    def use_locale(self, document_id: int, tag: str) -> None:
        """Sets the imported resume's language (an undoable edit), if it is still the open one."""
        session = self.current()
        if session is None or session.document_id != document_id:
            self.messages.error("That resume is no longer open; choose its language on its Design page.")
            return
        session.set(("meta", "locale"), tag, merge=False, text=f"Use {locale_label(tag)}")
        self.panel.locale_used()
        self.messages.status(f"Headings and dates are now in {locale_label(tag)}.", 5000)
