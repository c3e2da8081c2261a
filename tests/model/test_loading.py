"""The resume model: the official sample loads, unknown fields survive, every violation names its field."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from app.errors import ResumeLoadError, ResumeValidationError
from app.model import dump_resume, load_resume_bytes, load_resume_file, parse_resume
from app.model.loading import find_issues
from tests.conftest import SAMPLE


@pytest.fixture
def sample_data() -> dict[str, Any]:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def test_official_sample_loads_and_round_trips(sample_data: dict[str, Any]) -> None:
    resume = load_resume_file(SAMPLE)
    assert resume.basics.name == "Richard Hendriks"
    assert dump_resume(resume) == sample_data


def test_unknown_fields_are_kept_at_every_level(sample_data: dict[str, Any]) -> None:
    data = copy.deepcopy(sample_data)
    data["x-custom"] = {"deep": [1, {"a": None}]}
    data["basics"]["pronouns"] = "he/him"
    data["basics"]["location"]["floor"] = 3
    data["work"][0]["team"] = {"size": 12}
    data["meta"]["design"] = {"accent": "#123456"}
    assert dump_resume(parse_resume(copy.deepcopy(data))) == data


def test_absent_sections_are_not_written_back() -> None:
    resume = parse_resume({"basics": {"name": "A"}})
    assert dump_resume(resume) == {"basics": {"name": "A"}}


@pytest.mark.parametrize(
    ("mutate", "path", "words"),
    [
        (lambda d: d["basics"].__setitem__("name", None), "basics.name", "not null"),
        (lambda d: d["basics"].__setitem__("name", 42), "basics.name", "must be text"),
        (lambda d: d["work"][0]["highlights"].append(7), "work.0.highlights.3", "must be text"),
        (lambda d: d.__setitem__("skills", {"name": "x"}), "skills", "must be a list"),
        (lambda d: d.__setitem__("work", [["nested"]]), "work.0", "must be an object"),
        (lambda d: d["basics"].__setitem__("profiles", None), "basics.profiles", "not null"),
        (lambda d: d["basics"].__setitem__("location", "Paris"), "basics.location", "must be an object"),
        (lambda d: d["projects"][0].__setitem__("roles", "lead"), "projects.0.roles", "list"),
        (lambda d: d["meta"].__setitem__("canonical", 5), "meta.canonical", "must be text"),
        (lambda d: d["basics"].__setitem__("name", "\ud800"), "basics.name", "surrogate"),
    ],
)
def test_each_violation_names_its_field(sample_data: dict[str, Any], mutate: Any, path: str, words: str) -> None:
    mutate(sample_data)
    issues = find_issues(sample_data)
    assert [issue.path for issue in issues] == [path], issues
    assert words in issues[0].message
    with pytest.raises(ResumeValidationError) as caught:
        parse_resume(sample_data, "cv.json")
    assert str(caught.value).startswith(f"cv.json: {path}: ")


@pytest.mark.parametrize("date", ["2019", "2019-03", "2019-03-14", "2020-02-29"])
def test_partial_dates_are_accepted(date: str) -> None:
    assert not find_issues({"work": [{"startDate": date}]})


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"\x00\xff\x00", "not a text file"),
        (b'{"basics": ', "not valid JSON"),
        (b"[1, 2]", "not a list"),
        (b'"text"', "not text"),
        (b"null", "not null"),
    ],
)
def test_unreadable_files_get_one_clear_message(raw: bytes, words: str) -> None:
    with pytest.raises(ResumeLoadError, match=words):
        load_resume_bytes(raw, "cv.json")


def test_utf8_bom_is_accepted() -> None:
    assert load_resume_bytes(b'\xef\xbb\xbf{"basics": {"name": "\xc3\x89lodie"}}').basics.name == "Élodie"


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(ResumeLoadError, match="no such file"):
        load_resume_file(tmp_path / "nope.json")
