"""The export dialog, queue panel, history panel and batch dialog, driven as a user would."""

from __future__ import annotations

import json
import threading
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.errors import RenderError
from app.export.models import JobStatus
from app.render.options import PageSize
from tests.conftest import SAMPLE


def export_via_dialog(qtbot: Any, window: Any, folder: Path, page_size: PageSize, name: str) -> Any:
    dialog = window.exports.export_dialog()
    form = dialog.form
    form.page_size.setCurrentIndex(form.page_size.findData(page_size.value))
    dialog.file_name.setText(name)
    dialog.folder.setText(str(folder))
    return click_export(qtbot, window, dialog)


def click_export(qtbot: Any, window: Any, dialog: Any) -> Any:
    """Clicks the dialog's Export and waits until the queue panel shows the new job ended; returns the job."""
    before = {job.id for job in window.system.queue.list_jobs()}
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(window.system.queue.list_jobs()) > len(before), timeout=5_000)
    job = next(job for job in window.system.queue.list_jobs() if job.id not in before)
    # The panel hears of the end through the worker's signal, after which the copy is made.
    qtbot.waitUntil(lambda: window.queue_panel.jobs[job.id].final, timeout=30_000)
    return window.system.queue.get_job(job.id)


@pytest.mark.parametrize("page_size", list(PageSize))
def test_export_dialog_each_page_size(qtbot: Any, open_window: Any, tmp_path: Path, page_size: PageSize) -> None:
    window = open_window()
    job = export_via_dialog(qtbot, window, tmp_path, page_size, "Richard Hendriks CV.pdf")
    assert job.status is JobStatus.COMPLETED, job.error
    copy = tmp_path / "Richard_Hendriks_CV.pdf"
    qtbot.waitUntil(copy.exists, timeout=10_000)
    page = PdfReader(copy).pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == page_size.size_pt
    entry = window.system.queue.history_for_job(job.id)
    assert entry is not None and entry.file_name.endswith("-Richard_Hendriks_CV.pdf")
    # The ATS check runs after completion, in the background.
    qtbot.waitUntil(lambda: window.system.queue.history_for_job(job.id).ats is not None, timeout=20_000)
    assert window.system.queue.history_for_job(job.id).ats["score"] == 100
    window.history_panel.reload()
    assert window.history_panel.table.rowCount() == 1
    assert window.history_panel.table.item(0, 6).text() == "100 %"
    qtbot.waitUntil(lambda: any("Exported" in text for text in window.messages.history), timeout=5_000)


def test_export_dialog_remembers_choices_per_template(qtbot: Any, open_window: Any, tmp_path: Path) -> None:
    window = open_window()
    export_via_dialog(qtbot, window, tmp_path, PageSize.LEGAL, "a.pdf")
    dialog = window.exports.export_dialog()
    assert dialog.form.page_size.currentData() == "legal"
    dialog.reject()


def test_export_dialog_lists_problems_and_jumps_to_the_field(qtbot: Any, open_window: Any) -> None:
    window = open_window()
    window.session.set(("work", 0, "highlights"), "one line, not a list")  # a wrong type blocks the export
    dialog = window.exports.export_dialog()
    assert not dialog.export_button.isEnabled()
    item = dialog.problem_list.item(0)
    # Said where the form shows it, not as a developer's path.
    assert item.text() == "Experience › CEO/President · Pied Piper › Highlights: must be a list of text, not text"
    dialog.problem_list.itemActivated.emit(item)
    assert window.editor.pages.currentIndex() == 1  # Experience


def test_export_dialog_notes_values_printed_as_written_without_blocking(qtbot: Any, open_window: Any) -> None:
    window = open_window()
    window.session.set(("work", 0, "startDate"), "spring 2019")
    dialog = window.exports.export_dialog()
    assert dialog.export_button.isEnabled()
    item = dialog.note_list.item(0)
    # Wrapped rather than cut off.
    assert item.text() == (
        "Experience › CEO/President · Pied Piper › Start: not a date that can be read; printed as written "
        "(use YYYY, YYYY-MM or YYYY-MM-DD)"
    )
    dialog.show()
    qtbot.waitExposed(dialog)
    listing = dialog.note_list
    rect = listing.visualItemRect(item)
    assert rect.width() <= listing.viewport().width()
    assert rect.height() >= 2 * listing.fontMetrics().height()  # the long message takes two lines
    listing.itemActivated.emit(item)
    assert window.editor.pages.currentIndex() == 1  # Experience
    field = window.editor.findChild(object, "field:work.0.startDate")
    assert field is not None and field.editor.hasFocus()


