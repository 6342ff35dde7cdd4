"""Flat exports (CSV rows, DataFrames) and the JSON Schema of the canonical document.

Both are derived from the attrs models, never kept by hand: a field added to a record
appears in its CSV columns and in the schema without touching this module.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import functools
import inspect
import io
import operator
import re
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from un_migration_network._models import (
    Agency,
    DateSpan,
    Event,
    GuidingPrinciple,
    Network,
    Objective,
    Observation,
    Source,
)

if TYPE_CHECKING:
    import pandas as pd

    from un_migration_network._registry import Registry

__all__ = [
    "RECORD_TYPES",
    "Cell",
    "flat_columns",
    "flat_row",
    "json_schema",
    "registry_dataframe",
    "to_csv",
    "to_dataframe",
]

#: One value of a flat row: what a CSV cell or a DataFrame column holds before formatting.
Cell = str | int | bool | dt.date | None

#: The record kinds that export one row per record, by the name the command line uses.
RECORD_TYPES: Mapping[str, type] = {
    "agencies": Agency,
    "networks": Network,
    "objectives": Objective,
    "principles": GuidingPrinciple,
    "sources": Source,
    "events": Event,
    "observations": Observation,
}

# Records cite sources and agencies by id (as the converter writes them); only the
# document's own `sources` and `agencies` arrays hold them whole.
_REFERENCES: tuple[type, ...] = (Source, Agency)
# Several values in one CSV cell (aliases, member ids) are joined with this.
_SEPARATOR = ";"
_DAY = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_SPAN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
_SCALARS: dict[object, tuple[str, dict[str, Any]]] = {
    str: ("str", {"type": "string"}),
    int: ("int", {"type": "integer"}),
    bool: ("bool", {"type": "boolean"}),
    dt.date: ("date", {"type": "string", "format": "date", "pattern": _DAY}),
}
_MISSING_PANDAS = "Registry.to_dataframe() needs pandas: pip install 'un-migration-network[pandas]'"


class _Column(NamedTuple):
    """One flat column: its name, the kind of value it holds, and how to read it off a record."""

    name: str
    dtype: str  # "str", "int", "bool" or "date"
    read: Callable[[Any], Cell]


def _optional(tp: Any) -> tuple[Any, bool]:
    """Split ``X | None`` into ``X`` and whether None is allowed."""
    args = typing.get_args(tp)
    if typing.get_origin(tp) is types.UnionType and type(None) in args:
        (inner,) = (arg for arg in args if arg is not type(None))
        return inner, True
    return tp, False


def _is_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


def _scalar(tp: Any, where: str) -> tuple[str, dict[str, Any]]:
    try:
        return _SCALARS[tp]
    except KeyError:
        msg = f"cannot export {where}: unsupported type {tp!r}"
        raise TypeError(msg) from None


def _then(first: Callable[[Any], Any], second: Callable[[Any], Cell]) -> Callable[[Any], Cell]:
    """Compose two readers; None read by the first stays None."""

    def read(record: Any) -> Cell:
        value = first(record)
        return None if value is None else second(value)

    return read


def _joined(read: Callable[[Any], Any], text: Callable[[Any], str]) -> Callable[[Any], Cell]:
    def join(record: Any) -> Cell:
        return _SEPARATOR.join(text(item) for item in read(record))

    return join


def _item_text(tp: Any, where: str) -> Callable[[Any], str]:
    """How one element of a tuple field is written inside a joined cell."""
    if tp in _REFERENCES:
        return operator.attrgetter("id")
    if _is_enum(tp):
        return operator.attrgetter("value")
    if attrs.has(tp):
        msg = f"cannot export {where}: a list of {tp.__name__} records does not fit one cell"
        raise TypeError(msg)
    _scalar(tp, where)
    return str


def _field_columns(name: str, tp: Any, read: Callable[[Any], Any], where: str) -> list[_Column]:
    tp, _ = _optional(tp)
    if tp is DateSpan:
        return [
            _Column(name, "str", _then(read, str)),
            _Column(f"{name}_earliest", "date", _then(read, operator.attrgetter("earliest"))),
            _Column(f"{name}_latest", "date", _then(read, operator.attrgetter("latest"))),
        ]
    if tp in _REFERENCES:
        return [_Column(name, "str", _then(read, operator.attrgetter("id")))]
    if attrs.has(tp):
        # A value object such as Country: one column per field, named with a prefix.
        return [
            _Column(f"{name}_{column.name}", column.dtype, _then(read, column.read))
            for column in _columns(tp)
        ]
    if typing.get_origin(tp) is tuple:
        return [_Column(name, "str", _joined(read, _item_text(typing.get_args(tp)[0], where)))]
    if _is_enum(tp):
        return [_Column(name, "str", _then(read, operator.attrgetter("value")))]
    dtype, _ = _scalar(tp, where)
    return [_Column(name, dtype, read)]


@functools.cache
def _columns(record_type: type) -> tuple[_Column, ...]:
    hints = typing.get_type_hints(record_type)
    columns: list[_Column] = []
    for field in attrs.fields(record_type):
        where = f"{record_type.__name__}.{field.name}"
        read = operator.attrgetter(field.name)
        columns.extend(_field_columns(field.name, hints[field.name], read, where))
    return tuple(columns)


def flat_columns(record_type: type, /) -> tuple[str, ...]:
    """The flat column names of *record_type*, in its attrs field order.

    A `DateSpan` field gives three columns (its text, ``_earliest`` and ``_latest``);
    a value object such as `Country` one column per field, prefixed with the field's name.

    Raises:
        TypeError: A field cannot be flattened (a list of nested records, for one).

    >>> from un_migration_network import Observation
    >>> flat_columns(Observation)[-4:]
    ('as_of', 'as_of_earliest', 'as_of_latest', 'sources')
    """
    return tuple(column.name for column in _columns(record_type))


def flat_row(record: object, /) -> dict[str, Cell]:
    """One record as a flat row: references as ids, several values joined with ``;``.

    >>> import un_migration_network as umn
    >>> row = flat_row(umn.networks.lookup("Mozambique"))
    >>> row["country_alpha2"], row["launched"], row["launched_latest"]
    ('MZ', '2022-02-15', datetime.date(2022, 2, 15))
    """
    record_type: type = type(record)
    return {column.name: column.read(record) for column in _columns(record_type)}


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def to_csv(records: Iterable[object], record_type: type, /) -> str:
    """CSV text with a header and one row per record, in the order given.

    None is an empty cell, booleans are ``true``/``false``, dates ``YYYY-MM-DD``.

    >>> import un_migration_network as umn
    >>> print(to_csv(umn.principles, umn.GuidingPrinciple).splitlines()[0])
    letter,name,sources,paragraph,is_letter_inferred
    """
    columns = _columns(record_type)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(column.name for column in columns)
    writer.writerows([_text(column.read(record)) for column in columns] for record in records)
    return buffer.getvalue()


_PANDAS_DTYPES = {"str": "string", "int": "Int64", "bool": "boolean", "date": "datetime64[ns]"}


def to_dataframe(records: Iterable[object], record_type: type | None, /) -> pd.DataFrame:
    """A pandas DataFrame with the CSV's columns, one row per record.

    Text is pandas' ``string`` dtype, integers ``Int64`` and booleans ``boolean`` (both
    nullable), and dates ``datetime64[ns]`` at midnight, with ``NaT`` where unknown.
    With no *record_type* (an empty registry of an unknown kind) the frame has no columns.

    Raises:
        ImportError: pandas is not installed; the message names the extra that brings it.
    """
    try:
        import pandas as pd  # noqa: PLC0415 - an optional dependency, imported only here
    except ImportError as error:
        raise ImportError(_MISSING_PANDAS, name="pandas") from error
    if record_type is None:
        return pd.DataFrame()
    columns = _columns(record_type)
    rows = list(records)
    return pd.DataFrame(
        {
            column.name: pd.Series(
                [column.read(record) for record in rows], dtype=_PANDAS_DTYPES[column.dtype]
            )
            for column in columns
        },
        columns=[column.name for column in columns],
    )


# The record type of an empty registry, by the registry's kind.
_KIND_TYPES: dict[str, type] = {
    "agency": Agency,
    "network": Network,
    "objective": Objective,
    "guiding principle": GuidingPrinciple,
    "source": Source,
}


def registry_dataframe(registry: Registry[Any], /) -> pd.DataFrame:
    """`to_dataframe` for a registry, whose record type is that of its records or its kind."""
    records = list(registry)
    record_type = type(records[0]) if records else _KIND_TYPES.get(registry.kind)
    return to_dataframe(records, record_type)


# --- JSON Schema ---------------------------------------------------------------------

_SECTION = re.compile(r"^Attributes:\n((?:(?: {4}.*)?\n?)+)", re.MULTILINE)
_ENTRY = re.compile(r"^ {4}(\w+): (.+(?:\n {5,}.+)*)", re.MULTILINE)


def _summary(cls: type) -> str:
    return inspect.cleandoc(cls.__doc__ or "").partition("\n")[0]


def _attribute_docs(cls: type) -> dict[str, str]:
    """The ``Attributes:`` section of a Google-style class docstring, by field name."""
    section = _SECTION.search(inspect.cleandoc(cls.__doc__ or ""))
    if section is None:
        return {}
    return {
        match[1]: " ".join(match[2].replace("``", "`").split())
        for match in _ENTRY.finditer(section[1])
    }


def _object_schema(cls: type, *, whole: bool = False) -> dict[str, Any]:
    """The schema of an attrs class; *whole* writes its sources and agencies whole, not by id."""
    hints = typing.get_type_hints(cls)
    docs = _attribute_docs(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        where = f"{cls.__name__}.{field.name}"
        schema = _type_schema(hints[field.name], where, by_id=not whole)
        if field.name in docs:
            schema = {"description": docs[field.name], **schema}
        properties[field.name] = schema
        if field.default is attrs.NOTHING:
            required.append(field.name)
    return {
        "title": cls.__name__,
        "description": _summary(cls),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _type_schema(tp: Any, where: str, *, by_id: bool = True) -> dict[str, Any]:
    tp, optional = _optional(tp)
    schema: dict[str, Any]
    if tp is DateSpan:
        # The converter writes a span as its short text when it has one, else as an object.
        text = {"type": "string", "pattern": _SPAN, "description": "YYYY, YYYY-MM or YYYY-MM-DD"}
        schema = {"oneOf": [text, _object_schema(DateSpan)]}
    elif tp in _REFERENCES and by_id:
        schema = {"type": "string", "description": f"the id of a {tp.__name__.lower()}"}
    elif attrs.has(tp):
        schema = _object_schema(tp)
    elif typing.get_origin(tp) is tuple:
        schema = {
            "type": "array",
            "items": _type_schema(typing.get_args(tp)[0], where, by_id=by_id),
        }
    elif _is_enum(tp):
        schema = {"enum": [member.value for member in tp]}
    else:
        schema = dict(_scalar(tp, where)[1])
    return {"anyOf": [schema, {"type": "null"}]} if optional else schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the canonical document, generated from the models.

    The bundled document, and anything `Dataset.to_json` writes, validates against it.
    The loader checks more than a schema can (references resolve, ids are unique, days
    are real), so a document that fits the schema can still fail to load.

    >>> schema = json_schema()
    >>> schema["required"][:3], schema["properties"]["networks"]["type"]
    (['as_of', 'sources', 'agencies'], 'array')
    """
    from un_migration_network._converter import Document  # noqa: PLC0415 - imports cattrs

    schema = _object_schema(Document, whole=True)
    schema.update(
        title="un-migration-network document",
        description="The UN Network on Migration and the Global Compact for Migration, "
        "as one JSON document.",
    )
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
