"""Maps what people write in resume files to the JSON Resume 1.2.1 meaning, recording a repair for each change.

Lenient in: old field names, every way of writing a date or "present", web addresses without a scheme, numbers
where text belongs, a string where a list belongs, HTML in text, the same text in several languages. What cannot
be placed is kept: as written where the field can hold it (a date shown as written), otherwise under
``x-unplaced`` in the same object, so saving never loses it. Unknown fields and custom sections are not touched.

The walk follows the pydantic models (``app.model.shape``), so the normaliser and the model never disagree on
what a field is. The input is never changed; the result is a new dict.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from typing import Any

from app.model.dates import read_date
from app.model.fields import FieldKind, is_absolute_uri, is_partial_date, json_kind, partial_date_problem
from app.model.legacy import OLD_NAMES
from app.model.links import repair_email, repair_uri
from app.model.repairs import Repair, join_path
from app.model.resume import Profile, Resume, Section
from app.model.shape import LISTED_BY_COMMAS, NAME_FIELD, VALUE_FIELD, FieldShape, fields_of
from app.model.text_repairs import as_text, choose_language, is_language_map, is_markup, markup_to_text, split_lines

#: Where values that fit no field are kept, in the object they were found in.
UNPLACED_KEY = "x-unplaced"
#: Where the other languages of a text given in several languages are kept, in the same object.
TRANSLATIONS_KEY = "x-translations"
#: Text-list fields whose single line is split at commas ("Python, Go").
_COMMA_LISTS = frozenset({"keywords", "courses", "roles"})
_COMMAS = re.compile(r"\s*[,;、，]\s*")


@dataclass(frozen=True)
class _Removed:
    """The field is left out (it was empty, null, or means "ongoing")."""


@dataclass(frozen=True)
class _Unplaced:
    """The value fits no field; it is kept under ``x-unplaced``."""

    value: Any


@dataclass(frozen=True)
class _Partly:
    """A list whose readable items are ``value``; the ``unplaced`` ones are kept under ``x-unplaced``."""

    value: list[Any]
    unplaced: list[Any]


_REMOVED = _Removed()


def normalise_resume(data: dict[str, Any]) -> tuple[dict[str, Any], list[Repair]]:
    """The resume with every repairable value in its 1.2.1 form, and what was repaired (input unchanged)."""
    meta = data.get("meta")
    locale = meta.get("locale") if isinstance(meta, dict) else None
    walker = _Normaliser(locale if isinstance(locale, str) else None)
    cleaned = walker.replace_lone_surrogates(copy.deepcopy(data), "")
    return walker.object(Resume, cleaned, ""), walker.repairs


class _Normaliser:
    """One walk over one document; collects repairs as it goes."""

    def __init__(self, language: str | None) -> None:
        self.language = language
        self.repairs: list[Repair] = []

    def note(self, path: str, was: Any, now: Any, message: str) -> None:
        self.repairs.append(Repair(path, was, now, message))

    # -- objects -------------------------------------------------------------------------------------------

    def object(self, model: type[Section], data: dict[str, Any], path: str) -> dict[str, Any]:
        """One object of a model: old names mapped, each known field normalised, unknown fields kept."""
        shapes = fields_of(model)
        result: dict[str, Any] = {}
        unplaced: dict[str, Any] = {}
        translations: dict[str, Any] = {}
        for key, value in self._renamed(model, data, path):
            shape = shapes.get(key)
            if shape is None:
                result[key] = value
                continue
            field_path = join_path(path, key)
            written = value
            if shape.kind is FieldKind.TEXT_LIST and isinstance(value, list) and any(map(is_language_map, value)):
                translations[key] = value
            if is_language_map(written) and _fits_language_map(shape, written):
                chosen = choose_language(
                    {tag: text for tag, text in written.items() if text is not None}, self.language
                )
                translations[key] = written
                others = ", ".join(language for language in written if language != chosen)
                message = f"given in several languages; {chosen} used, {others} kept under {TRANSLATIONS_KEY}"
                self.note(field_path, written, written[chosen], message)
                written = written[chosen]
            outcome = self.value(shape, key, written, field_path)
            if isinstance(outcome, _Partly):
                unplaced[key] = outcome.unplaced
                outcome = outcome.value
            if isinstance(outcome, _Unplaced):
                unplaced[key] = outcome.value
                self.note(
                    field_path, value, None, f"could not be read as {_shape_words(shape)}; kept under {UNPLACED_KEY}"
                )
            elif not isinstance(outcome, _Removed):
                result[key] = outcome
        _merge_kept(result, TRANSLATIONS_KEY, translations)
        _merge_kept(result, UNPLACED_KEY, unplaced)
        return result

    def _renamed(self, model: type[Section], data: dict[str, Any], path: str) -> list[tuple[str, Any]]:
        """The object's items with old field names (``company``) replaced by 1.2.1 ones (``name``), in place."""
        old_names = OLD_NAMES.get(model, {})
        shapes = fields_of(model)
        moved = {
            old: new
            for old, new in old_names.items()
            if old in data and old not in shapes and _is_empty(data.get(new)) and not _is_empty(data[old])
        }
        items: list[tuple[str, Any]] = []
        for key, value in data.items():
            if key in moved:
                new = moved[key]
                self.note(join_path(path, new), value, value, f"old field name '{key}' read as '{new}'")
                items.append((new, value))
            elif key in moved.values():
                continue  # the empty 1.2.1 field gives way to the old one that has the value
            else:
                if key in old_names and key not in shapes and not _is_empty(value) and old_names[key] in data:
                    self.note(
                        join_path(path, key),
                        value,
                        value,
                        f"old field name beside '{old_names[key]}', which is used; '{key}' kept as an extra field",
                    )
                items.append((key, value))
        return items

    # -- one field -------------------------------------------------------------------------------------------

    def value(self, shape: FieldShape, key: str, value: Any, path: str) -> Any:
        """The normalised value of one known field, ``_REMOVED`` or ``_Unplaced``."""
        if value is None:
            self.note(path, None, None, "was null; left out")
            return _REMOVED
        if shape.is_object_list:
            return self.entries(shape, key, value, path)
        if shape.is_object:
            return self.single_object(shape, value, path)
        if shape.kind is FieldKind.TEXT_LIST:
            return self.text_list(key, value, path)
        return self.text(shape.kind or FieldKind.TEXT, key, value, path)

    def single_object(self, shape: FieldShape, value: Any, path: str) -> Any:
        """``basics``, ``basics.location``, ``meta``: an object, also when written as a string or a one-item list."""
        assert shape.model is not None
        if isinstance(value, dict):
            return self.object(shape.model, value, path)
        if _is_empty(value):
            self.note(path, value, None, f"was {_shown(value)}, which holds nothing; left out")
            return _REMOVED
        if isinstance(value, list) and len(value) == 1 and isinstance(value[0], dict):
            self.note(path, value, value[0], "a list of one object; read as that object")
            return self.object(shape.model, value[0], path)
        name_field = NAME_FIELD.get(shape.model)
        if isinstance(value, str | int | float) and name_field is not None:
            entry = {name_field: str(value)}
            self.note(path, value, entry, f"text where an object belongs; read as its {name_field}")
            return self.object(shape.model, entry, path)
        return _Unplaced(value)

    def entries(self, shape: FieldShape, key: str, value: Any, path: str) -> Any:
        """A list of entries (``work``, ``basics.profiles``), also when written as a map, a string or one object."""
        model = shape.model
        assert model is not None
        if isinstance(value, dict):
            value = self._entries_from_object(model, value, path)
        elif isinstance(value, str) and value.strip():
            parts = _COMMAS.split(value.strip()) if key in LISTED_BY_COMMAS else [value.strip()]
            listed = [part for part in (split_lines(value) if "\n" in value else parts) if part]
            value = [{NAME_FIELD[model]: part} for part in listed]
            self.note(path, listed, value, "text where a list of entries belongs; each part read as an entry")
        elif _is_empty(value) and not isinstance(value, list):
            self.note(path, value, None, f"was {_shown(value)}, which holds no entries; left out")
            return _REMOVED
        if not isinstance(value, list):
            return _Unplaced(value)
        result: list[Any] = []
        unplaced: list[Any] = []
        for index, item in enumerate(value):
            item_path = join_path(path, len(result))
            if isinstance(item, dict):
                result.append(self.object(model, item, item_path))
            elif _is_empty(item) or (isinstance(item, str) and not item.strip()):
                self.note(path, item, None, f"entry {index + 1} is empty; left out")
            elif isinstance(item, str | int | float) and not isinstance(item, bool):
                entry = _entry_from_text(model, str(item))
                self.note(item_path, item, entry, f"text where an entry belongs; read as its {next(iter(entry))}")
                result.append(self.object(model, entry, item_path))
            else:
                unplaced.append(item)
                self.note(path, item, None, f"entry {index + 1} is not an entry; kept under {UNPLACED_KEY}")
        return _Partly(result, unplaced) if unplaced else result

    def _entries_from_object(self, model: type[Section], value: dict[str, Any], path: str) -> Any:
        """One entry written without its list, or a map of names to entries (``{"Python": "Expert"}``)."""
        known = set(fields_of(model)) | set(OLD_NAMES.get(model, {}))
        if known & value.keys():
            self.note(path, value, [value], "one entry where a list belongs; read as a list of one")
            return [value]
        name_field = NAME_FIELD[model]
        value_field = VALUE_FIELD.get(model)
        shapes = fields_of(model)
        entries: list[Any] = []
        for name, item in value.items():
            if isinstance(item, dict):
                entries.append({name_field: name, **item})
            elif isinstance(item, list) and "keywords" in shapes:
                entries.append({name_field: name, "keywords": item})
            elif isinstance(item, list) and "highlights" in shapes:
                entries.append({name_field: name, "highlights": item})
            elif isinstance(item, str | int | float) and value_field is not None and not isinstance(item, bool):
                entries.append({name_field: name, _value_field(model, value_field, item): item})
            else:
                return value  # not a map of entries: left for the caller to keep unplaced
        self.note(path, value, entries, f"a map of {name_field}s; read as a list of entries")
        return entries

    # -- text ----------------------------------------------------------------------------------------------------

    def text(self, kind: FieldKind, key: str, value: Any, path: str) -> Any:
        """A text field of any kind; dates, e-mails and web addresses get their own repairs."""
        messages: list[str] = []
        text = value if isinstance(value, str) else as_text(value)
        if text is not value:
            messages.append(f"{json_kind(value)} where text belongs; written as text")
        plain = markup_to_text(text)
        if plain is not None:
            messages.append(_markup_message(text))
            text = plain
        outcome: Any = text
        if kind is FieldKind.DATE:
            outcome, message = _date(key, text, self.language)
        elif kind is FieldKind.EMAIL:
            repaired = repair_email(text)
            outcome, message = (text, None) if repaired is None else (repaired.value, repaired.message)
        elif kind is FieldKind.URI:
            repaired = repair_uri(text)
            outcome, message = (text, None) if repaired is None else (repaired.value, repaired.message)
        else:
            message = None
        if message:
            messages.append(message)
        if messages:
            self.note(path, value, outcome, "; ".join(messages))
        return _REMOVED if outcome is None else outcome

    def text_list(self, key: str, value: Any, path: str) -> Any:
        """``highlights``, ``keywords``, ``courses``, ``roles``: a list of text, however it was written."""
        if isinstance(value, str):
            items = split_lines(markup_to_text(value) or value)
            if key in _COMMA_LISTS and len(items) == 1:
                items = [part for part in _COMMAS.split(items[0]) if part]
            self.note(path, value, items, "text where a list belongs; split into items")
            return items
        if not isinstance(value, list):
            items = [as_text(value)]
            self.note(path, value, items, f"{json_kind(value)} where a list belongs; read as one item")
            return items
        result: list[str] = []
        for index, item in enumerate(value):
            if item is None:
                self.note(path, None, None, f"item {index + 1} was null; left out")
                continue
            written = item
            if is_language_map(item) and _fits_language_map(FieldShape(FieldKind.TEXT), item):
                chosen = choose_language({tag: text for tag, text in item.items() if text is not None}, self.language)
                message = (
                    f"given in several languages; {chosen} used, the list as written kept under {TRANSLATIONS_KEY}"
                )
                self.note(join_path(path, len(result)), item, item[chosen], message)
                written = item[chosen]
            text = written if isinstance(written, str) else as_text(written)
            plain = markup_to_text(text)
            if plain is not None:
                self.note(join_path(path, len(result)), written, plain, _markup_message(text))
            elif text is not written:
                self.note(
                    join_path(path, len(result)),
                    written,
                    text,
                    f"{json_kind(written)} where text belongs; written as text",
                )
            result.append(plain if plain is not None else text)
        return result

    # -- the whole document ------------------------------------------------------------------------------------

    def replace_lone_surrogates(self, value: Any, path: str) -> Any:
        r"""Text holding half a UTF-16 pair (``"\ud800"`` in JSON) gets U+FFFD in its place: nothing can print it."""
        if isinstance(value, str):
            fixed = (
                "".join("\ufffd" if 0xD800 <= ord(char) <= 0xDFFF else char for char in value)
                if _has_surrogate(value)
                else value
            )
            if fixed != value:
                self.note(path, fixed, fixed, "held an invalid character (half a UTF-16 pair); replaced by �")
            return fixed
        if isinstance(value, dict):
            return {
                self.replace_lone_surrogates(key, path): self.replace_lone_surrogates(item, join_path(path, key))
                for key, item in value.items()
            }
        if isinstance(value, list):
            return [self.replace_lone_surrogates(item, join_path(path, index)) for index, item in enumerate(value)]
        return value


