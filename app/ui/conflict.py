"""The question asked when a file is opened whose library copy holds edits the file does not have."""

from __future__ import annotations

import enum
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget


class ConflictChoice(enum.Enum):
    """What to do with a library copy that differs from its file."""

    KEEP_LIBRARY = "keep"  #: open the library copy; the file stays as it is
    TAKE_FILE = "take"  #: replace the library copy with the file's content (one undo step)
    OPEN_BOTH = "both"  #: keep the library copy and add the file's content as a second document
    CANCEL = "cancel"  #: open nothing


def ask_conflict(parent: QWidget | None, path: Path, title: str, edited: str) -> ConflictChoice:
    """Asks which version to open; Escape (or closing the box) opens nothing."""
    box = QMessageBox(parent)
    box.setObjectName("conflictBox")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Library copy differs from the file")
    box.setText(f"“{title}” in the library is not the same as {path.name}.")
    box.setInformativeText(
        f"The library copy was last edited {edited}; the file may have been changed elsewhere, or the library "
        "holds edits you did not save to it. Which version do you want to open? Taking the file's version can "
        "be undone (Ctrl+Z)."
    )
    buttons: dict[QPushButton, ConflictChoice] = {}
    for text, role, choice in (
        ("&Keep library version", QMessageBox.ButtonRole.AcceptRole, ConflictChoice.KEEP_LIBRARY),
        ("&Take file version", QMessageBox.ButtonRole.DestructiveRole, ConflictChoice.TAKE_FILE),
        ("Open &both", QMessageBox.ButtonRole.ActionRole, ConflictChoice.OPEN_BOTH),
    ):
        button = box.addButton(text, role)
        button.setObjectName(f"conflict:{choice.value}")
        buttons[button] = choice
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(next(b for b, c in buttons.items() if c is ConflictChoice.KEEP_LIBRARY))
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return buttons.get(clicked, ConflictChoice.CANCEL) if isinstance(clicked, QPushButton) else ConflictChoice.CANCEL
