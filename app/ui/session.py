"""The resume being edited: its JSON (the source of truth, unknown fields included), undo history and autosave.

The editor works on the raw JSON object rather than the pydantic model, so whatever the file held that we do
not know about is written back untouched. Every change goes through ``set``, which pushes an undoable command;
the model is only used to validate, so the form shows the same messages as ``resumepair validate``.
"""

from __future__ import annotations

import copy
import itertools
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from app.errors import FieldIssue, ResumePairError
from app.fsutil import atomic_write_bytes
from app.library.documents import DocumentLibrary, encode
from app.model.loading import find_issues
from app.model.notes import field_notes

log = logging.getLogger(__name__)

JsonPath = tuple[str | int, ...]
AUTOSAVE_DELAY_MS = 1000
_MISSING = object()


def get_at(data: Any, path: JsonPath, default: Any = None) -> Any:
    """The value at ``path`` in nested dicts/lists, or ``default`` when any step is missing."""
    node = data
    for key in path:
        if isinstance(node, dict) and isinstance(key, str) and key in node:  # noqa: SIM114 - mypy narrows each
            node = node[key]
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            node = node[key]
        else:
            return default
    return node


def set_at(data: dict[str, Any], path: JsonPath, value: Any) -> None:
    """Sets ``path`` to ``value`` creating objects on the way; ``_MISSING`` removes the key (empty fields)."""
    node: Any = data
    for key, next_key in itertools.pairwise(path):
        child = node[key] if isinstance(node, list) and isinstance(key, int) else node.get(key)
        if child is None or not isinstance(child, dict | list):
            if value is _MISSING:
                return
            child = [] if isinstance(next_key, int) else {}
            node[key] = child
        node = child
    last = path[-1]
    if value is _MISSING:
        if isinstance(node, dict):
            node.pop(last, None)
    elif isinstance(node, list) and isinstance(last, int):
        node[last] = value
    else:
        node[last] = value


def _created_at(data: dict[str, Any], path: JsonPath) -> JsonPath:
    """Where setting ``path`` changes ``data``: ``path``, or its first ancestor that is missing or not an object.

    Setting ``basics.location.city`` on a resume without a location creates ``basics.location``. Undoing the
    edit then removes what it created instead of leaving an empty ``location: {}`` behind. Paths through list
    items stay as they are: items are added as a whole, never by setting one of their fields.
    """
    if any(isinstance(key, int) for key in path):
        return path
    for end in range(1, len(path)):
        if not isinstance(get_at(data, path[:end], _MISSING), dict):
            return path[:end]
    return path


def _nested(keys: JsonPath, value: Any) -> Any:
    """``value`` under ``keys``: ``("location", "city"), "Oslo"`` → ``{"location": {"city": "Oslo"}}``."""
    for key in reversed(keys):
        value = {key: value}
    return value


class _SetValue(QUndoCommand):
    """One edit of ``field``; consecutive typing in one field merges into one step.

    It is applied at ``path``: ``field``, or the ancestor the edit created (see ``_created_at``).
    """

    def __init__(
        self, session: DocumentSession, field: JsonPath, path: JsonPath, old: Any, new: Any, *, text: str, merge: bool
    ) -> None:
        super().__init__(text)
        self.session, self.field, self.path, self.old, self.new, self.merge = session, field, path, old, new, merge

    def id(self) -> int:
        """Merge id: text edits merge, structural edits (lists) never do."""
        return 1 if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        """Joins keystrokes in the same field into one undo step."""
        if not (isinstance(other, _SetValue) and other.merge and other.field == self.field):
            return False
        if self.path == self.field:
            self.new = other.new
        elif other.new is _MISSING:
            # The field was emptied: what this step created goes, not just the field (``other`` removed only the
            # field when the stack ran it, before asking to merge).
            self.new = _MISSING
            self.session._apply(self.path, self.new)
        else:
            self.new = _nested(self.field[len(self.path) :], other.new)
        self.setObsolete(self.old is _MISSING and self.new is _MISSING)  # nothing left to undo: the stack drops it
        return True

    def redo(self) -> None:
        """Applies the new value."""
        self.session._apply(self.path, self.new)

    def undo(self) -> None:
        """Restores the old value."""
        self.session._apply(self.path, self.old)


class _ReplaceAll(QUndoCommand):
    """The whole document replaced (by its file's version, on the user's say); undo brings the old one back."""

    def __init__(self, session: DocumentSession, old: dict[str, Any], new: dict[str, Any], text: str) -> None:
        super().__init__(text)
        self.session, self.old, self.new = session, old, new

    def redo(self) -> None:
        """Shows the new content."""
        self.session._replace(self.new)

    def undo(self) -> None:
        """Shows the content from before."""
        self.session._replace(self.old)


