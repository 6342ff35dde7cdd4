"""How each JSON value becomes a field of a record, without cattrs: one check per kind of value.

The cattrs converter (`_converter`) calls the value checks here for every user document,
with a JSON path for each problem. The structure functions that cattrs generates ahead of time
(`_generated`, written by ``tools/generate_structure.py``) call the same checks, and the
composite hooks below, for the bundled document, where ``import cattrs`` would cost more than
the whole load. The two paths give equal records: a test checks it on the bundled document
and on every document of the fuzz tests.

Each hook takes the value and, as cattrs passes it, the type (unused), and raises on a value
that does not fit; the composite hooks' errors carry no path (the fast path falls back to the
converter, which finds the problems and their paths).
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from un_migration_network._models import Citation, DateSpan, Name, Source

if TYPE_CHECKING:
    import enum

    from un_migration_network._codes import Code
    from un_migration_network._compact import State

__all__ = [
    "TABLES",
    "ExtraKeys",
    "InvalidError",
    "boolean",
    "citations",
    "day",
    "enum_of",
    "integer",
    "json_type",
    "names",
    "optional",
    "problem_code",
    "reference",
    "shown",
    "span",
    "state",
    "text",
    "tuple_of",
]

T = TypeVar("T")
Hook = Callable[[Any, Any], Any]

_INT_LIMIT = 2**63
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SHORT_SPAN = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")
# C0 and C1 control characters (tabs and line breaks included: a name is one line) and lone
# surrogates, which no UTF-8 file can hold: `to_json().encode()` would fail on them.
# Compiled on first use: a printable text (`str.isprintable`) holds none of them.
_BAD_CHARACTERS = r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]"
_LANGUAGE = re.compile(r"[a-z]{2}")
#: The English fields that names in other languages may stand beside.
NAME_FIELDS = frozenset({"name", "acronym", "title", "short_label"})
#: Fields that hold sources or names themselves: they cite nothing.
UNCITED = frozenset({"sources", "citations", "names"})


class _Tables(threading.local):
    """What references resolve against while the fast path structures a document, per thread.

    A thread-local rather than a `contextvars.ContextVar`: structuring never awaits, and
    `contextvars` would be one more import on the first answer's path.
    """

    #: For Source and Agency, the records by id.
    current: Mapping[type, Mapping[str, Any]] = {}


#: The tables of the document being structured in this thread (see `_structure.Pending`).
TABLES = _Tables()


class InvalidError(ValueError):
    """A value of the wrong shape; its message is shown to the user as is."""

    def __init__(self, message: str, code: str = "wrong-type") -> None:
        super().__init__(message)
        self.code = problem_code(code)


def problem_code(value: str) -> Code:
    """The `Code` whose value is *value* ("bad-date").

    The codes are imported here, on a fault only: they are no part of the first answer's path.
    """
    from un_migration_network._codes import Code  # noqa: PLC0415

    # mypy takes the members' __new__ for the lookup by value.
    return Code(value)  # type: ignore[call-arg]


class ExtraKeys(ValueError):  # noqa: N818 - named as cattrs's generated code uses it
    """An object with keys its record does not have (raised by the generated functions)."""

    def __init__(self, message: str, cl: type, keys: set[str]) -> None:
        super().__init__(message or f"unknown keys {sorted(map(repr, keys))} for {cl.__name__}")


def json_type(value: object) -> str:
    """The JSON name of a parsed value's type, for messages: "a string", "null"."""
    names = {
        type(None): "null",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "an array",
        tuple: "an array",
        dict: "an object",
    }
    return names.get(type(value), type(value).__name__)


def shown(value: object) -> str:
    """A value as a message quotes it: a string shortened, anything else by its JSON type."""
    if isinstance(value, str):
        return repr(value[:40] + "…" if len(value) > 40 else value)  # noqa: PLR2004
    return json_type(value)


def _named(hook: Hook, expression: str) -> Hook:
    # The expression that makes the hook, for the generator of `_generated`.
    hook.__expression__ = expression  # type: ignore[attr-defined]
    return hook


def _expression(hook: Hook) -> str:
    """A hook's expression; a generated function's is its own name."""
    return str(getattr(hook, "__expression__", getattr(hook, "__name__", "?")))


def text(value: object, _: object = None) -> str:
    """A string that says something: not blank, no control character or lone surrogate."""
    if not isinstance(value, str):
        msg = f"expected a string, got {json_type(value)}"
        raise InvalidError(msg)
    if not value.strip():
        msg = "expected a text that says something, got an empty or blank string"
        raise InvalidError(msg, "bad-text")
    bad = None if value.isprintable() else re.search(_BAD_CHARACTERS, value)
    if bad is not None:
        what = "a lone surrogate" if "\ud800" <= bad[0] <= "\udfff" else "a control character"
        msg = f"the text holds {what} (U+{ord(bad[0]):04X}) at position {bad.start()}"
        raise InvalidError(msg, "bad-text")
    return value


def integer(value: object, _: object = None) -> int:
    """An integer of at most 64 bits, and not a boolean."""
    if not isinstance(value, int) or isinstance(value, bool):
        msg = f"expected an integer, got {json_type(value)}"
        raise InvalidError(msg)
    # Beyond 64 bits no count or code in this data can be meant, and Python cannot
    # even print integers of more than 4,300 digits.
    if not -_INT_LIMIT <= value < _INT_LIMIT:
        msg = "expected an integer of at most 64 bits, got a larger number"
        raise InvalidError(msg, "bad-value")
    return value


def boolean(value: object, _: object = None) -> bool:
    """A JSON true or false, never a number."""
    if not isinstance(value, bool):
        msg = f"expected true or false, got {json_type(value)}"
        raise InvalidError(msg)
    return value


