"""Properties of loading, validating and writing back resumes, checked on generated inputs (hypothesis).

1. Any JSON value either loads, or fails with issues whose ``path`` is a dotted path that exists in the input
   ("" only for a problem with the document as a whole).
2. Any bytes either decode to a JSON object or fail with a ``ResumeLoadError`` (never anything else).
3. A valid resume with unknown fields at every level survives load → dump → load unchanged.
4. The import never fails on a JSON object: whatever it holds, the normalised document fits the model, every
   repair names a path of the input or of the result, a second import changes nothing, and unknown fields and
   custom sections come out as they went in.

``make test`` runs these derandomised (the ``ci`` profile in ``tests/conftest.py``), so CI cannot go red by
chance; ``HYPOTHESIS_PROFILE=explore`` searches afresh, and what it finds is added here as an ``@example``.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.errors import ResumeLoadError, ResumeValidationError
from app.model import dump_resume, parse_resume
from app.model.loading import decode_json_object, find_issues
from app.model.normalise import normalise_resume
from app.model.resume import Resume
from app.model.shape import fields_of

PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

# -- the schema as the strategies see it --------------------------------------------------------------------

TEXT, DATE, EMAIL, URI, TEXTS = "text", "date", "email", "uri", "texts"

LOCATION = {"address": TEXT, "postalCode": TEXT, "city": TEXT, "countryCode": TEXT, "region": TEXT}
PROFILE = {"network": TEXT, "username": TEXT, "url": URI}
BASICS = {
    "name": TEXT,
    "label": TEXT,
    "image": TEXT,
    "email": EMAIL,
    "phone": TEXT,
    "url": URI,
    "summary": TEXT,
    "location": LOCATION,
    "profiles": [PROFILE],
}
SECTIONS: dict[str, dict[str, Any]] = {
    "work": {
        "name": TEXT,
        "location": TEXT,
        "description": TEXT,
        "position": TEXT,
        "url": URI,
        "startDate": DATE,
        "endDate": DATE,
        "summary": TEXT,
        "highlights": TEXTS,
    },
    "volunteer": {
        "organization": TEXT,
        "position": TEXT,
        "url": URI,
        "startDate": DATE,
        "endDate": DATE,
        "summary": TEXT,
        "highlights": TEXTS,
    },
    "education": {
        "institution": TEXT,
        "url": URI,
        "area": TEXT,
        "studyType": TEXT,
        "startDate": DATE,
        "endDate": DATE,
        "score": TEXT,
        "courses": TEXTS,
    },
    "awards": {"title": TEXT, "date": DATE, "awarder": TEXT, "summary": TEXT},
    "certificates": {"name": TEXT, "date": DATE, "url": URI, "issuer": TEXT},
    "publications": {"name": TEXT, "publisher": TEXT, "releaseDate": DATE, "url": URI, "summary": TEXT},
    "skills": {"name": TEXT, "level": TEXT, "keywords": TEXTS},
    "languages": {"language": TEXT, "fluency": TEXT},
    "interests": {"name": TEXT, "keywords": TEXTS},
    "references": {"name": TEXT, "reference": TEXT},
    "projects": {
        "name": TEXT,
        "description": TEXT,
        "highlights": TEXTS,
        "keywords": TEXTS,
        "startDate": DATE,
        "endDate": DATE,
        "url": URI,
        "roles": TEXTS,
        "entity": TEXT,
        "type": TEXT,
    },
}
META = {"canonical": URI, "version": TEXT, "lastModified": TEXT, "template": TEXT}
RESUME: dict[str, Any] = {
    "$schema": URI,
    "basics": BASICS,
    **{name: [fields] for name, fields in SECTIONS.items()},
    "meta": META,
}

#: Python attribute names of aliased fields. In a JSON Resume file they are unknown fields like any other.
SNAKE_NAMES = {
    "postal_code",
    "country_code",
    "start_date",
    "end_date",
    "study_type",
    "release_date",
    "last_modified",
    "schema_url",
}


def _all_names(spec: Any) -> set[str]:
    names: set[str] = set()
    if isinstance(spec, list):
        return _all_names(spec[0])
    if isinstance(spec, dict):
        for key, value in spec.items():
            names.add(key)
            names |= _all_names(value)
    return names


KNOWN_NAMES = _all_names(RESUME) | SNAKE_NAMES

# -- strategies ---------------------------------------------------------------------------------------------

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=16,
)

no_space = st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc"))


@st.composite
def valid_dates(draw: st.DrawFn) -> str:
    year = draw(st.integers(min_value=1000, max_value=2999))
    shape = draw(st.sampled_from(["y", "ym", "ymd"]))
    if shape == "y":
        return f"{year:04d}"
    month = draw(st.integers(min_value=1, max_value=12))
    if shape == "ym":
        return f"{year:04d}-{month:02d}"
    day = draw(st.integers(min_value=1, max_value=28))
    return f"{year:04d}-{month:02d}-{day:02d}"


emails = st.builds(
    lambda local, domain, tld: f"{local}@{domain}.{tld}",
    st.text(no_space.filter(lambda c: c not in "@."), min_size=1, max_size=8),
    st.text(no_space.filter(lambda c: c not in "@."), min_size=1, max_size=8),
    st.text(st.characters(min_codepoint=97, max_codepoint=122), min_size=2, max_size=4),
)
uris = st.builds(
    lambda scheme, rest: f"{scheme}:{rest}",
    st.sampled_from(["https", "http", "mailto", "ftp", "urn", "x-custom+v1.0"]),
    st.text(no_space, max_size=16),
)
extra_keys = st.text(max_size=10).filter(lambda key: key not in KNOWN_NAMES)


def valid_value(spec: Any) -> st.SearchStrategy[Any]:
    """Valid values for one field of the schema (objects get random unknown fields too)."""
    if spec == TEXT:
        return st.text(max_size=20)
    if spec == DATE:
        return valid_dates()
    if spec == EMAIL:
        return emails | st.just("")
    if spec == URI:
        return uris | st.just("")
    if spec == TEXTS:
        return st.lists(st.text(max_size=12), max_size=3)
    if isinstance(spec, list):
        return st.lists(valid_object(spec[0]), max_size=2)
    return valid_object(spec)


def valid_object(spec: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """An object with a random subset of its known fields, all valid, plus random unknown fields."""
    known = st.fixed_dictionaries({}, optional={name: valid_value(field) for name, field in spec.items()})
    extras = st.dictionaries(extra_keys, json_values, max_size=3)
    return st.builds(lambda k, e: {**e, **k}, known, extras)


valid_resumes = valid_object(RESUME)


def any_value_for(spec: Any) -> st.SearchStrategy[Any]:
    """Mostly-shaped input: the schema's structure, where any field may hold any JSON value instead."""
    if isinstance(spec, str):
        return valid_value(spec) | json_values
    if isinstance(spec, list):
        return st.lists(any_value_for(spec[0]), max_size=2) | json_values
    shaped = st.fixed_dictionaries({}, optional={name: any_value_for(field) for name, field in spec.items()})
    return st.builds(lambda k, e: {**e, **k}, shaped, st.dictionaries(st.text(max_size=6), json_values, max_size=2))