class DocumentSession(QObject):
    """One open resume: JSON data, undo stack, validation, autosave to the library, save to its file.

    Two copies are compared with the data to say what is unsaved: what the library holds (autosave writes only
    when they differ, so a document that was merely looked at keeps its "edited" time), and what the linked file
    holds (``file_dirty``: typing a character and deleting it again leaves nothing to save).
    """

    changed = Signal(object)  #: the path (tuple) that changed; ``()`` for everything
    issuesChanged = Signal(list)  # noqa: N815 - Qt naming  #: list[FieldIssue] after each change
    dirtyChanged = Signal(bool)  # noqa: N815  #: whether the linked file lacks the latest edits
    autosaved = Signal()  #: the library now holds the latest content

    def __init__(
        self,
        library: DocumentLibrary | None,
        document_id: int | None,
        data: dict[str, Any],
        source_path: Path | None = None,
        *,
        file_data: dict[str, Any] | None = None,
        is_sample: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.document_id = document_id
        self.data: dict[str, Any] = data
        self.source_path = source_path
        self.is_sample = is_sample
        self.undo_stack = QUndoStack(self)
        self.issues: list[FieldIssue] = find_issues(data)
        #: Values the export keeps as written (a date in words, a relative link): said, never blocking.
        self.notes: list[FieldIssue] = field_notes(data)
        self._saved: dict[str, Any] = copy.deepcopy(data)
        #: The linked file's content as last read or written; ``None`` when there is no readable file.
        self._file_data: dict[str, Any] | None = copy.deepcopy(file_data) if file_data is not None else None
        self._file_dirty = self._differs_from_file()
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave.timeout.connect(self.autosave_now)

    # -- reading ---------------------------------------------------------------------------------------------

    def get(self, path: JsonPath, default: Any = None) -> Any:
        """The value at ``path``."""
        return get_at(self.data, path, default)

    @property
    def title(self) -> str:
        """The person's name, for the library and the window title."""
        name = self.get(("basics", "name"))
        return name.strip() if isinstance(name, str) and name.strip() else "Untitled resume"

    @property
    def file_dirty(self) -> bool:
        """The linked file (if any) does not have the latest edits."""
        return self._file_dirty

    @property
    def library_dirty(self) -> bool:
        """The library does not yet hold the latest edits (autosave is pending)."""
        return self.data != self._saved

    def issues_at(self, path: JsonPath) -> list[str]:
        """Messages for exactly this field."""
        dotted = ".".join(str(part) for part in path)
        return [issue.message for issue in self.issues if issue.path == dotted]

    def notes_at(self, path: JsonPath) -> list[str]:
        """Notes for exactly this field (values printed as written)."""
        dotted = ".".join(str(part) for part in path)
        return [note.message for note in self.notes if note.path == dotted]

    # -- editing ---------------------------------------------------------------------------------------------

    def set(self, path: JsonPath, value: Any, *, merge: bool = True, text: str | None = None) -> None:
        """Changes one value as an undoable step; ``None`` or ``""`` for a text field removes it."""
        new = _MISSING if value is None or value == "" else copy.deepcopy(value)
        old_raw = self.get(path, _MISSING)
        old = old_raw if old_raw is _MISSING else copy.deepcopy(old_raw)
        if (old is _MISSING and new is _MISSING) or old == new:
            return
        label = text or f"Edit {'.'.join(str(part) for part in path)}"
        target = _created_at(self.data, path) if new is not _MISSING else path
        if target != path:
            old_target = self.get(target, _MISSING)
            old = old_target if old_target is _MISSING else copy.deepcopy(old_target)
            new = _nested(path[len(target) :], new)
        self.undo_stack.push(_SetValue(self, path, target, old, new, text=label, merge=merge))

    def set_list(self, path: JsonPath, items: list[Any], text: str) -> None:
        """Replaces a whole list (add, remove, duplicate, reorder) as one undo step."""
        self.set(path, items if items else None, merge=False, text=text)

    def replace_all(self, data: dict[str, Any], text: str) -> None:
        """Replaces the whole document as one undo step (take the file's version, revert)."""
        if data == self.data:
            return
        self.undo_stack.push(_ReplaceAll(self, copy.deepcopy(self.data), copy.deepcopy(data), text))

    def _apply(self, path: JsonPath, value: Any) -> None:
        set_at(self.data, path, copy.deepcopy(value) if value is not _MISSING else _MISSING)
        self._after_change(path)

    def _replace(self, data: dict[str, Any]) -> None:
        self.data.clear()
        self.data.update(copy.deepcopy(data))
        self._after_change(())

    def _after_change(self, path: JsonPath) -> None:
        self.issues = find_issues(self.data)
        self.notes = field_notes(self.data)
        self._update_file_dirty()
        self._autosave.start()
        self.changed.emit(path)
        self.issuesChanged.emit(self.issues)

    def _differs_from_file(self) -> bool:
        return self.source_path is not None and self._file_data is not None and self.data != self._file_data

    def _update_file_dirty(self) -> None:
        dirty = self._differs_from_file()
        if dirty != self._file_dirty:
            self._file_dirty = dirty
            self.dirtyChanged.emit(dirty)

    # -- persistence -----------------------------------------------------------------------------------------

    def set_file_data(self, data: dict[str, Any]) -> None:
        """The linked file now holds ``data`` (read again from disk): ``file_dirty`` compares with it."""
        self._file_data = copy.deepcopy(data)
        self._update_file_dirty()

    def autosave_now(self) -> None:
        """Writes the current content to the library (one transaction) if it changed; 1 s after the last edit."""
        self._autosave.stop()
        if self.library is None or self.document_id is None or not self.library_dirty:
            return
        try:
            self.library.save(self.document_id, self.title, self.data)
        except ResumePairError as exc:
            log.error("autosave failed: %s", exc)
            self._autosave.start(AUTOSAVE_DELAY_MS * 5)
            return
        self._saved = copy.deepcopy(self.data)
        self.autosaved.emit()

    def save_to(self, path: Path) -> None:
        """Writes the resume to ``path`` atomically (unknown fields kept) and links the document to it."""
        atomic_write_bytes(path, encode(self.data), mode=0o644)
        self.source_path = path
        if self.library is not None and self.document_id is not None:
            self.library.link(self.document_id, str(path))
        self.autosave_now()
        self._file_data = copy.deepcopy(self.data)
        self._update_file_dirty()
