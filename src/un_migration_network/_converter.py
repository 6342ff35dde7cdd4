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
from cattrs.errors import ClassValidationError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from un_migration_network._codes import Code
from un_migration_network._hooks import NAME_FIELDS as _NAME_FIELDS
from un_migration_network._hooks import UNCITED as _UNCITED
from un_migration_network._hooks import InvalidError as _InvalidError
from un_migration_network._hooks import boolean as _structure_bool
from un_migration_network._hooks import day as _structure_date
from un_migration_network._hooks import enum_of as _structure_enum
from un_migration_network._hooks import integer as _structure_int
from un_migration_network._hooks import json_type as _json_type
from un_migration_network._hooks import short_span
from un_migration_network._hooks import shown as _show
from un_migration_network._hooks import text as _structure_str
from un_migration_network._kinds import KINDS, Kind
from un_migration_network._models import (
    Agency,
    Citation,
    Compact,
    DateSpan,
    Document,
    ExecutiveCommittee,
    Name,
    Source,
    State,
)
from un_migration_network.exceptions import DataError, DataProblem

__all__ = ["structure_document", "unstructure_document", "unstructure_record"]

T = TypeVar("T")

_LANGUAGE = re.compile(r"[a-z]{2}")
_SINGLETONS: tuple[tuple[str, type], ...] = (
    ("executive_committee", ExecutiveCommittee),
    ("compact", Compact),
)
_REQUIRED = (
    "as_of",
    *(kind.plural for kind in KINDS if kind.is_required),
    *(key for key, _ in _SINGLETONS),
)
_KNOWN = frozenset(("as_of", *(kind.plural for kind in KINDS), *(key for key, _ in _SINGLETONS)))


class _DependentError(ValueError):
    """A reference to a record that itself failed: reported once, at that record."""


@attrs.define
class _References:
    """What references (source ids, agency ids) resolve against while a document is structured.

    A reference to a record that failed, or into an array that is missing or not an array,
    stays quiet: the problem is reported once, where it is. A reference to the id of a
    record of another kind says which kind that is.
    """

    found: dict[type, dict[str, Any]] = attrs.Factory(dict)
    failed: dict[type, set[str]] = attrs.Factory(dict)
    unusable: set[type] = attrs.Factory(set)
    # Every id written in the document's arrays, with the kinds of record that carry it.
    kinds_of: dict[str, list[str]] = attrs.Factory(dict)

    def note_ids(self, data: Mapping[Any, Any]) -> None:
        """Remember every id of every array, so that a wrong-kind reference can say so."""
        for kind in KINDS:
            raw = data.get(kind.plural)
            if isinstance(raw, list | tuple):
                for item in raw:
                    if isinstance(item, Mapping) and isinstance(item.get("id"), str):
                        self.kinds_of.setdefault(item["id"], []).append(kind.name)

    def add(self, cl: type, records: list[Any], failed: set[str], raw: object) -> None:
        """Record the structured *records* of one kind and the ids of those that failed."""
        table: dict[str, Any] = {}
        for record in records:
            # The first of a duplicated id wins; kinds keyed otherwise are never referenced.
            table.setdefault(getattr(record, "id", ""), record)
        self.found[cl] = table
        self.failed[cl] = failed
        if not isinstance(raw, list | tuple):
            self.unusable.add(cl)


# A context variable keeps concurrent loads apart.
_REFERENCES: contextvars.ContextVar[_References] = contextvars.ContextVar("references")
# Outside a document every reference dangles.
_NO_REFERENCES = _References()


def _type_name(cl: Any) -> str:
    return getattr(cl, "__name__", repr(cl))


def _structure_span(value: object, _: type) -> DateSpan:
    if isinstance(value, str):
        return short_span(value)
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


