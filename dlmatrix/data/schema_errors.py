"""Turn pydantic's validation errors into `file:line:col: dotted.path: message` DataErrors."""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
import unicodedata
from typing import Any

from pydantic import BaseModel, ValidationError

from dlmatrix.data.errors import DataError
from dlmatrix.data.reader import LoadedFile, PathKey

ID_HINTS = {
    "id": "lower-case ASCII letters and digits, words joined by '-' (frameworks, topics, use cases) or '_' (features)",
}


MAX_SHOWN = 80  # characters of a bad value quoted in a message


def _quote(text: str) -> str:
    """repr() of a text value, cut short: a message must stay one readable line."""
    if len(text) > MAX_SHOWN:
        return f"{text[:MAX_SHOWN]!r}... ({len(text):,} characters)"
    return repr(text)


def _one_line(text: str) -> str:
    """A message is one line of printable text: escape line breaks and other invisible characters that a
    validator message (e.g. the model's own "'...' is not an absolute http(s) URL") may quote as written."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _non_ascii(text: str) -> str:
    """Why a look-alike id is refused: 'pytоrch' (Cyrillic о) reads as 'pytorch' in a message."""
    for index, char in enumerate(text):
        if not char.isascii():
            name = unicodedata.name(char, "unnamed character")
            return f"; character {index + 1} is U+{ord(char):04X} {name}, not ASCII"
    return ""


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (a YAML boolean; quote it if you meant text)"
    if isinstance(value, float):
        return f"the number {value!r} (quote versions and other text, e.g. '2.10')"
    if isinstance(value, int):
        return f"the number {value!r}"
    if isinstance(value, dt.datetime):
        return f"the date and time {value.isoformat(sep=' ')} (give the day only)"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, str):
        return _quote(value)
    shown = repr(value)
    return shown if len(shown) <= MAX_SHOWN else f"{shown[:MAX_SHOWN]}..."


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types inside Optional/Union/Annotated."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg)]
    return [annotation]


def allowed_keys(model: type[BaseModel], loc: PathKey) -> list[str]:
    """The keys a mapping at `loc` may hold, found by walking the model's annotations."""
    current: list[Any] = [model]
    for part in loc:
        following: list[Any] = []
        for annotation in current:
            for candidate in _unwrap(annotation):
                origin = typing.get_origin(candidate)
                if isinstance(candidate, type) and issubclass(candidate, BaseModel) and isinstance(part, str):
                    field = candidate.model_fields.get(part)
                    if field is not None:
                        following.append(field.annotation)
                elif origin is dict:
                    following.append(typing.get_args(candidate)[1])
                elif origin is list and isinstance(part, int):
                    following.append(typing.get_args(candidate)[0])
        current = following
    keys: list[str] = []
    for annotation in current:
        for candidate in _unwrap(annotation):
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                keys.extend(candidate.model_fields)
    return keys


def _message(error: Any, model: type[BaseModel], loc: PathKey) -> str:
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return f"required key '{loc[-1]}' is missing"
    if kind == "extra_forbidden":
        allowed = ", ".join(allowed_keys(model, loc[:-1])) or "none"
        return f"unknown key '{loc[-1]}'; allowed keys here: {allowed}"
    if kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return f"{_describe(value)} is not one of {expected}"
    if kind == "string_type":
        return f"expected text, got {_describe(value)}"
    if kind.startswith("date") or kind == "date_type":
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                dt.date.fromisoformat(value)
            except ValueError as exc:  # 2026-02-30: written right, but no such day
                return f"{value!r} is not a calendar date ({exc})"
        return f"expected a date written YYYY-MM-DD, got {_describe(value)}"
    if kind == "string_pattern_mismatch":
        hint = ID_HINTS.get(str(loc[-1]) if loc else "", f"the pattern {ctx.get('pattern')}")
        if error["loc"] and error["loc"][-1] == "[key]":  # a mapping key, e.g. a feature id under cells
            hint = ID_HINTS["id"]
        detail = _non_ascii(value) if isinstance(value, str) else ""
        return f"{_describe(value)} is not valid here: expected {hint}{detail}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length', 1)} item(s)"
    if kind == "too_long":
        return f"has too many items (at most {ctx.get('max_length')})"
    if kind == "string_too_short":
        return "must not be empty" if ctx.get("min_length") == 1 else f"must be at least {ctx.get('min_length')} characters"
    if kind == "string_too_long":
        return f"is too long (at most {ctx.get('max_length')} characters)"
    if kind == "dict_type" or kind == "model_type":
        return f"expected a mapping of keys to values, got {_describe(value)}"
    if kind == "list_type":
        return f"expected a list, got {_describe(value)}"
    bounds = {"greater_than": "more than", "greater_than_equal": "at least", "less_than": "less than",
              "less_than_equal": "at most"}
    if kind in bounds:
        limit = next(iter(ctx.values()), "?")
        if isinstance(limit, float) and limit.is_integer():
            limit = int(limit)
        return f"must be {bounds[kind]} {limit}, got {_describe(value)}"
    if kind in ("int_type", "float_type", "int_from_float"):
        return f"expected a number, got {_describe(value)}"
    return f"{error['msg']}, got {_describe(value)}"


def _data_loc(loaded: LoadedFile, loc: tuple[Any, ...]) -> PathKey:
    """Drop pydantic's union-member tags (e.g. 'str', 'function-after[...]') that are not in the data."""
    parts: list[str | int] = []
    node: Any = loaded.data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (isinstance(node, list) and isinstance(part, int) and part < len(node)):
            node = node[part]
            parts.append(part)
        elif isinstance(node, dict) and isinstance(part, str) and not any(c in part for c in "[]"):
            parts.append(part)  # a missing or extra key: keep it, it is the subject of the message
            break
        else:
            continue
    return tuple(parts)


def validate_model(model: type[BaseModel], loaded: LoadedFile) -> tuple[BaseModel | None, list[DataError]]:
    try:
        return model.model_validate(loaded.data), []
    except ValidationError as exc:
        by_loc: dict[PathKey, list[Any]] = {}
        for error in exc.errors():
            by_loc.setdefault(_data_loc(loaded, error["loc"]), []).append(error)
        errors = []
        for loc, group in by_loc.items():
            subject = loc[:-1] if group[0]["type"] == "missing" else loc
            dotted = ".".join(str(part) for part in subject)
            if len(group) > 1 and all(e["type"] != "missing" and e["type"] != "extra_forbidden" for e in group):
                value = group[0].get("input")
                message = f"expected text, a number or a date, got {_describe(value)}"
            else:
                message = "; ".join(_message(e, model, loc) for e in group)
            key = group[0]["type"] == "extra_forbidden" or group[0]["loc"][-1:] == ("[key]",)
            position_loc = loc[:-1] if group[0]["type"] == "missing" else loc
            text = _one_line(f"{dotted}: {message}" if dotted else message)
            errors.append(loaded.error(position_loc, text, key=key))
        return None, errors
