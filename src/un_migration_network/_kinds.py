"""The one table of record kinds: what the loaders, the registries, the views and exports read.

A kind of record that a document holds (an array of sources, agencies, networks, ...; or one
record, the Compact and the Executive Committee) is described here once: its names, its
class, its lookup keys, its canonical order and its summary columns. Adding a kind is its
model, one `Kind` entry in `KINDS`, its `Dataset` field and its public name.
"""

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Generic, NamedTuple, TypeVar

import attrs

from un_migration_network._committee import ExecutiveCommittee
from un_migration_network._compact import Champion, Compact, GuidingPrinciple, Objective
from un_migration_network._countries import Country
from un_migration_network._dates import DateSpan
from un_migration_network._events import Event, Observation
from un_migration_network._networks import Agency, Network, NetworkLevel
from un_migration_network._normalize import variants
from un_migration_network._pages import in_language
from un_migration_network._records import Source

__all__ = ["KINDS", "Column", "Kind", "kind_named", "kind_of", "member_count"]

T = TypeVar("T")


class Column(NamedTuple):
    """One summary column: its header and how to read it off a record in a language."""

    header: str
    read: Callable[[Any, str], object]


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

    def key(self, record: T, /) -> str:
        """A record's primary key as text ("mozambique", "13", "MZ")."""
        return str(getattr(record, self.primary))

    @property
    def has_country(self) -> bool:
        """Whether its records name a country (a registry then finds them by its names)."""
        return "country" in attrs.fields_dict(self.type)


def member_count(network: Network, _: str = "en") -> str:
    """A network's members as a count that never reads unknown as zero.

    >>> import un_migration_network as umn
    >>> member_count(umn.networks.lookup("global"))
    '16, incomplete (38 declared)'
    """
    listed = len(network.members)
    if network.is_membership_complete:
        text = str(listed)
    elif listed:
        text = f"{listed}, incomplete"
    else:
        text = "not listed"
    declared = network.declared_member_count
    if declared is not None and declared != listed:
        text += f" ({declared} declared)"
    return text


def _names(record: Any) -> Iterator[str]:
    return (name.text for name in record.names)


def _source_keys(source: Source) -> Iterable[str]:
    return (source.id, source.url)


def _country_keys(country: Country) -> Iterator[str | int | None]:
    yield from (country.alpha2, country.alpha3, country.m49)
    if country.m49 is not None:
        yield f"{country.m49:03d}"  # M49 codes are written with three digits: "031"
    # A UNTERM name's bracketed article ("Gambia (the)") and a formal name's leading one
    # ("the Republic of Kenya") are folded: "Gambia", "The Gambia", "Republic of Kenya".
    yield from variants(country.name)
    if country.formal_name is not None:
        yield from variants(country.formal_name, formal=True)
    for name in country.names:
        yield from variants(name.text, formal=name.field == "formal_name")
    yield from country.aliases


def _agency_keys(agency: Agency) -> Iterable[str]:
    return (agency.acronym, agency.name, *agency.aliases, agency.id, *_names(agency))


def _country_name(record: Network | Champion) -> str | None:
    # Its country's other names and codes find it through the countries (see `Registry`);
    # the English name is a key of its own, for suggestions that read as people write.
    return None if record.country is None else record.country.name


def _network_keys(network: Network) -> Iterable[str | None]:
    return (
        network.name,
        _country_name(network),
        network.region,
        *network.aliases,
        network.id,
        *_names(network),
    )


def _champion_keys(champion: Champion) -> Iterable[str | None]:
    return (_country_name(champion), *champion.aliases, champion.id)


def _objective_keys(objective: Objective) -> Iterable[str | int]:
    yield from (objective.number, objective.short_label, objective.title)
    yield from objective.title_variants
    yield from _names(objective)


def _principle_keys(principle: GuidingPrinciple) -> Iterable[str]:
    return (principle.letter, principle.name, *_names(principle))


