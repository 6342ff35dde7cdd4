"""The record types: immutable, slotted attrs classes with one fixed field set each.

Every record class is importable from here. This module defines what a first lookup needs
(dates, sources, names in languages, agencies, countries, networks); the others live in
`_committee`, `_compact`, `_events` and `_document` and are imported when first named here
(PEP 562), so a fresh process that asks one question creates only the classes it uses.
"""

import datetime as dt
import enum
import re
from typing import TYPE_CHECKING, Any, Self

import attrs

__all__ = [
    "Agency",
    "AgencyKind",
    "Champion",
    "Citation",
    "Compact",
    "Country",
    "DateSpan",
    "Document",
    "Event",
    "EventKind",
    "ExecutiveCommittee",
    "GuidingPrinciple",
    "Membership",
    "Name",
    "Network",
    "NetworkLevel",
    "Objective",
    "Observation",
    "Quantity",
    "ReviewForum",
    "ReviewForumEdition",
    "Snapshot",
    "Source",
    "SourceKind",
    "State",
    "Vote",
]

_ONE = r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?"
# Patterns are compiled on first use (`re` caches them): a first lookup never parses a span.
_SPAN = rf"(?P<first>{_ONE})(?:/(?P<last>{_ONE}))?(?P<inferred> \(inferred\))?"
_PART = _ONE
_INFERRED = " (inferred)"
_LANGUAGE = r"[a-z]{2}"
_ENGLISH = "en"


class NetworkLevel(enum.Enum):
    """Where a network on migration works."""

    GLOBAL = "global"
    #: The Continental UN Network on Migration for Africa, a tier of its own between the
    #: global Network and the regional networks; it is not one of the six regional networks.
    CONTINENTAL = "continental"
    REGIONAL = "regional"
    COUNTRY = "country"


class AgencyKind(enum.Enum):
    """The place of an entity in the UN system chart."""

    FUND_OR_PROGRAMME = "fund or programme"
    SPECIALIZED_AGENCY = "specialized agency"
    RELATED_ORGANIZATION = "related organization"
    OTHER_ENTITY = "other entity"
    RESEARCH_AND_TRAINING = "research and training institute"
    SECRETARIAT_DEPARTMENT = "secretariat department"
    SECRETARIAT_OFFICE = "secretariat office"
    REGIONAL_COMMISSION = "regional commission"


class SourceKind(enum.Enum):
    """How close a source stands to the fact it supports."""

    #: The Network's own site, IOM, UN, ECLAC or ESCWA pages, UN press releases.
    PRIMARY = "primary"
    #: News sites, blogs, school pages, parliamentary annexes, mirrors, aggregators, datasets.
    SECONDARY = "secondary"


