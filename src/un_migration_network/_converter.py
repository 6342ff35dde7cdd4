"""The one cattrs converter: JSON in, records out, and back; every error with its JSON path."""

from __future__ import annotations

import contextvars
import datetime as dt
import enum
import functools
import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from un_migration_network._models import (
    Agency,
    Compact,
    DateSpan,
    Event,
    ExecutiveCommittee,
    GuidingPrinciple,
    Network,
    Objective,
    Observation,
    Source,
)
from un_migration_network.exceptions import DataError, DataProblem

__all__ = ["Document", "structure_document", "unstructure_document", "unstructure_record"]

T = TypeVar("T")

_INT_LIMIT = 2**63
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class _InvalidError(ValueError):
    """A value of the wrong shape; its message is shown to the user as is."""

    def __init__(self, message: str, code: str = "wrong-type") -> None:
        super().__init__(message)
        self.code = code


class _DependentError(ValueError):
    """A reference to a record that itself failed: reported once, at that record."""


@attrs.frozen
class Document:
    """Everything a JSON document holds, structured, before it is indexed."""

    as_of: dt.date
    sources: tuple[Source, ...]
    agencies: tuple[Agency, ...]
    networks: tuple[Network, ...]
    executive_committee: ExecutiveCommittee
    objectives: tuple[Objective, ...]
    principles: tuple[GuidingPrinciple, ...]
    compact: Compact
    events: tuple[Event, ...] = ()
    observations: tuple[Observation, ...] = ()


@attrs.define
class _References:
    """What references (source ids, agency ids) resolve against while a document is structured.

    A reference to a record that failed, or into an array that is missing or not an array,
    stays quiet: the problem is reported once, where it is.
    """

    found: dict[type, dict[str, Any]] = attrs.Factory(dict)
    failed: set[str] = attrs.Factory(set)
    unusable: set[type] = attrs.Factory(set)

    def add(self, cl: type, records: tuple[Any, ...], raw: object) -> None:
        """Record the structured *records* of one kind and the ids of its raw array."""
        table: dict[str, Any] = {}
        for record in records:
            table.setdefault(record.id, record)  # the first of a duplicated id wins
        self.found[cl] = table
        if isinstance(raw, list | tuple):
            self.failed.update(
                item["id"]
                for item in raw
                if isinstance(item, Mapping) and isinstance(item.get("id"), str)
            )
        else:
            self.unusable.add(cl)


# A context variable keeps concurrent loads apart.
_REFERENCES: contextvars.ContextVar[_References] = contextvars.ContextVar("references")
# Outside a document every reference dangles.
_NO_REFERENCES = _References()


def _type_name(cl: Any) -> str:
    return getattr(cl, "__name__", repr(cl))


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        msg = f"expected a string, got {_json_type(value)}"
        raise _InvalidError(msg)
    return value


def _structure_int(value: object, _: type) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        msg = f"expected an integer, got {_json_type(value)}"
        raise _InvalidError(msg)
    # Beyond 64 bits no count or code in this data can be meant, and Python cannot
    # even print integers of more than 4,300 digits.
    if not -_INT_LIMIT <= value < _INT_LIMIT:
        msg = "expected an integer of at most 64 bits, got a larger number"
        raise _InvalidError(msg, "bad-value")
    return value


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        msg = f"expected true or false, got {_json_type(value)}"
        raise _InvalidError(msg)
    return value


def _structure_date(value: object, _: type) -> dt.date:
    if not isinstance(value, str) or not _DAY.fullmatch(value):
        msg = f"expected a date as YYYY-MM-DD, got {_show(value)}"
        raise _InvalidError(msg, "bad-date")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        msg = f"{value!r} is not a real day"
        raise _InvalidError(msg, "bad-date") from None


def _structure_span(value: object, _: type) -> DateSpan:
    if isinstance(value, str):
        try:
            return DateSpan.parse(value)
        except ValueError:
            msg = f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD (a real day), got {_show(value)}"
            raise _InvalidError(msg, "bad-date") from None
    if isinstance(value, Mapping):
        span: DateSpan = _SPAN_FROM_DICT(value, DateSpan)
        return span
    msg = f"expected a date string or an object with earliest and latest, got {_json_type(value)}"
    raise _InvalidError(msg)


def _unstructure_span(span: DateSpan) -> object:
    short = span.short()
    if short is not None:
        return short
    return {
        "earliest": span.earliest.isoformat(),
        "latest": span.latest.isoformat(),
        "is_inferred": span.is_inferred,
    }


def _structure_enum(cl: type[enum.Enum]) -> Callable[[object, type], enum.Enum]:
    by_value = {member.value: member for member in cl}

    def hook(value: object, _: type) -> enum.Enum:
        if isinstance(value, str) and value in by_value:
            return by_value[value]
        choices = ", ".join(repr(v) for v in by_value)
        msg = f"expected one of {choices}, got {_show(value)}"
        raise _InvalidError(msg, "bad-value")

    return hook