def _id_keys(record: Event | Observation) -> Iterable[str]:
    return (record.id,)


def _no_keys(_: object) -> Iterable[str]:
    return ()


_LEVELS = {level: rank for rank, level in enumerate(NetworkLevel)}


def _network_order(network: Network) -> tuple[int, str]:
    # The global Network first, then the continental, regional and country networks.
    return _LEVELS[network.level], network.id


def _alpha3(record: Network | Champion, _: str) -> str | None:
    return None if record.country is None else record.country.alpha3


def _region(network: Network, _: str) -> str | None:
    if network.country is not None:
        return network.country.region
    return network.region


def _span(name: str) -> Callable[[Any, str], DateSpan | None]:
    return lambda record, _: getattr(record, name)


def _attribute(name: str) -> Callable[[Any, str], object]:
    return lambda record, _: getattr(record, name)


def _localized(field: str) -> Callable[[Any, str], object]:
    return lambda record, lang: in_language(record, field, lang)


SOURCES: Kind[Source] = Kind(
    name="source",
    plural="sources",
    type=Source,
    primary="id",
    keys=_source_keys,
    order=lambda source: source.id,
    columns=(
        Column("id", _attribute("id")),
        Column("title", lambda s, _: s.title or s.publisher or s.url),
        Column("publisher", _attribute("publisher")),
        Column("published", _attribute("published")),
        Column("kind", _attribute("kind")),
    ),
    subject=lambda source: source.id,
    label="sources",
    is_searchable=False,
    is_referenced=True,
)
COUNTRIES: Kind[Country] = Kind(
    name="country",
    plural="countries",
    type=Country,
    primary="alpha2",
    keys=_country_keys,
    order=lambda country: country.alpha2,
    columns=(
        Column("ISO2", _attribute("alpha2")),
        Column("ISO3", _attribute("alpha3")),
        Column("M49", lambda c, _: None if c.m49 is None else f"{c.m49:03d}"),
        Column("name", _localized("name")),
        Column("region", _attribute("region")),
        Column("member", _attribute("is_member_state")),
    ),
    subject=lambda country: f"country-{country.alpha2}",
    label="countries and areas",
    # A country's page answers a query only where no network or Champion does.
    rank=2,
    is_required=False,
    is_referenced=True,
)
AGENCIES: Kind[Agency] = Kind(
    name="agency",
    plural="agencies",
    type=Agency,
    primary="id",
    keys=_agency_keys,
    order=lambda agency: agency.id,
    columns=(
        Column("id", _attribute("id")),
        Column("acronym", _localized("acronym")),
        Column("name", _localized("name")),
        Column("kind", _attribute("kind")),
    ),
    subject=lambda agency: agency.id,
    label="agencies",
    is_referenced=True,
)
NETWORKS: Kind[Network] = Kind(
    name="network",
    plural="networks",
    type=Network,
    primary="id",
    keys=_network_keys,
    order=_network_order,
    columns=(
        Column("id", _attribute("id")),
        Column("level", _attribute("level")),
        Column("ISO3", _alpha3),
        Column("region", _region),
        Column("launched", _span("launched")),
        Column("evidenced", _span("first_evidenced")),
        Column("members", member_count),
    ),
    subject=lambda network: network.id,
    label="networks",
)
CHAMPIONS: Kind[Champion] = Kind(
    name="champion",
    plural="champions",
    type=Champion,
    primary="id",
    keys=_champion_keys,
    order=lambda champion: champion.id,
    columns=(
        Column("id", _attribute("id")),
        Column("country", lambda c, lang: in_language(c.country, "name", lang)),
        Column("ISO3", _alpha3),
        Column("since", _attribute("since")),
    ),
    subject=lambda champion: f"champion-{champion.id}",
    label="Champion countries",
    rank=1,
    is_required=False,
)
OBJECTIVES: Kind[Objective] = Kind(
    name="objective",
    plural="objectives",
    type=Objective,
    primary="number",
    keys=_objective_keys,
    order=lambda objective: objective.number,
    columns=(
        Column("no", _attribute("number")),
        Column("label", _localized("short_label")),
        Column("title", _localized("title")),
    ),
    subject=lambda objective: f"objective-{objective.number}",
    label="objectives",
)
PRINCIPLES: Kind[GuidingPrinciple] = Kind(
    name="guiding principle",
    plural="principles",
    type=GuidingPrinciple,
    primary="letter",
    keys=_principle_keys,
    order=lambda principle: principle.letter,
    columns=(Column("letter", _attribute("letter")), Column("name", _localized("name"))),
    subject=lambda principle: f"principle-{principle.letter}",
    label="guiding principles",
)
EVENTS: Kind[Event] = Kind(
    name="event",
    plural="events",
    type=Event,
    primary="id",
    keys=_id_keys,
    order=lambda event: event.id,
    columns=(
        Column("id", _attribute("id")),
        Column("date", _attribute("date")),
        Column("kind", _attribute("kind")),
        Column("subject", _attribute("subject")),
        Column("name", _attribute("name")),
    ),
    subject=lambda event: event.id,
    label="events",
    is_searchable=False,
    is_required=False,
)
OBSERVATIONS: Kind[Observation] = Kind(
    name="observation",
    plural="observations",
    type=Observation,
    primary="id",
    keys=_id_keys,
    order=lambda observation: observation.id,
    columns=(
        Column("id", _attribute("id")),
        Column("as of", _attribute("as_of")),
        Column("subject", _attribute("subject")),
        Column("quantity", _attribute("quantity")),
        Column("value", lambda o, _: o.figure),
        Column("scope", _attribute("scope")),
    ),
    subject=lambda observation: observation.id,
    label="observations",
    is_searchable=False,
    is_required=False,
)
COMMITTEE: Kind[ExecutiveCommittee] = Kind(
    name="executive committee",
    plural="executive_committee",
    type=ExecutiveCommittee,
    primary="as_of",
    keys=_no_keys,
    order=lambda _: 0,
    columns=(),
    subject=lambda _: "executive-committee",
    label="Executive Committee",
    is_searchable=False,
    is_singleton=True,
)
COMPACT: Kind[Compact] = Kind(
    name="compact",
    plural="compact",
    type=Compact,
    primary="acronym",
    keys=_no_keys,
    order=lambda _: 0,
    columns=(),
    subject=lambda _: "gcm",
    label="Compact",
    is_searchable=False,
    is_singleton=True,
)

