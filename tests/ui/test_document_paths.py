"""Every path that can replace a document's content asks first when the library copy has edits, and is undoable.

Paths: File › Open, import (the system's file-open requests), drag and drop, Open Recent, a second
``resumepair open`` (through the instance socket), File › Revert, and Delete in the library.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.ui.conflict import ConflictChoice
from tests.conftest import SAMPLE

Button = QMessageBox.StandardButton


def linked_file(tmp_path: Path) -> Path:
    path = tmp_path / "cv.json"
    path.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def library_copy(window: Any, path: Path) -> dict[str, Any]:
    document = next(doc for doc in window.library.list() if doc.source_path == str(path.resolve()))
    return json.loads(document.content)


@pytest.fixture
def edited(open_window: Any, tmp_path: Path) -> tuple[Any, Path, list[tuple[Path, str]]]:
    """A window where cv.json's library copy has an edit the file lacks, and another resume is open."""
    path = linked_file(tmp_path)
    window = open_window(path)
    window.session.set(("basics", "name"), "Edited In The Library")
    window.messages.ask = lambda *_args: Button.Discard  # "Save your changes to cv.json?" -> Discard
    window.documents.new_document()
    assert library_copy(window, path)["basics"]["name"] == "Edited In The Library"
    asked: list[tuple[Path, str]] = []
    return window, path, asked


def answer(window: Any, asked: list[tuple[Path, str]], choice: ConflictChoice) -> None:
    def ask(_parent: Any, path: Path, title: str, _edited: str) -> ConflictChoice:
        asked.append((path, title))
        return choice

    window.documents.ask_conflict = ask


def drop(window: Any, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(event)


def file_open(window: Any, path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_args, **_kw: ([str(path)], ""))
    window.actions_.open.trigger()


def open_recent(window: Any, path: Path, _monkeypatch: Any) -> None:
    window.recent.fill()
    entry = next(action for action in window.recent.menu.actions() if action.toolTip() == str(path.resolve()))
    entry.trigger()


def second_instance(window: Any, path: Path, qtbot: Any) -> None:
    """A second process hands the file over, as ``resumepair open FILE`` does (in a thread of this process, its
    blocking socket calls competed with the window's event loop for the interpreter and the hand-over could time
    out before the window accepted the connection)."""
    from app.ui.single_instance import InstanceServer

    name = f"resumepair-test-{os.getpid()}-{id(window)}"
    server = InstanceServer(name, window)
    server.filesRequested.connect(window.import_files)
    deliveries: list[list[Path]] = []
    server.filesRequested.connect(deliveries.append)
    script = (
        "import sys; from pathlib import Path; from PySide6.QtCore import QCoreApplication;"
        "from app.ui.single_instance import hand_over; app = QCoreApplication([]);"
        "sys.exit(0 if hand_over(sys.argv[1], [Path(sys.argv[2])], timeout_s=60) else 1)"
    )
    process = subprocess.Popen([sys.executable, "-c", script, name, str(path)])
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=90_000)
    server.close()
    assert process.returncode == 0
    assert deliveries == [[path.resolve()]]  # delivered once, never re-sent


PATHS = {
    "file-open": lambda window, path, mp, _qtbot: file_open(window, path, mp),
    "system-open": lambda window, path, _mp, _qtbot: window.import_files([path]),
    "drop": lambda window, path, _mp, _qtbot: drop(window, path),
    "open-recent": lambda window, path, mp, _qtbot: open_recent(window, path, mp),
    "second-instance": lambda window, path, _mp, qtbot: second_instance(window, path, qtbot),
}


@pytest.mark.parametrize("way", list(PATHS))
def test_each_way_of_opening_asks_and_taking_the_file_is_undoable(
    qtbot: Any, edited: Any, monkeypatch: Any, way: str
) -> None:
    window, path, asked = edited
    answer(window, asked, ConflictChoice.TAKE_FILE)
    PATHS[way](window, path, monkeypatch, qtbot)
    assert asked == [(path.resolve(), "Edited In The Library")]
    assert window.session.source_path == path.resolve()
    assert window.session.data["basics"]["name"] == "Richard Hendriks"
    assert not window.session.file_dirty
    window.actions_.undo.trigger()  # the library's edits come back
    assert window.session.data["basics"]["name"] == "Edited In The Library"
    window.session.autosave_now()
    assert library_copy(window, path)["basics"]["name"] == "Edited In The Library"
    assert window.session.file_dirty


def test_keep_the_library_version(edited: Any) -> None:
    window, path, asked = edited
    answer(window, asked, ConflictChoice.KEEP_LIBRARY)
    window.import_files([path])
    assert window.session.data["basics"]["name"] == "Edited In The Library"
    assert window.session.file_dirty  # the file still lacks the edit: the title says so
    assert window.windowTitle().startswith("*")
    assert json.loads(path.read_text(encoding="utf-8"))["basics"]["name"] == "Richard Hendriks"


