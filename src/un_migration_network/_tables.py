"""Flat tables of the records, shared by every tabular export.

CSV, the DataFrames, the data package and the SQLite file all write these tables. A record
becomes one row, its columns read off its attrs fields (`_fields`), so a new field shows in
every export without code of its own: a date span is its text and its two bounds
(``launched``, ``launched_earliest``, ``launched_latest``), a record that others refer to (a
source, a country, an agency) is its key, a list of them a list of keys, a small value record
(the Compact's `Vote`) one column per field with a prefix (``vote_against``), and each name in
another language one column per field and language (``name_fr``, ``name_zh``). What does not
fit a row is a long table of its own: the sources of each field (``citations``), the names
with their schemes and sources (``names``), the networks' members and co-chairs, the
Executive Committee's seats and member lists, the review forums and the Compact's recorded
vote. Unknown is never zero: a member list no source gives is missing, not empty.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import functools
import io
import json
import operator
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from un_migration_network import _fields
from un_migration_network._committee import Membership, Snapshot
from un_migration_network._compact import ReviewForum, ReviewForumEdition
from un_migration_network._dates import DateSpan
from un_migration_network._kinds import KINDS, Kind, kind_of
from un_migration_network._networks import Network
from un_migration_network._pages import LANGUAGE_NAMES, in_language
from un_migration_network._records import Citation, Name

if TYPE_CHECKING:
    from un_migration_network._dataset import Dataset

__all__ = [
    "VOTES",
    "Cell",
    "Column",
    "Table",
    "every_name",
    "flat_row",
    "kind_table",
    "table_csv",
    "tables",
    "to_csv",
]

#: One value of a flat row, before a format writes it.
Cell = str | int | float | bool | dt.date | list[str] | list[int] | None

#: How a State may have voted on the Compact (A/RES/73/195), as every table writes it.
VOTES = ("in favour", "against", "abstained", "non-voting")

_ENGLISH = "en"
# The UN's official languages besides English: every table has a column for each, so its
# columns do not depend on which names the data happens to hold.
_LANGUAGES = tuple(code for code in LANGUAGE_NAMES if code != _ENGLISH)
_SCALARS: dict[object, str] = {
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    dt.date: "date",
}
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV Injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Column(NamedTuple):
    """One column of a table: its name, its type and what it holds.

    Attributes:
        name: The column's name (``launched_earliest``, ``name_fr``).
        type: ``"string"``, ``"integer"``, ``"number"``, ``"boolean"``, ``"date"`` or
            ``"list"``.
        doc: What it holds, in one sentence.
        categories: The values it may hold, for a closed vocabulary (an enum).
        refers: The table and column its key refers to (``("agencies", "id")``); for a list,
            what each item refers to.
        item: The type of a list's items.
        is_required: Whether every row has a value.
    """

    name: str
    type: str
    doc: str
    categories: tuple[str, ...] | None = None
    refers: tuple[str, str] | None = None
    item: str | None = None
    is_required: bool = False


class Table(NamedTuple):
    """One table: its name, its columns, its primary key and its rows.

    Attributes:
        name: The table's name (``networks``, ``network_members``): a file, a frame, an SQL
            table.
        doc: What a row is.
        columns: The columns, in order.
        primary: The columns whose values name one row.
        rows: The rows, each a tuple of cells in column order.
    """

    name: str
    doc: str
    columns: tuple[Column, ...]
    primary: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


class _Part(NamedTuple):
    """A column of a record table, and how to read its cell off a record."""

    column: Column
    read: Callable[[Any], Cell]


def _optional(tp: Any) -> tuple[Any, bool]:
    """Split ``X | None`` into ``X`` and whether None is allowed."""
    args = typing.get_args(tp)
    if typing.get_origin(tp) is types.UnionType and type(None) in args:
        (inner,) = (arg for arg in args if arg is not type(None))
        return inner, True
    return tp, False


def _referenced(tp: object) -> Kind[Any] | None:
    """The kind of a record type that records refer to by key, or None."""
    kind = kind_of(tp) if isinstance(tp, type) else None
    return kind if kind is not None and kind.is_referenced else None


def _then(read: Callable[[Any], Any], then: Callable[[Any], Cell]) -> Callable[[Any], Cell]:
    """*read*, then *then* on what it reads; None stays None."""

    def reader(record: Any) -> Cell:
        value = read(record)
        return None if value is None else then(value)

    return reader


def _listed(
    read: Callable[[Any], Any], item: Callable[[Any], Any], *, empty_is_unknown: bool
) -> Callable[[Any], Cell]:
    """A list cell; an empty list is None where the field says empty means unknown."""

    def reader(record: Any) -> Cell:
        values = read(record)
        if not values and empty_is_unknown:
            return None
        return [item(value) for value in values]

    return reader


def _unsupported(where: str, tp: object) -> TypeError:
    return TypeError(f"cannot flatten {where}: unsupported type {tp!r}")


def _field_parts(  # noqa: PLR0911 - one return per kind of field type, in one place
    attribute: attrs.Attribute[Any], tp: Any, read: Callable[[Any], Any], prefix: str
) -> list[_Part]:
    """The columns one field gives."""
    name = prefix + attribute.name
    doc = _fields.doc(attribute)
    inner, optional = _optional(tp)
    required = not optional
    if inner is DateSpan:
        return [
            _Part(Column(name, "string", doc, is_required=required), _then(read, str)),
            _Part(
                Column(
                    f"{name}_earliest",
                    "date",
                    f"The first day of the span in {name}.",
                    is_required=required,
                ),
                _then(read, operator.attrgetter("earliest")),
            ),
            _Part(
                Column(
                    f"{name}_latest",
                    "date",
                    f"The last day of the span in {name}.",
                    is_required=required,
                ),
                _then(read, operator.attrgetter("latest")),
            ),
        ]
    kind = _referenced(inner)
    if kind is not None:
        column = Column(
            name, "string", doc, refers=(kind.plural, kind.primary), is_required=required
        )
        return [_Part(column, _then(read, kind.key))]
    if inner in (tuple[Citation, ...], tuple[Name, ...]):
        return []  # long tables of their own: citations, names (and a column per language)
    if typing.get_origin(inner) is tuple:
        return _list_parts(attribute, typing.get_args(inner)[0], read, name)
    if attrs.has(inner):
        if "sources" in attrs.fields_dict(inner):
            return []  # a sourced record inside a record has a table of its own
        # A small value record (the Compact's Vote): one column per field, with a prefix.
        hints = typing.get_type_hints(inner)
        return [
            part
            for nested in attrs.fields(inner)
            for part in _field_parts(
                nested,
                hints[nested.name],
                _then(read, operator.attrgetter(nested.name)),
                f"{name}_",
            )
        ]
    if isinstance(inner, type) and issubclass(inner, enum.Enum):
        values = tuple(str(member.value) for member in inner)
        column = Column(name, "string", doc, categories=values, is_required=required)
        return [_Part(column, _then(read, operator.attrgetter("value")))]
    if inner not in _SCALARS:
        raise _unsupported(name, inner)
    return [_Part(Column(name, _SCALARS[inner], doc, is_required=required), read)]


def _list_parts(
    attribute: attrs.Attribute[Any], item: Any, read: Callable[[Any], Any], name: str
) -> list[_Part]:
    """The column of a list field: a list of keys or of plain values; [] for a list of records."""
    unknown = _fields.empty_text(attribute) is not None
    doc = _fields.doc(attribute)
    kind = _referenced(item)
    if kind is not None:
        column = Column(
            name,
            "list",
            doc,
            refers=(kind.plural, kind.primary),
            item="string",
            is_required=not unknown,
        )
        return [_Part(column, _listed(read, kind.key, empty_is_unknown=unknown))]
    if attrs.has(item):
        return []  # a list of records is a long table of its own (seats, editions, votes)
    if item not in (str, int):
        raise _unsupported(name, item)
    column = Column(name, "list", doc, item=_SCALARS[item], is_required=not unknown)
    return [_Part(column, _listed(read, lambda value: value, empty_is_unknown=unknown))]


def _member_count(network: Network) -> int | None:
    """How many members the sources list.

    None where they list none and the list is not known to be complete: unknown is not zero.
    """
    if network.members or network.is_membership_complete:
        return len(network.members)
    return None


# Columns that no field holds, each after the field it derives from.
_COMPUTED: dict[type, tuple[str, _Part]] = {
    Network: (
        "members",
        _Part(
            Column(
                "member_count",
                "integer",
                "How many members the sources list (see is_membership_complete); missing where "
                "they list none.",
            ),
            _member_count,
        ),
    ),
}


@functools.cache
def _record_parts(record_type: type) -> tuple[_Part, ...]:
    """The columns of a record type's own fields (names in other languages apart)."""
    hints = typing.get_type_hints(record_type)
    computed = _COMPUTED.get(record_type)
    parts: list[_Part] = []
    for attribute in attrs.fields(record_type):
        read = operator.attrgetter(attribute.name)
        parts.extend(_field_parts(attribute, hints[attribute.name], read, ""))
        if computed is not None and computed[0] == attribute.name:
            parts.append(computed[1])
    return tuple(parts)