def _structure_reference(cl: type[T]) -> Callable[[object, type], T]:
    noun = cl.__name__.lower()

    def hook(value: object, _: type) -> T:
        if not isinstance(value, str):
            msg = f"expected the id of {_article(noun)} {noun} (a string), got {_json_type(value)}"
            raise _InvalidError(msg)
        references = _REFERENCES.get(_NO_REFERENCES)
        found = references.found.get(cl, {}).get(value)
        if found is None:
            if value in references.failed or cl in references.unusable:
                raise _DependentError(value)
            msg = f"no {noun} has the id {value!r}"
            raise _InvalidError(msg, "dangling-reference")
        return found  # type: ignore[no-any-return]

    return hook


def _article(noun: str) -> str:
    return "an" if noun[0] in "aeiou" else "a"


def _structure_tuple(cl: Any, converter: cattrs.Converter) -> Callable[[object, type], Any]:
    inner = homogenous_tuple_structure_factory(cl, converter)

    def hook(value: object, _: type) -> Any:
        if not isinstance(value, list | tuple):
            msg = f"expected an array, got {_json_type(value)}"
            raise _InvalidError(msg)
        return inner(value, cl)

    return hook


def _is_homogeneous_tuple(cl: Any) -> bool:
    args: tuple[Any, ...] = get_args(cl)
    return get_origin(cl) is tuple and len(args) == 2 and args[1] is Ellipsis  # noqa: PLR2004


def _structure_attrs(cl: Any, converter: cattrs.Converter) -> Callable[[object, type], Any]:
    inner = make_dict_structure_fn(cl, converter, _cattrs_forbid_extra_keys=True)

    def hook(value: object, _: type) -> Any:
        if not isinstance(value, Mapping):
            msg = f"expected an object, got {_json_type(value)}"
            raise _InvalidError(msg)
        return inner(value, cl)

    return hook


def _json_type(value: object) -> str:
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


def _show(value: object) -> str:
    if isinstance(value, str):
        return repr(value[:40] + "…" if len(value) > 40 else value)  # noqa: PLR2004
    return _json_type(value)


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook(DateSpan, _structure_span)
    converter.register_unstructure_hook(DateSpan, _unstructure_span)
    converter.register_structure_hook_factory(
        lambda cl: isinstance(cl, type) and issubclass(cl, enum.Enum), _structure_enum
    )
    converter.register_structure_hook_factory(
        _is_homogeneous_tuple, lambda cl: _structure_tuple(cl, converter)
    )
    # Records cite sources and agencies by id: structure a reference by looking it up,
    # unstructure it back to the id.
    for cited in (Source, Agency):
        converter.register_structure_hook(cited, _structure_reference(cited))
        converter.register_unstructure_hook(cited, lambda record: record.id)
    converter.register_structure_hook_factory(
        lambda cl: attrs.has(cl) and cl not in (Source, Agency, DateSpan),
        lambda cl: _structure_attrs(cl, converter),
    )
    return converter


_CONVERTER = _make_converter()
_SPAN_FROM_DICT = _structure_attrs(DateSpan, _CONVERTER)
_SOURCE_FROM_DICT = _structure_attrs(Source, _CONVERTER)
_AGENCY_FROM_DICT = _structure_attrs(Agency, _CONVERTER)


@functools.cache
def _to_dict(cl: type[Source | Agency]) -> Callable[[Any], dict[str, Any]]:
    """The full form of a record that others cite by id; made on first export, not on load."""
    return make_dict_unstructure_fn(cl, _CONVERTER)


_REQUIRED = (
    "as_of",
    "sources",
    "agencies",
    "networks",
    "executive_committee",
    "objectives",
    "principles",
    "compact",
)
_OPTIONAL = ("events", "observations")


