"""From a file's bytes to Python data: text encodings, JSON as people write it by hand, YAML.

Strict JSON is tried first (fast, and exact about duplicate keys); JSON with ``//`` or ``/* */`` comments and
trailing commas is read by pyjson5, a maintained JSON5 parser. YAML is read with a loader that keeps dates and
``yes``/``no``/``on``/``off`` as the text they are, so ``2019-03-01`` stays a string and Norway's country code
``NO`` stays ``"NO"``. Every failure is a ``ResumeLoadError`` naming the file and, for syntax, the line and column.
"""

from __future__ import annotations

import codecs
import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

from app.errors import ResumeLoadError
from app.model.repairs import Repair

#: Deepest nesting of objects and lists accepted (the schema needs 4; unknown fields get room to spare).
MAX_DEPTH = 64

_UTF_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_NEAR_OFFSET = re.compile(r"near (\d+)")
_CODE_POINT = re.compile(r"U\+([0-9a-fA-F]{4,6})")


@dataclass
class Decoded:
    """A file's data and how it was read: ``syntax`` is ``json``, ``json5`` (comments, trailing commas) or ``yaml``."""

    data: Any
    syntax: str
    repairs: list[Repair] = field(default_factory=list)


def decode_text(raw: bytes, where: str) -> tuple[str, list[Repair]]:
    """The file as text: UTF-8 (with or without BOM), UTF-16/32 with a BOM, else Windows-1252 with a note."""
    for bom, encoding in _UTF_BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), []
            except UnicodeDecodeError as exc:
                raise ResumeLoadError(
                    f"{where}is not valid {encoding.upper()} text (bad byte at {exc.start})"
                ) from None
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        if b"\x00" in raw:
            raise ResumeLoadError(f"{where}is not a text file (binary data at offset {exc.start})") from None
        text = raw.decode("cp1252", errors="replace")
        note = Repair(
            "",
            f"byte {exc.start} is not UTF-8",
            "read as Windows-1252",
            "the file is not UTF-8; it was read as Windows-1252 (Western European) text — check accented letters",
        )
        return text, [note]


def decode_data(raw: bytes, source: str = "") -> Decoded:
    """Parses a resume file's bytes as JSON (strict, then hand-edited JSON5) or YAML."""
    where = f"{source}: " if source else ""
    text, repairs = decode_text(raw, where)
    if not text.strip():
        raise ResumeLoadError(f"{where}is empty")
    decoded = _decode_json(text, where) if _looks_like_json(text) else Decoded(_decode_yaml(text, where), "yaml")
    decoded.repairs[:0] = repairs
    _check_numbers(decoded.data, where)
    depth = _depth(decoded.data)
    if depth > MAX_DEPTH:
        raise ResumeLoadError(f"{where}is nested {depth} levels deep; a resume may nest at most {MAX_DEPTH}")
    return decoded


def _looks_like_json(text: str) -> bool:
    """JSON starts with ``{`` or ``[`` once comments and spaces are skipped; anything else is tried as YAML."""
    rest = text.lstrip("\ufeff \t\r\n")
    while rest.startswith(("//", "/*")):
        end = rest.find("\n") if rest.startswith("//") else rest.find("*/")
        if end < 0:
            return True
        rest = rest[end + (1 if rest.startswith("//") else 2) :].lstrip(" \t\r\n")
    return rest.startswith(("{", "["))


def _decode_json(text: str, where: str) -> Decoded:
    duplicates: list[str] = []
    try:
        data = json.loads(text, object_pairs_hook=_pairs_hook(duplicates), parse_constant=_reject_constant)
    except RecursionError:
        raise ResumeLoadError(f"{where}is nested too deeply to be a resume") from None
    except json.JSONDecodeError as exc:
        strict_error = exc
    except ValueError as exc:  # a number with more digits than Python converts, NaN or Infinity
        raise ResumeLoadError(f"{where}is not valid JSON: {exc}") from None
    else:
        repairs = [
            Repair(
                "",
                f"'{key}' written twice in one object",
                "the last value kept",
                "a key appears twice; the last is used",
            )
            for key in duplicates
        ]
        return Decoded(data, "json", repairs)
    import pyjson5  # only hand-written files need it

    try:
        data = pyjson5.decode(text)
    except pyjson5.Json5NestingTooDeep:
        raise ResumeLoadError(f"{where}is nested too deeply to be a resume") from None
    except pyjson5.Json5Exception as exc:
        raise ResumeLoadError(f"{where}is not valid JSON: {_json5_message(exc, text, strict_error)}") from None
    note = Repair(
        "",
        f"line {strict_error.lineno}, column {strict_error.colno}: {strict_error.msg}",
        "read as hand-written JSON",
        "the file has comments or trailing commas, which JSON does not allow; they were read and are not written back",
    )
    return Decoded(data, "json5", [note])


def _pairs_hook(duplicates: list[str]) -> Any:
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                duplicates.append(key)
            result[key] = value
        return result

    return hook


def _json5_message(exc: Exception, text: str, strict_error: json.JSONDecodeError) -> str:
    """Where and why a file is not even hand-written JSON, as a line and a column.

    When the lenient parser stops on the same line as the strict one, the file's only problem is a real syntax
    error and the standard library's words are the clearer ("Expecting ',' delimiter"); otherwise the strict
    parser stopped at a comment and the lenient parser's position is the one that matters.
    """
    strict = f"{strict_error.msg} at line {strict_error.lineno}, column {strict_error.colno}"
    message = str(exc.args[0]) if exc.args else str(exc)
    found = _NEAR_OFFSET.search(message)
    if found is None:
        return strict
    offset = min(int(found.group(1)), len(text))
    line = text.count("\n", 0, offset) + 1
    if line == strict_error.lineno:
        return strict
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    what = re.sub(r"b'([^']*)'", r"'\1'", message.split(" near ")[0].replace("b'JSON5Value'", "a value"))
    what = _CODE_POINT.sub(lambda match: repr(chr(int(match.group(1), 16))), what).replace("'comma'", "','")
    return f"{what} at line {line}, column {column}"


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number")


def _decode_yaml(text: str, where: str) -> Any:
    from app.model.yaml_input import load_yaml  # only YAML files pay for PyYAML

    return load_yaml(text, where)


def _check_numbers(value: Any, where: str) -> None:
    """JSON has no NaN or Infinity; JSON5 and YAML do, and nothing can print them in a resume."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, float) and not math.isfinite(node):
            raise ResumeLoadError(f"{where}holds {node}, which is not a number a resume can use")
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def _depth(value: Any) -> int:
    """Nesting depth of decoded data, without recursion (hostile files nest thousands of levels)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict | list):
            deepest = max(deepest, level)
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, level + 1) for child in children if isinstance(child, dict | list))
    return deepest
