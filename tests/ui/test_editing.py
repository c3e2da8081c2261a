"""The editor as a user drives it: typing, list entries, undo/redo, inline errors, files, autosave."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton

from tests.conftest import ROOT, SAMPLE, kill_group


def field(window: Any, dotted: str) -> Any:
    widget = window.editor.findChild(object, f"field:{dotted}")
    assert widget is not None, dotted
    return widget


def type_text(qtbot: Any, widget: Any, text: str) -> None:
    """Key presses for every character; QTest.keyClicks aborts on non-ASCII, so those get a key event with text."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def retype(qtbot: Any, line: QLineEdit, text: str) -> None:
    line.setFocus()
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Backspace)
    type_text(qtbot, line, text)


def test_first_run_shows_the_sample_marked_as_such(open_window: Any) -> None:
    window = open_window()
    assert window.session.is_sample
    assert window.banner.isVisible() and "sample" in window.banner.text()
    assert "Richard Hendriks" in window.preview.text()
    assert window.preview.header.text() == "2 pages · A4"


def test_typing_a_name_shows_in_the_preview(qtbot: Any, open_window: Any) -> None:
    window = open_window()
    retype(qtbot, field(window, "basics.name").editor, "Zoë Ünal-Øre")
    qtbot.waitUntil(lambda: "Zoë Ünal-Øre" in window.preview.text(), timeout=15_000)
    assert window.session.data["basics"]["name"] == "Zoë Ünal-Øre"


def test_add_reorder_undo_redo_a_work_entry(qtbot: Any, open_window: Any) -> None:
    window = open_window()
    window.editor.show_section("work")
    section = window.editor.section_editors["work"]
    qtbot.mouseClick(section.buttons["add"], Qt.MouseButton.LeftButton)
    assert section.entries.count() == 2 and section.entries.currentRow() == 1
    retype(qtbot, field(window, "work.1.position").editor, "Founder")
    qtbot.mouseClick(section.buttons["up"], Qt.MouseButton.LeftButton)
    positions = [entry.get("position") for entry in window.session.data["work"]]
    assert positions == ["Founder", "CEO/President"]
    qtbot.waitUntil(lambda: "Founder" in window.preview.text(), timeout=15_000)

    window.actions_.undo.trigger()  # the move
    assert [e.get("position") for e in window.session.data["work"]] == ["CEO/President", "Founder"]
    window.actions_.undo.trigger()  # the typing (one step, not one per key)
    window.actions_.undo.trigger()  # the add
    assert [e.get("position") for e in window.session.data["work"]] == ["CEO/President"]
    assert section.entries.count() == 1
    for _ in range(3):
        window.actions_.redo.trigger()
    assert [e.get("position") for e in window.session.data["work"]] == ["Founder", "CEO/President"]
    assert section.entries.item(0).text().startswith("Founder")


def test_a_date_in_words_is_noted_inline_and_kept(qtbot: Any, open_window: Any) -> None:
    window = open_window()
    window.editor.show_section("work")
    start = field(window, "work.0.startDate")
    retype(qtbot, start.editor, "March 2020")
    note = start.findChild(QLabel, "fieldError")
    assert note.isVisible() and note.property("severity") == "note"
    assert "printed as written; write 2020-03" in note.text()
    assert window.session.data["work"][0]["startDate"] == "March 2020"  # never silently changed or dropped
    assert window.session.issues == []  # a note never blocks the export
    assert "⚠" not in window.editor.section_text("work")
    retype(qtbot, start.editor, "2020-03")
    assert not note.isVisible()


def test_unknown_fields_survive_editing_and_saving(qtbot: Any, open_window: Any, tmp_path: Path) -> None:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["x-tracking"] = {"source": "referral", "tags": [1, 2, {"deep": None}]}
    data["basics"]["pronouns"] = "he/him"
    data["work"][0]["teamSize"] = 12
    path = tmp_path / "cv.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    window = open_window(path)
    retype(qtbot, field(window, "basics.label").editor, "Chief Compression Officer")
    window.editor.show_section("work")
    retype(qtbot, field(window, "work.0.position").editor, "CEO")
    assert window.windowTitle().startswith("*")
    assert window.documents.save()
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["x-tracking"] == data["x-tracking"]
    assert saved["basics"]["pronouns"] == "he/him"
    assert saved["work"][0]["teamSize"] == 12
    assert saved["basics"]["label"] == "Chief Compression Officer"
    assert saved["work"][0]["position"] == "CEO"
    assert not window.windowTitle().startswith("*")


