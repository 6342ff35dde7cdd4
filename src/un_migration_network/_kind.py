"""What a kind of record is: the description each record module gives of its records.

A kind of record that a document holds (an array of sources, countries, agencies, networks,
...; or one record, the Compact and the Executive Committee) is described once, beside its
class, by a `Kind`: its names, its class, its lookup keys, its canonical order and its
summary columns. `_kinds.KINDS` lists them all, in the order a document is read.
"""

from collections.abc import Callable, Iterable
from typing import Any, Generic, NamedTuple, TypeVar

from un_migration_network._fields import attributes

__all__ = ["Column", "Kind", "attribute", "define", "kind_of"]

T = TypeVar("T")


class Column(NamedTuple):
    """One summary column: its header and how to read it off a record in a language.

    A column of free text (a name, a title) is what a narrow table cuts first.
    """

    header: str
    read: Callable[[Any, str], object]
    is_text: bool = False


class Kind(NamedTuple, Generic[T]):
    """One kind of record that a document holds.

    Attributes:
        name: The singular noun ("network"): a registry's kind, error messages, `show`.
        plural: The document's key, the `Dataset` attribute and the command line's word.
        type: The record class.
        primary: The field that is a record's primary key ("id", "number", "alpha2").
        keys: Every natural key of a record, for lookups (names in every language included).
        order: The canonical order of the document's array.
        columns: The summary columns of tables (``list``, ``search``, HTML views).
        subject: The id validation reports a record's problems under.
        label: The plural as people write it ("guiding principles").
        rank: A query that names records of several kinds finds the kind of the lowest rank
            ("Bangladesh" names a network, a Champion and a country: the network); kinds of
            one rank are a tie.
        is_searchable: Whether ``show`` and ``search`` look in it.
        is_required: Whether a document must hold it.
        is_singleton: Whether a document holds one record of it, not an array.
        is_referenced: Whether records refer to records of this kind by their key (sources,
            countries, agencies), so that the document writes the key, not the record.
        retry: Other forms of a query to try where it finds nothing (a country's name typed
            with an article: "the Japan").
    """

    name: str
    plural: str
    type: type[T]
    primary: str
    keys: Callable[[T], Iterable[str | int | None]]
    order: Callable[[T], Any]
    columns: tuple[Column, ...]
    subject: Callable[[T], str]
    label: str
    rank: int = 0
    is_searchable: bool = True
    is_required: bool = True
    is_singleton: bool = False
    is_referenced: bool = False
    retry: Callable[[str], Iterable[str]] | None = None

    def key(self, record: T, /) -> str:
        """A record's primary key as text ("mozambique", "13", "MZ")."""
        return str(getattr(record, self.primary))

    @property
    def has_country(self) -> bool:
        """Whether its records name a country (a registry then finds them by its names)."""
        return any(attribute.name == "country" for attribute in attributes(self.type))


_BY_TYPE: dict[type, Kind[Any]] = {}


def define(kind: Kind[T], /) -> Kind[T]:
    """*kind*, known from now on as the kind of its class (see `kind_of`)."""
    _BY_TYPE[kind.type] = kind
    return kind


def kind_of(record_type: type, /) -> Kind[Any] | None:
    """The kind of records of *record_type*, or None for a class that is no kind's.

    A record's module defines its kind with its class, so a class in hand has its kind.

    >>> from un_migration_network._countries import Country
    >>> kind_of(Country).plural
    'countries'
    """
    return _BY_TYPE.get(record_type)


def attribute(name: str) -> Callable[[Any, str], object]:
    """A column that reads one field as it is."""
    return lambda record, _: getattr(record, name)
