"""Pydantic's validation errors as located problems, in the words of the data format."""

from __future__ import annotations

import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from channelscore.data.formats import FIELD_NAMES
from channelscore.data.yaml_reader import Document, dotted
from channelscore.errors import MAX_PROBLEMS_PER_FILE, Problem, suggestion, too_many

Model = TypeVar("Model", bound=BaseModel)


def validate_model(document: Document, model: type[Model], problems: list[Problem]) -> Model | None:
    """``document`` validated as ``model``, or None with its located problems added to ``problems``."""
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        problems += schema_problems(error, document, model)
        return None


def schema_problems(error: ValidationError, document: Document, model: type[BaseModel] | None = None) -> list[Problem]:
    """Pydantic's errors as located problems, in the words of the data format."""
    problems: list[Problem] = []
    # A text is a string or a mapping of languages: only the member of that union the value took speaks for it.
    items = [item for item in error.errors(include_url=False) if not _other_text_member(item, document.data)]
    # A value refused by every member of a union gives one error per member: they become one problem.
    expected: dict[tuple[Any, ...], list[str]] = {}
    for item in items:
        loc = tuple(part for part in item["loc"] if not _is_union_tag(part))
        if len(loc) < len(item["loc"]) and item["type"] in _TYPE_WORDS:
            expected.setdefault(loc, []).append(_TYPE_WORDS[item["type"]])
    reported: set[tuple[Any, ...]] = set()
    for position, item in enumerate(items):
        if len(problems) >= MAX_PROBLEMS_PER_FILE:
            # The rest are counted, not worded: wording (and "did you mean") is what costs.
            problems.append(too_many(document.display, len(items) - position))
            break
        loc = tuple(part for part in item["loc"] if not _is_union_tag(part))
        kind = item["type"]
        if loc in expected and kind in _TYPE_WORDS:
            if loc in reported:
                continue
            reported.add(loc)
            item = {**item, "msg": "Input should be " + " or ".join(dict.fromkeys(expected[loc]))}
        if loc and loc[-1] == "[key]":
            key_loc = loc[:-1]
            problems.append(document.problem(key_loc, "invalid-id", f"`{key_loc[-1]}` is not a valid id",
                                             hint="ids are lower-case letters, digits and `_`, starting with a letter",
                                             at_key=True))
            continue
        name = str(loc[-1]) if loc else "file"
        if kind == "extra_forbidden":
            fields = _fields_at(model, loc[:-1]) if model is not None else None
            choices = sorted(fields) if fields else FIELD_NAMES
            hint = (f"`{name}` is not a field here; check the indentation, and the `format` of the file"
                    if name in FIELD_NAMES and name not in choices else suggestion(name, choices))
            if fields and not hint:
                hint = "fields here: " + ", ".join(fields)
            problems.append(document.problem(loc, "unknown-field", f"unknown field `{name}`", hint=hint, at_key=True))
        elif kind == "missing":
            problems.append(document.problem(loc[:-1], "missing-field", f"missing field `{name}`",
                                             hint="the README's section on the data lists the expected fields"))
        else:
            problems.append(document.problem(loc, "invalid-value", _value_message(loc, item),
                                             hint=_value_hint(loc, kind)))
    return problems


def _other_text_member(item: Any, data: Any) -> bool:
    """Whether ``item`` is the error of the union member of a text that the value did not take: the mapping
    member for a string, the string member for a mapping."""
    loc = item["loc"]
    for index, part in enumerate(loc):
        if isinstance(part, str) and _is_union_tag(part) and ("LangText" in part or part == "constrained-str"):
            value = _value_at(data, [p for p in loc[:index] if not _is_union_tag(p)])
            return isinstance(value, dict) if part == "constrained-str" else isinstance(value, str)
    return False


def _value_at(data: Any, loc: list[Any]) -> Any:
    """The value of the document at ``loc``, or None where the path leads nowhere."""
    for part in loc:
        if (isinstance(data, dict) and part in data) or \
                (isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)):
            data = data[part]
        else:
            return None
    return data


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str] | None:
    """The field names of the model found at ``loc`` inside ``model``, or None if the path leads elsewhere."""
    import typing

    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return None
            current = field.annotation
        elif typing.get_origin(current) in (list, dict):
            current = typing.get_args(current)[-1]
        else:
            return None
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return None


def _unwrap(annotation: Any) -> Any:
    """The model or container inside ``Optional[...]``, ``Annotated[...]`` and unions of one of them."""
    import types
    import typing

    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            structured = [a for a in members if typing.get_origin(a) in (list, dict)
                          or (isinstance(a, type) and issubclass(a, BaseModel))]
            if len(structured) != 1:
                return annotation
            annotation = structured[0]
        else:
            return annotation


_UNION_TAGS = {"int", "str", "float", "bool", "list", "dict", "none", "LangText", "constrained-str"}
_TYPE_WORDS = {"int_type": "an integer", "string_type": "a string", "float_type": "a number",
               "bool_type": "true or false", "list_type": "a list", "dict_type": "a mapping", "model_type": "a mapping",
               "none_type": "empty"}


def _is_union_tag(part: Any) -> bool:
    # Members of a union appear in locations as "int" or "list[str]"; "[key]" marks a mapping's key instead.
    return isinstance(part, str) and (part in _UNION_TAGS or ("[" in part and not part.startswith("[")))


def _value_message(loc: tuple[Any, ...], item: Any) -> str:
    field = dotted(loc) or "file"
    message = str(item["msg"]).replace("Value error, ", "")
    message = re.sub(r"valid dictionary or instance of \w+", "mapping of fields", message)
    if item["type"] in ("model_type", "dict_type", "list_type", "value_error", "too_short", "too_long") \
            or "input" not in item:
        return f"{field}: {message}"
    return f"{field}: {message}, got {_shown(item['input'])}"


def _shown(value: Any) -> str:
    import json
    from datetime import date, datetime

    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=True)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


_TEXT_FIELDS = ("reason", "description", "source", "statement", "unmet", "best_practices", "names", "titles", "short",
                "en", "fr")


def _value_hint(loc: tuple[Any, ...], kind: str) -> str:
    names = [part for part in loc if isinstance(part, str)]
    last = names[-1] if names else ""
    if last == "rating":
        return "a rating is the integer 1 (weak), 2 (medium) or 3 (good), without quotes"
    if "judgments" in names and last == "value":
        return "on Saaty's scale: an integer 1 to 9, or \"1/2\" to \"1/9\" when b matters more"
    if "swing" in names:
        return "swing points are a number from 0 to 100"
    if last in ("value", "client", "enterprise"):
        return "a weight is a finite number, zero or more; weights are normalised, so any scale works"
    if len(loc) == 2 and loc[0] == "weights":
        return "a weight is written `{value: 2, reason: why this weight}`"
    if last in _TEXT_FIELDS or kind in ("string_too_short", "string_too_long"):
        return ("text is a non-empty string of at most 2000 characters, or one per language: {en: ..., fr: ...}; "
                "quote it if it looks like a date or number")
    if last in ("id", "extends", "channel", "criterion", "trait") or kind == "string_pattern_mismatch":
        return "ids are lower-case letters, digits and `_` (profiles use `-`), starting with a letter"
    if last == "format":
        return "the first line names the format: `channelscore/profile@1`, or `channelscore/scenario@1` for a scenario"
    return ""