def _languages(records: Iterable[Any]) -> tuple[str, ...]:
    """The UN languages besides English, then any other language the records' names are in."""
    found = {name.lang for record in records for name in getattr(record, "names", ())}
    others = sorted(found - {_ENGLISH, *_LANGUAGES})
    return (*_LANGUAGES, *others)


def _name_parts(record_type: type, records: tuple[Any, ...]) -> list[_Part]:
    """A column per named field and language: ``name_fr``, ``formal_name_zh``."""
    if "names" not in attrs.fields_dict(record_type):
        return []
    languages = _languages(records)

    def reader(field: str, lang: str) -> Callable[[Any], Cell]:
        return lambda record: record.text_in(field, lang)

    return [
        _Part(
            Column(
                f"{attribute.name}_{lang}",
                "string",
                f"The {_fields.label(attribute)} in {LANGUAGE_NAMES.get(lang, lang)}, as a "
                "source writes it; missing where none does.",
            ),
            reader(attribute.name, lang),
        )
        for attribute in attrs.fields(record_type)
        if _fields.is_named(attribute)
        for lang in languages
    ]


def _in_language(part: _Part, lang: str) -> _Part:
    """A named field's column holding its text in *lang* (the English marked ``[en]``)."""
    field = part.column.name
    return part._replace(read=lambda record: in_language(record, field, lang))


