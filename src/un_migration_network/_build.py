"""Records from the bundled document's JSON objects, read from the attrs fields; no cattrs.

Each record class gets, on first use, one reader per field, chosen by the field's type and
made of the value checks of `_values` (the converter of user documents calls the same
checks). A reference to a record of a kind others refer to by key (a source, a country, an
agency) is resolved by the caller's *resolve*: the bundle's cache (`_bundle`), so that every
reference to one record is that record. The bundled document was validated when it was
built (and is, by the test suite), so its objects are trusted to have their fields.
"""

import datetime as dt
import enum
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from un_migration_network import _values
from un_migration_network._dates import DateSpan
from un_migration_network._kind import kind_of
from un_migration_network._records import Citation, Name, Source

__all__ = ["Resolve", "build"]

#: Finds the record of a kind that others refer to, by its class and its key.
Resolve = Callable[[type, object], Any]
_Reader = Callable[[object, Resolve], Any]
_SCALARS: dict[object, Callable[[object, object], Any]] = {
    str: _values.text,
    int: _values.integer,
    float: _values.number,
    bool: _values.boolean,
    dt.date: _values.day,
    DateSpan: _values.span,
}
_PLANS: dict[type, tuple[tuple[str, _Reader], ...]] = {}


def build(cl: type, data: object, resolve: Resolve, /) -> Any:
    """The record of class *cl* that the JSON object *data* describes.

    Raises:
        InvalidError: A value that does not fit (the bundled data never has one).
    """
    if not isinstance(data, Mapping):
        msg = f"expected an object, got {_values.json_type(data)}"
        raise _values.InvalidError(msg)
    plan = _PLANS.get(cl)
    if plan is None:
        hints = typing.get_type_hints(cl)
        plan = _PLANS[cl] = tuple(
            (attribute.name, _reader(hints[attribute.name], cl)) for attribute in attrs.fields(cl)
        )
    return cl(**{name: read(data[name], resolve) for name, read in plan if name in data})


def _reader(tp: Any, owner: type) -> _Reader:  # noqa: PLR0911 - one return per kind of type
    """How a value of type *tp* (a field of *owner*) is read."""
    args = typing.get_args(tp)
    if typing.get_origin(tp) is types.UnionType:
        (inner,) = (arg for arg in args if arg is not type(None))
        read = _reader(inner, owner)
        return lambda value, resolve: None if value is None else read(value, resolve)
    if tp == tuple[Citation, ...]:
        return lambda value, resolve: _values.citations(
            owner, value, lambda ids: _values.tuple_of(ids, lambda i: resolve(Source, i))
        )
    if tp == tuple[Name, ...]:
        return lambda value, resolve: _values.names(
            owner, value, lambda item: build(Name, item, resolve)
        )
    if typing.get_origin(tp) is tuple:
        item = _reader(args[0], owner)
        return lambda value, resolve: _values.tuple_of(value, lambda v: item(v, resolve))
    kind = kind_of(tp) if isinstance(tp, type) else None
    if kind is not None and kind.is_referenced:
        return lambda value, resolve: resolve(tp, value)
    scalar = _SCALARS.get(tp)
    if scalar is not None:
        return lambda value, _: scalar(value, None)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        member = _values.enum_of(tp)
        return lambda value, _: member(value, None)
    return lambda value, resolve: build(tp, value, resolve)