shaped_inputs = any_value_for(RESUME)

# -- helpers ------------------------------------------------------------------------------------------------


def path_exists(data: Any, path: str) -> bool:
    """Whether a dotted path (list indexes as numbers) names something in ``data``; keys may contain dots."""

    def walk(node: Any, rest: str) -> bool:
        if isinstance(node, dict):
            for key, value in node.items():
                if not isinstance(key, str):
                    continue
                if rest == key or (rest.startswith(f"{key}.") and walk(value, rest[len(key) + 1 :])):
                    return True
            return False
        if isinstance(node, list):
            head, dot, tail = rest.partition(".")
            if not head.isdigit() or int(head) >= len(node):
                return False
            return not dot or walk(node[int(head)], tail)
        return False

    return walk(data, path)


def check_loads_or_names_fields(data: Any) -> None:
    issues = find_issues(copy.deepcopy(data))
    for issue in issues:
        assert isinstance(issue.path, str) and issue.message.strip(), issue
        if issue.path == "":
            top_level_key_problem = isinstance(data, dict) and "surrogate" in issue.message
            assert not isinstance(data, dict) or top_level_key_problem, issue
        else:
            assert path_exists(data, issue.path), f"{issue.path!r} is not a path in the input"
    if not isinstance(data, dict):
        return
    if issues:
        with pytest.raises(ResumeValidationError) as caught:
            parse_resume(copy.deepcopy(data), "cv.json")
        assert caught.value.issues == issues
    else:
        dumped = dump_resume(parse_resume(copy.deepcopy(data)))
        json.dumps(dumped, ensure_ascii=False)  # writable as JSON again


