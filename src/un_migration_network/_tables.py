"""Flat exports (CSV rows, DataFrames, a Frictionless Data Package) and the JSON Schema.

All are derived from the attrs models and the kinds table, never kept by hand: a field added
to a record appears in its CSV columns, its DataFrame, its Table Schema and the JSON Schema
without touching this module.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import functools
import inspect
import io
import json
import operator
import os
import re
import secrets
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from un_migration_network._kinds import KINDS, Kind
from un_migration_network._models import (
    Agency,
    Citation,
    DateSpan,
    Membership,
    Name,
    ReviewForumEdition,
    Snapshot,
    Source,
    language_code,
)

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd

    from un_migration_network._dataset import Dataset
    from un_migration_network._registry import Registry

__all__ = [
    "Cell",
    "flat_columns",
    "flat_row",
    "json_schema",
    "registry_dataframe",
    "to_csv",
    "to_dataframe",
    "write_atomic",
    "write_datapackage",
]

#: One value of a flat row: what a CSV cell or a DataFrame column holds before formatting.
Cell = str | int | bool | dt.date | list[Any] | dict[str, Any] | None

# Records cite sources and agencies by id (as the converter writes them); only the
# document's own `sources` and `agencies` arrays hold them whole.
_REFERENCES: tuple[type, ...] = (Source, Agency)
_DAY = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_SPAN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
# Scalar types: (Table Schema type, JSON Schema).
_SCALARS: dict[object, tuple[str, dict[str, Any]]] = {
    str: ("string", {"type": "string"}),
    int: ("integer", {"type": "integer"}),
    bool: ("boolean", {"type": "boolean"}),
    dt.date: ("date", {"type": "string", "format": "date", "pattern": _DAY}),
}
_MISSING_PANDAS = "to_dataframe() needs pandas: pip install 'un-migration-network[pandas]'"
_ENGLISH = "en"


class _Column(NamedTuple):
    """One flat column: its name, its Table Schema type, and how to read it off a record.

    ``enum`` lists the allowed values of an enum field; ``refers`` names the record type an
    id (or each id of a list) refers to.
    """

    name: str
    schema: str  # the Table Schema type: "string", "integer", "date", "array", "object", ...
    read: Callable[[Any], Cell]
    enum: tuple[str, ...] | None = None
    refers: type | None = None


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


def _listed(read: Callable[[Any], Any], item: Callable[[Any], Any]) -> Callable[[Any], Cell]:
    def listing(record: Any) -> Cell:
        return [item(value) for value in read(record)]

    return listing


def _item_reader(tp: Any, where: str) -> tuple[Callable[[Any], Any], type | None]:
    """How one element of a tuple field is written in a list cell, and what it refers to."""
    if tp in _REFERENCES:
        return operator.attrgetter("id"), tp
    if _is_enum(tp):
        return operator.attrgetter("value"), None
    if attrs.has(tp):
        msg = f"cannot export {where}: a list of {tp.__name__} records does not fit one cell"
        raise TypeError(msg)
    _scalar(tp, where)
    return (lambda value: value), None


def _cited(citations: tuple[Citation, ...]) -> dict[str, Any]:
    return {c.field: [source.id for source in c.sources] for c in citations}


def _field_columns(  # noqa: PLR0911 - one return per kind of field type, in one place
    name: str, tp: Any, read: Callable[[Any], Any], where: str
) -> list[_Column]:
    tp, _ = _optional(tp)
    if tp is DateSpan:
        # The span's text parses back (`DateSpan.parse`); its bounds are dates.
        return [
            _Column(name, "string", _then(read, str)),
            _Column(f"{name}_earliest", "date", _then(read, operator.attrgetter("earliest"))),
            _Column(f"{name}_latest", "date", _then(read, operator.attrgetter("latest"))),
        ]
    if tp in _REFERENCES:
        return [_Column(name, "string", _then(read, operator.attrgetter("id")), refers=tp)]
    if tp == tuple[Citation, ...]:
        return [_Column(name, "object", _then(read, _cited))]
    if tp == tuple[Name, ...]:
        return []  # one column per language and field: see _name_columns
    if attrs.has(tp):
        # A value object such as Country: one column per field, named with a prefix.
        return [
            column._replace(name=f"{name}_{column.name}", read=_then(read, column.read))
            for column in _columns(tp)
        ]
    if typing.get_origin(tp) is tuple:
        item, refers = _item_reader(typing.get_args(tp)[0], where)
        return [_Column(name, "array", _listed(read, item), refers=refers)]
    if _is_enum(tp):
        values = tuple(member.value for member in tp)
        return [_Column(name, "string", _then(read, operator.attrgetter("value")), enum=values)]
    kind, _ = _scalar(tp, where)
    return [_Column(name, kind, read)]


@functools.cache
def _columns(record_type: type) -> tuple[_Column, ...]:
    hints = typing.get_type_hints(record_type)
    columns: list[_Column] = []
    for field in attrs.fields(record_type):
        where = f"{record_type.__name__}.{field.name}"
        read = operator.attrgetter(field.name)
        columns.extend(_field_columns(field.name, hints[field.name], read, where))
    return tuple(columns)


def _name_columns(records: Iterable[Any]) -> list[_Column]:
    """One column per field and language that the records have names in: ``name_fr``."""
    pairs = sorted({(n.field, n.lang) for r in records for n in getattr(r, "names", ())})

    def reader(field: str, lang: str) -> Callable[[Any], Cell]:
        return lambda record: record._in(field, lang)  # noqa: SLF001 - the records' helper

    return [_Column(f"{field}_{lang}", "string", reader(field, lang)) for field, lang in pairs]


def _all_columns(records: list[Any], record_type: type) -> list[_Column]:
    return [*_columns(record_type), *_name_columns(records)]


def flat_columns(record_type: type, /) -> tuple[str, ...]:
    """The flat column names of *record_type*, in its attrs field order.

    A `DateSpan` field gives three columns (its text, ``_earliest`` and ``_latest``);
    a value object such as `Country` one column per field, prefixed with the field's name.
    Names in other languages add a column per field and language (``name_fr``) in tables of
    records that have them.

    Raises:
        TypeError: A field cannot be flattened (a list of nested records, for one).

    >>> from un_migration_network import Observation
    >>> flat_columns(Observation)[4:8]
    ('as_of', 'as_of_earliest', 'as_of_latest', 'sources')
    """
    return tuple(column.name for column in _columns(record_type))


def flat_row(record: object, /) -> dict[str, Cell]:
    """One record as a flat row: references as ids, lists as lists.

    >>> import un_migration_network as umn
    >>> row = flat_row(umn.networks.lookup("Mozambique"))
    >>> row["country_alpha2"], row["launched"], row["members"][:2]
    ('MZ', '2022-02-15', ['rco', 'fao'])
    """
    record_type: type = type(record)
    return {column.name: column.read(record) for column in _all_columns([record], record_type)}


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def to_csv(records: Iterable[object], record_type: type, /) -> str:
    """CSV text with a header and one row per record, in the order given.

    None is an empty cell, booleans are ``true``/``false``, dates ``YYYY-MM-DD``, a date
    span its text (which `DateSpan.parse` reads back) and its bounds, and lists and
    citations JSON (``["iom", "ilo"]``), as Frictionless Table Schema reads them.

    >>> import un_migration_network as umn
    >>> print(to_csv(umn.principles, umn.GuidingPrinciple).splitlines()[0])
    letter,name,sources,paragraph,is_letter_inferred,citations,name_es,name_fr
    """
    rows = list(records)
    columns = _all_columns(rows, record_type)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(column.name for column in columns)
    writer.writerows([_text(column.read(record)) for column in columns] for record in rows)
    return buffer.getvalue()


def _pandas() -> Any:
    try:
        import pandas as pd  # noqa: PLC0415 - an optional dependency, imported only here
    except ImportError as error:
        raise ImportError(_MISSING_PANDAS, name="pandas") from error
    return pd


def _series(pd: Any, column: _Column, values: list[Cell]) -> Any:
    if column.enum is not None:
        return pd.Series(pd.Categorical(values, categories=list(column.enum)))
    if column.schema == "date":
        return pd.Series(pd.to_datetime(values), dtype="datetime64[ns]")
    if column.schema in ("array", "object"):
        return pd.Series(values, dtype=object)
    dtypes = {"string": "string", "integer": "Int64", "boolean": "boolean"}
    return pd.Series(values, dtype=dtypes[column.schema])


def to_dataframe(
    records: Iterable[object], record_type: type | None, /, *, lang: str = _ENGLISH
) -> pd.DataFrame:
    """A pandas DataFrame with one row per record and one column per flat field.

    Text is pandas' ``string`` dtype, integers ``Int64`` and booleans ``boolean`` (both
    nullable), dates ``datetime64[ns]`` with ``NaT`` where unknown, enums categoricals, and
    lists Python lists. With no *record_type* (an empty registry of an unknown kind) the
    frame has no columns. With *lang*, the ``name``, ``acronym``, ``title`` and
    ``short_label`` columns hold that language where a source gives it (the English,
    marked ``[en]``, where none does).

    Raises:
        ImportError: pandas is not installed; the message names the extra that brings it.
        ValueError: *lang* is not an ISO 639-1 code.
    """
    lang = language_code(lang)
    pandas = _pandas()
    if record_type is None:
        empty: pd.DataFrame = pandas.DataFrame()
        return empty
    rows = list(records)
    columns = _all_columns(rows, record_type)
    frame = pandas.DataFrame(
        {
            column.name: _series(pandas, column, [column.read(r) for r in rows])
            for column in columns
        },
        columns=[column.name for column in columns],
    )
    if lang != _ENGLISH:
        from un_migration_network._kinds import in_language  # noqa: PLC0415

        for field in ("name", "acronym", "title", "short_label"):
            if field in frame.columns and rows and hasattr(rows[0], "names"):
                texts = [in_language(record, field, lang) for record in rows]
                frame[field] = pandas.Series(texts, dtype="string")
    result: pd.DataFrame = frame
    return result


def registry_dataframe(registry: Registry[Any], /, *, lang: str = _ENGLISH) -> pd.DataFrame:
    """`to_dataframe` for a registry, whose record type is that of its records or its kind."""
    records = list(registry)
    record_type = registry.record_type or (type(records[0]) if records else None)
    return to_dataframe(records, record_type, lang=lang)


def dataframes(dataset: Dataset, /, *, lang: str = _ENGLISH) -> dict[str, pd.DataFrame]:
    """Every table of *dataset*: one per kind, and the Committee's seats and member lists."""
    frames = {kind.plural: registry_dataframe(dataset.registry(kind), lang=lang) for kind in KINDS}
    committee = dataset.executive_committee
    frames["memberships"] = to_dataframe(committee.memberships, Membership, lang=lang)
    frames["snapshots"] = to_dataframe(committee.snapshots, Snapshot, lang=lang)
    editions = dataset.compact.review_forum.editions
    frames["review_forum_editions"] = to_dataframe(editions, ReviewForumEdition, lang=lang)
    frames["votes"] = (
        _pandas()
        .DataFrame(_votes(dataset), columns=[name for name, _ in _VOTE_COLUMNS])
        .astype(dict(_VOTE_COLUMNS))
    )
    return frames