#: Every kind, in the order a document is structured: a kind comes after the kinds it refers
#: to (every record cites sources; networks name countries and agencies).
KINDS: tuple[Kind[Any], ...] = (
    SOURCES,
    COUNTRIES,
    AGENCIES,
    NETWORKS,
    CHAMPIONS,
    OBJECTIVES,
    PRINCIPLES,
    EVENTS,
    OBSERVATIONS,
    COMMITTEE,
    COMPACT,
)
#: The kinds a document holds as arrays, each a `Registry` of a `Dataset`.
REGISTERED: tuple[Kind[Any], ...] = tuple(kind for kind in KINDS if not kind.is_singleton)

_BY_PLURAL = {kind.plural: kind for kind in KINDS}
_BY_TYPE: dict[type, Kind[Any]] = {kind.type: kind for kind in KINDS}


def kind_named(plural: str, /) -> Kind[Any]:
    """The kind whose plural name is *plural* ("networks").

    Raises:
        KeyError: No kind has that name.

    >>> kind_named("principles").label
    'guiding principles'
    """
    return _BY_PLURAL[plural]


def kind_of(record_type: type, /) -> Kind[Any] | None:
    """The kind of records of *record_type*, or None for a type that is not a kind's.

    >>> kind_of(Country).plural
    'countries'
    """
    return _BY_TYPE.get(record_type)