def day(value: object, _: object = None) -> dt.date:
    """A real day written YYYY-MM-DD."""
    if not isinstance(value, str) or not _DAY.fullmatch(value):
        msg = f"expected a date as YYYY-MM-DD, got {shown(value)}"
        raise InvalidError(msg, "bad-date")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        msg = f"{value!r} is not a real day"
        raise InvalidError(msg, "bad-date") from None


def short_span(value: str) -> DateSpan:
    """A span written in its short form (YYYY, YYYY-MM or YYYY-MM-DD), as the document does."""
    # The document writes a span as its short form or as an object, never as bounds text.
    if _SHORT_SPAN.fullmatch(value):
        try:
            return DateSpan.parse(value)
        except ValueError:
            pass
    msg = f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD (a real day), got {shown(value)}"
    raise InvalidError(msg, "bad-date")


def span(from_object: Hook) -> Hook:
    """A date span: its short text, or an object that *from_object* structures."""

    def hook(value: object, _: object = None) -> DateSpan:
        if isinstance(value, str):
            return short_span(value)
        if isinstance(value, Mapping):
            result: DateSpan = from_object(value, DateSpan)
            return result
        msg = (
            f"expected a date string or an object with earliest and latest, got {json_type(value)}"
        )
        raise InvalidError(msg)

    return _named(hook, f"_hooks.span({_expression(from_object)})")


_ENUMS: dict[type, Hook] = {}


def enum_of(cl: type[enum.Enum]) -> Hook:
    """A member of the enum *cl*, by its value."""
    hook = _ENUMS.get(cl)
    if hook is None:
        by_value = {member.value: member for member in cl}
        choices = ", ".join(repr(v) for v in by_value)

        def hook(value: object, _: object = None) -> enum.Enum:
            try:
                return by_value[value]
            except (KeyError, TypeError):
                msg = f"expected one of {choices}, got {shown(value)}"
                raise InvalidError(msg, "bad-value") from None

        _ENUMS[cl] = _named(hook, f"_hooks.enum_of(_models.{cl.__name__})")
    return hook


def optional(inner: Hook) -> Hook:
    """None, or what *inner* structures."""

    def hook(value: object, _: object = None) -> object:
        return None if value is None else inner(value, None)

    return _named(hook, f"_hooks.optional({_expression(inner)})")


def tuple_of(inner: Hook) -> Hook:
    """An array, each element as *inner* structures it, as a tuple."""

    def hook(value: object, _: object = None) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            msg = f"expected an array, got {json_type(value)}"
            raise InvalidError(msg)
        return tuple([inner(item, None) for item in value])

    return _named(hook, f"_hooks.tuple_of({_expression(inner)})")


_REFERENCES: dict[type, Hook] = {}


def reference(cl: type) -> Hook:
    """The record of *cl* whose id the value is (a Source, an Agency)."""
    hook = _REFERENCES.get(cl)
    if hook is None:

        def hook(value: object, _: object = None) -> object:
            if not isinstance(value, str):
                msg = f"expected an id, got {json_type(value)}"
                raise InvalidError(msg)
            return TABLES.current[cl][value]

        _REFERENCES[cl] = _named(hook, f"_hooks.reference(_models.{cl.__name__})")
    return hook


def citations(cl: type, field_names: tuple[str, ...]) -> Hook:
    """An object of field names and source ids: the sources of each field of *cl*."""
    fields = [name for name in field_names if name not in UNCITED]
    order = {name: index for index, name in enumerate(fields)}
    sources = tuple_of(reference(Source))

    def hook(value: object, _: object = None) -> tuple[Citation, ...]:
        if not isinstance(value, Mapping):
            msg = f"expected an object of field names and source ids, got {json_type(value)}"
            raise InvalidError(msg)
        cited = {field: sources(ids, None) for field, ids in value.items()}
        unknown = [field for field in cited if field not in order]
        if unknown:
            msg = f"{cl.__name__} has no field {shown(unknown[0])} to cite"
            raise InvalidError(msg, "unknown-key")
        return tuple(Citation(f, cited[f]) for f in sorted(cited, key=order.__getitem__))

    return _named(hook, f"_hooks.citations(_models.{cl.__name__}, {tuple(field_names)!r})")


def names(cl: type, field_names: tuple[str, ...], structure_name: Hook) -> Hook:
    """A record's names in other languages: each checked for its language and field."""
    allowed = NAME_FIELDS & set(field_names)
    each = tuple_of(structure_name)

    def hook(value: object, _: object = None) -> tuple[Name, ...]:
        structured: tuple[Name, ...] = each(value, None)
        for name in structured:
            if not _LANGUAGE.fullmatch(name.lang) or name.lang == "en":
                msg = f"expected a language other than 'en', got {shown(name.lang)}"
                raise InvalidError(msg, "bad-value")
            if name.field not in allowed:
                msg = f"{cl.__name__} has no names for {shown(name.field)}"
                raise InvalidError(msg, "bad-value")
        return structured

    expression = (
        f"_hooks.names(_models.{cl.__name__}, {tuple(field_names)!r}, "
        f"{_expression(structure_name)})"
    )
    return _named(hook, expression)


def state(from_object: Hook) -> Hook:
    """A State: an object, or (the first release's form) its name as written."""
    from un_migration_network._compact import State  # noqa: PLC0415 - off the first lookup's path

    def hook(value: object, _: object = None) -> State:
        if isinstance(value, str):
            return State(text(value))
        result: State = from_object(value, State)
        return result

    return _named(hook, f"_hooks.state({_expression(from_object)})")


for _primitive, _its_expression in (
    (text, "_hooks.text"),
    (integer, "_hooks.integer"),
    (boolean, "_hooks.boolean"),
    (day, "_hooks.day"),
):
    _named(_primitive, _its_expression)
