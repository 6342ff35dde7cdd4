"""The record types: immutable, slotted attrs classes with one fixed field set each."""

import calendar
import datetime as dt
import enum
import re
from typing import Self

import attrs

__all__ = [
    "Agency",
    "AgencyKind",
    "Compact",
    "Country",
    "DateSpan",
    "Event",
    "EventKind",
    "ExecutiveCommittee",
    "GuidingPrinciple",
    "Membership",
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
    "Vote",
]

_SPAN = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


class NetworkLevel(enum.Enum):
    """Where a network on migration works."""

    GLOBAL = "global"
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
    #: News sites, encyclopedia mirrors, aggregators, datasets.
    SECONDARY = "secondary"


class EventKind(enum.Enum):
    """What kind of dated happening an `Event` records."""

    DECISION = "decision"
    FOUNDING = "founding"
    MEETING = "meeting"
    REVIEW = "review"
    ADMISSION = "admission"
    PRESENCE = "presence"
    LAUNCH = "launch"
    AGREEMENT = "agreement"
    RESOLUTION = "resolution"
    APPOINTMENT = "appointment"
    ENTRY_INTO_FORCE = "entry into force"


class Quantity(enum.Enum):
    """What an `Observation` counts."""

    COUNTRY_NETWORKS = "country networks"
    REGIONAL_NETWORKS = "regional networks"
    MEMBER_ENTITIES = "member entities"
    MEMBER_STATES = "member states"
    STATES_ADOPTING = "states adopting"
    CHAMPION_COUNTRIES = "champion countries"


@attrs.frozen(order=True)
class DateSpan:
    """A date known to a day, a month, a year or between two bounds.

    Attributes:
        earliest: The first day the fact can hold for.
        latest: The last day the fact can hold for.
        is_inferred: Whether the span is reasoned from other facts rather than read in a source.

    >>> DateSpan.parse("2020")
    DateSpan('2020')
    >>> DateSpan.parse("2022-02-15").is_exact
    True
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
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` into the span it names.

        Raises:
            ValueError: The text is not one of those forms or names no real day.

        >>> DateSpan.parse("2021-12").latest
        datetime.date(2021, 12, 31)
        """
        match = _SPAN.fullmatch(text)
        if match is None:
            msg = f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {text!r}"
            raise ValueError(msg)
        year, month, day = match.groups()
        if day is not None:
            return cls.exact(dt.date.fromisoformat(text))
        if month is not None:
            first = dt.date(int(year), int(month), 1)
            last = calendar.monthrange(first.year, first.month)[1]
            return cls(first, first.replace(day=last))
        return cls(dt.date(int(year), 1, 1), dt.date(int(year), 12, 31))

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
        if last.month == first.month and last.day == calendar.monthrange(last.year, last.month)[1]:
            return f"{first.year:04d}-{first.month:02d}"
        return None

    def __str__(self) -> str:
        short = self.short()
        if short is not None:
            return short
        text = self.earliest.isoformat()
        if not self.is_exact:
            text += f"/{self.latest.isoformat()}"
        return f"{text} (inferred)" if self.is_inferred else text

    def __repr__(self) -> str:
        short = self.short()
        if short is not None:
            return f"DateSpan({short!r})"
        return (
            f"DateSpan(earliest={self.earliest!r}, latest={self.latest!r}, "
            f"is_inferred={self.is_inferred!r})"
        )


class _Record:
    """What every record shares: its view in a notebook."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        """The record as an HTML table of its fields, for Jupyter and other notebooks."""
        from un_migration_network._html import record_html  # noqa: PLC0415 - notebooks only

        return record_html(self)


@attrs.frozen
class Source(_Record):
    """A document that supports bundled facts.

    Attributes:
        id: The key records use to cite it.
        title: The document's title where the reference names it.
        url: Where the document is published.
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
class Agency(_Record):
    """An entity of the UN system.

    Attributes:
        id: Stable key, lowercase.
        acronym: The acronym as the Network writes it.
        name: The full English name.
        aliases: Other ways people write it.
        kind: Its place in the UN system chart.
        website: Its website, scheme included.
        headquarters: Where it is based.
        sources: What supports the record.

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
class Network(_Record):
    """A UN network on migration: the global Network, a regional or a country network.

    Attributes:
        id: Stable key, lowercase.
        name: Its name.
        level: Global, regional or country.
        country: The country or area a country network serves.
        region: The region a regional network serves.
        aliases: Other names it goes by.
        decided: When its establishment was decided.
        launched: When it was launched, as a day or a span.
        members: The member entities the sources evidence.
        declared_member_count: The number of members a source declares.
        is_membership_complete: Whether ``members`` is the whole membership.
        coordinator: The entity that coordinates it.
        sources: What supports the record.

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
    members: tuple[Agency, ...] = ()
    declared_member_count: int | None = None
    is_membership_complete: bool = False
    coordinator: Agency | None = None

    @property
    def country_code(self) -> str | None:
        """The ISO 3166-1 alpha-2 code of the country, or None."""
        return None if self.country is None else self.country.alpha2

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"Network(id={self.id!r}, name={self.name!r}, level=<{self.level}>)"


