"""What every record shares: equality by value, its page, its sources, names in languages.

The base classes read a record's fields through attrs; `Source`, `Citation` and `Name`, the
records every other record cites, live here too.
"""

import datetime as dt
import enum
import operator
from collections.abc import Callable
from typing import Any

import attrs

from un_migration_network import _fields
from un_migration_network._fields import attributes, field, is_cited, record
from un_migration_network._html import record_html
from un_migration_network._kind import Column, Kind, attribute, define

__all__ = [
    "SOURCES",
    "Citation",
    "Name",
    "Record",
    "Source",
    "SourceKind",
    "Sourced",
    "citations_field",
    "language_code",
]

ENGLISH = "en"
# How each record class reads its fields as a tuple (equality, hashing): made on first use.
_GETTERS: dict[type, Callable[[Any], tuple[Any, ...]]] = {}


def _values(record: Any) -> tuple[Any, ...]:
    cls = type(record)
    getter = _GETTERS.get(cls)
    if getter is None:
        names = [attribute.name for attribute in attrs.fields(cls)]
        # Every record has two fields or more, so the getter returns a tuple.
        getter = _GETTERS[cls] = operator.attrgetter(*names)
    return getter(record)


def language_code(lang: object) -> str:
    """*lang* as an ISO 639-1 code, lowercase; a TypeError or ValueError that says why not.

    >>> language_code("FR")
    'fr'
    """
    if not isinstance(lang, str):
        msg = f"expected a language as an ISO 639-1 code such as 'fr', got {type(lang).__name__}"
        raise TypeError(msg)
    code = lang.lower()
    if not (len(code) == 2 and code.isascii() and code.isalpha()):  # noqa: PLR2004 - ISO 639-1
        msg = f"expected a language as an ISO 639-1 code such as 'fr' or 'es', got {lang!r}"
        raise ValueError(msg)
    return code