# The States named in the Compact's recorded vote: as written, and their M49 and ISO codes.
_VOTE_COLUMNS = (
    ("vote", "string"),
    ("as_written", "string"),
    ("country", "string"),
    ("m49", "Int64"),
    ("alpha2", "string"),
    ("alpha3", "string"),
)


def _votes(dataset: Dataset) -> list[list[Any]]:
    compact = dataset.compact
    rows = []
    for vote, states in (("against", compact.voted_against), ("abstained", compact.abstained)):
        for state in states:
            country = state.country
            codes = (
                (None, None, None, None)
                if country is None
                else (country.name, country.m49, country.alpha2, country.alpha3)
            )
            rows.append([vote, state.as_written, *codes])
    return rows


# --- Frictionless Data Package -------------------------------------------------------


class _Table(NamedTuple):
    """One CSV file of the package: its name, its Table Schema and its rows."""

    name: str
    schema: dict[str, Any]
    rows: list[list[str]]


def _field_schema(column: _Column) -> dict[str, Any]:
    field: dict[str, Any] = {"name": column.name, "type": column.schema}
    if column.enum is not None:
        field["constraints"] = {"enum": list(column.enum)}
    return field


def _link(name: str, parent: tuple[str, str, str], values: list[tuple[Any, int, str]]) -> _Table:
    """A table linking each record of *parent* to the records it lists, one row each.

    *parent* is the parent table's name, its primary key and that key's type.
    """
    table, key, key_type = parent
    target = "agencies" if name.endswith(("members", "co_chairs")) else "sources"
    refer = "agency" if target == "agencies" else "source"
    schema = {
        "fields": [
            {"name": "record", "type": key_type},
            {"name": "position", "type": "integer"},
            {"name": refer, "type": "string"},
        ],
        "primaryKey": ["record", "position"],
        "foreignKeys": [
            {"fields": "record", "reference": {"resource": table, "fields": key}},
            {"fields": refer, "reference": {"resource": target, "fields": "id"}},
        ],
    }
    rows = [[_text(key), str(position), ref] for key, position, ref in values]
    return _Table(name, schema, rows)


