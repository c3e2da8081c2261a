"""The document library: the resumes the user has opened or imported, stored in the database.

The library keeps each resume's JSON text exactly as edited (unknown fields included); autosave writes here.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from app.errors import UserError
from app.store.clock import from_db, to_db
from app.store.database import Store


@dataclass(frozen=True)
class Document:
    """A resume in the local library: its raw file content (which may be invalid) and where it came from."""

    id: int
    title: str
    source_path: str | None
    content: bytes
    created_at: dt.datetime
    updated_at: dt.datetime
    is_sample: bool = False

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Document:
        """Builds a document from a ``documents`` row."""
        return cls(
            id=row["id"],
            title=row["title"],
            source_path=row["source_path"],
            content=bytes(row["content"]),
            created_at=from_db(row["created_at"]),
            updated_at=from_db(row["updated_at"]),
            is_sample=bool(row["is_sample"]) if "is_sample" in row.keys() else False,  # noqa: SIM118 - Row
        )


class DocumentLibrary:
    """Create, list, update, rename, duplicate and delete library documents."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def list(self) -> list[Document]:
        """Every document, most recently edited first."""
        rows = self.store.read("SELECT * FROM documents ORDER BY updated_at DESC, id DESC")
        return [Document.from_row(row) for row in rows]

    def get(self, document_id: int) -> Document:
        """One document by id."""
        rows = self.store.read("SELECT * FROM documents WHERE id = ?", (document_id,))
        if not rows:
            raise UserError(f"document {document_id} does not exist")
        return Document.from_row(rows[0])

    def create(
        self, title: str, data: dict[str, Any], source_path: str | None = None, *, is_sample: bool = False
    ) -> int:
        """Adds a document; returns its id."""
        title = _storable(title)
        now = to_db(self.store.clock())
        with self.store.write() as conn:
            cursor = conn.execute(
                "INSERT INTO documents(title, source_path, content, created_at, updated_at, is_sample) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (title, source_path, encode(data), now, now, int(is_sample)),
            )
            return int(cursor.lastrowid or 0)

    def upsert(self, title: str, content: bytes, source_path: str | None = None) -> int:
        """Adds a file's content as it is (valid or not), or refreshes the document imported from the same path."""
        title = _storable(title)
        now = to_db(self.store.clock())
        with self.store.write() as conn:
            if source_path is not None:
                row = conn.execute("SELECT id FROM documents WHERE source_path = ?", (source_path,)).fetchone()
                if row is not None:
                    conn.execute(
                        "UPDATE documents SET title = ?, content = ?, updated_at = ? WHERE id = ?",
                        (title, content, now, row["id"]),
                    )
                    return int(row["id"])
            cursor = conn.execute(
                "INSERT INTO documents(title, source_path, content, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                (title, source_path, content, now, now),
            )
            return int(cursor.lastrowid or 0)

    def save(self, document_id: int, title: str, data: dict[str, Any]) -> None:
        """Autosave: stores the current content in one transaction (all of it or none)."""
        title = _storable(title)
        with self.store.write() as conn:
            conn.execute(
                "UPDATE documents SET title = ?, content = ?, updated_at = ? WHERE id = ?",
                (title, encode(data), to_db(self.store.clock()), document_id),
            )

    def link(self, document_id: int, source_path: str | None) -> None:
        """Remembers the file a document is saved to."""
        with self.store.write() as conn:
            conn.execute("UPDATE documents SET source_path = ? WHERE id = ?", (source_path, document_id))

    def rename(self, document_id: int, title: str) -> None:
        """Changes the title shown in the library."""
        clean = title.strip()
        if not clean:
            raise UserError("a document needs a title")
        with self.store.write() as conn:
            conn.execute("UPDATE documents SET title = ? WHERE id = ?", (clean, document_id))

    def duplicate(self, document_id: int) -> int:
        """A copy of a document, not linked to any file."""
        original = self.get(document_id)
        now = to_db(self.store.clock())
        with self.store.write() as conn:
            cursor = conn.execute(
                "INSERT INTO documents(title, source_path, content, created_at, updated_at, is_sample) "
                "VALUES (?, NULL, ?, ?, ?, 0)",
                (f"{original.title} (copy)", original.content, now, now),
            )
            return int(cursor.lastrowid or 0)

    def delete(self, document_id: int) -> Document:
        """Removes a document and returns it, so the caller can offer to undo."""
        document = self.get(document_id)
        with self.store.write() as conn:
            conn.execute("DELETE FROM documents WHERE id = ?", (document_id,))
        return document

    def restore(self, document: Document) -> None:
        """Puts a deleted document back with its id (undo of ``delete``)."""
        with self.store.write() as conn:
            conn.execute(
                "INSERT INTO documents(id, title, source_path, content, created_at, updated_at, is_sample) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    document.id,
                    document.title,
                    document.source_path,
                    document.content,
                    to_db(document.created_at),
                    to_db(document.updated_at),
                    int(document.is_sample),
                ),
            )


def _storable(title: str) -> str:
    """A title SQLite can store: characters UTF-8 cannot hold become "?"."""
    return title.encode("utf-8", "replace").decode("utf-8")


def encode(data: dict[str, Any]) -> bytes:
    """A resume as stored and saved: pretty UTF-8 JSON, non-ASCII kept.

    Text UTF-8 cannot hold (a lone surrogate typed or imported as ``\ud800``) is written escaped instead, so
    nothing is lost and the file stays valid.
    """
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(data, ensure_ascii=True, indent=2) + "\n").encode("ascii")
