"""The JSON Schema (draft 2020-12) of the canonical document, made from the record classes.

Each record class is one definition, its properties read off its attrs fields and described by
what each field says of itself (`_fields.doc`), never by a docstring, so ``python -OO`` gives
the same schema. A record of a kind others refer to (a source, a country, an agency) is its key
inside another record; a date span is its short text (``2020``, ``2020-03``, ``2020-03-05``) or
an object of its bounds; the citations are an object whose keys are the fields they cite.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from typing import Any

import attrs

from un_migration_network import _fields
from un_migration_network._dates import DateSpan
from un_migration_network._kinds import KINDS, kind_of
from un_migration_network._records import Citation, Name

__all__ = ["DIALECT", "json_schema"]

#: The JSON Schema dialect of `json_schema`.
DIALECT = "https://json-schema.org/draft/2020-12/schema"
_DAY = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_SPAN = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
_DATE = {"type": "string", "format": "date", "pattern": _DAY}
_SCALARS: dict[object, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    dt.date: _DATE,
}
_DATE_SPAN = {
    "title": "DateSpan",
    "description": "A date known to a day, a month or a year (its text), or between two bounds.",
    "oneOf": [
        {"type": "string", "pattern": _SPAN, "description": "YYYY, YYYY-MM or YYYY-MM-DD."},
        {
            "type": "object",
            "properties": {
                "earliest": {"description": "The first day the fact can hold for.", **_DATE},
                "latest": {"description": "The last day the fact can hold for.", **_DATE},
                "is_inferred": {
                    "description": "Whether the span is reasoned from other facts, not read in "
                    "a source.",
                    "type": "boolean",
                    "default": False,
                },
            },
            "required": ["earliest", "latest"],
            "additionalProperties": False,
        },
    ],
}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


def _optional(tp: Any) -> tuple[Any, bool]:
    """Split ``X | None`` into ``X`` and whether None is allowed."""
    args = typing.get_args(tp)
    if typing.get_origin(tp) is types.UnionType and type(None) in args:
        (inner,) = (arg for arg in args if arg is not type(None))
        return inner, True
    return tp, False


def _default(value: object) -> tuple[bool, object]:
    """A field's default as JSON, and whether it has one that JSON can write."""
    if isinstance(value, enum.Enum):
        return True, value.value
    if isinstance(value, tuple):
        return True, list(value)
    if value is None or isinstance(value, bool | int | float | str):
        return True, value
    return False, None


class _Builder:
    """Definitions made so far, one per record class."""

    def __init__(self) -> None:
        self.defs: dict[str, Any] = {"DateSpan": _DATE_SPAN}

    def record(self, cls: type) -> dict[str, Any]:
        """A reference to the definition of *cls*, made on first use."""
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # a placeholder: a class may contain itself
            hints = typing.get_type_hints(cls)
            properties: dict[str, Any] = {}
            required: list[str] = []
            for attribute in attrs.fields(cls):
                schema = {
                    "description": _fields.doc(attribute),
                    **self.value(hints[attribute.name], cls),
                }
                if attribute.default is attrs.NOTHING:
                    required.append(attribute.name)
                else:
                    has, value = _default(attribute.default)
                    if has:
                        schema["default"] = value
                properties[attribute.name] = schema
            self.defs[name] = {
                "title": name,
                "type": "object",
                "properties": properties,
                "required": required,
                "additionalProperties": False,
            }
        return _ref(name)

    def value(self, tp: Any, owner: type) -> dict[str, Any]:  # noqa: PLR0911 - one per type
        """The schema of a field of type *tp* in a record of class *owner*."""
        inner, optional = _optional(tp)
        if optional:
            return {"anyOf": [self.value(inner, owner), {"type": "null"}]}
        if inner is DateSpan:
            return _ref("DateSpan")
        kind = kind_of(inner) if isinstance(inner, type) else None
        if kind is not None and kind.is_referenced:
            return {
                "type": "string",
                "description": f"The {kind.primary} of one of the {kind.label}.",
            }
        if inner == tuple[Citation, ...]:
            cited = [a.name for a in attrs.fields(owner) if _fields.is_cited(a)]
            return {
                "type": "object",
                "propertyNames": {"enum": cited},
                "additionalProperties": {
                    "type": "array",
                    "items": {"type": "string", "description": "The id of a source."},
                },
            }
        if inner == tuple[Name, ...]:
            named = [a.name for a in attrs.fields(owner) if _fields.is_named(a)]
            item = {**self.record(Name), "properties": {"field": {"enum": named}}}
            return {"type": "array", "items": item}
        if typing.get_origin(inner) is tuple:
            return {"type": "array", "items": self.value(typing.get_args(inner)[0], owner)}
        if attrs.has(inner):
            return self.record(inner)
        if isinstance(inner, type) and issubclass(inner, enum.Enum):
            return {"enum": [member.value for member in inner]}
        if inner not in _SCALARS:
            msg = f"cannot describe {owner.__name__}: unsupported type {inner!r}"
            raise TypeError(msg)
        return dict(_SCALARS[inner])


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the canonical document.

    The bundled document, and any document `Dataset.to_json` writes, validates against it.
    The loader checks more than a schema can (that keys are unique and references resolve,
    that days are real), so a document that fits the schema can still fail to load.

    >>> schema = json_schema()
    >>> schema["required"][:3]
    ['as_of', 'sources', 'agencies']
    >>> schema["properties"]["countries"]["items"]
    {'$ref': '#/$defs/Country'}
    """
    builder = _Builder()
    properties: dict[str, Any] = {
        "as_of": {"description": "The date the data holds for: the data's version.", **_DATE}
    }
    required = ["as_of"]
    for kind in KINDS:
        item = builder.record(kind.type)
        properties[kind.plural] = (
            {"description": f"The {kind.label}.", **item}
            if kind.is_singleton
            else {"description": f"The {kind.label}.", "type": "array", "items": item}
        )
        if kind.is_required:
            required.append(kind.plural)
    return {
        "$schema": DIALECT,
        "title": "un-migration-network document",
        "description": "The UN Network on Migration and the Global Compact for Migration, as "
        "one JSON document.",
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
        "$defs": dict(sorted(builder.defs.items())),
    }