def test_cancel_a_running_job_from_the_queue_panel(qtbot: Any, open_window: Any, tmp_path: Path) -> None:
    window = open_window()
    real = window.worker.print_pdf
    entered, release = threading.Event(), threading.Event()

    def slow(html: str, setup: Any) -> bytes:
        entered.set()
        release.wait(20)
        return real(html, setup)

    window.worker.print_pdf = slow
    out = tmp_path / "out"
    out.mkdir()
    dialog = window.exports.export_dialog()
    dialog.folder.setText(str(out))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(entered.is_set, timeout=10_000)
    job = window.system.queue.list_jobs()[0]
    panel = window.queue_panel
    qtbot.waitUntil(lambda: panel.jobs[job.id].status is JobStatus.PROCESSING, timeout=5_000)
    panel.select_job(job.id)
    assert panel.cancel_button.isEnabled()
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: window.system.queue.get_job(job.id).status is JobStatus.CANCELLED, timeout=10_000)
    assert window.system.queue.list_history() == []
    assert list(window.system.storage.folder.iterdir()) == []
    assert list(out.iterdir()) == []


def test_transient_failure_shows_a_retry_then_completes(
    qtbot: Any, open_window: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setenv("RESUMEPAIR_RETRY_SCALE", "0.02")  # the first retry within 1.2 s instead of 60 s
    window = open_window()
    real = window.worker.print_pdf
    calls: list[int] = []

    def flaky(html: str, setup: Any) -> bytes:
        calls.append(1)
        if len(calls) == 1:
            raise RenderError("the rendering process crashed", transient=True)
        return real(html, setup)

    window.worker.print_pdf = flaky
    retries: list[Any] = []
    window.worker.retryScheduled.connect(lambda *args: retries.append(args))
    dialog = window.exports.export_dialog()
    dialog.folder.setText(str(tmp_path))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(retries), timeout=15_000)
    job_id = retries[0][0]
    panel = window.queue_panel
    qtbot.waitUntil(lambda: panel.jobs[job_id].error == "the rendering process crashed", timeout=5_000)
    qtbot.waitUntil(lambda: window.system.queue.get_job(job_id).status is JobStatus.COMPLETED, timeout=30_000)
    qtbot.waitUntil(lambda: panel.jobs[job_id].status is JobStatus.COMPLETED, timeout=5_000)
    assert panel.jobs[job_id].attempts == 2


def test_permanent_failure_then_retry_after_fixing(qtbot: Any, open_window: Any, tmp_path: Path) -> None:
    window = open_window()
    window.system.storage.set_quota(20_000)  # too small for any PDF: a permanent failure
    dialog = window.exports.export_dialog()
    dialog.folder.setText(str(tmp_path))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(window.system.queue.list_jobs()), timeout=5_000)
    job = window.system.queue.list_jobs()[0]
    qtbot.waitUntil(lambda: window.system.queue.get_job(job.id).status is JobStatus.FAILED, timeout=30_000)
    assert "export storage is full" in (window.system.queue.get_job(job.id).error or "")
    qtbot.waitUntil(lambda: any("failed" in text for text in window.messages.history), timeout=5_000)
    assert "raise the storage limit" in (window.system.queue.get_job(job.id).error or "")
    window.system.storage.set_quota(100 * 1024 * 1024)
    panel = window.queue_panel
    qtbot.waitUntil(lambda: panel.jobs[job.id].status is JobStatus.FAILED, timeout=5_000)
    panel.select_job(job.id)
    qtbot.mouseClick(panel.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.system.queue.get_job(job.id).status is JobStatus.COMPLETED, timeout=30_000)


def show_history(qtbot: Any, window: Any) -> None:
    """View › Export History, as a user opens it before using its buttons."""
    window.docks["history"].show()
    window.docks["history"].raise_()
    qtbot.waitUntil(window.history_panel.isVisible)


def test_the_storage_limit_is_the_users_to_raise(qtbot: Any, open_window: Any) -> None:
    """The default 100 MB holds a batch of some 1,400 resumes; the History's storage limit is where it grows."""
    window = open_window()
    panel = window.history_panel
    show_history(qtbot, window)
    assert panel.limit.value() == 100
    assert panel.usage.text() == "Exports take 0 bytes of 100.0 MB"
    panel.limit.setFocus()
    qtbot.waitUntil(panel.limit.hasFocus)
    panel.limit.selectAll()
    qtbot.keyClicks(panel.limit, "2048")
    assert window.system.storage.quota_bytes == 100 * 1024 * 1024  # nothing stored while typing
    qtbot.keyClick(panel.limit, Qt.Key.Key_Return)
    assert window.system.storage.quota_bytes == 2048 * 1024 * 1024
    assert panel.usage.text() == "Exports take 0 bytes of 2.0 GB"