@attrs.frozen
class Membership(_Record):
    """One entity's seat on the Executive Committee, with when it held it.

    Attributes:
        agency: The member.
        since: When the seat began (a span when only bounded by evidence).
        until: When it ended, or None while it holds.
        sources: What supports it.

    >>> import un_migration_network as umn
    >>> str(umn.executive_committee.memberships[-1].since)
    '2020-03-05/2021-12-31 (inferred)'
    """

    agency: Agency
    since: DateSpan
    sources: tuple[Source, ...]
    until: DateSpan | None = None

    def holds_on(self, day: dt.date, /) -> bool:
        """Whether the sources show the seat held on *day*."""
        return self.since.latest <= day and (self.until is None or day < self.until.earliest)


@attrs.frozen
class Snapshot(_Record):
    """A list of members that one source gives at one date.

    Attributes:
        as_of: The date the list holds for.
        members: The entities named.
        is_complete: Whether the source names the whole membership.
        sources: The source of the list.

    >>> import un_migration_network as umn
    >>> [s.is_complete for s in umn.executive_committee.snapshots]
    [True, False, True, True]
    """

    as_of: DateSpan
    members: tuple[Agency, ...]
    sources: tuple[Source, ...]
    is_complete: bool = True


@attrs.frozen
class ExecutiveCommittee(_Record):
    """The Network's Executive Committee, with its membership over time.

    Attributes:
        coordinator: The Network's coordinator (IOM).
        secretariat: The entity that hosts the secretariat (IOM).
        memberships: Each seat with its dates.
        snapshots: The dated member lists the sources give.
        as_of: The latest date the membership is evidenced for.
        sources: What supports the record.

    >>> import un_migration_network as umn
    >>> umn.executive_committee.coordinator.acronym
    'IOM'
    """

    coordinator: Agency
    secretariat: Agency
    memberships: tuple[Membership, ...]
    as_of: dt.date
    sources: tuple[Source, ...]
    snapshots: tuple[Snapshot, ...] = ()

    @property
    def members(self) -> tuple[Agency, ...]:
        """The members as of ``as_of``."""
        return self.members_on(self.as_of)

    def members_on(self, day: dt.date, /) -> tuple[Agency, ...]:
        """The members the sources show on *day*.

        A seat whose start is known only between two dates counts from the later one. The
        sources say nothing after `as_of`: for a later day the answer is the membership as
        last evidenced, not a claim about that day.

        >>> import datetime as dt, un_migration_network as umn
        >>> committee = umn.executive_committee
        >>> [a.acronym for a in committee.members_on(dt.date(2022, 2, 15))][-1]
        'WHO'
        >>> len(committee.members_on(dt.date(2019, 11, 14)))
        8
        """
        return tuple(m.agency for m in self.memberships if m.holds_on(day))

    def __repr__(self) -> str:
        members = tuple(agency.acronym for agency in self.members)
        return f"ExecutiveCommittee(as_of={self.as_of!r}, members={members!r})"


@attrs.frozen
class Objective(_Record):
    """One of the GCM's 23 objectives.

    Attributes:
        number: 1 to 23.
        title: The exact title, as listed in paragraph 16 of the Compact.
        title_variants: Other wordings of the title found in official material.
        short_label: The Network's short label.
        paragraph: The commitment paragraph (17 to 39).
        is_paragraph_inferred: Whether the paragraph number is inferred, not seen.
        round_table: The IMRF round table that covers it (A/RES/73/326).
        sources: What supports the record.

    >>> import un_migration_network as umn
    >>> umn.objectives.lookup("Remittances").number
    20
    """

    number: int
    title: str
    short_label: str
    paragraph: int
    sources: tuple[Source, ...]
    title_variants: tuple[str, ...] = ()
    is_paragraph_inferred: bool = False
    round_table: int | None = None

    def __str__(self) -> str:
        return f"Objective {self.number}: {self.title}"

    def __repr__(self) -> str:
        return f"Objective(number={self.number!r}, short_label={self.short_label!r})"


