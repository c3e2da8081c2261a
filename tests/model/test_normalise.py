"""The normaliser: each kind of mess mapped to its 1.2.1 meaning, with a repair naming the field."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from app.model.normalise import TRANSLATIONS_KEY, UNPLACED_KEY, normalise_resume
from app.model.resume import Resume


def repaired(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The normalised data, and the repairs by path (the last one when a path has several)."""
    result, repairs = normalise_resume(data)
    Resume.model_validate(result)  # whatever the input, the result fits the model
    return result, {repair.path: repair for repair in repairs}


@pytest.mark.parametrize(
    ("section", "old", "new", "value"),
    [
        ("basics", "website", "url", "https://a.example"),
        ("basics", "picture", "image", "me.jpg"),
        ("work", "company", "name", "Acme"),
        ("work", "website", "url", "https://acme.example"),
        ("volunteer", "website", "url", "https://v.example"),
        ("education", "gpa", "score", "3.9"),
        ("publications", "website", "url", "https://p.example"),
        ("projects", "website", "url", "https://x.example"),
        ("languages", "name", "language", "French"),
        ("languages", "level", "fluency", "Native"),
        ("awards", "name", "title", "Best Paper"),
    ],
)
def test_old_field_names_are_read_as_their_new_names(section: str, old: str, new: str, value: str) -> None:
    data: dict[str, Any] = {section: {old: value} if section == "basics" else [{old: value}]}
    result, repairs = repaired(data)
    entry = result[section] if section == "basics" else result[section][0]
    assert entry == {new: value}
    path = f"{section}.{new}" if section == "basics" else f"{section}.0.{new}"
    assert f"'{old}'" in repairs[path].message


def test_an_old_name_beside_a_filled_new_one_is_kept_as_an_extra_field() -> None:
    result, repairs = repaired({"work": [{"name": "Now Ltd", "company": "Then Ltd"}]})
    assert result["work"][0] == {"name": "Now Ltd", "company": "Then Ltd"}
    assert "kept as an extra field" in repairs["work.0.company"].message


def test_an_empty_new_name_gives_way_to_the_old_one() -> None:
    result, _ = repaired({"work": [{"name": "", "company": "Blue Anchor"}]})
    assert result["work"][0] == {"name": "Blue Anchor"}


@pytest.mark.parametrize(
    ("written", "stored", "words"),
    [
        ("Present", None, "ongoing"),
        ("", None, "empty"),
        (None, None, "null"),
        ("May 2022", "2022-05", "read as 2022-05"),
        (2019, "2019", "number"),
        ("Summer 2019", "Summer 2019", "kept and printed as written"),
        ("2019-13", "2019-13", "no month 13"),
    ],
)
def test_end_dates(written: Any, stored: Any, words: str) -> None:
    result, repairs = repaired({"work": [{"name": "A", "startDate": "2019-01", "endDate": written}]})
    assert result["work"][0].get("endDate") == stored
    assert words in repairs["work.0.endDate"].message


def test_a_start_date_that_says_present_is_kept_as_written() -> None:
    result, repairs = repaired({"work": [{"startDate": "Present"}]})
    assert result["work"][0]["startDate"] == "Present"
    assert "only an end date" in repairs["work.0.startDate"].message


def test_month_names_follow_the_resume_language() -> None:
    result, _ = repaired({"work": [{"startDate": "listopad 2019"}], "meta": {"locale": "hr"}})
    assert result["work"][0]["startDate"] == "2019-10"


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("bsky.app/profile/x", "https://bsky.app/profile/x"),
        ("www.example.com", "https://www.example.com"),
        ("//example.com/a", "https://example.com/a"),
        ("pdf/resume-fr.pdf", "pdf/resume-fr.pdf"),
        ("cv.pdf", "cv.pdf"),
        ("jane@example.com", "mailto:jane@example.com"),
        (" https://a.example ", "https://a.example"),
    ],
)
def test_web_addresses(written: str, stored: str) -> None:
    result, repairs = repaired({"basics": {"url": written}})
    assert result["basics"]["url"] == stored
    assert repairs["basics.url"].now == stored


def test_an_empty_web_address_is_left_out() -> None:
    result, repairs = repaired({"basics": {"url": "", "profiles": [{"network": "X", "url": ""}]}})
    assert result["basics"] == {"profiles": [{"network": "X"}]}
    assert set(repairs) == {"basics.url", "basics.profiles.0.url"}


@pytest.mark.parametrize(
    ("written", "stored", "words"),
    [
        ("###EMAIL###", "###EMAIL###", "not an e-mail address"),
        ("mailto:ana@example.org", "ana@example.org", "mailto: removed"),
        (" ana@example.org ", "ana@example.org", "spaces"),
    ],
)
def test_e_mail_addresses(written: str, stored: str, words: str) -> None:
    result, repairs = repaired({"basics": {"email": written}})
    assert result["basics"]["email"] == stored
    assert words in repairs["basics.email"].message


