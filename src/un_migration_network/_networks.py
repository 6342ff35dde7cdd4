"""The UN system's entities and the networks on migration they form."""

import datetime as dt
import enum
from collections.abc import Iterable
from typing import Any

from un_migration_network._countries import Country
from un_migration_network._dates import DateSpan, as_span
from un_migration_network._fields import field, record
from un_migration_network._kind import Column, Kind, attribute, define
from un_migration_network._pages import in_language
from un_migration_network._records import Citation, Name, Source, Sourced, citations_field, names_of

__all__ = [
    "AGENCIES",
    "NETWORKS",
    "Agency",
    "AgencyKind",
    "Network",
    "NetworkLevel",
    "country_name",
    "member_count",
]


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


@record
class Agency(Sourced):
    """An entity of the UN system.

    >>> import un_migration_network as umn
    >>> umn.agencies.lookup("unhabitat").name
    'United Nations Human Settlements Programme'
    """

    id: str = field("Stable key, lowercase.")
    acronym: str = field("The acronym as the Network writes it.", named=True)
    name: str = field("The full English name.", named=True, repr=False)
    kind: AgencyKind = field("Its place in the UN system chart.", repr=False)
    sources: tuple[Source, ...] = field("What supports the record.", uncited=True, repr=False)
    aliases: tuple[str, ...] = field(
        "Other ways people write it.", default=(), label="also known as", repr=False
    )
    website: str | None = field("Its website, scheme included.", default=None, repr=False)
    headquarters: str | None = field(
        "Where it is based.", default=None, label="based in", repr=False
    )
    names: tuple[Name, ...] = field(
        "Its name and acronym in other languages, each with its sources.",
        default=(),
        uncited=True,
        repr=False,
    )
    citations: tuple[Citation, ...] = citations_field()

    def name_in(self, lang: str, /) -> str | None:
        """The name in *lang* as a source writes it; None where no source gives one.

        >>> import un_migration_network as umn
        >>> umn.agencies.lookup("UNHCR").name_in("en")
        'Office of the United Nations High Commissioner for Refugees'
        """
        return self.text_in("name", lang)

    def acronym_in(self, lang: str, /) -> str | None:
        """The acronym in *lang* as a source writes it; None where no source gives one.

        >>> import un_migration_network as umn
        >>> umn.agencies.lookup("IOM").acronym_in("fr")
        'OIM'
        """
        return self.text_in("acronym", lang)

    def _short(self, lang: str) -> str:
        return self.acronym_in(lang) or self.acronym

    def _long(self, lang: str) -> str:
        return self.name_in(lang) or self.name

    def __str__(self) -> str:
        return f"{self.acronym} ({self.name})"