def _date(key: str, text: str, language: str | None) -> tuple[str | None, str | None]:
    """A date field's value and what was done: read into YYYY-MM(-DD), left out (ongoing, empty) or kept."""
    if not text.strip():
        return None, "was empty; left out"
    if is_partial_date(text):
        return text, None
    problem = partial_date_problem(text)
    if problem is not None:
        return text, f"{problem}; kept and printed as written"
    reading = read_date(text, language)
    if reading is None:
        return text, "not a date that can be read without guessing; kept and printed as written"
    if reading.ongoing:
        if key == "endDate":
            return None, "means ongoing; left out, so it prints as the template's “present”"
        return text, "means ongoing, which only an end date can say; kept and printed as written"
    return reading.iso, f"date read as {reading.iso}"


def _markup_message(text: str) -> str:
    if is_markup(text):
        return "HTML markup removed; line breaks kept"
    return "HTML character codes (such as &amp;) written as the characters they stand for"


def _shown(value: Any) -> str:
    """A small JSON value as written in the file (``0``, ``false``, ``""``, ``[]``)."""
    return json.dumps(value, ensure_ascii=False)


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _entry_from_text(model: type[Section], text: str) -> dict[str, str]:
    """An entry written as a bare string: its name, or for a profile written as a link, its URL."""
    if model is Profile and ("/" in text or is_absolute_uri(text)):
        return {"url": text}
    return {NAME_FIELD[model]: text}


