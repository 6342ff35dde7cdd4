"""Dated happenings and dated figures: what sources report, and when."""

import enum

import attrs

from un_migration_network._models import Citation, DateSpan, Source, _Sourced

__all__ = ["Event", "EventKind", "Observation", "Quantity"]


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


@attrs.frozen
class Event(_Sourced):
    """A dated happening: a decision, a meeting, a review, a founding.

    Attributes:
        id: Stable key.
        name: What happened.
        kind: What kind of event it is.
        date: When, as a day or a span.
        subject: The id of the network or agency it concerns ("gcm" for the Compact).
        sources: What supports the record.
        place: Where, if known.
        citations: The sources of each field.

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
    citations: tuple[Citation, ...] = ()

    def __repr__(self) -> str:
        return f"Event(id={self.id!r}, date={self.date!r})"


@attrs.frozen
class Observation(_Sourced):
    """A figure that a source reports at a date.

    Attributes:
        id: Stable key.
        subject: The id of the record it counts for ("gcm" for the Compact).
        quantity: What is counted.
        value: The figure.
        as_of: The date it holds for.
        sources: What reports it.
        is_lower_bound: Whether the source says "more than" the figure ("over 70").
        scope: The area counted, where narrower than the subject's ("Africa").
        citations: The sources of each field.

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
    is_lower_bound: bool = False
    scope: str | None = None
    citations: tuple[Citation, ...] = ()

    def __repr__(self) -> str:
        return f"Observation(id={self.id!r}, value={self.value!r})"
