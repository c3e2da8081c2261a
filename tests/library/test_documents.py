"""The document library: content kept byte for byte, and a deleted document put back as it was (undo)."""

from __future__ import annotations

from pathlib import Path

from app.library.documents import DocumentLibrary, encode
from app.store.database import Store


def test_a_deleted_document_is_restored_with_its_id_content_and_times(data_dir: Path) -> None:
    library = DocumentLibrary(Store(data_dir))
    kept = library.create("Kept", {"basics": {"name": "Kept"}})
    doomed = library.upsert("Zoë", b'{"basics": {"name": "Zo\xc3\xab"}, "x-unknown": [1]}', "/cv/zoe.json")
    before = library.get(doomed)
    removed = library.delete(doomed)
    assert [document.id for document in library.list()] == [kept]
    library.restore(removed)
    assert library.get(doomed) == before
    assert {document.id for document in library.list()} == {kept, doomed}


def test_encode_keeps_text_that_utf8_cannot_hold_escaped() -> None:
    assert encode({"a": "Zoë"}) == '{\n  "a": "Zoë"\n}\n'.encode()
    assert encode({"a": "\ud800"}) == b'{\n  "a": "\\ud800"\n}\n'