class Record:
    """What every record shares: equality and hashing by value, a short repr, an HTML view."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self is other or _values(self) == _values(other)

    def __hash__(self) -> int:
        return hash(_values(self))

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{attribute.name}={getattr(self, attribute.name)!r}"
            for attribute in attributes(type(self))
            if attribute.repr
        )
        return f"{type(self).__name__}({shown})"

    def to_html(self, *, lang: str = ENGLISH) -> str:
        """The record as an HTML table of its fields, its sources numbered below it.

        With *lang*, names are shown in that language where a source gives them.

        Raises:
            TypeError: *lang* is not a string.
            ValueError: *lang* is not an ISO 639-1 code.
        """
        return record_html(self, lang=language_code(lang))

    def _repr_html_(self) -> str:
        """The record as an HTML table, for Jupyter and other notebooks."""
        return self.to_html()


class SourceKind(enum.Enum):
    """How close a source stands to the fact it supports."""

    #: The UN's own documents and pages: the Network's, IOM's, a UN country team's, a UN
    #: Statistics Division standard.
    PRIMARY = "primary"
    #: News sites, blogs, school pages, parliamentary annexes, copies of UN documents,
    #: aggregators and datasets drawn from a primary source.
    SECONDARY = "secondary"


@record
class Source(Record):
    """A document that supports bundled facts.

    >>> import un_migration_network as umn
    >>> umn.load().sources.lookup("seed-iom-mozambique-2022").publisher
    'IOM Mozambique'
    """

    id: str = field("The key records use to cite it.")
    url: str = field("Where the document is published.", repr=False)
    title: str | None = field(
        "Its title, as the page or document writes it.", default=None, repr=False
    )
    publisher: str | None = field("Who published it.", default=None, repr=False)
    published: dt.date | None = field(
        "When it was published, where known to the day.", default=None, repr=False
    )
    kind: SourceKind = field("Primary or secondary.", default=SourceKind.PRIMARY, repr=False)

    def _short(self, _: str) -> str:
        return str(self)

    def _long(self, _: str) -> str:
        return self.url

    def __str__(self) -> str:
        return self.title or self.publisher or self.url


@record
class Citation(Record):
    """The sources that support one field of a record."""

    # This class has a field named "field": the function is reached through its module.
    field: str = _fields.field("The name of the field.")
    sources: tuple[Source, ...] = _fields.field("The sources that support its value.", uncited=True)


@record
class Name(Record):
    """A name, acronym, title or short label in one language, as a source writes it.

    >>> import un_migration_network as umn
    >>> [n.text for n in umn.agencies.lookup("ILO").names if n.field == "acronym"][:1]
    ['OIT']
    """

    lang: str = _fields.field('The language, as an ISO 639-1 code ("fr", "zh").')
    field: str = _fields.field(
        'The field it stands beside ("name", "acronym", "title", "formal_name").'
    )
    text: str = _fields.field("The text as the source writes it.")
    sources: tuple[Source, ...] = _fields.field("The sources that write it.", uncited=True)
    scheme: str | None = _fields.field(
        'The naming standard it belongs to, where one is named ("m49", "unterm").',
        default=None,
    )


def citations_field() -> Any:
    """Declare the field every sourced record ends with: the sources of each of its fields."""
    return field("The sources of each field.", default=(), uncited=True, repr=False)


class Sourced(Record):
    """What every record with sources shares: the sources of each field, names in languages."""

    __slots__ = ()

    def cite(self, field: str, /, *, lang: str | None = None) -> tuple[Source, ...]:
        """The sources that support one field; with *lang*, those of its name in that language.

        Every source returned is also in ``sources``; ``()`` where none is cited for the field.

        Raises:
            ValueError: The record has no field of that name, or *lang* is not a language code.
            TypeError: *lang* is not a string.

        >>> import un_migration_network as umn
        >>> [s.id for s in umn.networks.lookup("Mozambique").cite("launched")]
        ['seed-iom-mozambique-2022']
        """
        fields = {attribute.name: attribute for attribute in attributes(type(self))}
        name: object = field  # callers without type checking may pass anything
        if not isinstance(name, str) or name not in fields:
            names = ", ".join(fields)
            msg = f"{type(self).__name__} has no field {field!r}; its fields are {names}"
            raise ValueError(msg)
        if lang is not None and language_code(lang) != ENGLISH:
            code = language_code(lang)
            found = [
                source
                for written in self._names()
                if written.lang == code and written.field == field
                for source in written.sources
            ]
            return tuple(dict.fromkeys(found))
        citations: tuple[Citation, ...] = getattr(self, "citations", ())
        for citation in citations:
            if citation.field == field:
                return citation.sources
        return ()

    def text_in(self, field: str, lang: str, /) -> str | None:
        """The text of *field* in *lang* as a source writes it; the field itself for "en".

        None where no source gives that language.

        Raises:
            TypeError: *lang* is not a string.
            ValueError: *lang* is not an ISO 639-1 code.

        >>> import un_migration_network as umn
        >>> umn.objectives.lookup(1).text_in("short_label", "es")
        'Datos'
        """
        code = language_code(lang)
        if code == ENGLISH:
            value: str | None = getattr(self, field)
            return value
        return next((n.text for n in self._names() if n.lang == code and n.field == field), None)

    def languages(self) -> tuple[str, ...]:
        """The languages the record has a name in: English first, then the others, sorted.

        >>> import un_migration_network as umn
        >>> umn.compact.languages()[0]
        'en'
        """
        return (ENGLISH, *sorted({n.lang for n in self._names()} - {ENGLISH}))

    def _names(self) -> tuple[Name, ...]:
        names: tuple[Name, ...] = getattr(self, "names", ())
        return names


def cited_fields(cls: type) -> tuple[str, ...]:
    """The fields of *cls* that a citation may name, in field order."""
    return tuple(attribute.name for attribute in attrs.fields(cls) if is_cited(attribute))


def names_of(record: Any) -> tuple[str, ...]:
    """The texts of a record's names in other languages, for its lookup keys."""
    return tuple(name.text for name in record.names)


SOURCES: Kind[Source] = define(
    Kind(
        name="source",
        plural="sources",
        type=Source,
        primary="id",
        keys=lambda source: (source.id, source.url),
        order=lambda source: source.id,
        columns=(
            Column("id", attribute("id")),
            Column("title", lambda s, _: s.title or s.publisher or s.url, is_text=True),
            Column("publisher", attribute("publisher"), is_text=True),
            Column("published", attribute("published")),
            Column("kind", attribute("kind")),
        ),
        subject=lambda source: source.id,
        label="sources",
        is_searchable=False,
        is_referenced=True,
    )
)
