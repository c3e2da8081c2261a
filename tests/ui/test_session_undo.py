"""Undo takes a document back to exactly what it was: an edit that created objects on its way takes them away.

Before, typing a city into a resume without ``basics.location`` and undoing it left ``location: {}`` behind, and
the linked file looked edited although nothing was.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from app.ui.session import DocumentSession

MakeSession = Callable[[dict[str, Any]], DocumentSession]


@pytest.fixture
def make_session(qtbot: Any) -> MakeSession:
    # Sessions are owned by a widget pytest-qt deletes on this thread (see tests/ui/conftest.py).
    owner = QWidget()
    qtbot.addWidget(owner)
    return lambda data: DocumentSession(None, None, data, parent=owner)


def type_into(session: DocumentSession, path: tuple[str | int, ...], text: str) -> None:
    """One keystroke at a time, as a line edit reports them."""
    for end in range(1, len(text) + 1):
        session.set(path, text[:end])


def test_undo_of_typing_into_a_missing_object_removes_the_object(make_session: MakeSession) -> None:
    original = {"basics": {"name": "Ada Lovelace"}}
    session = make_session(copy.deepcopy(original))
    type_into(session, ("basics", "location", "city"), "London")
    assert session.data["basics"]["location"] == {"city": "London"}
    assert session.undo_stack.count() == 1  # the keystrokes are one step
    session.undo_stack.undo()
    assert session.data == original
    session.undo_stack.redo()
    assert session.data["basics"]["location"] == {"city": "London"}


def test_a_whole_missing_branch_is_created_and_removed_as_one(make_session: MakeSession) -> None:
    original: dict[str, Any] = {"basics": {"name": "Ada Lovelace"}}
    session = make_session(copy.deepcopy(original))
    session.set(("meta", "layout", "pageSize"), "letter", merge=False)
    assert session.data["meta"] == {"layout": {"pageSize": "letter"}}
    session.undo_stack.undo()
    assert session.data == original


def test_typing_then_clearing_the_field_leaves_nothing(make_session: MakeSession) -> None:
    original = {"basics": {"name": "Ada Lovelace"}}
    session = make_session(copy.deepcopy(original))
    type_into(session, ("basics", "location", "city"), "Oslo")
    session.set(("basics", "location", "city"), "")
    assert session.data == original
    session.undo_stack.undo()
    assert session.data == original


def test_an_existing_object_keeps_its_other_fields(make_session: MakeSession) -> None:
    original = {"basics": {"name": "Ada", "location": {"countryCode": "GB"}}}
    session = make_session(copy.deepcopy(original))
    type_into(session, ("basics", "location", "city"), "London")
    assert session.data["basics"]["location"] == {"countryCode": "GB", "city": "London"}
    session.undo_stack.undo()
    assert session.data == original


def test_a_value_that_was_not_an_object_comes_back(make_session: MakeSession) -> None:
    original = {"basics": {"name": "Ada", "location": "London"}}
    session = make_session(copy.deepcopy(original))
    session.set(("basics", "location", "city"), "Paris", merge=False)
    assert session.data["basics"]["location"] == {"city": "Paris"}
    session.undo_stack.undo()
    assert session.data == original


def test_undo_leaves_the_linked_file_unedited(make_session: MakeSession, tmp_path: Any) -> None:
    original = {"basics": {"name": "Ada Lovelace"}}
    session = make_session(copy.deepcopy(original))
    session.source_path = tmp_path / "ada.json"
    session.set_file_data(original)
    type_into(session, ("basics", "location", "city"), "London")
    assert session.file_dirty
    session.undo_stack.undo()
    assert not session.file_dirty
