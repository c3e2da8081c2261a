"""The editor's section list: the resume's own structure, reordered, renamed, hidden, removed and extended.

Each test drives the editor panel the way the user does (keys, the list's model, the pane's actions) and checks
what the session holds, and for some what the export prints (``plan_sections`` on the rendered preview's input).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont

from app.model.loading import parse_resume
from app.render.locales import section_titles
from app.render.sections import PlannedSection, plan_sections
from app.ui.editor import EditorPanel
from app.ui.preview_build import build_preview
from app.ui.section_order import custom_key, editor_sections
from app.ui.session import DocumentSession
from tests.conftest import SAMPLE


def sample() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return data


@pytest.fixture
def panel(qtbot: Any) -> Any:
    def make(data: dict[str, Any] | None = None) -> EditorPanel:
        session = DocumentSession(None, None, data if data is not None else sample())
        editor = EditorPanel(session)
        # Owned by the editor, so Qt deletes it with the editor on this thread. Left to Python, the session (and
        # its autosave timer) was freed by whichever thread ran the garbage collector next, once a later test's
        # export worker: "Timers cannot be stopped from another thread", then a crash.
        session.setParent(editor)
        qtbot.addWidget(editor)
        editor.resize(1000, 700)
        editor.show()
        # No test may block on a real dialog; each one that asks sets its own answer.
        editor.section_list.ask_text = lambda *_args: pytest.fail("unexpected question")
        editor.section_list.confirm = lambda *_args: pytest.fail("unexpected confirmation")
        return editor

    return make


def listed(editor: EditorPanel) -> list[str]:
    return list(editor.sections.keys)


def plan(data: dict[str, Any]) -> list[PlannedSection]:
    resume = parse_resume(copy.deepcopy(data))
    return plan_sections(
        resume.model_dump(mode="python", by_alias=False),
        resume.model_dump(mode="python", by_alias=True),
        section_titles("en"),
    )


def stored_keys(data: dict[str, Any]) -> list[str]:
    return [item["key"] for item in data["meta"]["sections"]]


def test_the_list_follows_the_resume_order_titles_and_custom_sections(panel: Any) -> None:
    data = sample()
    data["talks"] = [{"name": "PyCon"}]
    data["meta"]["sections"] = [{"key": "skills", "title": "Toolbox"}, {"key": "awards", "hidden": True}]
    editor = panel(data)
    keys = listed(editor)
    assert keys[:3] == ["basics", "skills", "awards"]
    assert keys[-2:] == ["talks", "design"]
    assert keys[3:6] == ["work", "projects", "education"]  # the rest in the export's default order
    assert editor.section_text("skills") == "Toolbox"
    assert editor.section_text("awards") == "Awards (hidden)"
    assert editor.section_text("talks") == "Talks"
    hidden = editor.sections.index(editor.sections.row_of("awards"))
    assert isinstance(hidden.data(Qt.ItemDataRole.FontRole), QFont) and hidden.data(Qt.ItemDataRole.FontRole).italic()
    assert hidden.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "hidden from the export" in hidden.data(Qt.ItemDataRole.ToolTipRole)
    assert [section.key for section in plan(data)][:1] == ["skills"]


def test_keyboard_moves_a_section_in_one_undo_step_and_the_export_follows(qtbot: Any, panel: Any) -> None:
    editor = panel()
    session = editor.session
    editor.show_section("education")
    editor.navigator.setFocus()
    qtbot.waitUntil(editor.navigator.hasFocus)
    before = listed(editor)
    qtbot.keyClick(editor.navigator, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(editor.navigator, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    assert listed(editor)[1] == "education"
    assert editor.section_list.current_key() == "education"
    assert stored_keys(session.data)[0] == "education"
    assert stored_keys(session.data) == listed(editor)[1:-1]  # the complete order, every section named
    assert plan(session.data)[0].key == "education"
    html = build_preview(session.data).html
    assert html.index("University of Oklahoma") < html.index("CEO/President")
    session.undo_stack.undo()
    assert listed(editor)[1:3] == ["work", "education"]
    session.undo_stack.undo()
    assert listed(editor) == before
    assert editor.section_list.current_key() == "education"


def test_a_section_cannot_leave_the_space_between_basics_and_design(qtbot: Any, panel: Any) -> None:
    editor = panel()
    model = editor.sections
    last = len(model.keys) - 1
    assert not model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 3)  # Basics stays
    assert not model.moveRows(QModelIndex(), last, 1, QModelIndex(), 1)  # Design stays
    assert not model.moveRows(QModelIndex(), 1, 1, QModelIndex(), 0)  # nothing goes above Basics
    assert not model.moveRows(QModelIndex(), 1, 1, QModelIndex(), last + 1)  # nor below Design
    assert not editor.session.undo_stack.count()
    editor.show_section("work")
    editor.section_list.up_action.trigger()
    assert listed(editor)[1] == "work"
    assert not editor.section_list.up_action.isEnabled()


def test_moving_a_row_in_the_model_as_a_drag_does_writes_the_order(panel: Any) -> None:
    editor = panel()
    model = editor.sections
    keys = listed(editor)
    source = model.row_of("references")
    assert model.moveRows(QModelIndex(), source, 1, QModelIndex(), 1)
    assert listed(editor)[1] == "references"
    assert stored_keys(editor.session.data)[0] == "references"
    assert editor.session.undo_stack.count() == 1
    assert model.moveRows(QModelIndex(), 1, 1, QModelIndex(), model.row_of("design"))  # to the very end
    assert listed(editor)[-2] == "references"
    assert [section.key for section in plan(editor.session.data)][-1] == "references"
    editor.session.undo_stack.undo()
    editor.session.undo_stack.undo()
    assert listed(editor) == keys


def test_rename_stores_the_title_and_empty_resets_it(qtbot: Any, panel: Any) -> None:
    editor = panel()
    pane = editor.section_list
    editor.show_section("work")
    editor.navigator.setFocus()
    qtbot.waitUntil(editor.navigator.hasFocus)
    pane.ask_text = lambda _title, _label, text: "  Where I   worked " if text == "Experience" else pytest.fail(text)
    qtbot.keyClick(editor.navigator, Qt.Key.Key_F2)
    assert editor.session.data["meta"]["sections"][0] == {"key": "work", "title": "Where I worked"}
    assert editor.section_text("work") == "Where I worked"
    assert editor.findChild(object, "page:work").findChild(object, "pageTitle").text() == "Where I worked"
    assert plan(editor.session.data)[0].title == "Where I worked"
    assert ">Where I worked<" in build_preview(editor.session.data).html
    pane.ask_text = lambda *_args: ""
    pane.rename()
    assert "title" not in editor.session.data["meta"]["sections"][0]
    assert editor.section_text("work") == "Experience"
    pane.ask_text = lambda *_args: None  # cancelled
    pane.rename()
    assert editor.session.undo_stack.count() == 2


def test_hide_and_show_a_section(panel: Any) -> None:
    editor = panel()
    pane = editor.section_list
    editor.show_section("skills")
    pane.hide_action.trigger()
    setting = next(item for item in editor.session.data["meta"]["sections"] if item["key"] == "skills")
    assert setting == {"key": "skills", "hidden": True}
    assert editor.section_text("skills") == "Skills (hidden)"
    assert pane.hide_action.isChecked() and pane.hide_action.text() == "Show in Export"
    assert "skills" not in [section.key for section in plan(editor.session.data)]
    assert "Web Development" not in build_preview(editor.session.data).html
    assert editor.session.data["skills"]  # kept in the resume
    pane.hide_action.trigger()
    assert "skills" in [section.key for section in plan(editor.session.data)]
    assert editor.session.undo_stack.count() == 2


def test_remove_asks_when_there_are_entries_and_undo_brings_them_back(qtbot: Any, panel: Any) -> None:
    editor = panel()
    pane = editor.section_list
    original = copy.deepcopy(editor.session.data)
    editor.show_section("awards")
    pane.rename_section("awards", "Prizes")
    questions: list[str] = []
    pane.confirm = lambda _title, text: questions.append(text) is not None  # answers no
    pane.remove_action.trigger()
    assert questions == ["Remove “Prizes” and its 1 entry? Undo brings them back."]
    assert editor.session.data["awards"]
    pane.confirm = lambda *_args: True
    editor.navigator.setFocus()
    qtbot.waitUntil(editor.navigator.hasFocus)
    qtbot.keyClick(editor.navigator, Qt.Key.Key_Delete)
    assert "awards" not in editor.session.data
    assert "awards" not in stored_keys(editor.session.data)
    assert editor.section_text("awards") == "Awards"  # a schema section stays listed, empty, to fill again
    assert "awards" not in [section.key for section in plan(editor.session.data)]
    editor.session.undo_stack.undo()
    assert editor.session.data["awards"] == original["awards"]
    assert editor.section_text("awards") == "Prizes"
    editor.session.undo_stack.undo()
    assert editor.session.data == original


def test_add_a_custom_section_with_an_entry_and_save_it(tmp_path: Path, panel: Any) -> None:
    data = sample()
    data["talks"] = [{"name": "Scaling Pied Piper", "venue": "TechCrunch Disrupt", "x-id": 7}, "Lightning talk"]
    editor = panel(data)
    pane = editor.section_list
    pane.ask_text = lambda *_args: "Side projects"
    pane.add_action.trigger()
    session = editor.session
    assert session.data["side_projects"] == [{}]
    assert session.data["meta"]["sections"][-1] == {"key": "side_projects", "title": "Side projects"}
    assert listed(editor)[-2] == "side_projects"
    assert editor.section_list.current_key() == "side_projects"
    assert editor.pages.currentWidget().objectName() == "page:side_projects"
    assert session.undo_stack.count() == 1
    section = editor.section_editors["side_projects"]
    assert section.entries.count() == 1
    title = editor.findChild(object, "field:side_projects.0.name")
    title.editor.setText("Hooli XYZ")
    title.editor.textEdited.emit("Hooli XYZ")
    session.set(("side_projects", 0, "highlights"), ["Compression", "Middle-out"], merge=False)
    assert section.entries.item(0).text() == "Hooli XYZ"
    planned = next(item for item in plan(session.data) if item.key == "side_projects")
    assert planned.title == "Side projects" and planned.entries[0]["title"] == "Hooli XYZ"
    assert "Middle-out" in build_preview(session.data).html

    # An existing custom section: its title is edited where the entry keeps it, unknown fields stay.
    editor.show_section("talks")
    talks = editor.section_editors["talks"]
    assert [talks.entries.item(row).text() for row in range(2)] == ["Scaling Pied Piper", "Lightning talk"]
    talks.entries.setCurrentRow(0)
    session.set(("talks", 0, "position"), "Speaker")
    talks.entries.setCurrentRow(1)
    line = editor.findChild(object, "field:talks.1")
    line.editor.setText("Lightning talk: Gilfoyle's servers")
    line.editor.textEdited.emit("Lightning talk: Gilfoyle's servers")
    out = tmp_path / "saved.json"
    session.save_to(out)
    saved = json.loads(out.read_text(encoding="utf-8"))
    assert saved["talks"] == [
        {"name": "Scaling Pied Piper", "venue": "TechCrunch Disrupt", "x-id": 7, "position": "Speaker"},
        "Lightning talk: Gilfoyle's servers",
    ]
    assert saved["side_projects"] == [{"name": "Hooli XYZ", "highlights": ["Compression", "Middle-out"]}]
    assert saved["meta"]["sections"][-1] == {"key": "side_projects", "title": "Side projects"}

    # Removing the custom section takes its page away; undo brings both back.
    editor.show_section("side_projects")
    pane.confirm = lambda *_args: True
    pane.remove()
    assert "side_projects" not in session.data and "side_projects" not in listed(editor)
    assert "side_projects" not in editor.section_editors
    session.undo_stack.undo()
    assert "side_projects" in listed(editor) and session.data["side_projects"][0]["name"] == "Hooli XYZ"


def test_an_existing_custom_entry_is_edited_under_its_own_keys(panel: Any) -> None:
    data = sample()
    data["patents"] = [{"title": "Middle-out compression", "issuer": "USPTO", "date": "2015"}]
    editor = panel(data)
    editor.show_section("patents")
    field = editor.findChild(object, "field:patents.0.title")
    assert field is not None and field.editor.text() == "Middle-out compression"
    field.editor.setText("Middle-out")
    field.editor.textEdited.emit("Middle-out")
    assert editor.session.data["patents"] == [{"title": "Middle-out", "issuer": "USPTO", "date": "2015"}]


def test_custom_keys_are_unique_and_never_the_schema_s() -> None:
    data = sample()
    assert custom_key(data, "Side projects") == "side_projects"
    assert custom_key(data, "Work") == "work_2"
    assert custom_key(data, "Prix & distinctions") == "prix_distinctions"
    assert custom_key(data, "受賞") == "section"
    assert custom_key(data, "Meta") == "meta_2"
    data["talks"] = [{"name": "x"}]
    assert custom_key(data, "Talks") == "talks_2"


def test_hidden_entries_are_kept_greyed_and_left_out(panel: Any) -> None:
    editor = panel()
    editor.show_section("work")
    work = editor.section_editors["work"]
    work.add()
    editor.session.set(("work", 1, "name"), "Hooli")
    work.entries.setCurrentRow(0)
    button = work.buttons["hide"]
    assert button.text() == "Hide from export" and button.isEnabled()
    button.click()
    assert editor.session.data["work"][0]["hidden"] is True
    item = work.entries.item(0)
    assert item.text().endswith("(hidden)") and item.font().italic()
    assert button.text() == "Show in export" and button.isChecked()
    planned = next(section for section in plan(editor.session.data) if section.key == "work")
    assert planned.indices == [1]
    assert "CEO/President" not in build_preview(editor.session.data).html
    button.click()
    assert "hidden" not in editor.session.data["work"][0]
    assert not work.entries.item(0).font().italic() and "(hidden)" not in work.entries.item(0).text()
    editor.session.undo_stack.undo()
    assert editor.session.data["work"][0]["hidden"] is True
    assert work.entries.item(0).text().endswith("(hidden)")


def test_start_on_a_new_page_and_column_are_stored(panel: Any) -> None:
    data = sample()
    data["meta"]["template"] = "modern"
    editor = panel(data)
    pane = editor.section_list
    editor.show_section("skills")
    assert pane.column_menu.isEnabled() and pane.column_actions["side"].isChecked()  # the template's choice
    pane.column_actions["main"].trigger()
    pane.break_action.trigger()
    setting = next(item for item in editor.session.data["meta"]["sections"] if item["key"] == "skills")
    assert setting == {"key": "skills", "breakBefore": True, "column": "main"}
    assert pane.break_action.isChecked() and pane.column_actions["main"].isChecked()
    skills = next(section for section in plan(editor.session.data) if section.key == "skills")
    assert skills.break_before and skills.column == "main"
    editor.session.undo_stack.undo()
    editor.session.undo_stack.undo()
    assert editor_sections(editor.session.data)[0].setting.column is None
    data["meta"]["template"] = "classic"
    assert not panel(data).section_list.column_menu.isEnabled()


def test_unknown_keys_of_a_stored_setting_survive_an_edit(panel: Any) -> None:
    data = sample()
    data["meta"]["sections"] = [{"key": "work", "x-note": "keep"}, "junk", {"key": "skills"}, {"key": "motto"}]
    data["motto"] = "Ship it"  # not a list: not a section, but its setting is the user's
    editor = panel(data)
    assert "motto" not in listed(editor)
    editor.section_list.rename_section("skills", "Stack")
    stored = editor.session.data["meta"]["sections"]
    assert stored[0] == {"key": "work", "x-note": "keep"}
    assert stored[1] == {"key": "skills", "title": "Stack"}
    assert stored[-2:] == ["junk", {"key": "motto"}]
    assert [item["key"] for item in stored[:-2]] == listed(editor)[1:-1]


def test_a_hidden_profile_is_kept_but_not_printed(panel: Any) -> None:
    editor = panel()
    editor.show_section("basics")
    profiles = editor.section_editors["profiles"]
    profiles.entries.setCurrentRow(0)
    profiles.toggle_hidden()
    assert editor.session.data["basics"]["profiles"][0]["hidden"] is True
    assert profiles.entries.item(0).text().endswith("(hidden)")
    assert editor.session.data["basics"]["profiles"][0]["username"] not in build_preview(editor.session.data).html