def _parts(record_type: type, records: tuple[Any, ...], lang: str) -> list[_Part]:
    own = list(_record_parts(record_type))
    if lang != _ENGLISH:
        named = {a.name for a in attrs.fields(record_type) if _fields.is_named(a)}
        own = [_in_language(part, lang) if part.column.name in named else part for part in own]
    return [*own, *_name_parts(record_type, records)]


def _table(  # noqa: PLR0913 - a table: its name and words, its records, how they are keyed
    name: str,
    doc: str,
    record_type: type,
    records: tuple[Any, ...],
    *,
    primary: str | None,
    lang: str,
) -> Table:
    """The table of *records*: keyed by the field *primary*, or numbered by ``position``."""
    parts = _parts(record_type, records, lang)
    columns = tuple(part.column for part in parts)
    rows = tuple(tuple(part.read(record) for part in parts) for record in records)
    if primary is not None:
        return Table(name, doc, columns, (primary,), rows)
    position = Column(
        "position", "integer", "The row's place in the list, from 1.", is_required=True
    )
    numbered = tuple((index, *row) for index, row in enumerate(rows, start=1))
    return Table(name, doc, (position, *columns), ("position",), numbered)


def kind_table(kind: Kind[Any], records: Iterable[Any], /, *, lang: str = _ENGLISH) -> Table:
    """The table of records of one kind: a row per record, keyed by the kind's primary key.

    With *lang*, the columns of named fields (``name``, ``title``, ...) hold their text in that
    language where a source gives it, the English marked ``[en]`` where none does.

    Raises:
        TypeError: A field's type cannot be flattened.

    >>> import un_migration_network as umn
    >>> from un_migration_network._kinds import kind_named
    >>> table = kind_table(kind_named("networks"), umn.networks)
    >>> [column.name for column in table.columns][16:20]
    ['members', 'member_count', 'declared_member_count', 'is_membership_complete']
    """
    records = tuple(records)
    return _table(
        kind.plural, f"The {kind.label}.", kind.type, records, primary=kind.primary, lang=lang
    )