def _kind_tables(dataset: Dataset, kind: Kind[Any]) -> list[_Table]:
    records = list(dataset.registry(kind))
    columns = _all_columns(records, kind.type)
    key = kind.primary
    schema: dict[str, Any] = {
        "fields": [_field_schema(column) for column in columns],
        "primaryKey": [key],
    }
    foreign = [
        {"fields": column.name, "reference": {"resource": "agencies", "fields": "id"}}
        for column in columns
        if column.refers is Agency and column.schema == "string"
    ]
    if foreign:
        schema["foreignKeys"] = foreign
    rows = [[_text(column.read(record)) for column in columns] for record in records]
    tables = [_Table(kind.plural, schema, rows)]
    key_type = next(column.schema for column in columns if column.name == key)
    for column in columns:
        if column.schema == "array" and column.refers is not None:
            links = [
                (getattr(record, key), position, ref)
                for record in records
                for position, ref in enumerate(_ids(column.read(record)), start=1)
            ]
            parent = (kind.plural, key, key_type)
            tables.append(_link(f"{kind.plural}_{column.name}", parent, links))
    return tables


def _ids(cell: Cell) -> list[str]:
    """The ids of a list cell (a list of references)."""
    return [str(item) for item in cell] if isinstance(cell, list) else []


def _package_tables(dataset: Dataset) -> list[_Table]:
    tables = [table for kind in KINDS for table in _kind_tables(dataset, kind)]
    committee = dataset.executive_committee
    seats = _all_columns(list(committee.memberships), Membership)
    tables.append(
        _Table(
            "memberships",
            {
                "fields": [_field_schema(column) for column in seats],
                "foreignKeys": [
                    {"fields": "agency", "reference": {"resource": "agencies", "fields": "id"}}
                ],
            },
            [[_text(c.read(m)) for c in seats] for m in committee.memberships],
        )
    )
    return tables