# -- properties ---------------------------------------------------------------------------------------------


@PROPERTY_SETTINGS
@given(json_values)
def test_any_json_value_loads_or_names_its_fields(data: Any) -> None:
    check_loads_or_names_fields(data)


@PROPERTY_SETTINGS
@given(shaped_inputs)
def test_resume_shaped_input_loads_or_names_existing_fields(data: Any) -> None:
    check_loads_or_names_fields(data)


@PROPERTY_SETTINGS
@given(st.binary(max_size=64) | json_values.map(lambda value: json.dumps(value).encode("utf-8")))
def test_any_bytes_decode_to_an_object_or_fail_with_a_load_error(raw: bytes) -> None:
    try:
        data = decode_json_object(raw, "cv.json")
    except ResumeLoadError as exc:
        assert str(exc).startswith("cv.json: ")
    else:
        assert isinstance(data, dict)


@PROPERTY_SETTINGS
@given(valid_resumes)
@example({"\x00unknown:x": 1, "work": [{"\x00unknown:start_date": "a", "start_date": "b", "startDate": "2019"}]})
@example({"basics": {"postal_code": 1, "postal_code (unknown field)": 2, "location": {"postal_code": "x"}}})
def test_valid_resumes_with_unknown_fields_round_trip_unchanged(data: dict[str, Any]) -> None:
    original = copy.deepcopy(data)
    assert find_issues(data) == []
    resume = parse_resume(data)
    dumped = dump_resume(resume)
    assert dumped == original  # unknown fields included, nothing added, nothing renamed
    again = parse_resume(json.loads(json.dumps(dumped)))
    assert again == resume
    assert dump_resume(again) == original


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"work": [{"start_date": "2019-03"}]}, "start_date"),
        ({"basics": {"location": {"postal_code": "12345"}}}, "postal_code"),
        ({"education": [{"study_type": "BSc", "end_date": "soon"}]}, "end_date"),
        ({"meta": {"last_modified": 5}}, "last_modified"),
    ],
)
def test_snake_case_names_are_unknown_fields_kept_as_they_are(data: dict[str, Any], words: str) -> None:
    assert find_issues(copy.deepcopy(data)) == [], f"{words} is not a JSON Resume field; it must not be validated"
    assert dump_resume(parse_resume(copy.deepcopy(data))) == data


# -- the import ------------------------------------------------------------------------------------------------------

SCHEMA_KEYS = set(fields_of(Resume))


def unknown_top_level(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key not in SCHEMA_KEYS}


@PROPERTY_SETTINGS
@given(shaped_inputs | st.dictionaries(st.text(max_size=8), json_values, max_size=5))
@example({"work": [["x"], None, 0, "Acme", {"company": "B", "endDate": "Present"}], "references": 0})
@example({"basics": {"label": {"de": "A", "en": None}}, "skills": {"Go": [1, None]}})
def test_the_import_places_or_keeps_everything_and_is_stable(data: dict[str, Any]) -> None:
    original = copy.deepcopy(data)
    normalised, repairs = normalise_resume(data)
    assert data == original  # the input is never changed
    Resume.model_validate(normalised)  # always fits the model: the export can always run
    for repair in repairs:
        assert repair.message.strip()
        # a path names a field of the result (of its parent, for a field left out) or of the input
        parent = repair.path.rpartition(".")[0]
        assert (
            repair.path == ""
            or path_exists(original, repair.path)
            or path_exists(normalised, repair.path)
            or parent == ""
            or path_exists(normalised, parent)
        ), repair
    again, more = normalise_resume(normalised)
    assert again == normalised
    assert [repair for repair in more if not repair.kept] == []
    # custom sections and unknown top-level fields are never touched
    assert unknown_top_level(normalised) == {
        key: value for key, value in unknown_top_level(original).items() if key != "x-unplaced"
    } | ({"x-unplaced": normalised["x-unplaced"]} if "x-unplaced" in normalised else {})
    json.dumps(normalised, ensure_ascii=False)  # writable as JSON