def flat_row(record: object, /) -> dict[str, Cell]:
    """One record as a flat row, by column name: what every tabular export writes of it.

    Raises:
        TypeError: A field's type cannot be flattened.

    >>> import un_migration_network as umn
    >>> row = flat_row(umn.networks.lookup("Mozambique"))
    >>> row["country"], row["launched"], row["member_count"], row["name_fr"]
    ('MZ', '2022-02-15', 13, None)
    """
    record_type = type(record)
    return {
        part.column.name: part.read(record) for part in _parts(record_type, (record,), _ENGLISH)
    }


# --- long tables -------------------------------------------------------------------------


class _Holder(NamedTuple):
    """Records that make one table, and the field that keys them (None: numbered)."""

    name: str
    doc: str
    type: type
    records: tuple[Any, ...]
    primary: str | None

    def keyed(self) -> Iterator[tuple[str, Any]]:
        """Each record with its key as text: what a long table's ``record`` column holds."""
        for position, record in enumerate(self.records, start=1):
            key = position if self.primary is None else getattr(record, self.primary)
            yield _text(key), record


def _holders(dataset: Dataset) -> list[_Holder]:
    """Every table of records: one per kind, then the records inside the two singletons."""
    parts = dataset.parts()
    holders = [
        _Holder(
            kind.plural,
            f"The {kind.label}.",
            kind.type,
            (parts[kind.plural],) if kind.is_singleton else parts[kind.plural],
            kind.primary,
        )
        for kind in KINDS
    ]
    committee = dataset.executive_committee
    forum = dataset.compact.review_forum
    holders += [
        _Holder(
            "committee_seats",
            "The Executive Committee's seats, each with when it was held.",
            Membership,
            committee.memberships,
            None,
        ),
        _Holder(
            "committee_lists",
            "The Executive Committee's member lists, as each source gives them at a date.",
            Snapshot,
            committee.snapshots,
            None,
        ),
        _Holder(
            "review_forum",
            "The International Migration Review Forum.",
            ReviewForum,
            (forum,),
            "acronym",
        ),
        _Holder(
            "review_forum_editions",
            "Each International Migration Review Forum, held or scheduled.",
            ReviewForumEdition,
            forum.editions,
            None,
        ),
    ]
    return holders


def _key_column(name: str, doc: str, refers: tuple[str, str], kind: str = "string") -> Column:
    return Column(name, kind, doc, refers=refers, is_required=True)


_POSITION = Column("position", "integer", "The item's place in the list, from 1.", is_required=True)
_AGENCY = _key_column("agency", "The agency's id.", ("agencies", "id"))

# (table, the records' table, their list field, the column naming the record, its key column)
_LINKS = (
    ("network_members", "networks", "members", "network", "id"),
    ("network_co_chairs", "networks", "co_chairs", "network", "id"),
    ("committee_list_members", "committee_lists", "members", "list", "position"),
)
_LINK_DOCS = {
    "network_members": "One member of a network, as the sources list them.",
    "network_co_chairs": "One co-chair of a network, as the sources name them.",
    "committee_list_members": "One entity a member list of the Executive Committee names.",
}


def _links(holders: dict[str, _Holder]) -> list[Table]:
    """A row per item of each list of agencies: which network lists which member."""
    tables = []
    for name, owner, field, column, key in _LINKS:
        holder = holders[owner]
        key_type = "string" if holder.primary is not None else "integer"
        rows = tuple(
            (record_key if key_type == "string" else int(record_key), position, agency.id)
            for record_key, record in holder.keyed()
            for position, agency in enumerate(getattr(record, field), start=1)
        )
        owner_column = _key_column(
            column, f"The key of the row of {owner} it belongs to.", (owner, key), key_type
        )
        tables.append(
            Table(
                name,
                _LINK_DOCS[name],
                (owner_column, _POSITION, _AGENCY),
                (column, "position"),
                rows,
            )
        )
    return tables