def datapackage_descriptor(dataset: Dataset, tables: list[_Table]) -> dict[str, Any]:
    """The ``datapackage.json`` of *dataset*'s tables (Frictionless Data Package v1)."""
    from un_migration_network import __version__  # noqa: PLC0415

    return {
        "profile": "tabular-data-package",
        "name": "un-migration-network",
        "title": "The UN Network on Migration and the Global Compact for Migration",
        "version": __version__,
        "created": f"{dataset.as_of.isoformat()}T00:00:00Z",
        "as_of": dataset.as_of.isoformat(),
        "licenses": [
            {"name": "MIT", "path": "https://opensource.org/licenses/MIT", "title": "MIT License"}
        ],
        "sources": [
            {"title": source.title or source.publisher or source.id, "path": source.url}
            for source in dataset.sources
        ],
        "resources": [
            {
                "name": table.name.replace("_", "-"),
                "path": f"{table.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": _resource_names(table.schema),
            }
            for table in tables
        ],
    }


def _resource_names(schema: dict[str, Any]) -> dict[str, Any]:
    """Resource names use hyphens (the profile's pattern); foreign keys must say them so."""
    copied = json.loads(json.dumps(schema))
    for key in copied.get("foreignKeys", []):
        key["reference"]["resource"] = key["reference"]["resource"].replace("_", "-")
    return dict(copied)