@record
class Network(Sourced):
    """A UN network on migration: the global Network, a continental, regional or country network.

    >>> import un_migration_network as umn
    >>> umn.networks.lookup("global").declared_member_count
    38
    """

    id: str = field("Stable key, lowercase.")
    name: str = field("Its name.", named=True)
    level: NetworkLevel = field("Global, continental, regional or country.")
    sources: tuple[Source, ...] = field("What supports the record.", uncited=True, repr=False)
    country: Country | None = field(
        "The country or area a country network serves.", default=None, repr=False
    )
    region: str | None = field(
        "The region a continental or regional network serves.", default=None, repr=False
    )
    aliases: tuple[str, ...] = field(
        "Other names it goes by, as the sources write them.",
        default=(),
        label="also known as",
        repr=False,
    )
    decided: DateSpan | None = field(
        "When its establishment was decided.", default=None, repr=False
    )
    launched: DateSpan | None = field(
        "When it was formally launched or established, as a day or a span; a first meeting "
        "or a page showing it at work is not a launch (see `first_evidenced`).",
        default=None,
        empty="not known",
        repr=False,
    )
    first_evidenced: DateSpan | None = field(
        "The earliest date a source shows it existing: a launch, a first meeting, a page "
        "showing it at work, a list of networks.",
        default=None,
        empty="not known",
        repr=False,
    )
    members: tuple[Agency, ...] = field(
        "The member entities the sources evidence.",
        default=(),
        empty="not listed",
        repr=False,
    )
    declared_member_count: int | None = field(
        "The number of members a source declares.",
        default=None,
        label="declared members",
        repr=False,
    )
    is_membership_complete: bool = field(
        "Whether `members` is the whole membership.",
        default=False,
        label="membership complete",
        repr=False,
    )
    coordinator: Agency | None = field("The entity that coordinates it.", default=None, repr=False)
    co_chairs: tuple[Agency, ...] = field(
        "The entities that chair it together, as the sources name them.",
        default=(),
        label="co-chairs",
        repr=False,
    )
    names: tuple[Name, ...] = field(
        "Its name in other languages, each with its sources.",
        default=(),
        uncited=True,
        repr=False,
    )
    citations: tuple[Citation, ...] = citations_field()

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
        return self.text_in("name", lang)

    def exists_on(self, day: dt.date | DateSpan | str, /) -> bool:
        """Whether the sources show the network existing on *day*, or at some point of a span.

        *day* is a date, a `DateSpan`, or text: a day, a month or a year ("2019" asks whether
        the network existed at some point of 2019). A network first evidenced only within a
        span (a month, a year) counts from its last day; the sources record no network that
        ended.

        Raises:
            TypeError: *day* is none of those.
            ValueError: the text is not a date.

        >>> import un_migration_network as umn
        >>> mz = umn.networks.lookup("Mozambique")
        >>> mz.exists_on("2022-02-14"), mz.exists_on("2022-02")
        (False, True)
        """
        when = as_span(day)
        return self.first_evidenced is not None and self.first_evidenced.latest <= when.latest

    def __str__(self) -> str:
        return self.name


def member_count(network: Network, _: str = "en") -> str:
    """A network's members as a count that never reads unknown as zero.

    >>> import un_migration_network as umn
    >>> member_count(umn.networks.lookup("global"))
    '14, incomplete (38 declared)'
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


def country_name(record: Network | Any) -> str | None:
    """The English name of a record's country: a key of its own, so suggestions read well.

    The country's other names and codes find the record through the countries (`Registry`).
    """
    country: Country | None = record.country
    return None if country is None else country.name


def _agency_keys(agency: Agency) -> Iterable[str]:
    return (agency.acronym, agency.name, *agency.aliases, agency.id, *names_of(agency))


def _network_keys(network: Network) -> Iterable[str | None]:
    return (
        network.name,
        country_name(network),
        network.region,
        *network.aliases,
        network.id,
        *names_of(network),
    )


_LEVELS = {level: rank for rank, level in enumerate(NetworkLevel)}


def _localized(field: str) -> Column:
    return Column(field, lambda record, lang: in_language(record, field, lang), is_text=True)


AGENCIES: Kind[Agency] = define(
    Kind(
        name="agency",
        plural="agencies",
        type=Agency,
        primary="id",
        keys=_agency_keys,
        order=lambda agency: agency.id,
        columns=(
            Column("id", attribute("id")),
            _localized("acronym"),
            _localized("name"),
            Column("kind", attribute("kind")),
        ),
        subject=lambda agency: agency.id,
        label="agencies",
        is_referenced=True,
    )
)
NETWORKS: Kind[Network] = define(
    Kind(
        name="network",
        plural="networks",
        type=Network,
        primary="id",
        keys=_network_keys,
        # The global Network first, then the continental, regional and country networks.
        order=lambda network: (_LEVELS[network.level], network.id),
        columns=(
            Column("id", attribute("id")),
            Column("level", attribute("level")),
            Column("ISO3", lambda n, _: None if n.country is None else n.country.alpha3),
            Column(
                "region",
                lambda n, _: n.region if n.country is None else n.country.region,
                is_text=True,
            ),
            Column("launched", attribute("launched")),
            Column("evidenced", attribute("first_evidenced")),
            Column("members", member_count, is_text=True),
        ),
        subject=lambda network: network.id,
        label="networks",
    )
)