def _votes(dataset: Dataset) -> Table:
    """The States the Compact's recorded vote names, as the sources write them."""
    compact = dataset.compact
    rows = tuple(
        (
            vote,
            position,
            state.as_written,
            None if state.country is None else state.country.alpha2,
            None if state.country is None else state.country.alpha3,
            None if state.country is None else state.country.m49,
        )
        for vote, states in (("against", compact.voted_against), ("abstained", compact.abstained))
        for position, state in enumerate(states, start=1)
    )
    columns = (
        Column("vote", "string", "How the State voted.", categories=VOTES, is_required=True),
        _POSITION,
        Column(
            "as_written", "string", "The State's name as the sources write it.", is_required=True
        ),
        Column(
            "alpha2",
            "string",
            "The country's ISO 3166-1 alpha-2 code.",
            refers=("countries", "alpha2"),
        ),
        Column("alpha3", "string", "The country's ISO 3166-1 alpha-3 code."),
        Column("m49", "integer", "The country's M49 numeric code."),
    )
    doc = f"A State named in the recorded vote on {compact.resolution}: against or abstaining."
    return Table("votes", doc, columns, ("vote", "position"), rows)


_KIND = Column(
    "kind", "string", "The table of the record (networks, compact, ...).", is_required=True
)
_RECORD = Column("record", "string", "The record's key in that table, as text.", is_required=True)


def _names(holders: list[_Holder]) -> Table:
    """Every name in every language, with its scheme and its sources."""
    rows = tuple(
        (
            holder.name,
            key,
            position,
            name.field,
            name.lang,
            name.scheme,
            name.text,
            [s.id for s in name.sources],
        )
        for holder in holders
        if "names" in attrs.fields_dict(holder.type)
        for key, record in holder.keyed()
        for position, name in enumerate(record.names, start=1)
    )
    columns = (
        _KIND,
        _RECORD,
        _POSITION,
        Column(
            "field",
            "string",
            "The field the name stands beside (name, acronym, ...).",
            is_required=True,
        ),
        Column("lang", "string", "The language, as an ISO 639-1 code.", is_required=True),
        Column(
            "scheme", "string", "The naming standard it belongs to (m49, unterm), where one is."
        ),
        Column("text", "string", "The name as the source writes it.", is_required=True),
        Column(
            "sources",
            "list",
            "The ids of the sources that write it.",
            refers=("sources", "id"),
            item="string",
            is_required=True,
        ),
    )
    doc = "A name, acronym, title or label of a record in one language, as a source writes it."
    return Table("names", doc, columns, ("kind", "record", "position"), rows)


def _cited(record: Any) -> Iterator[tuple[str, str | None, str]]:
    """A record's (field, language, source) triples: its citations, then its names'."""
    citations: tuple[Citation, ...] = getattr(record, "citations", ())
    for citation in citations:
        for source in citation.sources:
            yield citation.field, None, source.id
    names: tuple[Name, ...] = getattr(record, "names", ())
    for name in names:
        for source in name.sources:
            yield name.field, name.lang, source.id


def _citations(holders: list[_Holder]) -> Table:
    """The sources of every field of every record, in every language."""
    rows = tuple(
        (holder.name, key, field, lang, source)
        for holder in holders
        for key, record in holder.keyed()
        for field, lang, source in dict.fromkeys(_cited(record))
    )
    columns = (
        _KIND,
        _RECORD,
        Column("field", "string", "The field the source supports.", is_required=True),
        Column(
            "lang",
            "string",
            "Missing for the field itself; a language code for its name in that language.",
        ),
        _key_column("source", "The source's id.", ("sources", "id")),
    )
    doc = "One source that supports one field of one record (in one language, for a name)."
    return Table("citations", doc, columns, ("kind", "record", "field", "lang", "source"), rows)


def tables(dataset: Dataset, /, *, lang: str = _ENGLISH) -> tuple[Table, ...]:
    """Every table of *dataset*, each after the tables it refers to.

    The kinds (``sources``, ``countries``, ``agencies``, ``networks``, ``champions``,
    ``objectives``, ``principles``, ``events``, ``observations``, ``executive_committee``,
    ``compact``); the Committee's ``committee_seats`` and ``committee_lists``, the
    ``review_forum`` and its ``review_forum_editions``; the long tables
    ``network_members``, ``network_co_chairs``, ``committee_list_members``, ``votes``,
    ``names`` and ``citations``.

    >>> import un_migration_network as umn
    >>> [table.name for table in tables(umn.load())][-3:]
    ['votes', 'names', 'citations']
    """
    holders = _holders(dataset)
    record_tables = [
        _table(h.name, h.doc, h.type, h.records, primary=h.primary, lang=lang) for h in holders
    ]
    by_name = {holder.name: holder for holder in holders}
    return (*record_tables, *_links(by_name), _votes(dataset), _names(holders), _citations(holders))