def test_open_both_and_undo_it(edited: Any) -> None:
    window, path, asked = edited
    answer(window, asked, ConflictChoice.OPEN_BOTH)
    before = len(window.library.list())
    window.import_files([path])
    titles = sorted(doc.title for doc in window.library.list())
    assert len(titles) == before + 1
    assert "Richard Hendriks (from cv.json)" in titles
    assert window.session.data["basics"]["name"] == "Richard Hendriks"
    assert library_copy(window, path)["basics"]["name"] == "Edited In The Library"
    window.actions_.undo.trigger()  # the added copy goes again
    assert len(window.library.list()) == before


def test_cancel_opens_nothing(edited: Any) -> None:
    window, path, asked = edited
    answer(window, asked, ConflictChoice.CANCEL)
    shown = window.session.document_id
    window.import_files([path])
    assert window.session.document_id == shown
    assert library_copy(window, path)["basics"]["name"] == "Edited In The Library"


def test_reopening_the_open_document_asks_and_undo_restores(open_window: Any, tmp_path: Path) -> None:
    path = linked_file(tmp_path)
    window = open_window(path)
    asked: list[tuple[Path, str]] = []
    answer(window, asked, ConflictChoice.TAKE_FILE)
    window.session.set(("basics", "label"), "Typed But Not Saved")
    window.import_files([path])
    assert len(asked) == 1
    assert window.session.data["basics"]["label"] != "Typed But Not Saved"
    window.actions_.undo.trigger()
    assert window.session.data["basics"]["label"] == "Typed But Not Saved"


def test_no_question_when_library_and_file_agree(open_window: Any, tmp_path: Path) -> None:
    path = linked_file(tmp_path)
    window = open_window(path)
    asked: list[tuple[Path, str]] = []
    answer(window, asked, ConflictChoice.TAKE_FILE)
    window.documents.new_document()
    window.import_files([path])
    assert asked == []
    assert window.session.source_path == path.resolve()


def test_revert_asks_and_is_undoable(open_window: Any, tmp_path: Path) -> None:
    path = linked_file(tmp_path)
    window = open_window(path)
    window.session.set(("basics", "name"), "Before Revert")
    assert window.actions_.revert.isEnabled()
    questions: list[str] = []
    window.messages.ask = lambda title, *_args: questions.append(title) or Button.Cancel
    window.actions_.revert.trigger()
    assert questions == ["Revert to file"]
    assert window.session.data["basics"]["name"] == "Before Revert"  # cancelled: nothing replaced
    window.messages.ask = lambda *_args: Button.Yes
    window.actions_.revert.trigger()
    assert window.session.data["basics"]["name"] == "Richard Hendriks"
    assert not window.actions_.revert.isEnabled()
    window.actions_.undo.trigger()
    assert window.session.data["basics"]["name"] == "Before Revert"


def test_delete_is_undoable(qtbot: Any, open_window: Any) -> None:
    window = open_window()
    window.documents.new_document()
    window.session.set(("basics", "name"), "Kept After Undo")
    window.session.autosave_now()
    window.messages.ask = lambda *_args: Button.Yes
    window.library_panel.buttons["delete"].click()
    assert "Kept After Undo" not in {doc.title for doc in window.library.list()}
    assert window.session.title != "Kept After Undo"
    undo_button = next(b for b in window.message_bar.buttons() if b.text() == "Undo")
    qtbot.mouseClick(undo_button, Qt.MouseButton.LeftButton)
    assert "Kept After Undo" in {doc.title for doc in window.library.list()}
    assert window.session.data["basics"]["name"] == "Kept After Undo"
    assert window.library_panel.current_id() == window.session.document_id


def test_deleting_the_last_resume_then_undo(open_window: Any) -> None:
    window = open_window()
    window.session.set(("basics", "name"), "The Only One")
    window.documents.delete_document(window.session.document_id, confirm=False)
    assert [doc.title for doc in window.library.list()] == ["Untitled resume"]  # SQLite may reuse the id
    window.actions_.undo.trigger()  # Ctrl+Z: the latest step was the delete
    assert sorted(doc.title for doc in window.library.list()) == ["The Only One", "Untitled resume"]
    assert window.session.title == "The Only One"


def test_only_real_changes_ask_to_save(open_window: Any, tmp_path: Path) -> None:
    path = linked_file(tmp_path)
    window = open_window(path)
    questions: list[str] = []
    window.messages.ask = lambda title, *_args: questions.append(title) or Button.Discard
    name = window.session.get(("basics", "name"))
    window.session.set(("basics", "name"), name + "x")
    assert window.session.file_dirty
    window.session.set(("basics", "name"), name)  # typed a character and deleted it again
    assert not window.session.file_dirty
    assert not window.windowTitle().startswith("*")
    window.documents.new_document()
    assert questions == []
