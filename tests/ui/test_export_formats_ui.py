"""The export and batch dialogs' Format choice: which options apply, the file's extension, real files out."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from app.export.models import JobStatus
from app.render.options import ExportFormat
from tests.ui.test_export_ui import click_export


def choose(form: Any, export_format: ExportFormat) -> None:
    form.format.setCurrentIndex(form.format.findData(export_format.value))


def enabled(form: Any) -> dict[str, bool]:
    return {
        "template": form.template.isEnabled(),
        "paper": form.page_size.isEnabled(),
        "margins": form.margin.isEnabled(),
        "quality": form.quality.isEnabled(),
        "fit": form.fit.isEnabled(),
    }


ALL = {"template": True, "paper": True, "margins": True, "quality": True, "fit": True}
NONE = dict.fromkeys(ALL, False)


@pytest.mark.parametrize(
    ("export_format", "expected"),
    [
        (ExportFormat.PDF, ALL),
        (ExportFormat.DOCX, {**ALL, "quality": False, "fit": False}),
        (ExportFormat.HTML, {**ALL, "fit": False}),
        (ExportFormat.MARKDOWN, NONE),
        (ExportFormat.TEXT, NONE),
        (ExportFormat.JSON, NONE),
    ],
)
def test_options_that_do_not_apply_are_disabled(
    open_window: Any, export_format: ExportFormat, expected: dict[str, bool]
) -> None:
    window = open_window()
    dialog = window.exports.export_dialog()
    assert dialog.windowTitle() == "Export PDF" and dialog.file_name.text() == "Richard_Hendriks.pdf"
    choose(dialog.form, export_format)
    assert enabled(dialog.form) == expected
    assert dialog.file_name.text() == f"Richard_Hendriks{export_format.suffix}"
    assert dialog.windowTitle() == f"Export {export_format.label}"
    if not expected["template"]:
        assert dialog.form.template.toolTip() == f"Does not apply to {export_format.label}."
    assert dialog.form.quality_note.isVisible() == expected["quality"]
    request = dialog.request()
    assert request.options.format is export_format
    assert request.file_name == f"Richard_Hendriks{export_format.suffix}"
    dialog.reject()


def test_a_typed_name_keeps_its_own_dots_and_gets_the_format_extension(open_window: Any) -> None:
    window = open_window()
    dialog = window.exports.export_dialog()
    dialog.file_name.setText("cv.v2.pdf")
    choose(dialog.form, ExportFormat.MARKDOWN)
    assert dialog.file_name.text() == "cv.v2.md"
    dialog.file_name.setText("cv.v3")
    assert dialog.request().file_name == "cv.v3.md"
    dialog.reject()


def test_a_remembered_template_choice_keeps_the_format(open_window: Any) -> None:
    window = open_window()
    dialog = window.exports.export_dialog()
    choose(dialog.form, ExportFormat.DOCX)
    dialog.form.template.setCurrentIndex((dialog.form.template.currentIndex() + 1) % dialog.form.template.count())
    assert dialog.form.export_format() is ExportFormat.DOCX
    dialog.reject()


def export(qtbot: Any, window: Any, folder: Path, export_format: ExportFormat) -> tuple[Any, Path]:
    dialog = window.exports.export_dialog()
    choose(dialog.form, export_format)
    dialog.folder.setText(str(folder))
    job = click_export(qtbot, window, dialog)
    copy = folder / f"Richard_Hendriks{export_format.suffix}"
    qtbot.waitUntil(copy.exists, timeout=10_000)
    return job, copy


def test_a_word_document_through_the_queue(qtbot: Any, open_window: Any, tmp_path: Path) -> None:
    window = open_window()
    job, copy = export(qtbot, window, tmp_path, ExportFormat.DOCX)
    assert job.status is JobStatus.COMPLETED, job.error
    assert job.options["format"] == "docx"
    document = Document(str(copy))
    paragraphs = [(paragraph.style.name, paragraph.text) for paragraph in document.paragraphs]
    assert paragraphs[0] == ("Title", "Richard Hendriks")
    assert ("Heading 1", "Experience") in paragraphs
    assert any(text.startswith("CEO/President") for _style, text in paragraphs)
    entry = window.system.queue.history_for_job(job.id)
    assert entry is not None and entry.file_name.endswith("-Richard_Hendriks.docx")
    message = f"Exported {entry.file_name} and saved to {copy}."
    qtbot.waitUntil(lambda: message in window.messages.history, timeout=5_000)
    # The ATS check reads PDFs back; a Word file is not checked, and asking says so.
    window.exports.check_ats(entry.id)
    assert window.messages.history[-1].startswith("The ATS check reads PDF files")
    assert window.system.queue.history_for_job(job.id).ats is None


def test_markdown_through_the_queue(qtbot: Any, open_window: Any, tmp_path: Path) -> None:
    window = open_window()
    job, copy = export(qtbot, window, tmp_path, ExportFormat.MARKDOWN)
    assert job.status is JobStatus.COMPLETED, job.error
    text = copy.read_text(encoding="utf-8")
    assert text.startswith("# Richard Hendriks\n")
    assert "\n## Experience\n" in text and "Pied Piper" in text
    assert "%PDF" not in text


def test_a_batch_of_markdown_files(qtbot: Any, open_window: Any, tmp_path: Path) -> None:
    window = open_window()
    dialog = window.exports.batch_dialog()
    choose(dialog.form, ExportFormat.MARKDOWN)
    assert ".md" in dialog.contents.text() and not dialog.form.template.isEnabled()
    dialog.check_all(True)
    target = tmp_path / "team.zip"
    dialog.zip_edit.setText(str(target))
    dialog.start()
    qtbot.waitUntil(target.exists, timeout=30_000)
    with zipfile.ZipFile(io.BytesIO(target.read_bytes())) as archive:
        names = archive.namelist()
        markdown = [name for name in names if name.endswith(".md")]
        assert markdown and not [name for name in names if name.endswith(".pdf")]
        assert archive.read(markdown[0]).decode("utf-8").startswith("# ")
    dialog.accept()
