"""Records from the bundled document's JSON objects, read from the attrs fields; no cattrs.

Each record class gets, on first use, one reader per field, chosen by the field's type and
made of the value checks of `_values` (the converter of user documents calls the same
checks). A reference to a record of a kind others refer to by key (a source, a country, an
agency) is resolved by the caller's *resolver*: the bundle's cache (`_bundle`), so that every
reference to one record is that record, and every list of the same references one tuple.
The bundled document was validated when it was built (and is, by the test suite), so its
objects are trusted to have their fields.
"""

import datetime as dt
import enum
import sys
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, Protocol

import attrs

from un_migration_network import _values
from un_migration_network._dates import DateSpan
from un_migration_network._kind import kind_of
from un_migration_network._records import Citation, Name, Source

__all__ = ["Resolver", "build"]

# Short texts (a language, a field's name, a standard) repeat thousands of times: one object each.
_SHORT = 16


class Resolver(Protocol):
    """Finds the records of kinds that others refer to, by class and key."""

    def one(self, cl: type, key: object, /) -> Any:
        """The record of *cl* whose key is *key*."""

    def many(self, cl: type, keys: tuple[object, ...], /) -> tuple[Any, ...]:
        """The records of *cl* whose keys are *keys*, in order (one tuple for equal keys)."""

    def citation(self, field: str, sources: tuple[Source, ...], /) -> Citation:
        """The citation of *field* to *sources* (one object for equal citations)."""


_Reader = Callable[[object, Resolver], Any]


def _text(value: object, _: object = None) -> str:
    text = _values.text(value)
    return sys.intern(text) if len(text) <= _SHORT else text


_SCALARS: dict[object, Callable[[object, object], Any]] = {
    str: _text,
    int: _values.integer,
    float: _values.number,
    bool: _values.boolean,
    dt.date: _values.day,
    DateSpan: _values.span,
}
_PLANS: dict[type, tuple[tuple[str, _Reader], ...]] = {}


def build(cl: type, data: object, resolve: Resolver, /) -> Any:
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
            owner, value, lambda ids: _many(Source, ids, resolve), resolve.citation
        )
    if tp == tuple[Name, ...]:
        return lambda value, resolve: _values.names(
            owner, value, lambda item: build(Name, item, resolve)
        )
    if typing.get_origin(tp) is tuple:
        if _referenced(args[0]):
            return lambda value, resolve: _many(args[0], value, resolve)
        item = _reader(args[0], owner)
        return lambda value, resolve: _values.tuple_of(value, lambda v: item(v, resolve))
    if _referenced(tp):
        return lambda value, resolve: resolve.one(tp, value)
    scalar = _SCALARS.get(tp)
    if scalar is not None:
        return lambda value, _: scalar(value, None)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        member = _values.enum_of(tp)
        return lambda value, _: member(value, None)
    return lambda value, resolve: build(tp, value, resolve)


def _referenced(tp: object) -> bool:
    kind = kind_of(tp) if isinstance(tp, type) else None
    return kind is not None and kind.is_referenced


def _many(cl: type, value: object, resolve: Resolver) -> tuple[Any, ...]:
    if not isinstance(value, list | tuple):
        return _values.tuple_of(value, lambda key: resolve.one(cl, key))  # says what is wrong
    return resolve.many(cl, tuple(value))
