"""Opening files through the import layer: repaired documents, untouched files, the import report, the language.

Every way in (File › Open, drag and drop, Open Recent, a second instance) ends in ``DocumentController.
import_files``; these tests drive File › Open and drag and drop, and read the report as the user would.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QFileDialog, QWidget

from app.render.locales import section_titles, system_locale
from app.ui.conflict import ConflictChoice
from app.ui.import_outcome import EMPTY, FILE, LINKS, OLD_NAMES, grouped, repair_group
from tests.model.test_formats import LINKEDIN_2025, zip_of
from tests.ui.test_document_paths import drop, file_open

DATA = Path(__file__).resolve().parent.parent / "data"

MESSY = """// Pieter's resume, written by hand
{
  "basics": {"name": "Pieter de Vries", "label": "Hydraulic Engineer", "url": "deltawerk.example.nl",},
  /* an old tool's field names */
  "work": [
    {"company": "Deltawerk BV", "position": "Hydraulic Engineer", "startDate": "2017-05", "endDate": "",},
  ],
}
"""


def messy_file(folder: Path) -> Path:
    path = folder / "pieter.json"
    path.write_text(MESSY, encoding="utf-8")
    return path


def report_rows(window: Any) -> list[str]:
    return [row.text(0) for row in window.reports.panel.rows()]


def report_groups(window: Any) -> list[str]:
    tree = window.reports.panel.tree
    return [tree.topLevelItem(index).text(0).split(" (")[0] for index in range(tree.topLevelItemCount())]


def suggested_save_name(window: Any, monkeypatch: Any) -> Path:
    asked: list[str] = []

    def get_save(_parent: Any, _caption: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(suggested)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", get_save)
    assert window.documents.save() is False  # not linked: Save asks where, and the user cancels
    return Path(asked[0])


def test_messy_json_opens_repaired_and_the_file_is_left_alone(
    qtbot: Any, open_window: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    window = open_window()
    path = messy_file(tmp_path)
    before = path.read_bytes()
    file_open(window, path, monkeypatch)
    session = window.session
    assert session.title == "Pieter de Vries"
    work = session.data["work"][0]
    assert work["name"] == "Deltawerk BV" and "company" not in work and "endDate" not in work
    assert session.data["basics"]["url"] == "https://deltawerk.example.nl"
    assert path.read_bytes() == before  # nothing written until the user saves
    assert session.source_path == path.resolve()  # a JSON Resume file stays linked
    assert not session.file_dirty  # the repairs alone are nothing to nag about on close
    # The report: a dock beside the editor, grouped, each row "path: message (was → now)".
    dock = window.docks["report"]
    assert dock.isVisible() and not dock.isFloating()
    assert report_groups(window) == [FILE, LINKS, OLD_NAMES, EMPTY]
    rows = report_rows(window)
    assert "work.0.name: old field name 'company' read as 'name' (“Deltawerk BV”)" in rows
    assert (
        "basics.url: web address without a scheme; https:// added (“deltawerk.example.nl” → “https://deltawerk.example.nl”)"
        in rows
    )
    assert any(row.startswith("work.0.endDate: was empty; left out") for row in rows)
    assert any(row.startswith("file: the file has comments or trailing commas") for row in rows)
    assert window.messages.history[-1].startswith("Imported pieter.json (hand-written JSON Resume): 4 repairs")
    qtbot.waitUntil(lambda: [button.text() for button in window.message_bar.buttons()] == ["Show report"])
    # Enter on a row (or a double-click) goes to the field.
    row = next(item for item in window.reports.panel.rows() if item.text(0).startswith("work.0.name"))
    tree = window.reports.panel.tree
    tree.setCurrentItem(row)
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert window.editor.pages.currentIndex() == 1  # Experience
    assert window.editor.section_editors["work"].entries.currentRow() == 0
    field = window.editor.findChild(QWidget, "field:work.0.name")
    qtbot.waitUntil(field.editor.hasFocus, timeout=5_000)
    # Closing the report does not lose it: View › Import Report brings it back.
    dock.close()
    assert not dock.isVisible()
    window.actions_.import_report.trigger()
    assert dock.isVisible() and report_rows(window) == rows
    # Saving writes the repaired resume (and is the first write).
    assert window.documents.save()
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["work"][0] == {"name": "Deltawerk BV", "position": "Hydraulic Engineer", "startDate": "2017-05"}


def test_reopening_a_repaired_file_compares_with_what_it_imports_as(
    qtbot: Any, open_window: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    window = open_window()
    path = messy_file(tmp_path)
    asked: list[Path] = []

    def ask(_parent: Any, file: Path, _title: str, _edited: str) -> ConflictChoice:
        asked.append(file)
        return ConflictChoice.TAKE_FILE

    window.documents.ask_conflict = ask
    file_open(window, path, monkeypatch)
    document_id = window.session.document_id
    file_open(window, path, monkeypatch)  # the same repaired content: no question, the same document
    assert asked == [] and window.session.document_id == document_id
    window.session.set(("basics", "label"), "Edited in the library")
    file_open(window, path, monkeypatch)
    assert asked == [path.resolve()]
    assert window.session.data["basics"]["label"] == "Hydraulic Engineer"
    assert window.messages.history[-1].startswith("Opened the version in pieter.json")
    qtbot.waitUntil(lambda: [button.text() for button in window.message_bar.buttons()] == ["Undo", "Show report"])
    window.message_bar.buttons()[0].click()
    assert window.session.data["basics"]["label"] == "Edited in the library"


def test_a_yaml_resume_is_imported_but_not_linked(
    qtbot: Any, open_window: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    window = open_window()
    path = tmp_path / "astrid.yaml"
    shutil.copy(DATA / "messy" / "yaml-resume.yaml", path)
    before = path.read_bytes()
    drop(window, path)
    session = window.session
    assert session.title == "Astrid Nilsen"
    assert "endDate" not in session.data["work"][0]  # "present" read as ongoing
    assert session.source_path is None and not session.file_dirty
    assert path.read_bytes() == before
    assert any(row.startswith("education.0.startDate: a number where text belongs") for row in report_rows(window))
    assert "JSON Resume as YAML" in window.reports.panel.summary.text()
    assert "Save asks where to write" in window.reports.panel.summary.text()
    assert suggested_save_name(window, monkeypatch) == tmp_path / "astrid.json"
    assert path.read_bytes() == before


def test_a_linkedin_export_is_imported_once(qtbot: Any, open_window: Any, tmp_path: Path, monkeypatch: Any) -> None:
    window = open_window()
    path = tmp_path / "Basic_LinkedInDataExport.zip"
    path.write_bytes(zip_of(LINKEDIN_2025))
    before = path.read_bytes()
    file_open(window, path, monkeypatch)
    session = window.session
    assert session.title == "Carmen Vidal"
    assert session.data["work"][0]["name"] == "Sol Analytics"
    assert session.source_path is None
    assert window.messages.history[-1].startswith("Imported Basic_LinkedInDataExport.zip (LinkedIn data export)")
    assert report_groups(window)[0] == FILE
    assert report_rows(window)[0].startswith("file: read from a LinkedIn data export")
    documents = len(window.library.list())
    drop(window, path)  # the same export again opens the document it made, rather than a copy
    assert len(window.library.list()) == documents and window.session.document_id == session.document_id
    assert path.read_bytes() == before
    assert suggested_save_name(window, monkeypatch) == tmp_path / "Basic_LinkedInDataExport.json"
    # Open Recent lists the export itself, and opening it from there finds the same document too.
    window.documents.new_document()
    window.recent.fill()
    recent = window.actions_.recent_menu.actions()[0]
    assert recent.toolTip() == str(path.resolve())
    recent.trigger()
    assert window.session.document_id == session.document_id and len(window.library.list()) == documents + 1


def test_a_reactive_resume_export_is_not_overwritten_by_save(
    qtbot: Any, open_window: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    window = open_window()
    path = tmp_path / "noor.json"
    shutil.copy(DATA / "formats" / "reactive-resume-v4.json", path)
    before = path.read_bytes()
    file_open(window, path, monkeypatch)
    session = window.session
    assert session.title == "Noor Haddad" and session.source_path is None
    assert session.data["work"][0]["startDate"] == "2020-01"
    rows = report_rows(window)
    assert rows[0] == "file: read from a Reactive Resume version 4 export (Reactive Resume 4 → JSON Resume)"
    assert "work.0.startDate: date read as 2020-01 (“January 2020” → “2020-01”)" in rows
    # Save As never suggests the export itself (it is JSON too): the person's name beside it.
    assert suggested_save_name(window, monkeypatch) == tmp_path / "Noor_Haddad.json"
    assert path.read_bytes() == before


def test_an_unreadable_file_names_the_line_and_column(qtbot: Any, open_window: Any, tmp_path: Path) -> None:
    window = open_window()
    before = window.session.document_id
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "basics": {"name": "A"\n  "work": []\n}', encoding="utf-8")
    window.import_files([broken])
    message = window.messages.history[-1]
    assert "broken.json" in message and "line 3" in message and "column" in message
    assert window.session.document_id == before


def test_the_report_suggests_the_language_the_text_is_in(qtbot: Any, open_window: Any, tmp_path: Path) -> None:
    window = open_window()
    data = json.loads((DATA / "messy" / "dates-german.json").read_text(encoding="utf-8"))
    data.pop("meta", None)
    path = tmp_path / "lebenslauf.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    window.import_files([path])
    panel = window.reports.panel
    assert panel.language_row.isVisible() and panel.use_language.text() == "Use Deutsch"
    qtbot.waitUntil(lambda: "Use Deutsch" in [button.text() for button in window.message_bar.buttons()])
    panel.use_language.click()
    assert window.session.get(("meta", "locale")) == "de"
    assert not panel.language_row.isVisible()
    assert window.editor.design_panel().language.currentData() == "de"
    window.actions_.undo.trigger()
    assert "meta" not in window.session.data and not window.session.file_dirty


def test_a_resume_in_english_or_with_a_language_gets_no_suggestion(qtbot: Any, open_window: Any) -> None:
    window = open_window()
    window.import_files([DATA / "messy" / "legacy-0x.json"])
    assert not window.reports.panel.language_row.isVisible()
    window.import_files([DATA / "messy" / "dates-french.json"])  # names fr itself
    assert not window.reports.panel.language_row.isVisible()


def test_a_new_resume_starts_in_the_system_language(qtbot: Any, open_window: Any) -> None:
    window = open_window()
    window.documents.new_document()  # the real system's locale, which we may lack
    assert window.session.get(("meta", "locale")) == system_locale(QLocale.system().name())
    window.documents.system_locale_name = lambda: "de_DE"
    window.documents.new_document()
    assert window.session.get(("meta", "locale")) == "de"
    window.documents.system_locale_name = lambda: "tlh_US"  # a language we lack: English
    window.documents.new_document()
    assert window.session.get(("meta", "locale")) == "en"


def test_the_language_choice_is_an_undoable_edit_and_turns_the_preview_right_to_left(
    qtbot: Any, open_window: Any
) -> None:
    window = open_window()
    window.editor.show_section("design")
    combo = window.editor.design_panel().language
    assert combo.currentData() == "en"
    before = dict(window.session.data["meta"])  # the sample has a meta object, without a locale
    assert combo.itemText(combo.findData("de")) == "Deutsch — de"
    combo.setCurrentIndex(combo.findData("ar"))
    combo.activated.emit(combo.currentIndex())
    assert window.session.get(("meta", "locale")) == "ar"
    heading = section_titles("ar")["work"]
    qtbot.waitUntil(lambda: heading in window.preview.text(), timeout=30_000)  # at once: no export needed
    assert 'dir="rtl"' in window.preview._source.html
    window.actions_.undo.trigger()
    assert window.session.get(("meta", "locale")) is None and window.session.data["meta"] == before
    assert combo.currentData() == "en"
    qtbot.waitUntil(lambda: section_titles("en")["work"].lower() in window.preview.text().lower(), timeout=30_000)
    assert 'dir="rtl"' not in window.preview._source.html


def test_an_unknown_language_value_is_shown_as_such(qtbot: Any, open_window: Any) -> None:
    window = open_window()
    window.session.set(("meta", "locale"), "tlh")
    combo = window.editor.design_panel().language
    assert combo.currentText() == "tlh (not available; English is used)"
    combo.setCurrentIndex(combo.findData("fr"))
    combo.activated.emit(combo.currentIndex())
    assert window.session.get(("meta", "locale")) == "fr"
    assert combo.findData("unknown") == -1


def test_repairs_are_grouped_by_kind() -> None:
    from app.model.importer import import_resume_file

    repairs = import_resume_file(DATA / "messy" / "dates-empty-null.json").repairs
    assert {repair_group(repair) for repair in repairs} == {EMPTY}
    groups = dict(grouped(import_resume_file(DATA / "messy" / "legacy-0x.json").repairs))
    assert list(groups) == [OLD_NAMES] and len(groups[OLD_NAMES]) == 11


def test_a_rendercv_file_is_imported_but_not_linked(qtbot: Any, open_window: Any, tmp_path: Path) -> None:
    window = open_window()
    path = tmp_path / "cv.yaml"
    shutil.copy(DATA / "formats" / "rendercv.yaml", path)
    before = path.read_bytes()
    window.import_files([path])
    assert window.session.source_path is None and window.session.data.get("work")
    assert window.messages.history[-1].startswith("Imported cv.yaml (RenderCV)")
    assert report_rows(window)[0] == "file: read from a RenderCV input file (RenderCV → JSON Resume)"
    assert "work: RenderCV section 'experience' read as 'work' (“experience” → “work”)" in report_rows(window)
    assert report_groups(window)[0] == FILE and window.reports.panel.tree.topLevelItem(0).childCount() >= 2
    assert path.read_bytes() == before
