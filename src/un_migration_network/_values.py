"""How each JSON value becomes a field of a record: one check per kind of value.

Both ways of reading a document call these: the cattrs converter (`_converter`), which reads
any user's document and reports every problem with its JSON path, and the builder of the
bundled records (`_build`), which reads the bundled document one record at a time. A check
raises `InvalidError` with a message a person can act on, a problem code and, for a value
made of parts (citations, names), the path within it of each part that does not fit.
"""

import datetime as dt
import enum
import math
import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs

from un_migration_network._dates import DateSpan
from un_migration_network._fields import is_cited, is_named
from un_migration_network._records import Citation, Name, Source

__all__ = [
    "InvalidError",
    "boolean",
    "citations",
    "day",
    "enum_of",
    "integer",
    "json_type",
    "names",
    "number",
    "shown",
    "span",
    "text",
    "tuple_of",
]

_T = TypeVar("_T")
_INT_LIMIT = 2**63
# C0 and C1 control characters (tabs and line breaks included: a name is one line) and lone
# surrogates, which no UTF-8 file can hold: `to_json().encode()` would fail on them. Patterns
# are compiled on first use (`re` keeps them): most texts are printable and never need one.
_BAD_CHARACTERS = r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]"
# The forms of a date the document writes: YYYY, YYYY-MM, YYYY-MM-DD (digits and dashes only).
_SHORT_FORMS = {4: "dddd", 7: "dddd-dd", 10: "dddd-dd-dd"}
_SPAN_KEYS = frozenset({"earliest", "latest", "is_inferred"})
_SHOWN = 40


class InvalidError(ValueError):
    """A value that does not fit; each problem with its code and its path within the value.

    Attributes:
        problems: ``(where, message, code)`` for each problem: *where* is a JSON path
            relative to the value checked (``""`` for the value itself, ``".launched[0]"``).
    """

    def __init__(self, message: str, code: str = "wrong-type", *, where: str = "") -> None:
        super().__init__(message)
        self.problems: tuple[tuple[str, str, str], ...] = ((where, message, code),)

    @property
    def code(self) -> str:
        """The code of the first problem."""
        return self.problems[0][2] if self.problems else "invalid-value"

    @classmethod
    def among(cls, problems: list[tuple[str, str, str]]) -> "InvalidError":
        """One error for *problems* found within a value; none makes a quiet error."""
        error = cls(problems[0][1] if problems else "reported elsewhere")
        error.problems = tuple(problems)
        return error

    def under(self, prefix: str) -> "InvalidError":
        """This error found within a part of a larger value: each path after *prefix*."""
        moved = InvalidError.among(
            [(prefix + where, msg, code) for where, msg, code in self.problems]
        )
        moved.args = self.args
        return moved

    @classmethod
    def of(cls, errors: list["InvalidError"]) -> "InvalidError":
        """One error for several, every problem of each."""
        return cls.among([problem for error in errors for problem in error.problems])


def json_type(value: object) -> str:
    """The JSON name of a parsed value's type, for messages: "a string", "null".

    >>> json_type([]), json_type(None)
    ('an array', 'null')
    """
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
        return repr(value[:_SHOWN] + "…" if len(value) > _SHOWN else value)
    return json_type(value)


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