def structure_document(data: object, *, origin: str | None = None) -> Document:
    """Turn a parsed JSON document into records, resolving every reference.

    Raises:
        DataError: Every problem in the document, each with its JSON path.
    """
    if not isinstance(data, Mapping):
        problem = DataProblem(
            "$", f"expected a JSON object at the top level, got {_json_type(data)}", "not-object"
        )
        raise DataError([problem], origin=origin)
    problems = [
        DataProblem(
            f"$.{key}" if isinstance(key, str) else "$", f"unknown key {key!r}", "unknown-key"
        )
        for key in data
        if key not in _REQUIRED + _OPTIONAL
    ]
    problems.extend(
        DataProblem("$", f"required key {key!r} is missing", "missing-key")
        for key in _REQUIRED
        if key not in data
    )
    parts: dict[str, Any] = {}

    def part(key: str, kind: Any, hook: Callable[[object, type], Any] | None = None) -> None:
        if key not in data:
            return
        try:
            if hook is not None:
                parts[key] = tuple(_each(data[key], hook, kind, key))
            else:
                parts[key] = _CONVERTER.structure(data[key], kind)
        except Exception as exc:  # noqa: BLE001 - every structuring error becomes a problem
            problems.extend(_problems(exc, f"$.{key}"))

    references = _References()
    token = _REFERENCES.set(references)
    try:
        part("as_of", dt.date)
        for key, cl, hook in (
            ("sources", Source, _SOURCE_FROM_DICT),
            ("agencies", Agency, _AGENCY_FROM_DICT),
        ):
            part(key, cl, hook)
            records = parts.get(key, ())
            _check_ids(records, key, problems)
            references.add(cl, records, data.get(key))
        part("networks", tuple[Network, ...])
        part("executive_committee", ExecutiveCommittee)
        part("objectives", tuple[Objective, ...])
        part("principles", tuple[GuidingPrinciple, ...])
        part("compact", Compact)
        part("events", tuple[Event, ...])
        part("observations", tuple[Observation, ...])
    finally:
        _REFERENCES.reset(token)
    if problems:
        raise DataError(problems, origin=origin)
    return Document(**parts)


def _each(value: object, hook: Callable[[object, type], T], kind: type[T], key: str) -> list[T]:
    """Structure a top-level array of *kind*, collecting every element's errors."""
    if not isinstance(value, list | tuple):
        msg = f"expected an array, got {_json_type(value)}"
        raise _InvalidError(msg)
    out: list[T] = []
    errors: list[Exception] = []
    for index, item in enumerate(value):
        try:
            out.append(hook(item, kind))
        except Exception as exc:  # noqa: BLE001 - collected and reported together
            exc.__notes__ = [
                *getattr(exc, "__notes__", []),
                cattrs.IterableValidationNote(f"Structuring {key} @ index {index}", index, kind),
            ]
            errors.append(exc)
    if errors:
        msg = f"While structuring {key}"
        raise cattrs.IterableValidationError(msg, errors, list)
    return out


def _check_ids(records: tuple[Any, ...], key: str, problems: list[DataProblem]) -> None:
    seen: set[str] = set()
    for index, record in enumerate(records):
        if record.id in seen:
            problems.append(
                DataProblem(
                    f"$.{key}[{index}].id", f"the id {record.id!r} is used twice", "duplicate-id"
                )
            )
        seen.add(record.id)


def _problems(exc: BaseException, path: str) -> list[DataProblem]:
    out = []
    for line in cattrs.transform_error(exc, path=path, format_exception=_format):
        text, _, where = line.rpartition(" @ ")
        code, _, message = text.partition(" ")
        if code != _QUIET:
            out.append(DataProblem(where, message, code))
    return out


_QUIET = "quiet"


def _format(exc: BaseException, cl: type | None) -> str:
    """Render one error as "code message"; `_problems` splits the two."""
    if isinstance(exc, _DependentError):
        return f"{_QUIET} -"
    if isinstance(exc, _InvalidError):
        return f"{exc.code} {exc}"
    if isinstance(exc, KeyError):
        return "missing-key required key is missing"
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return "unknown-key unknown key " + ", ".join(sorted(repr(k) for k in exc.extra_fields))
    if isinstance(exc, RecursionError):
        return "too-deep the value is nested too deeply"
    return f"invalid-value invalid value, expected {_type_name(cl)} ({exc})"


def unstructure_document(document: Document) -> dict[str, Any]:
    """Turn records back into the canonical JSON document (references become ids)."""
    return {
        "as_of": document.as_of.isoformat(),
        "sources": [_to_dict(Source)(s) for s in document.sources],
        "agencies": [_to_dict(Agency)(a) for a in document.agencies],
        "networks": _CONVERTER.unstructure(document.networks, tuple[Network, ...]),
        "executive_committee": _CONVERTER.unstructure(document.executive_committee),
        "objectives": _CONVERTER.unstructure(document.objectives, tuple[Objective, ...]),
        "principles": _CONVERTER.unstructure(document.principles, tuple[GuidingPrinciple, ...]),
        "compact": _CONVERTER.unstructure(document.compact),
        "events": _CONVERTER.unstructure(document.events, tuple[Event, ...]),
        "observations": _CONVERTER.unstructure(document.observations, tuple[Observation, ...]),
    }


def unstructure_record(record: object) -> dict[str, Any]:
    """One record as the canonical document writes it (its references as ids)."""
    if isinstance(record, Source):
        return _to_dict(Source)(record)
    if isinstance(record, Agency):
        return _to_dict(Agency)(record)
    return _CONVERTER.unstructure(record)  # type: ignore[no-any-return]