def _structure_reference(cl: type[T]) -> Callable[[object, type], T]:
    noun = cl.__name__.lower()

    def hook(value: object, _: type) -> T:
        if not isinstance(value, str):
            msg = f"expected the id of {_article(noun)} {noun} (a string), got {_json_type(value)}"
            raise _InvalidError(msg)
        references = _REFERENCES.get(_NO_REFERENCES)
        found = references.found.get(cl, {}).get(value)
        if found is not None:
            return found  # type: ignore[no-any-return]
        if value in references.failed.get(cl, ()) or cl in references.unusable:
            raise _DependentError(value)
        others = [kind for kind in references.kinds_of.get(value, ()) if kind != noun]
        if others:
            other = f"{_article(others[0])} {others[0]}"
            msg = f"{_show(value)} is the id of {other}, not of {_article(noun)} {noun}"
            raise _InvalidError(msg, Code.WRONG_KIND)
        msg = f"no {noun} has the id {_show(value)}"
        raise _InvalidError(msg, Code.DANGLING_REFERENCE)

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


def _citations_hook(
    cl: type, converter: cattrs.Converter
) -> Callable[[object, type], tuple[Citation, ...]]:
    """Structure ``{"launched": ["source-id", ...], ...}``: fields of *cl* to their sources."""
    fields = [field.name for field in attrs.fields(cl) if field.name not in _UNCITED]
    sources = converter.get_structure_hook(tuple[Source, ...])

    def hook(value: object, _: type) -> tuple[Citation, ...]:
        if not isinstance(value, Mapping):
            msg = f"expected an object of field names and source ids, got {_json_type(value)}"
            raise _InvalidError(msg)
        cited: dict[str, tuple[Source, ...]] = {}
        errors: list[Exception] = []
        for field, ids in value.items():
            try:
                _check_cited(cl, field, fields)
                cited[field] = sources(ids, tuple[Source, ...])
            except Exception as exc:  # noqa: BLE001 - collected and reported together
                exc.__notes__ = [
                    *getattr(exc, "__notes__", []),
                    cattrs.AttributeValidationNote(f"citing {field!r}", str(field), list),
                ]
                errors.append(exc)
        if errors:
            msg = "While structuring citations"
            raise ClassValidationError(msg, errors, cl)
        order = {name: index for index, name in enumerate(fields)}
        return tuple(
            Citation(field, cited[field]) for field in sorted(cited, key=order.__getitem__)
        )

    return hook


def _check_cited(cl: type, field: object, fields: list[str]) -> None:
    if field not in fields:
        choices = ", ".join(fields)
        msg = f"{cl.__name__} has no field {_show(field)} to cite; it has {choices}"
        raise _InvalidError(msg, Code.UNKNOWN_KEY)


def _names_hook(
    cl: type, converter: cattrs.Converter
) -> Callable[[object, type], tuple[Name, ...]]:
    """Structure a record's names in other languages, checking each language and field."""
    allowed = sorted(_NAME_FIELDS & {field.name for field in attrs.fields(cl)})
    names = converter.get_structure_hook(tuple[Name, ...])

    def hook(value: object, _: type) -> tuple[Name, ...]:
        structured: tuple[Name, ...] = names(value, tuple[Name, ...])
        errors: list[Exception] = []
        for index, name in enumerate(structured):
            problems: list[Exception] = []
            if not _LANGUAGE.fullmatch(name.lang) or name.lang == "en":
                msg = (
                    f"expected a language as two lowercase letters (ISO 639-1) other than 'en' "
                    f"(the English stays in its own field), got {_show(name.lang)}"
                )
                problems.append(_noted(_InvalidError(msg, Code.BAD_VALUE), "lang"))
            if name.field not in allowed:
                choices = ", ".join(repr(f) for f in allowed)
                msg = f"{cl.__name__} has names for {choices}, not {_show(name.field)}"
                problems.append(_noted(_InvalidError(msg, Code.BAD_VALUE), "field"))
            if problems:
                error = ClassValidationError("While checking a name", problems, Name)
                error.__notes__ = [cattrs.IterableValidationNote(f"name {index}", index, Name)]
                errors.append(error)
        if errors:
            msg = "While checking names"
            raise IterableValidationError(msg, errors, tuple)
        return structured

    return hook


