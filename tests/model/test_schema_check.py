"""``validate`` judges as the official schema does: cases generated from every field of the official schema.json.

The official ``resume-schema`` project's own fixtures (208 of them) were run through ``validate`` by
``tests/model/official_fixtures.py`` (they are not ours to commit); these cases cover the same judgements —
every field valid, null, and of the wrong type; dates against the pattern; formats as warnings.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from app.model.schema_check import check_resume_bytes, official_schema


def fields(schema: dict[str, Any], path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    """Every property of the schema, with the path that reaches it (lists entered at index 0)."""
    definitions = official_schema()["definitions"]
    for name, declared in schema.get("properties", {}).items():
        spec = definitions[declared["$ref"].split("/")[-1]] if "$ref" in declared else declared
        here = (*path, name)
        yield here, spec
        if spec.get("type") == "object":
            yield from fields(spec, here)
        elif spec.get("type") == "array" and spec.get("items", {}).get("type") == "object":
            yield from fields(spec["items"], (*here, "0"))


FIELDS = list(fields(official_schema()))
GOOD = {"string": "text", "array": [], "object": {}}
PATTERN_GOOD = "2019-03"


def place(path: tuple[str, ...], value: Any) -> dict[str, Any]:
    """A document holding ``value`` at ``path``."""
    root: Any = {}
    node = root
    for part, following in zip(path, (*path[1:], None), strict=True):
        child: Any = value if following is None else [] if following == "0" else {}
        if part == "0":
            node.append(child)
        else:
            node[part] = child
        node = child
    return root


def judge(data: Any) -> dict[str, Any]:
    return check_resume_bytes(json.dumps(data).encode(), "t.json")


def good_value(spec: dict[str, Any]) -> Any:
    if "pattern" in spec:
        return PATTERN_GOOD
    if spec.get("format") == "email":
        return "ana@example.org"
    if spec.get("format") == "uri":
        return "https://example.org"
    return GOOD[spec["type"]]


@pytest.mark.parametrize(("path", "spec"), FIELDS, ids=[".".join(path) for path, _ in FIELDS])
def test_every_field_valid_null_and_wrong_type(path: tuple[str, ...], spec: dict[str, Any]) -> None:
    dotted = ".".join(path)
    good = judge(place(path, good_value(spec)))
    assert good["valid"] and good["errors"] == [] and good["warnings"] == [], good
    null = judge(place(path, None))
    assert not null["valid"]
    assert null["errors"][0]["path"] == dotted and "not null" in null["errors"][0]["message"]
    wrong = 5 if spec["type"] != "number" else "five"
    typed = judge(place(path, wrong))
    assert [error["path"] for error in typed["errors"]] == [dotted]
    assert "must be" in typed["errors"][0]["message"]


@pytest.mark.parametrize("date", ["2019", "2019-03", "2019-03-14", "2019-13", "2019-02-30", "1999-00"])
def test_dates_matching_the_pattern_are_valid(date: str) -> None:
    assert judge({"work": [{"startDate": date}]})["valid"]


@pytest.mark.parametrize("date", ["May 2022", "2019/03", "2019-3", "19-03", "2019-03-14T00:00", "2019-03-14\n", ""])
def test_dates_not_matching_the_pattern_are_errors_with_the_repair_import_would_make(date: str) -> None:
    result = judge({"work": [{"startDate": date}]})
    assert not result["valid"]
    assert result["errors"] == [
        {"path": "work.0.startDate", "message": f"'{date}' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"}
    ]
    assert [repair["path"] for repair in result["repairs"]] == ["work.0.startDate"]


def test_calendar_problems_are_warnings() -> None:
    result = judge({"work": [{"startDate": "2019-13", "endDate": "2019-02-30"}]})
    assert result["valid"]
    assert [warning["path"] for warning in result["warnings"]] == ["work.0.startDate", "work.0.endDate"]


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("basics", "email"), "###EMAIL###"),
        (("basics", "email"), "ana@example.org\n"),
        (("basics", "url"), "bsky.app/profile/x"),
        (("work", "0", "url"), "pdf/cv.pdf"),
        (("meta", "canonical"), "not a uri"),
    ],
)
def test_format_failures_are_warnings_not_errors(path: tuple[str, ...], value: str) -> None:
    result = judge(place(path, value))
    assert result["valid"] and result["errors"] == []
    assert [warning["path"] for warning in result["warnings"]] == [".".join(path)]


def test_unknown_fields_and_sections_are_valid() -> None:
    result = judge({"community": [{"anything": None}], "basics": {"x": 1}})
    assert result == {"file": "t.json", "valid": True, "errors": [], "warnings": [], "repairs": []}


def test_hand_written_json_is_not_valid_but_is_read() -> None:
    result = check_resume_bytes(b'{"basics": {"name": "A",}, // note\n "work": [{"company": "X"}]}', "t.json")
    assert not result["valid"]
    assert result["errors"][0]["message"].startswith("is not strict JSON (line 1")
    assert [repair["path"] for repair in result["repairs"]] == ["", "work.0.name"]


def test_a_list_at_the_top_is_not_a_resume() -> None:
    result = judge([1, 2])
    assert not result["valid"] and "must hold an object" in result["errors"][0]["message"]