def _last_day(year: int, month: int) -> int:
    """The number of days in *month* of *year* (the Gregorian calendar)."""
    if month == 2:  # noqa: PLR2004 - February
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def as_day(value: object, /, what: str = "day") -> dt.date:
    """Read *value* as a day: a `datetime.date` (a datetime gives its date) or an ISO string.

    Raises:
        TypeError: *value* is neither a date nor a string.
        ValueError: the string is not an ISO 8601 date.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            shown = repr(value[:40] + "…" if len(value) > 40 else value)  # noqa: PLR2004
            msg = f"expected the {what} as an ISO 8601 date (YYYY-MM-DD), got {shown}"
            raise ValueError(msg) from None
    msg = (
        f"expected the {what} as a datetime.date or an ISO 8601 string, got {type(value).__name__}"
    )
    raise TypeError(msg)


@attrs.frozen(order=True)
class DateSpan:
    """A date known to a day, a month, a year or between two bounds.

    Its text, ``str(span)``, always parses back: ``DateSpan.parse(str(span)) == span``.

    Attributes:
        earliest: The first day the fact can hold for.
        latest: The last day the fact can hold for.
        is_inferred: Whether the span is reasoned from other facts rather than read in a source.

    >>> DateSpan.parse("2020")
    DateSpan('2020')
    >>> DateSpan.parse("2022-02-15").is_exact
    True
    >>> str(DateSpan.parse("2021-03-18/2021-06-24 (inferred)"))
    '2021-03-18/2021-06-24 (inferred)'
    """

    earliest: dt.date
    latest: dt.date
    is_inferred: bool = False

    @classmethod
    def exact(cls, day: dt.date, /) -> Self:
        """Return the span of one day.

        >>> DateSpan.exact(dt.date(2022, 2, 15)).latest
        datetime.date(2022, 2, 15)
        """
        return cls(day, day)

    @classmethod
    def parse(cls, text: str, /) -> Self:
        """Parse a span from its text: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or two of them.

        Two forms joined by ``/`` give the span from the first day of the first to the last day
        of the second; a trailing ``" (inferred)"`` marks the span as inferred. These are the
        forms ``str()`` writes.

        Raises:
            ValueError: The text is not one of those forms or names no real day.

        >>> DateSpan.parse("2021-12").latest
        datetime.date(2021, 12, 31)
        >>> DateSpan.parse("2021-03-18 (inferred)").is_inferred
        True
        """
        given: object = text  # callers without type checking may pass anything
        match = re.fullmatch(_SPAN, given) if isinstance(given, str) else None
        if match is None:
            msg = (
                "expected a date as YYYY, YYYY-MM or YYYY-MM-DD, or two joined by '/', "
                f"optionally followed by ' (inferred)', got {text!r}"
            )
            raise ValueError(msg)
        first = _bounds(match["first"])
        last = first if match["last"] is None else _bounds(match["last"])
        return cls(first[0], last[1], is_inferred=match["inferred"] is not None)

    @property
    def is_exact(self) -> bool:
        """Whether the span is a single day."""
        return self.earliest == self.latest

    def contains(self, day: dt.date, /) -> bool:
        """Whether *day* lies within the span.

        >>> DateSpan.parse("2020").contains(dt.date(2020, 6, 30))
        True
        """
        return self.earliest <= day <= self.latest

    def short(self) -> str | None:
        """The ``YYYY[-MM[-DD]]`` form of the span, or None if it has none.

        >>> DateSpan.parse("2021-03").short()
        '2021-03'
        """
        if self.is_inferred:
            return None
        first, last = self.earliest, self.latest
        if first == last:
            return first.isoformat()
        if first.day != 1 or last.year != first.year:
            return None
        if (first.month, last.month, last.day) == (1, 12, 31):
            return f"{first.year:04d}"
        if last.month == first.month and last.day == _last_day(last.year, last.month):
            return f"{first.year:04d}-{first.month:02d}"
        return None

    def __str__(self) -> str:
        short = self.short()
        if short is not None:
            return short
        text = self.earliest.isoformat()
        if not self.is_exact:
            text += f"/{self.latest.isoformat()}"
        return text + _INFERRED if self.is_inferred else text

    def __repr__(self) -> str:
        short = self.short()
        if short is not None:
            return f"DateSpan({short!r})"
        return (
            f"DateSpan(earliest={self.earliest!r}, latest={self.latest!r}, "
            f"is_inferred={self.is_inferred!r})"
        )


def _bounds(text: str) -> tuple[dt.date, dt.date]:
    """The first and last day that one ``YYYY[-MM[-DD]]`` form names."""
    match = re.fullmatch(_PART, text)
    assert match is not None  # noqa: S101 - _SPAN only matches such forms
    year, month, day = match.groups()
    if day is not None:
        exact = dt.date.fromisoformat(text)
        return exact, exact
    if month is not None:
        first = dt.date(int(year), int(month), 1)
        return first, first.replace(day=_last_day(first.year, first.month))
    return dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)


class _Record:
    """What every record shares: its view in a notebook."""

    __slots__ = ()

    def to_html(self, *, lang: str = "en") -> str:
        """The record as an HTML table of its fields, its sources numbered below it.

        With *lang*, acronyms are shown in that language where a source gives them.
        """
        from un_migration_network._html import record_html  # noqa: PLC0415 - notebooks only

        return record_html(self, lang=lang)

    def _repr_html_(self) -> str:
        """The record as an HTML table, for Jupyter and other notebooks."""
        return self.to_html()


@attrs.frozen
class Source(_Record):
    """A document that supports bundled facts.

    Attributes:
        id: The key records use to cite it.
        url: Where the document is published.
        title: The document's title where the reference names it.
        publisher: Who published it.
        published: When it was published, if known to the day.
        kind: Primary or secondary.

    >>> import un_migration_network as umn
    >>> umn.load().sources.lookup("seed-iom-mozambique-2022").publisher
    'IOM Mozambique'
    """

    id: str
    url: str
    title: str | None = None
    publisher: str | None = None
    published: dt.date | None = None
    kind: SourceKind = SourceKind.PRIMARY

    def __repr__(self) -> str:
        return f"Source(id={self.id!r})"


@attrs.frozen
class Citation:
    """The sources that support one field of a record.

    Attributes:
        field: The name of the field.
        sources: The sources that support its value.
    """

    field: str
    sources: tuple[Source, ...]


@attrs.frozen
class Name:
    """A name, acronym, title or short label in one language, as a source writes it.

    Attributes:
        lang: The language, as an ISO 639-1 code ("fr", "es").
        field: The English field it stands beside ("name", "acronym", "title", "short_label").
        text: The text as the source writes it.
        sources: The sources that write it.

    >>> import un_migration_network as umn
    >>> [n.text for n in umn.agencies.lookup("ILO").names if n.field == "acronym"][:2]
    ['OIT', 'OIT']
    """

    lang: str
    field: str
    text: str
    sources: tuple[Source, ...]


def language_code(lang: object) -> str:
    """*lang* as an ISO 639-1 code, lowercase; a TypeError or ValueError that says why not."""
    if not isinstance(lang, str):
        msg = f"expected a language as an ISO 639-1 code such as 'fr', got {type(lang).__name__}"
        raise TypeError(msg)
    code = lang.lower()
    if not re.fullmatch(_LANGUAGE, code):
        msg = f"expected a language as an ISO 639-1 code such as 'fr' or 'es', got {lang!r}"
        raise ValueError(msg)
    return code


class _Sourced(_Record):
    """What every record with sources shares: the sources of each field, names in languages."""

    __slots__ = ()

    def cite(self, field: str, /, *, lang: str | None = None) -> tuple["Source", ...]:
        """The sources that support one field; with *lang*, those of its name in that language.

        Every source returned is also in ``sources``; ``()`` where none is cited for the field.

        Raises:
            ValueError: The record has no field of that name.

        >>> import un_migration_network as umn
        >>> [s.id for s in umn.networks.lookup("Mozambique").cite("launched")]
        ['seed-iom-mozambique-2022']
        """
        record_type: Any = type(self)
        name: object = field  # callers without type checking may pass anything
        if not isinstance(name, str) or name not in attrs.fields_dict(record_type):
            names = ", ".join(attrs.fields_dict(record_type))
            msg = f"{record_type.__name__} has no field {field!r}; its fields are {names}"
            raise ValueError(msg)
        if lang is not None and language_code(lang) != _ENGLISH:
            code = language_code(lang)
            found = [
                source
                for name in getattr(self, "names", ())
                if name.lang == code and name.field == field
                for source in name.sources
            ]
            return tuple(dict.fromkeys(found))
        citations: tuple[Citation, ...] = getattr(self, "citations", ())
        for citation in citations:
            if citation.field == field:
                return citation.sources
        return ()

    def _in(self, field: str, lang: str) -> str | None:
        """The first text a source gives for *field* in *lang*; the English field for "en"."""
        code = language_code(lang)
        if code == _ENGLISH:
            value: str | None = getattr(self, field)
            return value
        names: tuple[Name, ...] = getattr(self, "names", ())
        return next((n.text for n in names if n.lang == code and n.field == field), None)

    def languages(self) -> tuple[str, ...]:
        """The languages the record has a name in: English first, then the others, sorted.

        >>> import un_migration_network as umn
        >>> umn.compact.languages()
        ('en', 'es', 'fr')
        """
        names: tuple[Name, ...] = getattr(self, "names", ())
        return (_ENGLISH, *sorted({n.lang for n in names} - {_ENGLISH}))


@attrs.frozen
class Agency(_Sourced):
    """An entity of the UN system.

    Attributes:
        id: Stable key, lowercase.
        acronym: The acronym as the Network writes it.
        name: The full English name.
        kind: Its place in the UN system chart.
        sources: What supports the record.
        aliases: Other ways people write it.
        website: Its website, scheme included.
        headquarters: Where it is based.
        names: Its name and acronym in other languages, each with its sources.
        citations: The sources of each field.

    >>> import un_migration_network as umn
    >>> umn.agencies.lookup("unhabitat").name
    'United Nations Human Settlements Programme'
    """

    id: str
    acronym: str
    name: str
    kind: AgencyKind
    sources: tuple[Source, ...]
    aliases: tuple[str, ...] = ()
    website: str | None = None
    headquarters: str | None = None
    names: tuple[Name, ...] = ()
    citations: tuple[Citation, ...] = ()

    def name_in(self, lang: str, /) -> str | None:
        """The name in *lang* as a source writes it; None where no source gives one.

        >>> import un_migration_network as umn
        >>> umn.agencies.lookup("UNHCR").name_in("en")
        'Office of the United Nations High Commissioner for Refugees'
        """
        return self._in("name", lang)

    def acronym_in(self, lang: str, /) -> str | None:
        """The acronym in *lang* as a source writes it; None where no source gives one.

        >>> import un_migration_network as umn
        >>> umn.agencies.lookup("IOM").acronym_in("fr")
        'OIM'
        """
        return self._in("acronym", lang)

    def __str__(self) -> str:
        return f"{self.acronym} ({self.name})"

    def __repr__(self) -> str:
        return f"Agency(id={self.id!r}, acronym={self.acronym!r})"


@attrs.frozen
class Country(_Record):
    """A country or area, with its codes from the UN Statistics Division's M49 standard.

    Attributes:
        name: The M49 name.
        alpha2: ISO 3166-1 alpha-2 code (or a user-assigned code, see ``is_code_user_assigned``).
        alpha3: ISO 3166-1 alpha-3 code.
        m49: The M49 numeric code.
        region: The M49 region.
        sub_region: The M49 sub-region.
        is_code_user_assigned: Whether ``alpha2`` is a user-assigned code, not an official one.

    >>> import un_migration_network as umn
    >>> umn.networks.lookup("MZ").country.m49
    508
    """

    name: str
    alpha2: str
    alpha3: str | None = None
    m49: int | None = None
    region: str | None = None
    sub_region: str | None = None
    is_code_user_assigned: bool = False


@attrs.frozen
class Network(_Sourced):
    """A UN network on migration: the global Network, a continental, regional or country network.

    Attributes:
        id: Stable key, lowercase.
        name: Its name.
        level: Global, continental, regional or country.
        sources: What supports the record.
        country: The country or area a country network serves.
        region: The region a continental or regional network serves.
        aliases: Other names it goes by, as the sources write them.
        decided: When its establishment was decided.
        launched: When it was formally launched or established, as a day or a span; a first
            meeting or a page showing it at work is not a launch (see ``first_evidenced``).
        first_evidenced: The earliest date a source shows it existing: a launch, a first
            meeting, a page showing it at work, a list of networks.
        members: The member entities the sources evidence.
        declared_member_count: The number of members a source declares.
        is_membership_complete: Whether ``members`` is the whole membership.
        coordinator: The entity that coordinates it.
        co_chairs: The entities that chair it together, as the sources name them.
        names: Its name in other languages, each with its sources.
        citations: The sources of each field.

    >>> import un_migration_network as umn
    >>> umn.networks.lookup("global").declared_member_count
    38
    """

    id: str
    name: str
    level: NetworkLevel
    sources: tuple[Source, ...]
    country: Country | None = None
    region: str | None = None
    aliases: tuple[str, ...] = ()
    decided: DateSpan | None = None
    launched: DateSpan | None = None
    first_evidenced: DateSpan | None = None
    members: tuple[Agency, ...] = ()
    declared_member_count: int | None = None
    is_membership_complete: bool = False
    coordinator: Agency | None = None
    co_chairs: tuple[Agency, ...] = ()
    names: tuple[Name, ...] = ()
    citations: tuple[Citation, ...] = ()

    @property
    def country_code(self) -> str | None:
        """The ISO 3166-1 alpha-2 code of the country, or None."""
        return None if self.country is None else self.country.alpha2

    def name_in(self, lang: str, /) -> str | None:
        """The name in *lang* as a source writes it; None where no source gives one.

        >>> import un_migration_network as umn
        >>> umn.networks.lookup("global").name_in("es")
        'Red de las Naciones Unidas sobre la Migración'
        """
        return self._in("name", lang)

    def exists_on(self, day: dt.date | str, /) -> bool:
        """Whether the sources show the network existing on *day* (a date or an ISO string).

        A network first evidenced only within a span (a month, a year) counts from its last
        day; the sources record no network that ended.

        >>> import un_migration_network as umn
        >>> umn.networks.lookup("Mozambique").exists_on("2022-02-14")
        False
        """
        when = as_day(day)
        return self.first_evidenced is not None and self.first_evidenced.latest <= when

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"Network(id={self.id!r}, name={self.name!r}, level=<{self.level}>)"


if TYPE_CHECKING:
    from un_migration_network._committee import ExecutiveCommittee, Membership, Snapshot
    from un_migration_network._compact import (
        Champion,
        Compact,
        GuidingPrinciple,
        Objective,
        ReviewForum,
        ReviewForumEdition,
        State,
        Vote,
    )
    from un_migration_network._document import Document
    from un_migration_network._events import Event, EventKind, Observation, Quantity

_HOMES = {
    "Membership": "_committee",
    "Snapshot": "_committee",
    "ExecutiveCommittee": "_committee",
    "State": "_compact",
    "Champion": "_compact",
    "Objective": "_compact",
    "GuidingPrinciple": "_compact",
    "Vote": "_compact",
    "ReviewForumEdition": "_compact",
    "ReviewForum": "_compact",
    "Compact": "_compact",
    "EventKind": "_events",
    "Quantity": "_events",
    "Event": "_events",
    "Observation": "_events",
    "Document": "_document",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    import importlib  # noqa: PLC0415 - only when a class off the first-lookup path is named

    value = getattr(importlib.import_module(f"un_migration_network.{home}"), name)
    globals()[name] = value  # once imported, a plain attribute: no further call here
    return value