def _noted(exc: Exception, name: str) -> Exception:
    exc.__notes__ = [cattrs.AttributeValidationNote(f"field {name}", name, str)]
    return exc


def _structure_attrs(cl: Any, converter: cattrs.Converter) -> Callable[[object, type], Any]:
    overrides: dict[str, Any] = {}
    field_names = {field.name for field in attrs.fields(cl)}
    if "citations" in field_names:
        overrides["citations"] = override(struct_hook=_citations_hook(cl, converter))
    if "names" in field_names:
        overrides["names"] = override(struct_hook=_names_hook(cl, converter))
    inner = make_dict_structure_fn(cl, converter, _cattrs_forbid_extra_keys=True, **overrides)

    def hook(value: object, _: type) -> Any:
        if not isinstance(value, Mapping):
            msg = f"expected an object, got {_json_type(value)}"
            raise _InvalidError(msg)
        return inner(value, cl)

    return hook


def _state_hook(converter: cattrs.Converter) -> Callable[[object, type], State]:
    """A State is an object; a plain string (the first release's form) is its name as written."""
    whole = _structure_attrs(State, converter)

    def hook(value: object, _: type) -> State:
        if isinstance(value, str):
            return State(_structure_str(value, str))
        state: State = whole(value, State)
        return state

    return hook


def _unstructure_citations(citations: tuple[Citation, ...]) -> dict[str, list[str]]:
    return {c.field: [source.id for source in c.sources] for c in citations}


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook(DateSpan, _structure_span)
    converter.register_unstructure_hook(DateSpan, _unstructure_span)
    converter.register_unstructure_hook_func(
        lambda cl: cl == tuple[Citation, ...], _unstructure_citations
    )
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
        lambda cl: attrs.has(cl) and cl not in (Source, Agency, DateSpan, State),
        lambda cl: _structure_attrs(cl, converter),
    )
    converter.register_structure_hook(State, _state_hook(converter))
    return converter


_CONVERTER = _make_converter()
_SPAN_FROM_DICT = _structure_attrs(DateSpan, _CONVERTER)


_WHOLE: dict[Any, Callable[[Any, Any], Any]] = {}


def _whole(cl: Any) -> Callable[[Any, Any], Any]:
    """How a record of *cl* is structured whole (not as a reference to its id); made once."""
    hook = _WHOLE.get(cl)
    if hook is None:
        hook = _WHOLE[cl] = (
            _structure_attrs(cl, _CONVERTER)
            if cl in (Source, Agency)
            else _CONVERTER.get_structure_hook(cl)
        )
    return hook


_TO_DICT: dict[Any, Callable[[Any], dict[str, Any]]] = {}


def _to_dict(cl: Any) -> Callable[[Any], dict[str, Any]]:
    """The full form of a record that others cite by id; made on first export, not on load."""
    hook = _TO_DICT.get(cl)
    if hook is None:
        hook = _TO_DICT[cl] = make_dict_unstructure_fn(cl, _CONVERTER)
    return hook


