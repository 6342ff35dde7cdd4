"""Dated happenings and dated figures: what sources report, and when."""

import enum
from collections.abc import Iterable

from un_migration_network._dates import DateSpan
from un_migration_network._fields import field, record
from un_migration_network._kind import Column, Kind, attribute, define
from un_migration_network._records import Citation, Source, Sourced, citations_field

__all__ = [
    "EVENTS",
    "OBSERVATIONS",
    "Event",
    "EventKind",
    "Observation",
    "Quantity",
    "conflated",
    "disagreements",
]


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
    #: Regional and country networks counted together ("more than 80 regional and national
    #: branches").
    REGIONAL_AND_COUNTRY_NETWORKS = "regional and country networks"
    MEMBER_ENTITIES = "member entities"
    MEMBER_STATES = "member states"
    STATES_ADOPTING = "states adopting"
    CHAMPION_COUNTRIES = "champion countries"
    PLEDGES = "pledges"


@record
class Event(Sourced):
    """A dated happening: a decision, a meeting, a review, a founding.

    >>> import un_migration_network as umn
    >>> [str(e.date) for e in umn.load().events if e.subject == "mozambique"]
    ['2022-02-16']
    """

    id: str = field("Stable key.")
    name: str = field("What happened.", repr=False)
    kind: EventKind = field("What kind of event it is.", repr=False)
    date: DateSpan = field("When, as a day or a span.")
    subject: str = field(
        'The id of the network or agency it concerns ("gcm" for the Compact).', repr=False
    )
    sources: tuple[Source, ...] = field("What supports the record.", uncited=True, repr=False)
    place: str | None = field("Where, if known.", default=None, repr=False)
    citations: tuple[Citation, ...] = citations_field()

    def __str__(self) -> str:
        return f"{self.date}: {self.name}"


@record
class Observation(Sourced):
    """A figure that a source reports at a date.

    >>> import un_migration_network as umn
    >>> sorted(o.value for o in umn.load().observations if o.quantity.value == "states adopting")
    [152, 164, 165]
    """

    id: str = field("Stable key.")
    subject: str = field('The id of the record it counts for ("gcm" for the Compact).', repr=False)
    quantity: Quantity = field("What is counted.", repr=False)
    value: int = field("The figure.")
    as_of: DateSpan = field("The date it holds for.", label="as of", repr=False)
    sources: tuple[Source, ...] = field("What reports it.", uncited=True, repr=False)
    is_lower_bound: bool = field(
        'Whether the source says "more than" the figure ("over 70").',
        default=False,
        label="more than",
        repr=False,
    )
    scope: str | None = field(
        'The area counted, where narrower than the subject\'s ("Africa").',
        default=None,
        repr=False,
    )
    citations: tuple[Citation, ...] = citations_field()

    @property
    def figure(self) -> str:
        """The figure as the source gives it: "more than 70", "34".

        >>> import un_migration_network as umn
        >>> umn.load().observations.lookup("regional-and-country-networks-2023-10-01").figure
        'more than 80'
        """
        return f"more than {self.value}" if self.is_lower_bound else str(self.value)

    def __str__(self) -> str:
        where = f" in {self.scope}" if self.scope else ""
        return f"{self.as_of}: {self.figure} {self.quantity.value}{where}"


def disagreements(observations: Iterable[Observation], /) -> list[tuple[Observation, ...]]:
    """Groups of figures that sources give for one thing on one date, and that differ.

    Figures of one subject, quantity and scope at different dates may just show growth; at
    one date, they disagree.

    >>> import un_migration_network as umn
    >>> groups = disagreements(umn.load().observations)
    >>> [sorted(o.value for o in group) for group in groups if group[0].subject == "gcm"]
    [[152, 164, 165]]
    """
    groups: dict[tuple[object, ...], list[Observation]] = {}
    for observation in observations:
        slot = (observation.subject, observation.quantity, observation.scope, observation.as_of)
        groups.setdefault(slot, []).append(observation)
    return [
        tuple(group)
        for group in groups.values()
        if len({(o.value, o.is_lower_bound) for o in group}) > 1
    ]


def conflated(observations: Iterable[Observation], in_favour: int, /) -> tuple[Observation, ...]:
    """The counts of States adopting the Compact that are the General Assembly's vote in favour.

    A/RES/73/195 was adopted by a recorded vote of 152 in favour on 19 December 2018 in New
    York; the intergovernmental conference in Marrakech had adopted the Compact on 10
    December, by acclamation. A "152 States adopting" mixes the two.
    """
    return tuple(
        o
        for o in observations
        if o.subject == "gcm" and o.quantity is Quantity.STATES_ADOPTING and o.value == in_favour
    )


EVENTS: Kind[Event] = define(
    Kind(
        name="event",
        plural="events",
        type=Event,
        primary="id",
        keys=lambda event: (event.id,),
        order=lambda event: event.id,
        columns=(
            Column("id", attribute("id")),
            Column("date", attribute("date")),
            Column("kind", attribute("kind")),
            Column("subject", attribute("subject")),
            Column("name", attribute("name"), is_text=True),
        ),
        subject=lambda event: event.id,
        label="events",
        is_searchable=False,
        is_required=False,
    )
)
OBSERVATIONS: Kind[Observation] = define(
    Kind(
        name="observation",
        plural="observations",
        type=Observation,
        primary="id",
        keys=lambda observation: (observation.id,),
        order=lambda observation: observation.id,
        columns=(
            Column("id", attribute("id")),
            Column("as of", attribute("as_of")),
            Column("subject", attribute("subject")),
            Column("quantity", attribute("quantity")),
            Column("value", lambda o, _: o.figure),
            Column("scope", attribute("scope"), is_text=True),
        ),
        subject=lambda observation: observation.id,
        label="observations",
        is_searchable=False,
        is_required=False,
    )
)
