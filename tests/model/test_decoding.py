"""From bytes to data: hand-written JSON, YAML's traps, encodings, and messages with line and column."""

from __future__ import annotations

import codecs

import pytest

from app.errors import ResumeLoadError
from app.model.decoding import decode_data


def test_strict_json_is_read_as_json() -> None:
    decoded = decode_data(b'{"basics": {"name": "A"}}')
    assert decoded.data == {"basics": {"name": "A"}} and decoded.syntax == "json" and decoded.repairs == []


def test_comments_and_trailing_commas_are_read_and_reported() -> None:
    raw = b'// top\n{\n  /* block */ "basics": {"name": "A",}, // end\n  "work": [1, 2,],\n}\n'
    decoded = decode_data(raw, "cv.json")
    assert decoded.data == {"basics": {"name": "A"}, "work": [1, 2]}
    assert decoded.syntax == "json5"
    (note,) = decoded.repairs
    assert note.was.startswith("line 1, column 1") and "comments or trailing commas" in note.message


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b'{\n  "basics": {"name": "A"\n  "work": []\n}', "Expecting ',' delimiter at line 3, column 3"),
        (b'{\n  // a comment\n  "basics": {"name": "A",}\n  "work": []\n}', "Expected ',' or '}' at line 4"),
        (b'{"basics": ', "line 1, column 12"),
        (b"", "is empty"),
        (b"   \n  ", "is empty"),
        (b"\x00\x01\xff", "not a text file"),
        (b'{"a": NaN}', "not valid JSON"),
        (b'// c\n{"a": Infinity}', "not a number a resume can use"),
        (b"basics: [unclosed", "neither JSON nor YAML"),
    ],
)
def test_unreadable_files_name_the_place(raw: bytes, words: str) -> None:
    with pytest.raises(ResumeLoadError) as caught:
        decode_data(raw, "cv.json")
    assert str(caught.value).startswith("cv.json: ")
    assert words in str(caught.value)


def test_duplicate_keys_keep_the_last_value_and_say_so() -> None:
    decoded = decode_data(b'{"basics": {"name": "Draft", "name": "Final"}}')
    assert decoded.data == {"basics": {"name": "Final"}}
    assert "appears twice" in decoded.repairs[0].message


@pytest.mark.parametrize("bom", [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE])
def test_unicode_files_with_a_byte_order_mark(bom: bytes) -> None:
    text = '{"basics": {"name": "Zoë"}}'
    encoding = {codecs.BOM_UTF8: "utf-8", codecs.BOM_UTF16_LE: "utf-16-le", codecs.BOM_UTF16_BE: "utf-16-be"}[bom]
    assert decode_data(bom + text.encode(encoding)).data == {"basics": {"name": "Zoë"}}


def test_windows_1252_files_are_read_with_a_note() -> None:
    decoded = decode_data('{"basics": {"name": "Hélène"}}'.encode("cp1252"))
    assert decoded.data == {"basics": {"name": "Hélène"}}
    assert "Windows-1252" in decoded.repairs[0].message


def test_yaml_keeps_what_was_typed() -> None:
    raw = (
        b"basics:\n  name: Astrid\n  phone: 0047 22 33\n  location: {countryCode: NO, postalCode: 0150}\n"
        b"work:\n  - startDate: 2018-03-01\n    endDate: 2019\n    summary: yes\n    score: 1:30\n    n: 3.5\n"
    )
    decoded = decode_data(raw)
    assert decoded.syntax == "yaml"
    assert decoded.data["basics"]["location"] == {"countryCode": "NO", "postalCode": "0150"}
    assert decoded.data["work"][0] == {
        "startDate": "2018-03-01",
        "endDate": 2019,
        "summary": "yes",
        "score": "1:30",
        "n": 3.5,
    }


def test_yaml_true_and_false_stay_booleans() -> None:
    assert decode_data(b"a: true\nb: False\nc: ~\n").data == {"a": True, "b": False, "c": None}


def test_deep_nesting_is_refused_clearly() -> None:
    with pytest.raises(ResumeLoadError, match="at most 64"):
        decode_data(b'{"a": ' + b"[" * 70 + b"]" * 70 + b"}")
