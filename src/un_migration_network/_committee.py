"""The Network's Executive Committee: its seats over time and the member lists sources give."""

import datetime as dt

from un_migration_network._dates import DateSpan, as_day
from un_migration_network._fields import field, record
from un_migration_network._kind import Kind, define
from un_migration_network._networks import Agency
from un_migration_network._records import Citation, Source, Sourced, citations_field

__all__ = ["COMMITTEE", "ExecutiveCommittee", "Membership", "Snapshot"]


@record
class Membership(Sourced):
    """One entity's seat on the Executive Committee, with when it held it.

    >>> import un_migration_network as umn
    >>> str(umn.executive_committee.memberships[-1].since)
    '2020-03-05/2021-12-31 (inferred)'
    """

    agency: Agency = field("The member.")
    since: DateSpan = field("When the seat began (a span when only bounded by evidence).")
    sources: tuple[Source, ...] = field("What supports it.", uncited=True, repr=False)
    until: DateSpan | None = field("When it ended, or None while it holds.", default=None)
    citations: tuple[Citation, ...] = citations_field()

    def holds_on(self, day: dt.date | str, /) -> bool:
        """Whether the sources show the seat held on *day* (a date or an ISO string).

        >>> import un_migration_network as umn
        >>> umn.executive_committee.memberships[0].holds_on("2019-11-14")
        True
        """
        when = as_day(day)
        return self.since.latest <= when and (self.until is None or when < self.until.earliest)


@record
class Snapshot(Sourced):
    """A list of members that one source gives at one date.

    >>> import un_migration_network as umn
    >>> [s.is_complete for s in umn.executive_committee.snapshots][:4]
    [True, False, False, True]
    """

    as_of: DateSpan = field("The date the list holds for.", label="as of")
    members: tuple[Agency, ...] = field("The entities named.")
    sources: tuple[Source, ...] = field("The source of the list.", uncited=True, repr=False)
    is_complete: bool = field(
        "Whether the source names the whole membership.", default=True, label="complete"
    )
    citations: tuple[Citation, ...] = citations_field()


@record
class ExecutiveCommittee(Sourced):
    """The Network's Executive Committee, with its membership over time.

    >>> import un_migration_network as umn
    >>> umn.executive_committee.coordinator.acronym
    'IOM'
    """

    coordinator: Agency = field("The Network's coordinator (IOM).", repr=False)
    secretariat: Agency = field("The entity that hosts the secretariat (IOM).", repr=False)
    memberships: tuple[Membership, ...] = field("Each seat with its dates.", repr=False)
    as_of: dt.date = field("The latest date the membership is evidenced for.", label="as of")
    sources: tuple[Source, ...] = field("What supports the record.", uncited=True, repr=False)
    snapshots: tuple[Snapshot, ...] = field(
        "The dated member lists the sources give.", default=(), label="member lists", repr=False
    )
    citations: tuple[Citation, ...] = citations_field()

    @property
    def members(self) -> tuple[Agency, ...]:
        """The members as of ``as_of``."""
        return self.members_on(self.as_of)

    def members_on(self, day: dt.date | str, /) -> tuple[Agency, ...]:
        """The members the sources show on *day*: a `datetime.date` or an ISO 8601 string.

        A seat whose start is known only between two dates counts from the later one. The
        sources say nothing after `as_of`: for a later day the answer is the membership as
        last evidenced, not a claim about that day.

        Raises:
            TypeError: *day* is neither a date nor a string.
            ValueError: *day* is a string that is not an ISO 8601 date.

        >>> import datetime as dt, un_migration_network as umn
        >>> committee = umn.executive_committee
        >>> [a.acronym for a in committee.members_on(dt.date(2022, 2, 15))][-1]
        'WHO'
        >>> [a.acronym for a in committee.members_on("2019-11-14")][:3]
        ['IOM', 'ILO', 'UNHCR']
        """
        when = as_day(day)
        return tuple(m.agency for m in self.memberships if m.holds_on(when))

    def __str__(self) -> str:
        return "The Executive Committee of the UN Network on Migration"

    def __repr__(self) -> str:
        members = tuple(agency.acronym for agency in self.members)
        return f"ExecutiveCommittee(as_of={self.as_of!r}, members={members!r})"


COMMITTEE: Kind[ExecutiveCommittee] = define(
    Kind(
        name="executive committee",
        plural="executive_committee",
        type=ExecutiveCommittee,
        primary="as_of",
        keys=lambda _: (),
        order=lambda _: 0,
        columns=(),
        subject=lambda _: "executive-committee",
        label="Executive Committee",
        is_searchable=False,
        is_singleton=True,
    )
)