def _value_field(model: type[Section], value_field: str, value: Any) -> str:
    """The field a map's value goes to: a profile's URL when it is one, else its user name."""
    if model is Profile and not (isinstance(value, str) and ("/" in value or is_absolute_uri(value))):
        return "username"
    return value_field


def _fits_language_map(shape: FieldShape, choices: dict[str, Any]) -> bool:
    """Whether each language's value is what this field holds (or null), and one at least is there."""
    given = [value for value in choices.values() if value is not None]
    return bool(given) and all(_fits(shape, value) for value in given)


def _fits(shape: FieldShape, sample: Any) -> bool:
    """Whether a language map's values are what this field holds (text for text, lists for lists...)."""
    if shape.is_object_list or shape.kind is FieldKind.TEXT_LIST:
        return isinstance(sample, list)
    if shape.is_object:
        return isinstance(sample, dict)
    return isinstance(sample, str)


def _is_empty(value: Any) -> bool:
    """Nothing to keep: absent, null, "", [], {}, 0 or false."""
    if isinstance(value, bool):
        return not value
    return value is None or value in ("", 0) or (isinstance(value, list | dict) and not value)


def _merge_kept(target: dict[str, Any], key: str, kept: dict[str, Any]) -> None:
    """Adds what was kept aside to ``target[key]``, next to anything already kept there."""
    if not kept:
        return
    existing = target.get(key)
    if isinstance(existing, dict):
        existing.update({name: value for name, value in kept.items() if name not in existing})
    elif existing is None:
        target[key] = kept
    else:
        target[f"{key}-2"] = kept


def _shape_words(shape: FieldShape) -> str:
    if shape.is_object_list:
        return "a list of entries"
    if shape.is_object:
        return "an object"
    return "text" if shape.kind is not FieldKind.TEXT_LIST else "a list of text"