def test_history_actions(qtbot: Any, open_window: Any, tmp_path: Path, monkeypatch: Any) -> None:
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    window = open_window()
    job = export_via_dialog(qtbot, window, tmp_path, PageSize.A4, "cv.pdf")
    panel = window.history_panel
    show_history(qtbot, window)
    panel.reload()
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.buttons["open"], Qt.MouseButton.LeftButton)
    entry = window.system.queue.history_for_job(job.id)
    assert opened == [entry.path]
    assert entry.download_count == 2  # the copy to tmp_path, then Open
    panel.save_copy(tmp_path / "again.pdf")
    assert (tmp_path / "again.pdf").read_bytes() == Path(entry.path).read_bytes()
    qtbot.mouseClick(panel.buttons["reexport"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(window.system.queue.list_history()) == 2, timeout=30_000)
    panel.reload()
    panel.table.selectRow(0)
    panel.delete_selected(confirm=False)
    assert len(window.system.queue.list_history()) == 1


def test_batch_of_five_with_one_invalid(qtbot: Any, open_window: Any, tmp_path: Path) -> None:
    window = open_window()
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    for index in range(4):
        window.library.create(f"Person {index}", dict(data, basics=dict(data["basics"], name=f"Person {index}")))
    bad_id = window.library.create("Broken", {"not": "a resume"})
    dialog = window.exports.batch_dialog()
    for row in range(dialog.documents.count()):
        item = dialog.documents.item(row)
        if item.text() != "Richard Hendriks":
            item.setCheckState(Qt.CheckState.Checked)
    dialog.filter.setText("person")
    assert sum(not dialog.documents.item(r).isHidden() for r in range(dialog.documents.count())) == 4
    dialog.filter.clear()
    assert len(dialog.checked_ids()) == 5
    target = tmp_path / "team.zip"
    dialog.zip_edit.setText(str(target))
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.summary.text().startswith("4 exported"), timeout=60_000)
    assert dialog.summary.text() == f"4 exported, 1 failed. Saved to {target}."
    assert dialog.show_zip.isEnabled()
    with zipfile.ZipFile(target) as archive:
        names = sorted(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
    assert names == ["Person_0.pdf", "Person_1.pdf", "Person_2.pdf", "Person_3.pdf", "manifest.json"]
    failed = [item for item in manifest["items"] if item["status"] == "failed"]
    assert len(failed) == 1 and failed[0]["error"].startswith("is not a resume")
    bad_row = dialog.document_ids.index(bad_id)
    button = dialog.items.cellWidget(bad_row, 2)
    assert isinstance(button, QPushButton)
    dialog.show()
    qtbot.waitExposed(dialog)
    # The whole caption fits: the column and the row are sized for the button, not clipped to "in e".
    assert dialog.items.columnWidth(2) >= button.sizeHint().width()
    assert button.width() >= button.fontMetrics().horizontalAdvance(button.text())
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.session.document_id == bad_id


def test_batch_keeps_each_resumes_own_design_unless_chosen(open_window: Any) -> None:
    window = open_window()
    dialog = window.exports.batch_dialog()
    options = dialog.form.options()
    assert options.model_fields_set == {"format", "quality"}  # template, paper and margins: each resume's own
    assert options.quality.value == "normal"
    assert dialog.form.template.currentText() == "Each resume's own"
    assert dialog.form.margin.text() == "Each resume's own"
    dialog.form.page_size.setCurrentIndex(dialog.form.page_size.findData("letter"))
    dialog.form.margin.stepUp()
    options = dialog.form.options()
    assert options.model_fields_set == {"format", "quality", "page_size", "margin_mm"}
    assert options.page_size is PageSize.LETTER and options.template is None
    dialog.reject()


def test_same_named_resumes_can_be_told_apart_in_the_picker(open_window: Any, tmp_path: Path) -> None:
    window = open_window()
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    for folder in ("a", "b"):
        path = tmp_path / folder / "cv.json"
        path.parent.mkdir()
        path.write_text(json.dumps(dict(data, basics=dict(data["basics"], name="Jane Doe"))), encoding="utf-8")
        window.library.create("Jane Doe", data, str(path))
    window.library.create("Jane Doe", data)
    dialog = window.exports.batch_dialog()
    texts = [dialog.documents.item(row).text() for row in range(dialog.documents.count())]
    janes = [text for text in texts if text.startswith("Jane Doe")]
    assert len(janes) == 3 and len(set(janes)) == 3
    assert "Richard Hendriks" in texts  # a unique name stays short
    dialog.reject()
