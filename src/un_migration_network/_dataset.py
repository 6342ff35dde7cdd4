"""The whole loaded data, immutable and indexed: one value, whatever document it came from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from un_migration_network._committee import ExecutiveCommittee
from un_migration_network._compact import (
    Champion,
    Compact,
    GuidingPrinciple,
    Objective,
    ReviewForum,
)
from un_migration_network._countries import COUNTRIES, Country
from un_migration_network._dates import as_span
from un_migration_network._events import Event, Observation, Quantity
from un_migration_network._html import summary_html
from un_migration_network._kinds import KINDS, REGISTERED, Kind
from un_migration_network._networks import Agency, Network, NetworkLevel
from un_migration_network._query import get, lookup, singleton_keys
from un_migration_network._records import Source, language_code
from un_migration_network._registry import Registry
from un_migration_network.exceptions import DataError, DataProblem

if TYPE_CHECKING:
    from un_migration_network._diff import DatasetDiff

    #: What `Dataset.lookup` can answer with.
    Found = (
        Agency
        | Network
        | Champion
        | Country
        | Objective
        | GuidingPrinciple
        | Compact
        | ReviewForum
        | ExecutiveCommittee
    )

__all__ = ["Dataset"]

_About = Callable[[str], tuple[tuple[Any, ...], tuple[Any, ...]]]


@attrs.frozen
class Dataset:
    """The whole data: every record, indexed, as of one date.

    Get the bundled one with `load`, or build one from your own document with `load_dataset`.

    Attributes:
        as_of: The date the data holds for: the data's version.
        sources: Every source the records cite.
        countries: Every country or area of the M49 standard, and Kosovo.
        agencies: The UN system entities.
        networks: The global, continental, regional and country networks on migration.
        champions: The GCM Champion countries.
        objectives: The GCM's 23 objectives.
        principles: The GCM's 10 guiding principles.
        events: Dated happenings: decisions, meetings, reviews.
        observations: Figures that sources report at a date.
        executive_committee: The Network's Executive Committee.
        compact: The GCM's own facts.

    >>> import un_migration_network as umn
    >>> ds = umn.load()
    >>> ds.compact.resolution, ds.networks.lookup("MZ").id
    ('A/RES/73/195', 'mozambique')
    """

    as_of: dt.date
    sources: Registry[Source]
    countries: Registry[Country]
    agencies: Registry[Agency]
    networks: Registry[Network]
    champions: Registry[Champion]
    objectives: Registry[Objective]
    principles: Registry[GuidingPrinciple]
    events: Registry[Event]
    observations: Registry[Observation]
    executive_committee: ExecutiveCommittee
    compact: Compact
    # The bundled data finds the events and figures about a record through its index.
    _about: _About | None = attrs.field(
        default=None, eq=False, hash=False, repr=False, alias="about"
    )

    @classmethod
    def of(
        cls, as_of: dt.date, parts: Mapping[str, Any], /, *, origin: str | None = None
    ) -> Dataset:
        """A dataset of *parts*: each kind's records by its plural name, and the two singletons.

        Raises:
            DataError: Two records of one kind share a lookup key.
        """
        problems: list[DataProblem] = []
        registries: dict[str, Registry[Any]] = {}
        notes = _notes(parts)
        for kind in REGISTERED:
            try:
                registries[kind.plural] = Registry(
                    parts.get(kind.plural, ()),
                    kind=kind,
                    countries=registries.get(COUNTRIES.plural),
                    missing=notes.get(kind.plural),
                )
            except DataError as error:
                problems.extend(error.problems)
                registries[kind.plural] = Registry((), kind=kind)
        if problems:
            raise DataError(problems, origin=origin)
        return cls(
            as_of,
            registries["sources"],
            registries["countries"],
            registries["agencies"],
            registries["networks"],
            registries["champions"],
            registries["objectives"],
            registries["principles"],
            registries["events"],
            registries["observations"],
            parts["executive_committee"],
            parts["compact"],
        )

    def __attrs_post_init__(self) -> None:
        # A table of countries joins each one's network, Champion and vote: its registry
        # reaches the dataset it belongs to (`Registry.to_dataframe`).
        for kind in REGISTERED:
            self.registry(kind)._adopt(self)  # noqa: SLF001 - the registry's own hook

    def __reduce__(self) -> tuple[Any, ...]:
        # A copy is built from the public fields, so any pickle protocol works.
        fields = [f for f in attrs.fields(Dataset) if f.name != "_about"]
        return (_rebuild, tuple(getattr(self, field.name) for field in fields))

    def registry(self, kind: Kind[Any] | str, /) -> Registry[Any]:
        """The registry of one kind of record, by its `Kind` or its plural name ("networks").

        Raises:
            KeyError: No kind of the dataset's registries has that name.

        >>> import un_migration_network as umn
        >>> umn.load().registry("champions").kind
        'champion'
        """
        plural = kind if isinstance(kind, str) else kind.plural
        if plural not in {k.plural for k in REGISTERED}:
            raise KeyError(plural)
        registry: Registry[Any] = getattr(self, plural)
        return registry

    def walk(self) -> Iterator[tuple[str, Any]]:
        """Every record of the dataset, with the id that validation reports it under.

        The records of every kind come first (sources included), in the table's order, then
        the Executive Committee with its seats and member lists, then the Compact with its
        review forum and the forum's editions.

        >>> import un_migration_network as umn
        >>> dict(umn.load().walk())["objective-13"].number
        13
        """
        for kind in REGISTERED:
            for record in self.registry(kind):
                yield kind.subject(record), record
        committee = self.executive_committee
        yield "executive-committee", committee
        for membership in committee.memberships:
            yield f"executive-committee/{membership.agency.id}", membership
        for snapshot in committee.snapshots:
            yield f"executive-committee@{snapshot.as_of}", snapshot
        yield "gcm", self.compact
        forum = self.compact.review_forum
        yield "imrf", forum
        for edition in forum.editions:
            yield f"imrf-{edition.year}", edition

    def parts(self) -> dict[str, Any]:
        """Each kind's records (a tuple) or one record, by its plural name, in the table's order."""
        return {
            kind.plural: getattr(self, kind.plural)
            if kind.is_singleton
            else tuple(self.registry(kind))
            for kind in KINDS
        }

    def to_json(self) -> str:
        """The whole dataset as one canonical JSON document: sorted keys, stable, UTF-8.

        `load_dataset` reads it back into an equal dataset.

        >>> import json, un_migration_network as umn
        >>> json.loads(umn.load().to_json())["compact"]["resolution"]
        'A/RES/73/195'
        """
        from un_migration_network._document import write  # noqa: PLC0415 - writing only

        return write(self.as_of, self.parts()).text

    def about(self, subject: str, /) -> tuple[tuple[Event, ...], tuple[Observation, ...]]:
        """The events and the figures about one record, by its id ("mozambique", "gcm").

        >>> import un_migration_network as umn
        >>> events, figures = umn.load().about("mozambique")
        >>> [str(event.date) for event in events]
        ['2022-02-16']
        """
        if self._about is not None:
            return self._about(subject)
        return (
            tuple(e for e in self.events if e.subject == subject),
            tuple(o for o in self.observations if o.subject == subject),
        )

    def singleton(self, kind: Kind[Any], /) -> Any:
        """The record a document holds one of: the Compact or the Executive Committee.

        >>> import un_migration_network as umn
        >>> from un_migration_network._kinds import kind_named
        >>> umn.load().singleton(kind_named("compact")).acronym
        'GCM'
        """
        return getattr(self, kind.plural)

    def singleton_keys(self) -> dict[str, frozenset[str]]:
        """The folded keys that name the Compact, its review forum and the Committee."""
        return singleton_keys(self.compact)

    def networks_on(self, day: dt.date | str, /) -> tuple[Network, ...]:
        """The networks the sources show existing on *day*, or at some point of a span.

        *day* is a date or text: a day, a month or a year ("2019": the networks that existed
        at some point of 2019). A network counts from the last day of its
        ``first_evidenced`` span; one the sources never date is not counted.

        Raises:
            TypeError: *day* is neither a date nor text.
            ValueError: the text is not a date.

        >>> import un_migration_network as umn
        >>> [n.id for n in umn.load().networks_on("2018-12-31")]
        ['global']
        """
        when = as_span(day)
        return tuple(network for network in self.networks if network.exists_on(when))

    def networks_of(self, agency: Agency | str, /) -> tuple[Network, ...]:
        """Every network the sources list *agency* (a record or any of its keys) as a member of.

        Raises:
            NotFoundError: No agency has that key.

        >>> import un_migration_network as umn
        >>> [n.id for n in umn.load().networks_of("UN-Habitat")]
        ['mozambique']
        """
        member = agency if isinstance(agency, Agency) else self.agencies.lookup(agency)
        return tuple(network for network in self.networks if member in network.members)

    def networks_in(self, country: Country | str | int, /) -> tuple[Network, ...]:
        """The networks of one country, by the country's record or any name or code of it.

        Raises:
            NotFoundError: No country has that key.

        >>> import un_migration_network as umn
        >>> [n.id for n in umn.load().networks_in("MOZ")]
        ['mozambique']
        >>> umn.load().networks_in("Guatemala")
        ()
        """
        found = country if isinstance(country, Country) else self.countries.lookup(country)
        return tuple(network for network in self.networks if network.country == found)

    def lookup(self, query: str, /) -> Found:
        """The one record of any kind that *query* names: what ``show`` shows.

        A query may name its kind first ("objective 13", "principle c", "champion Kenya");
        "gcm", "executive committee" and "imrf" (or their names) name the Compact, the
        Committee and the review forum. Where records of several kinds share the key, the
        kind of the lower rank wins (a network before a Champion, a Champion before a
        country); within one rank, the query is ambiguous.

        Raises:
            NotFoundError: Nothing matches; its suggestions come from every kind.
            AmbiguousError: Records of two kinds of one rank share the key.

        >>> import un_migration_network as umn
        >>> umn.load().lookup("objective 13").short_label
        'Alternatives to detention'
        >>> umn.load().lookup("Guatemala").alpha3
        'GTM'
        """
        return lookup(self, query)

    def get(self, query: str, /) -> Found | None:
        """Like `lookup`, but None where nothing, or more than one kind, matches.

        >>> import un_migration_network as umn
        >>> umn.load().get("Atlantis") is None
        True
        """
        return get(self, query)

    def diff(self, other: Dataset, /) -> DatasetDiff:
        """What changed from this dataset to *other*: records added, removed and changed.

        >>> import json, un_migration_network as umn
        >>> bool(umn.load().diff(umn.load_dataset(json.loads(umn.load().to_json()))))
        False
        """
        from un_migration_network._diff import diff  # noqa: PLC0415 - releases only

        return diff(self, other)

    def citation(self, *, style: str = "text") -> str:
        """How to cite this data release: as text, or as a BibTeX entry (``style="bibtex"``).

        Raises:
            ValueError: *style* is neither "text" nor "bibtex".

        >>> import un_migration_network as umn
        >>> "data as of" in umn.load().citation()
        True
        """
        from un_migration_network._citation import cite  # noqa: PLC0415 - on request only

        return cite(self.as_of, style=style)

    def to_dataframes(self, *, lang: str = "en", backend: str = "pandas") -> dict[str, Any]:
        """Every table of the data as a DataFrame, keyed by name; the ids join.

        One frame per kind (``"networks"``, ``"countries"``, ...; the countries with each
        one's ``network``, ``champion`` and ``gcm_vote``); the Executive Committee's
        ``"committee_seats"`` and ``"committee_lists"``; the ``"review_forum"`` and its
        ``"review_forum_editions"``; and the long tables ``"network_members"``,
        ``"network_co_chairs"``, ``"committee_list_members"``, ``"votes"`` (the States the
        Compact's recorded vote names), ``"names"`` (every name in every language) and
        ``"citations"`` (kind, record, field, language, source). *backend* is "pandas" (the
        ``pandas`` extra) or "polars" (the ``polars`` extra); both give the same columns,
        types and values.

        Raises:
            ImportError: The backend's library is not installed.
            TypeError: *lang* is not a string.
            ValueError: *backend* is neither, or *lang* is not an ISO 639-1 code.

        >>> import un_migration_network as umn
        >>> frames = umn.load().to_dataframes()
        >>> members = frames["network_members"]
        >>> sorted(members[members.network == "mozambique"].agency)[:2]
        ['fao', 'iom']
        """
        from un_migration_network._frames import dataframes  # noqa: PLC0415 - pandas only

        return dataframes(self, lang=lang, backend=backend)

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(self.registry(kind))} {kind.plural}" for kind in REGISTERED)
        return f"<Dataset as of {self.as_of.isoformat()}: {counts}>"

    def to_html(self, *, lang: str = "en") -> str:
        """A summary table: how many records of each kind, as of which date.

        Raises:
            TypeError: *lang* is not a string.
            ValueError: *lang* is not an ISO 639-1 code.
        """
        # Checked as every view checks it, though the summary holds no name to translate.
        language_code(lang)
        rows = [(kind.label, str(len(self.registry(kind)))) for kind in REGISTERED]
        members = ", ".join(a.acronym for a in self.executive_committee.members)
        rows.append(("Executive Committee", members))
        rows.append(("Compact", f"{self.compact}, {self.compact.resolution}"))
        return summary_html(f"UN Network on Migration data as of {self.as_of.isoformat()}", rows)

    def _repr_html_(self) -> str:
        """A summary table for notebooks."""
        return self.to_html()


def _rebuild(*fields: Any) -> Dataset:
    return Dataset(*fields)


def _notes(parts: Mapping[str, Any]) -> dict[str, str]:
    """What a miss on a country says of the data's coverage, for networks and Champions."""
    networks: tuple[Network, ...] = tuple(parts.get("networks", ()))
    observations: tuple[Observation, ...] = tuple(parts.get("observations", ()))
    globals_ = {n.id for n in networks if n.level is NetworkLevel.GLOBAL}
    listed = sum(1 for n in networks if n.level is NetworkLevel.COUNTRY)
    counted = _latest(
        o
        for o in observations
        if o.subject in globals_ and o.quantity is Quantity.COUNTRY_NETWORKS and o.scope is None
    )
    network_note = f"the data lists no network there (it lists {listed}"
    if counted is not None and counted.value > listed:
        network_note += f" of the {counted.figure} country networks the sources count"
    else:
        network_note += " country networks"
    champions = len(tuple(parts.get("champions", ())))
    champion_note = f"the data does not list it among the {champions} GCM Champion countries"
    return {"networks": network_note + ")", "champions": champion_note}


def _latest(observations: Iterator[Observation] | Any) -> Observation | None:
    found = sorted(observations, key=lambda o: (o.as_of.earliest, o.as_of.latest))
    return found[-1] if found else None
