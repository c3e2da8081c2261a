"""The window in daily use: shortcuts from every field, the keyboard order, small screens, zoom, the library list,
settings, accessible names, the colour scheme."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QAccessible, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)

from app.ui.settings import ALL_SETTINGS
from tests.conftest import SAMPLE


def field(window: Any, dotted: str) -> Any:
    widget = window.editor.findChild(QWidget, f"field:{dotted}")
    assert widget is not None, dotted
    return widget.editor


def press(
    qtbot: Any, widget: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(widget, key, modifiers)


# -- item 4: shortcuts win over the field's own bindings ------------------------------------------------------


def test_ctrl_e_in_a_one_line_field_opens_the_export_dialog(qtbot: Any, open_window: Any) -> None:
    window = open_window()
    name = field(window, "basics.name")
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    opened: list[Any] = []
    real = window.exports.export_dialog
    window.actions_.export.triggered.disconnect()
    window.actions_.export.triggered.connect(lambda: opened.append(real()))
    press(qtbot, name, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert len(opened) == 1 and opened[0] is not None
    opened[0].reject()


def test_ctrl_z_in_a_design_spin_box_undoes(qtbot: Any, open_window: Any) -> None:
    window = open_window()
    window.editor.show_section("design")
    panel = window.editor.design_panel()
    spin = panel.base_size
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    before = spin.value()
    press(qtbot, spin, Qt.Key.Key_Up)
    assert window.session.data["meta"]["design"]["baseSize"] == f"{before + 0.5:g}"
    press(qtbot, spin, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "baseSize" not in window.session.data.get("meta", {}).get("design", {})
    assert spin.value() == before


def test_ctrl_z_in_a_line_edit_is_the_documents_undo(qtbot: Any, open_window: Any) -> None:
    window = open_window()
    window.session.set(("basics", "label"), "Set Before", merge=False)
    label = field(window, "basics.label")
    label.setFocus()
    qtbot.waitUntil(label.hasFocus)
    qtbot.keyClicks(label, " more")
    press(qtbot, label, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.data["basics"]["label"] == "Set Before"
    press(qtbot, label, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.data["basics"]["label"] != "Set Before"


# -- item 3: the keyboard order -----------------------------------------------------------------------------


def test_tab_visits_every_region_and_comes_back_with_docks_open(qtbot: Any, open_window: Any) -> None:
    window = open_window()
    for dock in window.docks.values():
        dock.show()
    window.docks["history"].raise_()
    window.library_panel.documents.setFocus()
    qtbot.waitUntil(window.library_panel.documents.hasFocus)
    regions: list[str | None] = []
    for _ in range(200):
        focused = QApplication.focusWidget()
        regions.append(window.focus_chain.region_of(focused))
        press(qtbot, focused, Qt.Key.Key_Tab)
        if QApplication.focusWidget() is window.library_panel.documents:
            break
    else:
        pytest.fail(f"Tab never came back to the library: {regions[-12:]}")
    order = [region for index, region in enumerate(regions) if index == 0 or regions[index - 1] != region]
    assert order[:4] == ["library", "sections", "form", "preview"]
    assert "queue" in order or "history" in order
    assert None not in order


def test_shift_tab_goes_back_and_f6_jumps_a_region(qtbot: Any, open_window: Any) -> None:
    window = open_window()
    window.editor.navigator.setFocus()
    qtbot.waitUntil(window.editor.navigator.hasFocus)
    press(qtbot, window.editor.navigator, Qt.Key.Key_F6)
    assert window.focus_chain.region_of(QApplication.focusWidget()) == "form"
    press(qtbot, QApplication.focusWidget(), Qt.Key.Key_F6)
    assert window.focus_chain.region_of(QApplication.focusWidget()) == "preview"
    press(qtbot, QApplication.focusWidget(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert window.focus_chain.region_of(QApplication.focusWidget()) == "form"


# -- item 5: small screens, a form that widens, zoom ---------------------------------------------------------


def _fully_visible(widget: QWidget) -> bool:
    """Not clipped by any ancestor, except where a scroll area can bring it into view."""
    rect = widget.rect()
    top_left = widget.mapTo(widget.window(), rect.topLeft())
    parent = widget.parentWidget()
    while parent is not None and parent is not widget.window():
        if isinstance(parent, QScrollArea):
            return True
        origin = parent.mapTo(widget.window(), QPoint(0, 0))
        if top_left.x() < origin.x() or top_left.x() + rect.width() > origin.x() + parent.width():
            return False
        parent = parent.parentWidget()
    return True


def test_at_1024x700_the_experience_editor_fits_or_scrolls(qtbot: Any, open_window: Any) -> None:
    window = open_window()
    window.resize(1024, 700)
    window.docks["queue"].show()
    window.editor.show_section("work")
    qtbot.waitUntil(lambda: window.width() == 1024)
    section = window.editor.section_editors["work"]
    for name in ("add", "duplicate", "remove", "up", "down"):
        assert _fully_visible(section.buttons[name]), name
    form_area = section.detail_area
    assert form_area is not None and form_area.height() >= 150  # several fields visible with the dock open
    assert form_area.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert window.preview.width() >= 250


def test_the_form_widens_with_the_window(qtbot: Any, open_window: Any) -> None:
    window = open_window()
    window.editor.show_section("work")
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    narrow = (field(window, "work.0.position").width(), window.editor.section_editors["work"].detail_area.height())
    window.resize(1600, 1000)
    qtbot.waitUntil(lambda: window.width() == 1600)
    wide = (field(window, "work.0.position").width(), window.editor.section_editors["work"].detail_area.height())
    assert wide[0] > narrow[0] + 100
    assert wide[1] > narrow[1] + 200


def test_preview_zoom_keys_wheel_and_fit_width(qtbot: Any, open_window: Any) -> None:
    window = open_window()
    preview = window.preview
    fit = preview.effective_zoom()
    preview.view.setFocus()
    press(qtbot, preview.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert preview.effective_zoom() > fit
    press(qtbot, preview.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert preview.effective_zoom() == pytest.approx(fit, rel=0.02)
    press(qtbot, preview.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert preview.effective_zoom() < fit
    window.actions_.zoom_fit.trigger()
    viewport = preview.view.viewport()
    wheel = QWheelEvent(
        QPointF(20, 20),
        QPointF(viewport.mapToGlobal(QPoint(20, 20))),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, wheel)
    assert preview.effective_zoom() > fit
    zoomed = preview.effective_zoom()
    window.documents.new_document()  # another document keeps the zoom
    qtbot.waitUntil(lambda: window.preview is not preview and window.preview.pages > 0, timeout=15_000)
    assert window.preview.effective_zoom() == pytest.approx(zoomed, rel=0.02)


# -- item 6: the library list ----------------------------------------------------------------------------------


def test_library_rows_follow_edits_in_place(qtbot: Any, open_window: Any) -> None:
    window = open_window()
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    for name in ("Aaron First", "Zed Last"):
        window.library.create(name, dict(data, basics=dict(data["basics"], name=name)))
    window.library_panel.reload()
    panel = window.library_panel
    opened = window.session.document_id
    order = [panel.model.documents[row].id for row in range(panel.count())]
    window.editor.show_section("design")
    design = window.editor.design_panel()
    for row in range(design.templates.count()):
        if design.templates.item(row).data(Qt.ItemDataRole.UserRole) == "modern":
            design.templates.setCurrentRow(row)
    window.session.autosave_now()
    row = panel.model.row_of(opened)
    assert panel.row_text(row).endswith("edited just now · Modern")
    assert [panel.model.documents[r].id for r in range(panel.count())] == order  # nothing re-sorted
    assert panel.current_id() == opened
    other = next(doc_id for doc_id in order if doc_id != opened)
    panel.documents.setCurrentIndex(panel.model.index(panel.model.row_of(other)))
    assert window.session.document_id == other
    assert [panel.model.documents[r].id for r in range(panel.count())] == order
    assert panel.current_id() == other


def test_looking_at_a_resume_does_not_change_its_edited_time(open_window: Any) -> None:
    window = open_window()
    before = window.library.get(window.session.document_id).updated_at
    window.documents.new_document()
    window.documents.open_document(1)
    assert window.library.get(1).updated_at == before


# -- settings -------------------------------------------------------------------------------------------------


def test_every_setting_is_declared_once() -> None:
    keys = [setting.key for setting in ALL_SETTINGS]
    assert len(keys) == len(set(keys))
    source = "\n".join(path.read_text(encoding="utf-8") for path in Path("app/ui").glob("*.py"))
    assert source.count("QSettings(") == 2  # only settings.py opens the file (once, twice after a reset)


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\xff\xfe garbage \x00[[[",
        b"[General]\nlastDocument=not-a-number\nsplitterSizes=a, b, c\ngeometry=oops\nrecentFiles=@Invalid()\n"
        b"preview%2Fzoom=huge\nview%2FcolorScheme=purple\nview%2FlibraryVisible=maybe\n",
    ],
)
def test_a_damaged_settings_file_does_not_stop_the_window(open_window: Any, data_dir: Path, content: bytes) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "settings.ini").write_bytes(content)
    window = open_window()
    assert window.session is not None and window.preview.pages > 0
    assert window.library_panel.isVisible()


# -- item 8: smaller things -----------------------------------------------------------------------------------


def test_text_size_arrow_starts_from_the_templates_value(qtbot: Any, open_window: Any) -> None:
    window = open_window()
    window.session.set(("meta", "template"), "technical")
    window.editor.show_section("design")
    spin = window.editor.design_panel().base_size
    assert spin.value() == pytest.approx(9.3)
    assert "template" in spin.text()
    spin.stepUp()
    assert window.session.data["meta"]["design"]["baseSize"] == "9.8"
    margin = window.editor.design_panel().margin
    margin.stepUp()
    assert window.session.data["meta"]["layout"]["marginMm"] == "16"


def test_the_copy_folder_is_remembered(qtbot: Any, open_window: Any, tmp_path: Path) -> None:
    window = open_window()
    dialog = window.exports.export_dialog()
    dialog.folder.setText(str(tmp_path))
    dialog._accept()
    qtbot.waitUntil(lambda: any("Exported" in text for text in window.messages.history), timeout=30_000)
    again = window.exports.export_dialog()
    assert again.folder.text() == str(tmp_path)
    again.reject()


def test_history_open_without_a_viewer_says_so_and_counts_nothing(
    qtbot: Any, open_window: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from PySide6.QtGui import QDesktopServices

    window = open_window()
    dialog = window.exports.export_dialog()
    dialog.keep_only.setChecked(True)
    dialog._accept()
    qtbot.waitUntil(lambda: len(window.system.queue.list_history()) == 1, timeout=30_000)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: False)
    panel = window.history_panel
    panel.reload()
    panel.table.selectRow(0)
    panel.open_selected()
    assert window.system.queue.list_history()[0].download_count == 0
    assert "No application could open" in window.messages.history[-1]
    panel.show_in_folder()
    assert "No file manager" in window.messages.history[-1]


def test_export_message_offers_open_and_does_not_cover_the_window(qtbot: Any, open_window: Any, tmp_path: Path) -> None:
    window = open_window()
    for dock in window.docks.values():
        dock.show()
    dialog = window.exports.export_dialog()
    dialog.folder.setText(str(tmp_path))
    dialog._accept()
    qtbot.waitUntil(
        lambda: window.message_bar.isVisible() and "Exported" in window.message_bar.label.text(), timeout=30_000
    )
    assert [button.text() for button in window.message_bar.buttons()] == ["Open", "Show in folder"]
    bar = window.message_bar.geometry()
    central = window.centralWidget()
    for button in central.findChildren(QAbstractButton):
        if button.isVisible() and not window.message_bar.isAncestorOf(button):
            top_left = button.mapTo(window.centralWidget(), QPoint(0, 0))
            assert not bar.intersects(button.rect().translated(top_left)), button.objectName()


def test_selection_follows_an_undone_move(qtbot: Any, open_window: Any) -> None:
    window = open_window()
    window.editor.show_section("work")
    section = window.editor.section_editors["work"]
    section.add()
    window.session.set(("work", 1, "position"), "Founder")
    section.move_by(-1)
    assert section.entries.currentRow() == 0
    window.actions_.undo.trigger()
    assert [entry.get("position") for entry in window.session.data["work"]] == ["CEO/President", "Founder"]
    assert section.entries.currentRow() == 1  # still on "Founder"
    window.actions_.redo.trigger()
    assert section.entries.currentRow() == 0


def test_manual_ats_check_reads_the_exports_snapshot_off_the_gui_thread(qtbot: Any, open_window: Any) -> None:
    import threading

    from app.export import ats

    window = open_window()
    dialog = window.exports.export_dialog()
    dialog.keep_only.setChecked(True)
    dialog._accept()
    qtbot.waitUntil(lambda: len(window.system.queue.list_history()) == 1, timeout=30_000)
    entry = window.system.queue.list_history()[0]
    window.session.set(("basics", "name"), "Renamed After Export")  # the library changes; the export did not
    window.session.autosave_now()
    threads: list[str] = []
    real = ats.check_pdf

    def spy(resume: Any, pdf: bytes) -> Any:
        threads.append(threading.current_thread().name)
        assert resume.basics.name == "Richard Hendriks"
        return real(resume, pdf)

    ats.check_pdf = spy  # type: ignore[assignment]
    try:
        window.history_panel.reload()
        window.history_panel.select_entry(entry.id)
        window.history_panel.ats_selected()
        qtbot.waitUntil(lambda: bool(threads) and "ATS" in " ".join(window.messages.history[-1:]), timeout=30_000)
    finally:
        ats.check_pdf = real  # type: ignore[assignment]
    assert threads[0] != threading.main_thread().name
    assert window.system.queue.get_history(entry.id).ats["score"] == 100


# -- accessibility and look ---------------------------------------------------------------------------------


def _controls(root: QWidget) -> list[QWidget]:
    kinds = (QAbstractButton, QLineEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox, QAbstractItemView)
    return [
        widget
        for widget in root.findChildren(QWidget)
        if isinstance(widget, kinds)
        and widget.isVisibleTo(root)
        and widget.focusPolicy() != Qt.FocusPolicy.NoFocus
        and not isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox)  # their own line edits
    ]


@pytest.mark.parametrize("section", ["basics", "work", "skills", "design"])
def test_every_control_has_an_accessible_name(open_window: Any, section: str) -> None:
    window = open_window()
    for dock in window.docks.values():
        dock.show()
    window.editor.show_section(section)
    unnamed = []
    for widget in _controls(window):
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name) if interface is not None else ""
        if not name.strip():
            unnamed.append(f"{type(widget).__name__} {widget.objectName()!r} in {widget.parentWidget().objectName()!r}")
    assert unnamed == []


def test_dialogs_have_accessible_names(open_window: Any) -> None:
    window = open_window()
    for dialog in (window.exports.export_dialog(), window.exports.batch_dialog()):
        unnamed = []
        for widget in _controls(dialog):
            interface = QAccessible.queryAccessibleInterface(widget)
            if interface is None or not interface.text(QAccessible.Text.Name).strip():
                unnamed.append(f"{type(widget).__name__} {widget.objectName()!r}")
        dialog.reject()
        assert unnamed == []


def test_dark_scheme_keeps_the_paper_white(qtbot: Any, open_window: Any) -> None:
    from PySide6.QtGui import QPalette

    window = open_window()
    try:
        window.set_color_scheme("dark")
        assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 80
        icon = window.actions_.save.icon().pixmap(24, 24).toImage()
        lit = [icon.pixelColor(x, y) for x in range(24) for y in range(24) if icon.pixelColor(x, y).alpha() > 200]
        assert lit and all(colour.lightness() > 150 for colour in lit)  # light strokes on a dark window
        qtbot.waitUntil(lambda: window.preview.pages > 0)
        page = window.preview.view.grab().toImage()
        centre = page.pixelColor(page.width() // 2, page.height() // 3)
        assert centre.lightness() > 240  # the page itself
    finally:
        window.set_color_scheme("light")