# Fields of plain text that hold other names of a record, besides its named fields.
_OTHER_NAMES = ("aliases", "title_variants")


def every_name(dataset: Dataset, /) -> Iterator[tuple[str, str, str, str | None, str]]:
    """Every name of every record, in every language: (table, record, field, lang, text).

    A named field's own text is English (``"en"``); an alias or another wording of a title has
    no language (None: the sources write them in several); then every name in ``names``.

    >>> import un_migration_network as umn
    >>> ("compact", "GCM", "name", "fr") in {row[:4] for row in every_name(umn.load())}
    True
    """
    for holder in _holders(dataset):
        fields = attrs.fields(holder.type)
        named = [a.name for a in fields if _fields.is_named(a)]
        others = [a.name for a in fields if a.name in _OTHER_NAMES]
        for key, record in holder.keyed():
            found: list[tuple[str, str | None, str]] = [
                (field, _ENGLISH, getattr(record, field)) for field in named
            ]
            found += [(field, None, text) for field in others for text in getattr(record, field)]
            found += [(name.field, name.lang, name.text) for name in getattr(record, "names", ())]
            # A name that two schemes or two sources write alike is indexed once.
            for field, lang, text in dict.fromkeys(found):
                yield holder.name, key, field, lang, text


# --- CSV ---------------------------------------------------------------------------------


def _text(value: Cell) -> str:
    """A cell as CSV writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _neutral(text: str) -> str:
    """A text cell a spreadsheet will show, not run: a leading apostrophe before a formula."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def table_csv(table: Table, /, *, excel: bool = False) -> str:
    """A table as CSV text: a header, then one line per row, each ended by CRLF (see `to_csv`).

    >>> import un_migration_network as umn
    >>> print(table_csv(tables(umn.load())[-1]).splitlines()[0])
    kind,record,field,lang,source
    """
    buffer = io.StringIO()
    # RFC 4180's line ends: the writer then quotes a cell holding either character, so that a
    # carriage return inside a text cannot end a row early.
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(column.name for column in table.columns)
    texts = [column.type == "string" for column in table.columns]
    for row in table.rows:
        cells = [_text(cell) for cell in row]
        if excel:
            cells = [
                _neutral(cell) if text else cell for cell, text in zip(cells, texts, strict=True)
            ]
        writer.writerow(cells)
    text = buffer.getvalue()
    return "\ufeff" + text if excel else text


def to_csv(records: Iterable[Any], kind: Kind[Any], /, *, excel: bool = False) -> str:
    """CSV text (UTF-8) of records of one kind: a header, then one line per record.

    Lines end with CRLF, as RFC 4180 says. A missing value is an empty cell, booleans
    ``true``/``false``, dates ``YYYY-MM-DD``, a date span its text (which `DateSpan.parse`
    reads back) and its two bounds, and a list a JSON array (``["iom", "ilo"]``), as a
    Frictionless Table Schema reads them.

    With *excel*, the text starts with a byte order mark, so that Excel reads it as UTF-8
    ("Côte d'Ivoire", "موزامبيق"), and a text cell that a spreadsheet would run as a formula
    (one that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) starts with
    an apostrophe instead, which the spreadsheet shows as text. Numbers keep their sign.

    Raises:
        TypeError: A field's type cannot be flattened.

    >>> import un_migration_network as umn
    >>> from un_migration_network._kinds import kind_named
    >>> print(to_csv(umn.principles, kind_named("principles")).splitlines()[0])
    letter,name,sources,paragraph,is_letter_inferred,name_ar,name_es,name_fr,name_ru,name_zh
    """
    return table_csv(kind_table(kind, records), excel=excel)