def number(value: object, _: object = None) -> float:
    """A finite number (a coordinate), as a float; not a boolean."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        msg = f"expected a number, got {json_type(value)}"
        raise InvalidError(msg)
    if isinstance(value, int) and not -_INT_LIMIT <= value < _INT_LIMIT:
        msg = "expected a number of at most 64 bits, got a larger one"
        raise InvalidError(msg, "bad-value")
    result = float(value)
    if not math.isfinite(result):
        msg = "expected a finite number"
        raise InvalidError(msg, "bad-value")
    return result


def boolean(value: object, _: object = None) -> bool:
    """A JSON true or false, never a number."""
    if not isinstance(value, bool):
        msg = f"expected true or false, got {json_type(value)}"
        raise InvalidError(msg)
    return value


def _shape(value: str) -> str | None:
    """Which of YYYY, YYYY-MM and YYYY-MM-DD *value* is written as, or None."""
    form = _SHORT_FORMS.get(len(value))
    if form is None or not value.isascii():
        return None
    drawn = "".join("d" if ch.isdigit() else ch for ch in value)
    return form if drawn == form else None


def day(value: object, _: object = None) -> dt.date:
    """A real day written YYYY-MM-DD."""
    if not isinstance(value, str) or _shape(value) != _SHORT_FORMS[10]:
        msg = f"expected a date as YYYY-MM-DD, got {shown(value)}"
        raise InvalidError(msg, "bad-date")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        msg = f"{value!r} is not a real day"
        raise InvalidError(msg, "bad-date") from None


def span(value: object, _: object = None) -> DateSpan:
    """A date span: its short text (YYYY, YYYY-MM, YYYY-MM-DD), or its bounds as an object."""
    if isinstance(value, str):
        if _shape(value) is not None:
            try:
                return DateSpan.parse(value)
            except ValueError:
                pass
        msg = f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD (a real day), got {shown(value)}"
        raise InvalidError(msg, "bad-date")
    if not isinstance(value, Mapping):
        msg = (
            f"expected a date string or an object with earliest and latest, got {json_type(value)}"
        )
        raise InvalidError(msg)
    unknown = sorted(str(key) for key in value if key not in _SPAN_KEYS)
    if unknown:
        msg = f"unknown key {shown(unknown[0])} in a date span"
        raise InvalidError(msg, "unknown-key")
    for key in ("earliest", "latest"):
        if key not in value:
            msg = f"a date span's required key {key!r} is missing"
            raise InvalidError(msg, "missing-key")
    earliest, latest = day(value["earliest"]), day(value["latest"])
    inferred = boolean(value.get("is_inferred", False))
    if latest < earliest:
        msg = f"the span ends ({latest}) before it begins ({earliest})"
        raise InvalidError(msg, "reversed-span")
    return DateSpan(earliest, latest, is_inferred=inferred)


_ENUMS: dict[type, Callable[[object, object], Any]] = {}


def enum_of(cl: type[enum.Enum]) -> Callable[[object, object], Any]:
    """How to read a member of the enum *cl* from its value (made once per enum)."""
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

        _ENUMS[cl] = hook
    return hook


def citations(
    cl: type,
    value: object,
    sources: Callable[[object], tuple[Source, ...]],
    make: Callable[[str, tuple[Source, ...]], Citation] = Citation,
) -> tuple[Citation, ...]:
    """An object of field names and source ids: the sources of each field of *cl*.

    *sources* reads one field's array of source ids; *make* makes each `Citation` (the
    bundle shares equal ones). The citations are in field order.
    """
    if not isinstance(value, Mapping):
        msg = f"expected an object of field names and source ids, got {json_type(value)}"
        raise InvalidError(msg)
    order = {a.name: i for i, a in enumerate(attrs.fields(cl)) if is_cited(a)}
    cited: dict[str, tuple[Source, ...]] = {}
    errors: list[InvalidError] = []
    for field, ids in value.items():
        try:
            if field not in order:
                choices = ", ".join(order)
                msg = f"{cl.__name__} has no field {shown(field)} to cite; it has {choices}"
                raise InvalidError(msg, "unknown-key")  # noqa: TRY301 - collected below
            cited[field] = sources(ids)
        except InvalidError as error:
            errors.append(error.under(f".{field}"))
    if errors:
        raise InvalidError.of(errors)
    return tuple(make(f, cited[f]) for f in sorted(cited, key=order.__getitem__))


def names(cl: type, value: object, each: Callable[[object], Name]) -> tuple[Name, ...]:
    """A record's names in other languages, each read by *each*, then checked.

    A name's field is one that names may stand beside; its language two lowercase letters
    (English too: another English form, UNTERM's "Gambia (the)" beside M49's "Gambia").
    """
    if not isinstance(value, list | tuple):
        msg = f"expected an array, got {json_type(value)}"
        raise InvalidError(msg)
    allowed = sorted(a.name for a in attrs.fields(cl) if is_named(a))
    found: list[Name] = []
    errors: list[InvalidError] = []
    for index, item in enumerate(value):
        try:
            name = each(item)
            lang = name.lang
            if not (len(lang) == 2 and lang.isascii() and lang.isalpha() and lang.islower()):  # noqa: PLR2004 - ISO 639-1
                msg = f"expected a language as two lowercase letters (ISO 639-1), got {shown(lang)}"
                raise InvalidError(msg, "bad-value", where=".lang")  # noqa: TRY301
            if name.field not in allowed:
                choices = ", ".join(repr(f) for f in allowed)
                msg = f"{cl.__name__} has names for {choices}, not {shown(name.field)}"
                raise InvalidError(msg, "bad-value", where=".field")  # noqa: TRY301
            found.append(name)
        except InvalidError as error:
            errors.append(error.under(f"[{index}]"))
    if errors:
        raise InvalidError.of(errors)
    return tuple(found)


def tuple_of(value: object, each: Callable[[object], _T]) -> tuple[_T, ...]:
    """An array, each element read by *each*, as a tuple; each failure with its index."""
    if not isinstance(value, list | tuple):
        msg = f"expected an array, got {json_type(value)}"
        raise InvalidError(msg)
    found: list[_T] = []
    errors: list[InvalidError] = []
    for index, item in enumerate(value):
        try:
            found.append(each(item))
        except InvalidError as error:
            errors.append(error.under(f"[{index}]"))
    if errors:
        raise InvalidError.of(errors)
    return tuple(found)
