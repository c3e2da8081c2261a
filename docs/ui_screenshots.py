"""Screenshots of the dialogs and panels in use (``make screenshots``), taken offscreen in one process."""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.render.environment import headless_environment  # noqa: E402

headless_environment()

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from app.export.service import ExportSystem  # noqa: E402
from app.render.engine import PdfEngine  # noqa: E402
from app.render.runtime import application, route_qt_messages  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.theme import apply_theme  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def spin(condition, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    for _ in range(20):
        QCoreApplication.processEvents()


def save(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    spin(lambda: False, 0.3)
    path = OUT / f"{name}.png"
    widget.grab().save(str(path), "PNG")
    print(path)


def section_list(window) -> None:  # type: ignore[no-untyped-def]
    """The section list with a renamed, a hidden and a custom section, and the preview beside it; then undone."""
    session, editor = window.session, window.editor
    start = session.undo_stack.index()
    pane = editor.section_list
    pane.rename_section("work", "Professional experience")
    pane.set_hidden("volunteer", True)
    key = pane.add_custom_section("Talks & workshops")
    session.set((key, 0, "name"), "Lossless compression at scale", merge=False)
    session.set((key, 0, "position"), "Keynote, PyData Copenhagen", merge=False)
    session.set((key, 0, "date"), "2024-09", merge=False)
    session.set((key, 0, "highlights"), ["Live demo: 1 TB of sensor data squeezed on stage"], merge=False)
    session.set((key, 0, "summary"), "How we cut storage costs by 40 % with middle-out encoding.", merge=False)
    session.set_list((key,), [*session.get((key,)), {"name": "Teaching Rust to data engineers",
                                                     "position": "Workshop, EuroRust", "date": "2023-10"}],
                     "Add entry")  # fmt: skip
    editor.sections.moveRows(QModelIndex(), editor.sections.row_of(key), 1, QModelIndex(), 1)
    editor.show_section(key)
    editor.section_editors[key].entries.setCurrentRow(0)
    spin(lambda: "Lossless compression at scale" in window.preview.text())
    save(window, "section-list")
    session.undo_stack.setIndex(start)
    spin(lambda: "Lossless compression at scale" not in window.preview.text())


def main() -> int:
    route_qt_messages()
    qt_app = application(["screenshots"])
    qt_app.setStyle("Fusion")
    apply_theme(qt_app, "light")
    work = Path(tempfile.mkdtemp())
    data_dir = work / "data"
    source = work / "elena.json"
    source.write_text((ROOT / "resources/samples/long.resume.json").read_text(encoding="utf-8"), encoding="utf-8")
    engine = PdfEngine(qt_app)
    window = MainWindow(ExportSystem.open(data_dir), engine, data_dir)
    window.start(source)
    window.resize(1440, 900)
    window.show()
    window.render_thumbnails()
    spin(lambda: window.preview is not None and window.preview.pages > 0 and len(window.thumbnails.icons) == 4)
    assert window.session is not None and window.editor is not None

    window.editor.show_section("design")
    save(window, "main-window-design")
    window.editor.show_section("work")
    window.editor.section_editors["work"].entries.setCurrentRow(1)
    save(window, "main-window-experience")
    section_list(window)

    sample = json.loads((ROOT / "resources/samples/sample.resume.json").read_text(encoding="utf-8"))
    for name in ("Richard Hendriks", "Monica Hall", "Jared Dunn"):
        window.library.create(name, dict(sample, basics=dict(sample["basics"], name=name)))
    window.library.create("Gilfoyle", {"basics": {"name": "Gilfoyle", "email": "no email here"}})
    window.library_panel.reload()

    dialog = window.exports.export_dialog()
    assert dialog is not None
    dialog.form.page_size.setCurrentIndex(dialog.form.page_size.findData("letter"))
    dialog.folder.setText(str(work))
    save(dialog, "export-dialog")
    dialog._accept()
    spin(lambda: len(window.system.queue.list_history()) == 1)

    window.session.set(("work", 0, "startDate"), "last spring")
    problems = window.exports.export_dialog()
    assert problems is not None
    save(problems, "export-dialog-problems")
    problems.reject()
    window.actions_.undo.trigger()

    batch = window.exports.batch_dialog()
    batch.check_all(True)
    batch.zip_edit.setText(str(work / "team.zip"))
    save(batch, "batch-dialog")
    batch.start()
    spin(lambda: "exported" in batch.summary.text())
    save(batch, "batch-summary")
    batch.accept()

    window.docks["queue"].show()
    window.docks["history"].show()
    window.docks["queue"].raise_()
    window.resizeDocks([window.docks["queue"]], [260], Qt.Orientation.Vertical)
    window.messages.info("Exported 20261128-120000-Elena_Vasquez-Holm.pdf (4 pages).", actions=[("Open", print)])
    save(window, "queue-panel")
    window.message_bar.hide()
    window.docks["history"].raise_()
    window.history_panel.reload()
    window.history_panel.table.selectRow(0)
    save(window, "history-panel")
    window.shutdown()
    engine.shutdown()
    return import_and_format_screenshots(work)


MESSY_RESUME = """// Marta's resume, kept by hand since 2014 (an old JSON Resume tool wrote the first version)
{
  "basics": {
    "name": "Marta Kowalczyk",
    "label": "Supply Chain Analyst",
    "email": "mailto:marta.k@example.com",
    "website": "marta-k.example.net",
    "picture": "",
    "summary": "Analyst who turns messy warehouse data into <b>forecasts</b> people trust.",
    "profiles": [{"network": "LinkedIn", "url": "linkedin.com/in/marta-k-example"}],
  },
  "work": [
    {"company": "Nordlog Freight", "position": "Supply Chain Analyst", "startDate": "March 2021",
     "endDate": "Present", "website": "nordlog.example.com",
     "highlights": ["Cut stock-outs by 18% with weekly demand forecasts", ""]},
    {"company": "Baltic Parts &amp; Tools", "position": "Planning Assistant", "startDate": "2017/09",
     "endDate": "Feb 2021", "summary": ""},
  ],
  "education": [
    {"institution": "Gdańsk University of Technology", "area": "Logistics", "studyType": "MSc",
     "startDate": 2015, "endDate": 2017, "gpa": "4.6"},
  ],
  "skills": [{"name": "Forecasting", "keywords": "Python, SQL, Power BI"}],
}
"""


def import_report_screenshot(window: MainWindow, work: Path) -> None:
    """The window after opening a hand-kept resume: the report dock with its repairs in groups."""
    messy = work / "marta-kowalczyk.json"
    messy.write_text(MESSY_RESUME, encoding="utf-8")
    window.import_files([messy])
    window.resizeDocks([window.docks["report"]], [430], Qt.Orientation.Horizontal)
    window.splitter.setSizes([200, 600, 340])
    spin(lambda: window.preview is not None and window.preview.pages > 0)
    save(window, "import-report")


def design_language_screenshot(window: MainWindow, work: Path) -> None:
    """The Design page with Arabic chosen: the preview typeset right to left."""
    arabic = json.loads((ROOT / "tests/data/messy/arabic-rtl.json").read_text(encoding="utf-8"))
    arabic.pop("meta", None)  # written in Arabic, typeset in English until the language is chosen
    source = work / "arabic.json"
    source.write_text(json.dumps(arabic, ensure_ascii=False), encoding="utf-8")
    window.import_files([source])
    assert window.session is not None and window.editor is not None
    window.docks["report"].hide()
    window.message_bar.hide()
    window.editor.show_section("design")
    panel = window.editor.design_panel()
    panel.language.setCurrentIndex(panel.language.findData("ar"))
    panel.language.activated.emit(panel.language.currentIndex())
    preview = window.preview
    assert preview is not None
    spin(lambda: 'dir="rtl"' in getattr(getattr(preview, "_source", None), "html", "") and not preview._busy)
    save(window, "design-language")
    window.actions_.undo.trigger()


def export_formats_screenshot(window: MainWindow, work: Path) -> None:
    """The export dialog with Word chosen: what does not apply to Word is greyed out."""
    window.import_files([work / "marta-kowalczyk.json"])  # opens her document again
    window.docks["report"].hide()
    dialog = window.exports.export_dialog()
    assert dialog is not None
    dialog.form.format.setCurrentIndex(dialog.form.format.findData("docx"))
    dialog.folder.setText(str(work))
    save(dialog, "export-dialog-formats")
    dialog.reject()


def import_and_format_screenshots(work: Path | None = None) -> int:
    """The import report, the language choice and the export formats, in a window of their own."""
    qt_app = QCoreApplication.instance() or application(["screenshots"])
    qt_app.setStyle("Fusion")  # type: ignore[attr-defined]
    apply_theme(qt_app, "light")  # type: ignore[arg-type]
    work = work or Path(tempfile.mkdtemp())
    data_dir = work / "data-import"
    engine = PdfEngine(qt_app)
    window = MainWindow(ExportSystem.open(data_dir), engine, data_dir)
    window.messages.ask = lambda *_args: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    window.start(None)
    window.resize(1600, 900)
    window.show()
    window.render_thumbnails()
    spin(lambda: window.preview is not None and window.preview.pages > 0 and len(window.thumbnails.icons) == 4)
    import_report_screenshot(window, work)
    design_language_screenshot(window, work)
    export_formats_screenshot(window, work)
    window.shutdown()
    engine.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(import_and_format_screenshots() if sys.argv[1:] == ["import"] else main())