def test_wrong_types_are_turned_into_the_right_ones() -> None:
    result, repairs = repaired(
        {
            "basics": {"phone": 5551234, "location": "Berlin", "summary": ["One.", "Two."]},
            "interests": ["Chess", "Go"],
            "skills": [{"name": "Python", "level": 5, "keywords": "NumPy, pandas"}],
            "references": 0,
            "projects": [{"roles": "Lead", "highlights": "• one\n• two"}],
        }
    )
    assert result["basics"] == {"phone": "5551234", "location": {"city": "Berlin"}, "summary": "One.\nTwo."}
    assert result["interests"] == [{"name": "Chess"}, {"name": "Go"}]
    assert result["skills"] == [{"name": "Python", "level": "5", "keywords": ["NumPy", "pandas"]}]
    assert "references" not in result
    assert result["projects"] == [{"roles": ["Lead"], "highlights": ["one", "two"]}]
    assert repairs["references"].was == 0 and repairs["references"].now is None


def test_maps_of_entries_become_lists() -> None:
    result, _ = repaired(
        {
            "basics": {"profiles": {"GitHub": "https://github.com/x", "Twitter": "x_codes"}},
            "skills": {"Languages": ["Kotlin", "Swift"]},
            "languages": {"Turkish": "Native"},
            "work": {"name": "Only Job", "position": "Ranger"},
        }
    )
    assert result["basics"]["profiles"] == [
        {"network": "GitHub", "url": "https://github.com/x"},
        {"network": "Twitter", "username": "x_codes"},
    ]
    assert result["skills"] == [{"name": "Languages", "keywords": ["Kotlin", "Swift"]}]
    assert result["languages"] == [{"language": "Turkish", "fluency": "Native"}]
    assert result["work"] == [{"name": "Only Job", "position": "Ranger"}]


def test_text_in_several_languages_uses_the_resume_language_and_keeps_the_others() -> None:
    data = {
        "basics": {"label": {"de": "Architekt", "en": "Architect"}},
        "work": [{"highlights": [{"de": "Wolke", "en": "Cloud"}, "Kafka"]}],
        "meta": {"locale": "de"},
    }
    result, repairs = repaired(data)
    assert result["basics"] == {
        "label": "Architekt",
        TRANSLATIONS_KEY: {"label": {"de": "Architekt", "en": "Architect"}},
    }
    assert result["work"][0]["highlights"] == ["Wolke", "Kafka"]
    assert result["work"][0][TRANSLATIONS_KEY] == {"highlights": data["work"][0]["highlights"]}
    assert "de used" in repairs["basics.label"].message


def test_english_is_chosen_when_the_resume_has_no_language() -> None:
    result, _ = repaired({"basics": {"label": {"fr": "Architecte", "en": "Architect"}}})
    assert result["basics"]["label"] == "Architect"


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("One<br/>Two", "One\nTwo"),
        ("<p>One</p><p>Two</p>", "One\n\nTwo"),
        ("<ul><li>a</li><li>b</li></ul>", "• a\n• b"),
        ("<b>Bold</b> &amp; plain", "Bold & plain"),
        ("R&amp;D", "R&D"),
        ('See <a href="https://x.example">my site</a>', "See my site (https://x.example)"),
        ("A<script>alert(1)</script>B", "AB"),
    ],
)
def test_html_in_text_becomes_plain_text(written: str, stored: str) -> None:
    result, repairs = repaired({"basics": {"summary": written}})
    assert result["basics"]["summary"] == stored
    assert "basics.summary" in repairs


@pytest.mark.parametrize("text", ["Rewrote <table> layouts as grid", "a < b and c > d", "<3 Python", "Tom & Jerry"])
def test_text_that_only_looks_like_html_is_left_alone(text: str) -> None:
    result, repairs = repaired({"basics": {"summary": text}})
    assert result["basics"]["summary"] == text and repairs == {}


def test_what_fits_nowhere_is_kept_under_x_unplaced() -> None:
    result, repairs = repaired(
        {"basics": {"name": "A"}, "work": [["odd"], {"name": "B"}], "meta": "draft", "awards": 7}
    )
    assert result["work"] == [{"name": "B"}]
    assert result[UNPLACED_KEY] == {"work": [["odd"]], "meta": "draft", "awards": 7}
    assert UNPLACED_KEY in repairs["meta"].message


def test_unknown_fields_and_custom_sections_are_not_touched() -> None:
    data = {
        "basics": {"name": "A", "pronouns": None, "x-note": "<br/>"},
        "community": [{"name": "Club", "date": None, "url": "club.example"}, "loose text"],
        "recognition": ["Award 2020", {"title": None}],
        "settings": {"theme": ""},
        "$schema": "https://jsonresume.org/schema",
    }
    result, repairs = repaired(copy.deepcopy(data))
    assert result == data and repairs == {}


def test_the_input_is_never_changed_and_a_second_pass_repairs_nothing() -> None:
    data = {
        "basics": {"website": "example.com", "email": "mailto:a@b.co"},
        "work": [{"company": "X", "endDate": "Present"}],
    }
    original = copy.deepcopy(data)
    once, repairs = normalise_resume(data)
    assert data == original and repairs
    twice, more = normalise_resume(once)
    assert twice == once and more == []


def test_half_a_utf16_pair_becomes_a_replacement_character() -> None:
    result, repairs = repaired({"basics": {"name": "Sam \ud800"}, "x": ["\udfff"]})
    assert result["basics"]["name"] == "Sam \ufffd" and result["x"] == ["\ufffd"]
    assert set(repairs) == {"basics.name", "x.0"}