def test_design_choices_are_stored_in_meta_and_previewed(qtbot: Any, open_window: Any) -> None:
    window = open_window()
    window.editor.show_section("design")
    panel = window.editor.design_panel()
    panel.page_size.setCurrentIndex(panel.page_size.findData("letter"))
    panel.page_size.activated.emit(panel.page_size.currentIndex())
    qtbot.waitUntil(lambda: window.preview.header.text().endswith("Letter"), timeout=15_000)
    for row in range(panel.templates.count()):
        if panel.templates.item(row).data(Qt.ItemDataRole.UserRole) == "modern":
            panel.templates.setCurrentRow(row)
    assert window.session.data["meta"]["template"] == "modern"
    assert window.session.data["meta"]["layout"]["pageSize"] == "letter"
    window.actions_.undo.trigger()
    assert window.session.data["meta"].get("template") is None


def test_library_new_duplicate_delete(qtbot: Any, open_window: Any, monkeypatch: Any) -> None:
    window = open_window()
    qtbot.mouseClick(window.library_panel.findChild(QPushButton, "new"), Qt.MouseButton.LeftButton)
    assert window.library_panel.count() == 2
    retype(qtbot, field(window, "basics.name").editor, "Ada Lovelace")
    window.session.autosave_now()
    qtbot.mouseClick(window.library_panel.findChild(QPushButton, "duplicate"), Qt.MouseButton.LeftButton)
    titles = sorted(document.title for document in window.library.list())
    assert titles == ["Ada Lovelace", "Ada Lovelace (copy)", "Richard Hendriks"]
    window.documents.delete_document(window.library_panel.current_id(), confirm=False)
    assert len(window.library.list()) == 2


AUTOSAVE_SCRIPT = r"""
import sys
from pathlib import Path
from app.render.environment import headless_environment
headless_environment()
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from app.render.runtime import application, route_qt_messages
route_qt_messages()
app = application(["autosave-test"])
from app.export.service import ExportSystem
from app.render.engine import PdfEngine
from app.ui.main_window import MainWindow
data_dir = Path(sys.argv[1])
window = MainWindow(ExportSystem.open(data_dir), PdfEngine(app), data_dir)
window.start(Path(sys.argv[2]))
window.show()
line = window.findChild(object, "field:basics.name").editor
line.setFocus(); line.selectAll()
QTest.keyClicks(line, "Edited Before The Crash")
def report():
    print("typed", flush=True)
QTimer.singleShot(int(float(sys.argv[3]) * 1000), report)
app.exec()
"""


def test_autosave_survives_sigkill(tmp_path: Path, data_dir: Path) -> None:
    from app.library.documents import DocumentLibrary
    from app.store.database import Store

    path = tmp_path / "cv.json"
    path.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-c", AUTOSAVE_SCRIPT, str(data_dir), str(path), "2.0"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()  # 2 s after the last keystroke
        assert line.strip() == "typed"
    finally:
        kill_group(process, wait_s=10)
        if process.stdout is not None:
            process.stdout.close()
    time.sleep(0.1)
    documents = DocumentLibrary(Store(data_dir)).list()
    assert len(documents) == 1
    assert json.loads(documents[0].content)["basics"]["name"] == "Edited Before The Crash"
    assert json.loads(path.read_text(encoding="utf-8"))["basics"]["name"] == "Richard Hendriks"  # file untouched


def test_a_photo_file_is_embedded_and_reaches_the_pdf(qtbot: Any, open_window: Any, tmp_path: Path) -> None:
    from PySide6.QtGui import QColor, QImage

    from app.ui.photo import PhotoField

    picture = QImage(2000, 2400, QImage.Format.Format_RGB32)
    picture.fill(QColor("#884422"))
    path = tmp_path / "me.jpg"
    assert picture.save(str(path), "JPEG")
    window = open_window()
    window.editor.show_section("design")
    window.editor.design_panel()  # exists
    photo = window.editor.findChild(PhotoField)
    assert photo.set_from_file(path)
    stored = window.session.data["basics"]["image"]
    assert stored.startswith("data:image/jpeg;base64,")
    assert len(stored) < 200_000  # scaled to 600 px, not a 2000 px original
    qtbot.waitUntil(lambda: b"/Subtype /Image" in window.preview.pdf, timeout=15_000)


def test_dropping_json_files_imports_them(qtbot: Any, open_window: Any, tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    path = tmp_path / "dropped.json"
    path.write_text(json.dumps({"basics": {"name": "Dropped Person"}}), encoding="utf-8")
    window = open_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(event)
    assert window.session.title == "Dropped Person"
    assert window.session.source_path == path.resolve()
    qtbot.waitUntil(lambda: "Dropped Person" in window.preview.text(), timeout=15_000)