@attrs.frozen
class GuidingPrinciple(_Record):
    """One of the GCM's ten cross-cutting and interdependent guiding principles (paragraph 15).

    Attributes:
        letter: "a" to "j".
        name: Its name.
        paragraph: The paragraph that sets it out.
        is_letter_inferred: Whether the letter is inferred from the order, not seen.
        sources: What supports the record.

    >>> import un_migration_network as umn
    >>> umn.principles.lookup("child sensitive").letter
    'h'
    """

    letter: str
    name: str
    sources: tuple[Source, ...]
    paragraph: int = 15
    is_letter_inferred: bool = False

    def __str__(self) -> str:
        return f"({self.letter}) {self.name}"

    def __repr__(self) -> str:
        return f"GuidingPrinciple(letter={self.letter!r}, name={self.name!r})"


@attrs.frozen
class Vote(_Record):
    """A recorded vote of the General Assembly.

    Attributes:
        in_favour: Votes in favour.
        against: Votes against.
        abstentions: Abstentions.
        non_voting: Members present or absent that did not vote, if recorded.

    >>> import un_migration_network as umn
    >>> umn.compact.vote.against
    5
    """

    in_favour: int
    against: int
    abstentions: int
    non_voting: int | None = None


@attrs.frozen
class ReviewForumEdition(_Record):
    """One International Migration Review Forum.

    Attributes:
        year: The year it meets.
        dates: The days it met, if known.
        place: Where it met.
        progress_declaration_endorsed: When the General Assembly endorsed its Progress Declaration.
        sources: What supports the record.

    >>> import un_migration_network as umn
    >>> umn.compact.review_forum.editions[0].progress_declaration_endorsed
    datetime.date(2022, 6, 7)
    """

    year: int
    sources: tuple[Source, ...]
    dates: DateSpan | None = None
    place: str | None = None
    progress_declaration_endorsed: dt.date | None = None


@attrs.frozen
class ReviewForum(_Record):
    """The International Migration Review Forum (GCM paragraph 49).

    Attributes:
        name: Its name.
        acronym: IMRF.
        first_year: The year of the first forum.
        cadence_years: Years between forums.
        modalities_resolution: The resolution that set its format.
        editions: The forums held or scheduled.
        sources: What supports the record.

    >>> import un_migration_network as umn
    >>> umn.compact.review_forum.acronym, umn.compact.review_forum.cadence_years
    ('IMRF', 4)
    """

    name: str
    acronym: str
    first_year: int
    cadence_years: int
    modalities_resolution: str
    editions: tuple[ReviewForumEdition, ...]
    sources: tuple[Source, ...]


@attrs.frozen
class Compact(_Record):
    """The Global Compact for Safe, Orderly and Regular Migration's own facts.

    Attributes:
        name: The full title.
        acronym: GCM.
        adopted: The day the intergovernmental conference adopted it.
        adopted_at: Where it was adopted.
        endorsed: The day the General Assembly endorsed it.
        resolution: The endorsing resolution's symbol.
        vote: The recorded vote on the resolution.
        voted_against: The States that voted against.
        abstained: The States that abstained.
        review_forum: The International Migration Review Forum.
        sources: What supports the record.

    >>> import un_migration_network as umn
    >>> umn.compact.adopted_at, str(umn.compact.adopted)
    ('Marrakech, Morocco', '2018-12-10')
    """

    name: str
    acronym: str
    adopted: dt.date
    adopted_at: str
    endorsed: dt.date
    resolution: str
    vote: Vote
    review_forum: ReviewForum
    sources: tuple[Source, ...]
    voted_against: tuple[str, ...] = ()
    abstained: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})"

    def __repr__(self) -> str:
        return f"Compact(acronym={self.acronym!r}, resolution={self.resolution!r})"


@attrs.frozen
class Event(_Record):
    """A dated happening: a decision, a meeting, a review, a founding.

    Attributes:
        id: Stable key.
        name: What happened.
        kind: What kind of event it is.
        date: When, as a day or a span.
        subject: The id of the network or agency it concerns.
        place: Where, if known.
        sources: What supports the record.

    >>> import un_migration_network as umn
    >>> [str(e.date) for e in umn.load().events if e.subject == "mozambique"]
    ['2022-02-16']
    """

    id: str
    name: str
    kind: EventKind
    date: DateSpan
    subject: str
    sources: tuple[Source, ...]
    place: str | None = None


@attrs.frozen
class Observation(_Record):
    """A figure that a source reports at a date.

    Attributes:
        id: Stable key.
        subject: The id of the record it counts for ("gcm" for the Compact).
        quantity: What is counted.
        value: The figure.
        as_of: The date it holds for.
        sources: What reports it.

    >>> import un_migration_network as umn
    >>> sorted(o.value for o in umn.load().observations if o.quantity.value == "states adopting")
    [152, 164, 165]
    """

    id: str
    subject: str
    quantity: Quantity
    value: int
    as_of: DateSpan
    sources: tuple[Source, ...]
