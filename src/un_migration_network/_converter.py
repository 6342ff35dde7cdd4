"""The one cattrs converter: a user's JSON document in, records out; every problem with its path.

It reads any document, in full: every value checked by the checks of `_values` (which the
bundled data's builder calls too), every reference resolved against the document's own
records, and every problem of the whole document reported at once, each with its JSON path
(``$.networks[3].launched``) and its code.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import enum
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn, override

from un_migration_network import _values
from un_migration_network._dates import DateSpan
from un_migration_network._kinds import KINDS, Kind
from un_migration_network._problems import Code
from un_migration_network._records import Name, Source
from un_migration_network.exceptions import DataError, DataProblem

__all__ = ["structure"]

T = TypeVar("T")

_KNOWN = frozenset(("as_of", *(kind.plural for kind in KINDS)))
_REQUIRED = ("as_of", *(kind.plural for kind in KINDS if kind.is_required))
_REFERENCED: dict[type, Kind[Any]] = {kind.type: kind for kind in KINDS if kind.is_referenced}


class _DependentError(ValueError):
    """A reference to a record that itself failed: reported once, at that record."""


@attrs.define
class _References:
    """What references resolve against while a document is structured.

    A reference to a record that failed, or into an array that is missing or not an array,
    stays quiet: the problem is reported once, where it is. A reference to the key of a
    record of another kind says which kind that is.
    """

    found: dict[type, dict[str, Any]] = attrs.Factory(dict)
    failed: dict[type, set[str]] = attrs.Factory(dict)
    unusable: set[type] = attrs.Factory(set)
    # Every key written in the document's arrays of referenced kinds, with their kinds.
    kinds_of: dict[str, list[str]] = attrs.Factory(dict)

    def note_keys(self, data: Mapping[Any, Any]) -> None:
        """Remember every key of every array, so that a wrong-kind reference can say so."""
        for kind in _REFERENCED.values():
            raw = data.get(kind.plural)
            if isinstance(raw, list | tuple):
                for item in raw:
                    key = item.get(kind.primary) if isinstance(item, Mapping) else None
                    if isinstance(key, str):
                        self.kinds_of.setdefault(key, []).append(kind.name)

    def add(self, kind: Kind[Any], records: list[Any], failed: set[str], raw: object) -> None:
        """Record the structured *records* of one kind and the keys of those that failed."""
        table: dict[str, Any] = {}
        for record in records:
            table.setdefault(kind.key(record), record)  # the first of a duplicated key wins
        self.found[kind.type] = table
        self.failed[kind.type] = failed
        if not isinstance(raw, list | tuple):
            self.unusable.add(kind.type)


_CODES = {str(code): code for code in Code}
# A context variable keeps concurrent loads apart.
_REFERENCES: contextvars.ContextVar[_References] = contextvars.ContextVar("references")
# Outside a document every reference dangles.
_NO_REFERENCES = _References()


def _article(noun: str) -> str:
    return "an" if noun[0] in "aeiou" else "a"


def _reference(kind: Kind[T]) -> Callable[[object, type], T]:
    noun = kind.name
    what = "code" if kind.primary == "alpha2" else "id"

    def hook(value: object, _: type) -> T:
        if not isinstance(value, str):
            msg = (
                f"expected the {what} of {_article(noun)} {noun} (a string), "
                f"got {_values.json_type(value)}"
            )
            raise _values.InvalidError(msg)
        references = _REFERENCES.get(_NO_REFERENCES)
        found = references.found.get(kind.type, {}).get(value)
        if found is not None:
            return found  # type: ignore[no-any-return]
        if value in references.failed.get(kind.type, ()) or kind.type in references.unusable:
            raise _DependentError(value)
        others = [name for name in references.kinds_of.get(value, ()) if name != noun]
        if others:
            other = f"{_article(others[0])} {others[0]}"
            msg = f"{_values.shown(value)} is the key of {other}, not of {_article(noun)} {noun}"
            raise _values.InvalidError(msg, Code.WRONG_KIND)
        msg = f"no {noun} has the {what} {_values.shown(value)}"
        raise _values.InvalidError(msg, Code.DANGLING_REFERENCE)

    return hook


def _is_homogeneous_tuple(cl: Any) -> bool:
    args: tuple[Any, ...] = get_args(cl)
    return get_origin(cl) is tuple and len(args) == 2 and args[1] is Ellipsis  # noqa: PLR2004


def _structure_attrs(cl: Any, converter: cattrs.Converter) -> Callable[[object, type], Any]:
    overrides: dict[str, Any] = {}
    names = {field.name for field in attrs.fields(cl)}
    if "citations" in names:
        sources = _each(converter.get_structure_hook(tuple[Source, ...]), tuple[Source, ...])
        overrides["citations"] = override(
            struct_hook=lambda value, _: _values.citations(cl, value, sources)
        )
    if "names" in names:
        name = _each(converter.get_structure_hook(Name), Name)
        overrides["names"] = override(struct_hook=lambda value, _: _values.names(cl, value, name))
    inner = make_dict_structure_fn(cl, converter, _cattrs_forbid_extra_keys=True, **overrides)

    def hook(value: object, _: type) -> Any:
        if not isinstance(value, Mapping):
            msg = f"expected an object, got {_values.json_type(value)}"
            raise _values.InvalidError(msg)
        return inner(value, cl)

    return hook


def _each(hook: Callable[[object, Any], T], cl: Any) -> Callable[[object], T]:
    """*hook* for one part of a value that `_values` checks: its errors as an `InvalidError`.

    Each problem keeps its path within the part; a reference that failed elsewhere stays quiet.
    """

    def read(value: object) -> T:
        try:
            return hook(value, cl)
        except _values.InvalidError:
            raise
        except Exception as exc:  # noqa: BLE001 - turned into the problems it holds
            found = [(p.path, p.message, str(p.code)) for p in _problems(exc, "")]
            raise _values.InvalidError.among(found) from None

    return read


def _tuple(cl: Any, converter: cattrs.Converter) -> Callable[[object, type], Any]:
    inner = homogenous_tuple_structure_factory(cl, converter)

    def hook(value: object, _: type) -> Any:
        if not isinstance(value, list | tuple):
            msg = f"expected an array, got {_values.json_type(value)}"
            raise _values.InvalidError(msg)
        return inner(value, cl)

    return hook


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(str, _values.text)
    converter.register_structure_hook(int, _values.integer)
    converter.register_structure_hook(float, _values.number)
    converter.register_structure_hook(bool, _values.boolean)
    converter.register_structure_hook(dt.date, _values.day)
    converter.register_structure_hook(DateSpan, _values.span)
    converter.register_structure_hook_factory(
        lambda cl: isinstance(cl, type) and issubclass(cl, enum.Enum), _values.enum_of
    )
    converter.register_structure_hook_factory(
        _is_homogeneous_tuple, lambda cl: _tuple(cl, converter)
    )
    # Records refer to sources, countries and agencies by key: a reference is looked up.
    for kind in _REFERENCED.values():
        converter.register_structure_hook(kind.type, _reference(kind))
    converter.register_structure_hook_factory(
        lambda cl: attrs.has(cl) and cl not in _REFERENCED and cl is not DateSpan,
        lambda cl: _structure_attrs(cl, converter),
    )
    return converter


_CONVERTER = _make_converter()
_WHOLE: dict[type, Callable[[Any, Any], Any]] = {}


def _whole(cl: type) -> Callable[[Any, Any], Any]:
    """How a record of *cl* is structured whole (not as a reference to its key); made once."""
    hook = _WHOLE.get(cl)
    if hook is None:
        hook = _WHOLE[cl] = (
            _structure_attrs(cl, _CONVERTER)
            if cl in _REFERENCED
            else _CONVERTER.get_structure_hook(cl)
        )
    return hook


def structure(data: object, *, origin: str | None = None) -> tuple[dt.date, dict[str, Any]]:
    """Turn a parsed JSON document into records, resolving every reference.

    Returns the as-of date and each kind's records (a tuple) or one record, by plural name.

    Raises:
        DataError: Every problem in the document, each with its JSON path.
    """
    if not isinstance(data, Mapping):
        problem = DataProblem(
            "$",
            f"expected a JSON object at the top level, got {_values.json_type(data)}",
            Code.NOT_OBJECT,
        )
        raise DataError([problem], origin=origin)
    problems = [
        DataProblem(
            f"$.{key}" if isinstance(key, str) else "$",
            f"unknown key {_values.shown(key) if isinstance(key, str) else repr(key)}",
            Code.UNKNOWN_KEY,
        )
        for key in data
        if key not in _KNOWN
    ]
    problems.extend(
        DataProblem("$", f"required key {key!r} is missing", Code.MISSING_KEY)
        for key in _REQUIRED
        if key not in data
    )
    parts: dict[str, Any] = {}
    references = _References()
    token = _REFERENCES.set(references)
    try:
        references.note_keys(data)
        if "as_of" in data:
            _part(parts, problems, "as_of", _values.day, data["as_of"])
        for kind in KINDS:
            if kind.is_singleton:
                if kind.plural in data:
                    _part(parts, problems, kind.plural, _whole(kind.type), data[kind.plural])
            elif kind.plural in data:
                _records(kind, data[kind.plural], parts, problems, references)
            elif not kind.is_required:
                parts[kind.plural] = ()
                references.add(kind, [], set(), [])
            else:
                # A required array that is missing is reported once, above: references into
                # it stay quiet.
                references.unusable.add(kind.type)
    finally:
        _REFERENCES.reset(token)
    if not problems and len(parts) < len(_KNOWN):
        # Every part that failed reported at least one problem; if one did not, say so
        # rather than drop it.
        problems = [
            DataProblem(f"$.{key}", "this part could not be read", Code.INVALID_VALUE)
            for key in sorted(_KNOWN - set(parts))
        ]
    if problems:
        raise DataError(problems, origin=origin)
    as_of: dt.date = parts.pop("as_of")
    return as_of, parts


def _part(
    parts: dict[str, Any],
    problems: list[DataProblem],
    key: str,
    build: Callable[[Any, Any], Any],
    value: object,
) -> None:
    try:
        parts[key] = build(value, None)
    except Exception as exc:  # noqa: BLE001 - every structuring error becomes a problem
        problems.extend(_problems(exc, f"$.{key}"))


def _records(
    kind: Kind[Any],
    value: object,
    parts: dict[str, Any],
    problems: list[DataProblem],
    references: _References,
) -> None:
    """Structure one kind's array element by element, collecting every element's errors."""
    path = f"$.{kind.plural}"
    if not isinstance(value, list | tuple):
        msg = f"expected an array, got {_values.json_type(value)}"
        problems.append(DataProblem(path, msg, Code.WRONG_TYPE))
        references.add(kind, [], set(), value)
        return
    hook = _whole(kind.type)
    out: list[Any] = []
    failed: set[str] = set()
    start = len(problems)
    for index, item in enumerate(value):
        try:
            out.append(hook(item, kind.type))
        except Exception as exc:  # noqa: BLE001 - collected and reported together
            problems.extend(_problems(exc, f"{path}[{index}]"))
            key = item.get(kind.primary) if isinstance(item, Mapping) else None
            if isinstance(key, str):
                failed.add(key)
    if kind.primary in ("id", "alpha2"):
        _check_keys(kind, value, path, problems)
    if len(problems) == start:
        parts[kind.plural] = tuple(out)
    references.add(kind, out, failed, value)


def _check_keys(
    kind: Kind[Any], raw: list[Any] | tuple[Any, ...], path: str, problems: list[DataProblem]
) -> None:
    seen: set[str] = set()
    for index, item in enumerate(raw):
        key = item.get(kind.primary) if isinstance(item, Mapping) else None
        if not isinstance(key, str):
            continue
        if key in seen:
            problems.append(
                DataProblem(
                    f"{path}[{index}].{kind.primary}",
                    f"the {kind.primary} {_values.shown(key)} is used twice",
                    Code.DUPLICATE_ID,
                )
            )
        seen.add(key)


def _problems(exc: BaseException, path: str) -> list[DataProblem]:
    return [problem for where, inner in _walk(exc, path) for problem in _problem(inner, where)]


def _walk(exc: BaseException, path: str) -> Iterator[tuple[str, BaseException]]:
    """Each error inside cattrs's groups, with the JSON path its notes give it."""
    if isinstance(exc, ClassValidationError | IterableValidationError):
        noted, bare = exc.group_exceptions()
        # cattrs notes an attribute's error with its name, an element's with its index.
        for inner, note in noted:
            if isinstance(note, AttributeValidationNote):
                yield from _walk(inner, f"{path}.{note.name}")
            else:
                yield from _walk(inner, f"{path}[{note.index!r}]")
        for inner in bare:
            yield from _walk(inner, path)
    else:
        yield path, exc


def _problem(exc: BaseException, path: str) -> list[DataProblem]:
    if isinstance(exc, _DependentError):
        return []
    if isinstance(exc, _values.InvalidError):
        return [
            DataProblem(f"{path}{where}", message, _CODES[code])
            for where, message, code in exc.problems
        ]
    if isinstance(exc, KeyError):
        return [DataProblem(path, "required key is missing", Code.MISSING_KEY)]
    if isinstance(exc, ForbiddenExtraKeysError):
        extra: set[object] = set(exc.extra_fields)  # a user's mapping may have other keys
        keys = ", ".join(sorted(_values.shown(k) if isinstance(k, str) else repr(k) for k in extra))
        return [DataProblem(path, f"unknown key {keys}", Code.UNKNOWN_KEY)]
    if isinstance(exc, RecursionError):
        return [DataProblem(path, "the value is nested too deeply", Code.TOO_DEEP)]
    return [DataProblem(path, f"invalid value ({exc})", Code.INVALID_VALUE)]