def write_datapackage(dataset: Dataset, directory: Path, /) -> list[Path]:
    """Write *dataset* as a Frictionless Data Package into *directory*; return the files.

    One CSV per record kind, one per list of references (``networks_members.csv``), the
    Executive Committee's seats, and ``datapackage.json`` with each table's schema, primary
    and foreign keys, the licence, the data's as-of date and its sources. Every file is
    written to a temporary name first, then renamed, so no half-written file is left.

    Raises:
        OSError: The directory cannot be made or written.
    """
    tables = _package_tables(dataset)
    descriptor = datapackage_descriptor(dataset, tables)
    directory.mkdir(parents=True, exist_ok=True)
    contents: list[tuple[Path, str]] = []
    for table in tables:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(field["name"] for field in table.schema["fields"])
        writer.writerows(table.rows)
        contents.append((directory / f"{table.name}.csv", buffer.getvalue()))
    text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    contents.append((directory / "datapackage.json", text))
    for path, content in contents:
        write_atomic(path, content)
    return [path for path, _ in contents]


def write_atomic(path: Path, text: str, /) -> None:
    """Write *text* to *path* whole or not at all: a temporary file beside it, then a rename.

    The file gets the mode a new file gets (0666 less the umask), whether or not it existed.

    Raises:
        OSError: The file cannot be written; no temporary file is left behind.
        ValueError: The path cannot be a file name (it holds a NUL character).
    """
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


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


def _object_schema(cls: type) -> dict[str, Any]:
    """The schema of an attrs class; the sources and agencies it refers to are ids."""
    hints = typing.get_type_hints(cls)
    docs = _attribute_docs(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        where = f"{cls.__name__}.{field.name}"
        schema = _type_schema(hints[field.name], where, owner=cls)
        if field.name in docs:
            # The field's own words win over its type's ("the agency's id", a class summary).
            schema.pop("description", None)
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


def _citations_schema(owner: type) -> dict[str, Any]:
    fields = [
        f.name for f in attrs.fields(owner) if f.name not in ("sources", "citations", "names")
    ]
    return {
        "type": "object",
        "propertyNames": {"enum": fields},
        "additionalProperties": {
            "type": "array",
            "items": {"type": "string", "description": "the id of a source"},
        },
    }


def _type_schema(tp: Any, where: str, *, owner: type | None = None) -> dict[str, Any]:
    tp, optional = _optional(tp)
    schema: dict[str, Any]
    if tp is DateSpan:
        # The converter writes a span as its short text when it has one, else as an object.
        text = {"type": "string", "pattern": _SPAN, "description": "YYYY, YYYY-MM or YYYY-MM-DD"}
        schema = {"oneOf": [text, _object_schema(DateSpan)]}
    elif tp in _REFERENCES:
        schema = {"type": "string", "description": f"the {tp.__name__.lower()}'s id"}
    elif tp == tuple[Citation, ...] and owner is not None:
        schema = _citations_schema(owner)
    elif attrs.has(tp):
        schema = _object_schema(tp)
    elif typing.get_origin(tp) is tuple:
        schema = {
            "type": "array",
            "items": _type_schema(typing.get_args(tp)[0], where),
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
    are real, texts are not blank), so a document that fits the schema can still fail to load.

    >>> schema = json_schema()
    >>> schema["required"][:3], schema["properties"]["networks"]["type"]
    (['as_of', 'sources', 'agencies'], 'array')
    """
    from un_migration_network._models import Compact, ExecutiveCommittee  # noqa: PLC0415

    properties: dict[str, Any] = {
        "as_of": {"description": "The date the data holds for.", **_SCALARS[dt.date][1]}
    }
    required = ["as_of"]
    for kind in KINDS:
        properties[kind.plural] = {
            "description": f"The {kind.label}.",
            "type": "array",
            "items": _object_schema(kind.type),
        }
        if kind.is_required:
            required.append(kind.plural)
    for key, cl in (("executive_committee", ExecutiveCommittee), ("compact", Compact)):
        properties[key] = _object_schema(cl)
        required.append(key)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "un-migration-network document",
        "description": "The UN Network on Migration and the Global Compact for Migration, "
        "as one JSON document.",
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


RECORD_TYPES: Mapping[str, type] = {kind.plural: kind.type for kind in KINDS}