def structure_document(data: object, *, origin: str | None = None) -> Document:
    """Turn a parsed JSON document into records, resolving every reference.

    Raises:
        DataError: Every problem in the document, each with its JSON path.
    """
    if not isinstance(data, Mapping):
        problem = DataProblem(
            "$",
            f"expected a JSON object at the top level, got {_json_type(data)}",
            Code.NOT_OBJECT,
        )
        raise DataError([problem], origin=origin)
    problems = [
        DataProblem(
            f"$.{key}" if isinstance(key, str) else "$",
            f"unknown key {_show(key) if isinstance(key, str) else repr(key)}",
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
        references.note_ids(data)
        if "as_of" in data:
            _part(parts, problems, "as_of", lambda: _CONVERTER.structure(data["as_of"], dt.date))
        for kind in KINDS:
            if kind.plural in data:
                _records(kind, data[kind.plural], parts, problems, references)
            elif not kind.is_required:
                parts[kind.plural] = ()
                references.add(kind.type, [], set(), [])
        for key, cl in _SINGLETONS:
            if key in data:
                _part(parts, problems, key, functools.partial(_whole(cl), data[key], cl))
    finally:
        _REFERENCES.reset(token)
    if not problems and len(parts) < len(_KNOWN):
        # Every part that failed reported at least one problem; if one did not, say so
        # rather than drop it.
        missing = sorted(_KNOWN - set(parts))
        problems = [
            DataProblem(f"$.{key}", "this part could not be read", Code.INVALID_VALUE)
            for key in missing
        ]
    if problems:
        raise DataError(problems, origin=origin)
    return Document(
        as_of=parts["as_of"],
        executive_committee=parts["executive_committee"],
        compact=parts["compact"],
        records=tuple((kind.plural, parts[kind.plural]) for kind in KINDS),
    )


def _part(
    parts: dict[str, Any], problems: list[DataProblem], key: str, build: Callable[[], Any]
) -> None:
    try:
        parts[key] = build()
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
        msg = f"expected an array, got {_json_type(value)}"
        problems.append(DataProblem(path, msg, Code.WRONG_TYPE))
        references.add(kind.type, [], set(), value)
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
            if isinstance(item, Mapping) and isinstance(item.get("id"), str):
                failed.add(item["id"])
    if hasattr(kind.type, "id"):
        _check_ids(value, path, problems)
    if len(problems) == start:
        parts[kind.plural] = tuple(out)
    references.add(kind.type, out, failed, value)


def _check_ids(raw: list[Any] | tuple[Any, ...], path: str, problems: list[DataProblem]) -> None:
    seen: set[str] = set()
    for index, item in enumerate(raw):
        record_id = item.get("id") if isinstance(item, Mapping) else None
        if not isinstance(record_id, str):
            continue
        if record_id in seen:
            problems.append(
                DataProblem(
                    f"{path}[{index}].id",
                    f"the id {_show(record_id)} is used twice",
                    Code.DUPLICATE_ID,
                )
            )
        seen.add(record_id)


def _problems(exc: BaseException, path: str) -> list[DataProblem]:
    out = []
    for line in cattrs.transform_error(exc, path=path, format_exception=_format):
        text, _, where = line.rpartition(" @ ")
        code, _, message = text.partition(" ")
        if code != _QUIET:
            out.append(DataProblem(where, message, _CODES[code]))
    return out


_QUIET = "quiet"
_CODES = {str(code): code for code in Code}


def _format(exc: BaseException, cl: type | None) -> str:
    """Render one error as "code message"; `_problems` splits the two."""
    if isinstance(exc, _DependentError):
        return f"{_QUIET} -"
    if isinstance(exc, _InvalidError):
        return f"{exc.code} {exc}"
    if isinstance(exc, KeyError):
        return f"{Code.MISSING_KEY} required key is missing"
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        extra: set[object] = set(exc.extra_fields)  # a user's mapping may have other keys
        keys = ", ".join(sorted(_show(k) if isinstance(k, str) else repr(k) for k in extra))
        return f"{Code.UNKNOWN_KEY} unknown key {keys}"
    if isinstance(exc, RecursionError):
        return f"{Code.TOO_DEEP} the value is nested too deeply"
    return f"{Code.INVALID_VALUE} invalid value, expected {_type_name(cl)} ({exc})"


def unstructure_document(document: Document) -> dict[str, Any]:
    """Turn records back into the canonical JSON document (references become ids)."""
    data: dict[str, Any] = {"as_of": document.as_of.isoformat()}
    for plural, records in document.records:
        data[plural] = [unstructure_record(record) for record in records]
    for key, _ in _SINGLETONS:
        data[key] = _CONVERTER.unstructure(getattr(document, key))
    return data


def unstructure_record(record: object) -> dict[str, Any]:
    """One record as the canonical document writes it (its references as ids)."""
    if isinstance(record, Source | Agency):
        return _to_dict(type(record))(record)
    return _CONVERTER.unstructure(record)  # type: ignore[no-any-return]
